#!/usr/bin/env python3
"""Time of the post-parse passes (references, references to other acts, definitions) and of the whole parse.

Usage (from the repository root):

    .venv/bin/python benchmarks/passes_bench.py
    .venv/bin/python benchmarks/passes_bench.py --against OTHER/.venv/bin/python --repeat 5

What is measured
----------------
* Inputs: the 1 MB twin acts of ``../shared/bench/twin_act.py`` (``eu`` and ``uk`` layouts), the
  1 MB Russian, Kazakh and English acts built from ``examples/ai_biometric_bill_*.txt`` (as in
  ``parse_bench.py``), and the GDPR of ``../shared/corpus`` (a real act with 700 references),
  when present.
* Each measurement runs in a fresh interpreter (``--worker``): it imports ``akn``, warms up on
  the first 20 kB of the input, then times ``akn.parse(text).xml`` and, inside it, the call of
  the pass runner (``akn.api.run_passes``, wrapped). Times are the CPU time of the process
  (``time.process_time``), which other work on a busy machine disturbs less than the wall
  clock. Best of ``--repeat`` runs for each figure.
* ``--against PYTHON`` runs the same workers with another interpreter (another checkout's
  environment, with its own ``akn``), alternating the two run by run, and prints the ratio of
  the pass times: a figure that does not depend on how busy the machine is at the time.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = Path(os.environ.get("AKN_SHARED", REPO.parent / "shared"))
WARMUP = 20_000


def worker(path: str) -> None:
    """In a fresh interpreter: one timed parse, with the pass runner timed inside it; a JSON line."""
    import akn
    import akn.api

    text = Path(path).read_text(encoding="utf-8")
    with contextlib.suppress(Exception):   # a truncated prefix may be rejected; only warming up
        _ = akn.parse(text[:WARMUP].rsplit("\n", 1)[0] + "\n").xml
    spent = []
    run_passes = akn.api.run_passes

    def timed(*args, **kwargs):
        start = time.process_time()
        try:
            return run_passes(*args, **kwargs)
        finally:
            spent.append(time.process_time() - start)
    akn.api.run_passes = timed
    start = time.process_time()
    doc = akn.parse(text)
    xml = doc.xml
    total = time.process_time() - start
    print(json.dumps({"total": total, "passes": sum(spent), "refs": xml.count(b"<ref ") + xml.count(b"<rref ")}))


def run(python: str, path: Path) -> dict:
    proc = subprocess.run([python, __file__, "--worker", str(path)], capture_output=True, text=True, check=False,
                          cwd=tempfile.gettempdir())
    if proc.returncode != 0:
        err = proc.stderr.strip().splitlines()
        raise RuntimeError(f"{python} failed on {path.name}: " + (err[-1] if err else "no output"))
    return json.loads(proc.stdout.strip().splitlines()[-1])


def inputs(shared: Path, out: Path) -> list[tuple[str, Path]]:
    sys.path.insert(0, str(REPO / "benchmarks"))
    import parse_bench

    found = []
    if (shared / "bench" / "twin_act.py").exists():
        for style in ("eu", "uk"):
            path = out / f"twin_{style}.txt"
            parse_bench.twin(shared, "1M", style, 1, path)
            found.append((f"twin {style} 1M", path))
    for lang in ("en", "ru", "kk"):
        path = out / f"bill_{lang}.txt"
        path.write_text(parse_bench.cyrillic_act(lang, 10**6)[0], encoding="utf-8")
        found.append((f"bill {lang} 1M", path))
    gdpr = shared / "corpus" / "eu_gdpr_2016_679_oj_en.txt"
    if gdpr.exists():
        found.append(("GDPR", gdpr))
    return found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3, help="fresh-interpreter runs per input (default: %(default)s)")
    ap.add_argument("--against", metavar="PYTHON", help="also run the workers with this interpreter and compare")
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder (corpus/, bench/)")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        worker(args.worker)
        return 0
    pythons = [sys.executable] + ([args.against] if args.against else [])
    print(f"passes benchmark  {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print("command: " + " ".join(["python", *sys.argv]))
    print(f"best of {args.repeat} fresh-interpreter runs; load average at start: "
          + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    head = f"{'input':<12} {'refs':>6} {'passes s':>9} {'parse s':>8} {'share':>6}"
    if args.against:
        head += f" {'other passes s':>15} {'other parse s':>14} {'passes ratio':>13} {'parse ratio':>12}"
    print("seconds of CPU time; share: passes / whole parse")
    print(head)
    print("-" * len(head))
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in inputs(args.shared, Path(tmp)):
            runs: dict[str, list[dict]] = {p: [] for p in pythons}
            for _ in range(args.repeat):
                for python in pythons:   # alternate: both see the same load
                    runs[python].append(run(python, path))
            best = {p: (min(r["passes"] for r in rs), min(r["total"] for r in rs), rs[0]["refs"])
                    for p, rs in runs.items()}
            passes, total, refs = best[sys.executable]
            line = f"{name:<12} {refs:>6} {passes:>9.3f} {total:>8.3f} {passes / total:>6.2f}"
            if args.against:
                o_passes, o_total, _ = best[args.against]
                line += f" {o_passes:>15.3f} {o_total:>14.3f} {passes / o_passes:>13.2f} {total / o_total:>12.2f}"
            print(line, flush=True)
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.against:
        print(f"ratio: this interpreter ({sys.executable}) / the other ({args.against}); below 1 is faster")
    return 0


if __name__ == "__main__":
    sys.exit(main())
