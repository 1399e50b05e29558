"""Rendering speed against parsing speed on the same act.

The target: rendering an act to HTML takes less time than parsing its text.
The act is the 5 MB twin act (EU layout) of ``../shared/bench/twin_act.py``,
or any plain-text act given on the command line.

    python benchmarks/render_bench.py                 # generates the 5M act
    python benchmarks/render_bench.py --size 1M
    python benchmarks/render_bench.py act.txt --runs 5

Prints the best of N runs (CPU time of this process, so that other work on
the machine disturbs the figures less; wall-clock in brackets) for
``akn.parse`` and for ``akn.render`` to HTML and Markdown.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TWIN = REPO.parent / "shared" / "bench" / "twin_act.py"


def best(fn, runs: int):
    cpu = wall = float("inf")
    result = None
    for _ in range(runs):
        c0, w0 = time.process_time(), time.perf_counter()
        result = fn()
        cpu = min(cpu, time.process_time() - c0)
        wall = min(wall, time.perf_counter() - w0)
    return result, cpu, wall


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("text", nargs="?", help="plain-text act (default: generate a twin act)")
    ap.add_argument("--size", default="5M", help="twin act size when no file is given (5M)")
    ap.add_argument("--style", default="eu", choices=["eu", "uk"], help="twin act layout")
    ap.add_argument("--runs", type=int, default=3, help="runs per measurement (best is kept)")
    args = ap.parse_args(argv)

    sys.path.insert(0, str(REPO))
    import akn

    if args.text:
        path = Path(args.text)
    else:
        if not TWIN.exists():
            print(f"{TWIN} is absent; give a plain-text act instead", file=sys.stderr)
            return 2
        path = Path(tempfile.gettempdir()) / f"akn-twin-{args.style}-{args.size}.txt"
        if not path.exists():
            subprocess.run([sys.executable, str(TWIN), args.size, "--style", args.style,
                            "-o", str(path)], check=True)
    data = path.read_bytes()
    mb = len(data) / 1e6

    # interleaved, so that a burst of load elsewhere on the machine hits both alike
    p_cpu = p_wall = h_cpu = h_wall = m_cpu = m_wall = float("inf")
    for _ in range(args.runs):
        doc, c, w = best(lambda: akn.parse(data), 1)
        p_cpu, p_wall = min(p_cpu, c), min(p_wall, w)
        html, c, w = best(lambda: akn.render(doc, to="html"), 1)
        h_cpu, h_wall = min(h_cpu, c), min(h_wall, w)
        md, c, w = best(lambda: akn.render(doc, to="md"), 1)
        m_cpu, m_wall = min(m_cpu, c), min(m_wall, w)
    elements = sum(1 for _ in doc.root.iter())

    print(f"act: {path} ({mb:.2f} MB of text, {elements} XML elements)")
    print(f"parse        {p_cpu:7.3f} s  ({p_wall:.3f} s wall)  {mb / p_cpu:6.2f} MB/s")
    print(f"render html  {h_cpu:7.3f} s  ({h_wall:.3f} s wall)  {len(html) / 1e6:.1f} MB out")
    print(f"render md    {m_cpu:7.3f} s  ({m_wall:.3f} s wall)  {len(md) / 1e6:.1f} MB out")
    ratio = h_cpu / p_cpu
    verdict = "faster than parsing" if ratio < 1 else "SLOWER than parsing"
    print(f"html render / parse = {ratio:.2f}  ({verdict})")
    return 0 if ratio < 1 else 1


if __name__ == "__main__":
    sys.exit(main())
