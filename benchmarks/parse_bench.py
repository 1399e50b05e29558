#!/usr/bin/env python3
"""Throughput and peak memory of `akn.parse` (plain text -> Akoma Ntoso XML bytes).

Usage (from the repository root):

    .venv/bin/python benchmarks/parse_bench.py
    .venv/bin/python benchmarks/parse_bench.py --sizes 1M --styles eu --no-bluebell --repeat 5

What is measured
----------------
* Inputs: the twin acts of ``../shared/bench/twin_act.py`` (one synthetic act, same seed, rendered
  in the ``eu`` and ``uk`` layouts) at each ``--sizes`` value, and Russian, Kazakh and English acts
  of about 1 MB and 5 MB built from the articles of ``examples/ai_biometric_bill_{ru,kk,en}.txt``
  (chapters and articles repeated in turn and renumbered so every number stays unique).
* Each measurement runs in a fresh interpreter (``--worker``): it imports ``akn``, warms up on a
  short prefix of the same input (so a lazily built grammar is not counted, as in the bluebell
  reference, which times its second and third parse in one process), records its peak RSS as the
  *baseline*, reads the input, and times ``akn.parse(text).xml`` with ``time.perf_counter``. Then
  it reports its peak RSS (``resource.getrusage(RUSAGE_SELF).ru_maxrss``) and counts the units in
  the XML. The best time of ``--repeat`` runs is kept; MB = 10**6 bytes of UTF-8 input.
* Memory per input byte = (peak RSS - baseline RSS) / input bytes, the largest of the runs.
* Reference: ``../shared/bench/bluebell_reference.sh SIZE`` (bluebell-akn 5.0 on its Rust path,
  parsing the bluebell-markup twin of the same act, best of 3), run in the same invocation just
  before and just after the akn runs of each size; the faster of the two is kept.
  ``akn/bb`` compares seconds per act, since the bluebell twin is about 15% larger in bytes.
* Linearity: time at 5M divided by time at 1M for the same style (the inputs are about 5x apart;
  the exact byte ratio is printed beside it).

Targets (from the project's requirements): akn/bb <= 1.0 at 1M and 5M (goal 0.5), linearity
<= 5.5, memory < 30 bytes per input byte, Cyrillic MB/s within 20% of English.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
DEFAULT_SHARED = Path(os.environ.get("AKN_SHARED", REPO.parent / "shared"))
MB = 10**6

# The units each input should come out with: the top-level unit's element name per layout.
TOP_UNIT = {"eu": "article", "uk": "section", "ru": "article", "kk": "article", "en": "article"}


# ----------------------------------------------------------------------------- sizes

def parse_size(text: str) -> int:
    """'100K' -> 100000, '1M' -> 1000000, '2.5M' -> 2500000, '4096' -> 4096 (K, M = 10**3, 10**6)."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmM]?)\s*", text)
    if not m:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (use e.g. 100K, 1M, 5M)")
    factor = {"": 1, "k": 10**3, "m": 10**6}[m.group(2).lower()]
    return int(float(m.group(1)) * factor)


# ----------------------------------------------------------------------------- worker

WARMUP_BYTES = 4000


def worker(path: str) -> None:
    """Run in a fresh interpreter: time akn.parse(text).xml once and print a JSON line."""
    import resource

    import akn

    parse = akn.parse  # resolves the lazy attribute (imports the parser modules)
    text = Path(path).read_text(encoding="utf-8")
    # Warm up on whole lines from the start of the same input; errors here do not matter.
    prefix = text[:WARMUP_BYTES].rsplit("\n", 1)[0] + "\n"
    with contextlib.suppress(Exception):  # a truncated prefix may be rejected; only warming up
        _ = parse(prefix).xml
    baseline_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    doc = parse(text)
    xml = doc.xml
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    units = {tag: xml.count(f"<{tag} ".encode()) + xml.count(f"<akn:{tag} ".encode())
             for tag in ("chapter", "part", "article", "section", "paragraph", "subsection",
                         "point", "recital")}
    print(json.dumps({
        "seconds": seconds, "input_bytes": len(text.encode("utf-8")), "input_chars": len(text),
        "xml_bytes": len(xml),
        "baseline_kb": baseline_kb, "peak_kb": peak_kb, "units": units,
        "warnings": len(getattr(doc, "warnings", []) or []),
    }))


def measure(path: Path, repeat: int) -> dict:
    """Best of *repeat* fresh-interpreter runs of the worker on *path*."""
    runs = []
    for _ in range(repeat):
        wall = time.perf_counter()
        proc = subprocess.run([sys.executable, __file__, "--worker", str(path)],
                              capture_output=True, text=True, check=False)
        wall = time.perf_counter() - wall
        if proc.returncode != 0:
            err = proc.stderr.strip().splitlines()
            raise RuntimeError(f"akn failed on {path.name}: " + (err[-1] if err else "no output"))
        run = json.loads(proc.stdout.strip().splitlines()[-1])
        run["wall"] = wall
        runs.append(run)
    best = min(runs, key=lambda r: r["seconds"])
    extra = max((r["peak_kb"] - r["baseline_kb"]) * 1024 for r in runs)
    return {**best, "runs": [r["seconds"] for r in runs],
            "peak_mb": max(r["peak_kb"] for r in runs) * 1024 / MB,
            "baseline_mb": best["baseline_kb"] * 1024 / MB,
            "bytes_per_byte": extra / best["input_bytes"],
            "mb_s": best["input_bytes"] / MB / best["seconds"],
            "wall": min(r["wall"] for r in runs)}


# ----------------------------------------------------------------------------- inputs

def twin(shared: Path, size: str, style: str, seed: int, out: Path) -> dict:
    """Write the twin act in *style* and return its structure counts (from --stats)."""
    proc = subprocess.run(
        [sys.executable, str(shared / "bench" / "twin_act.py"), size, "--style", style,
         "--seed", str(seed), "-o", str(out), "--stats"], capture_output=True, text=True, check=True)
    return json.loads(proc.stderr.strip().splitlines()[-1])


KZ_PATTERNS = {  # (chapter line, article line, first line of the signature block)
    "ru": (r"Глава (\d+)\. (.*)", r"Статья (\d+(?:-\d+)?)\. (.*)", "Президент Республики Казахстан"),
    "kk": (r"(\d+)-тарау\. (.*)", r"(\d+(?:-\d+)?)-бап\. (.*)",
           "Қазақстан Республикасының Президенті"),
    "en": (r"Chapter (\d+)\. (.*)", r"Article (\d+(?:-\d+)?)\. (.*)",
           "President of the Republic of Kazakhstan"),
}
KZ_FORMAT = {"ru": ("Глава {n}. {h}", "Статья {n}. {h}"),
             "kk": ("{n}-тарау. {h}", "{n}-бап. {h}"),
             "en": ("Chapter {n}. {h}", "Article {n}. {h}")}


def split_bill(lang: str) -> tuple[list[str], list[tuple[str, list[tuple[str, list[str]]]]], list[str]]:
    """Split an example bill into header lines, chapters [(heading, [(article heading, body)])]
    and the signature block."""
    chap_re, art_re, sign = KZ_PATTERNS[lang]
    lines = (EXAMPLES / f"ai_biometric_bill_{lang}.txt").read_text(encoding="utf-8").splitlines()
    end = lines.index(sign)
    header: list[str] = []
    chapters: list = []
    for line in lines[:end]:
        if m := re.fullmatch(chap_re, line):
            chapters.append((m.group(2), []))
        elif m := re.fullmatch(art_re, line):
            chapters[-1][1].append((m.group(2), []))
        elif not chapters:
            header.append(line)
        elif chapters[-1][1]:
            chapters[-1][1][-1][1].append(line)
    return header, chapters, lines[end:]


def cyrillic_act(lang: str, target_bytes: int) -> tuple[str, int]:
    """A long act in *lang* ('ru', 'kk' or 'en') of about *target_bytes*: the chapters of the
    example bill repeated in turn, chapters and articles renumbered 1, 2, 3 ... Returns the text
    and its article count.

    Every fourth repetition, the articles of a chapter are taken in reverse order, so that
    consecutive articles are not always the same pair.
    """
    header, chapters, signature = split_bill(lang)
    chap_fmt, art_fmt = KZ_FORMAT[lang]
    out = list(header)
    size = sum(len(x.encode("utf-8")) + 1 for x in out + signature)
    n_chap = n_art = 0
    while size < target_bytes:
        heading, articles = chapters[n_chap % len(chapters)]
        n_chap += 1
        if (n_chap // len(chapters)) % 4 == 3:
            articles = articles[::-1]
        block = [chap_fmt.format(n=n_chap, h=heading), ""]
        for art_heading, body in articles:
            n_art += 1
            block += [art_fmt.format(n=n_art, h=art_heading), *body]
        out += block
        size += sum(len(x.encode("utf-8")) + 1 for x in block)
    return "\n".join(out + signature) + "\n", n_art


# ----------------------------------------------------------------------------- bluebell

def bluebell(shared: Path, size: str, seed: int) -> dict:
    """Run the reference script; return best seconds, MB/s and input bytes of the bluebell twin."""
    env = dict(os.environ)
    if "PYTHON312" not in env:
        for candidate in ("/root/.pyenv/versions/3.12.1/bin/python3",):
            if Path(candidate).exists():
                env["PYTHON312"] = candidate
    args = ["bash", str(shared / "bench" / "bluebell_reference.sh"), size]
    if seed != 1:
        args += ["--seed", str(seed)]
    proc = subprocess.run(args, capture_output=True, text=True, env=env, check=False)
    out = proc.stdout
    m = re.search(r"input_bytes=(\d+) .*?seconds=([\d. ]+)", out)
    mbs = re.search(r"bluebell-rs MB/s: ([\d.]+)", out)
    if proc.returncode != 0 or not m or not mbs:
        tail = (proc.stderr or out).strip().splitlines()[-3:]
        raise RuntimeError("bluebell reference failed: " + " | ".join(tail))
    return {"input_bytes": int(m.group(1)), "seconds": min(map(float, m.group(2).split())),
            "mb_s": float(mbs.group(1))}


def reference(shared: Path, size: str, seed: int) -> dict | None:
    """bluebell() that reports a failure on stderr and returns None."""
    try:
        result = bluebell(shared, size, seed)
    except RuntimeError as exc:
        print(f"warning: {exc}", file=sys.stderr)
        return None
    print(f"  bluebell {size}: {result['seconds']:.3f} s", file=sys.stderr)
    return result


# ----------------------------------------------------------------------------- main

def akn_available() -> str | None:
    """None when akn.parse can be imported, else the reason."""
    proc = subprocess.run([sys.executable, "-c", "import akn; akn.parse"],
                          capture_output=True, text=True, check=False)
    if proc.returncode == 0:
        return None
    lines = proc.stderr.strip().splitlines()
    return lines[-1] if lines else f"exit status {proc.returncode}"


def fmt(value, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def print_table(headers: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = "  ".join(h.rjust(w) for h, w in zip(headers, widths))
    print(line)
    print("-" * len(line))
    for r in rows:
        print("  ".join(c.rjust(w) for c, w in zip(r, widths)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="Time akn.parse (text -> Akoma Ntoso XML bytes) on the twin acts and on "
                    "Cyrillic acts; compare with bluebell's Rust parser in the same run.")
    ap.add_argument("--sizes", default="100K,1M,5M",
                    help="comma-separated twin act sizes, K = 10**3, M = 10**6 (default: %(default)s)")
    ap.add_argument("--styles", default="eu,uk",
                    help="comma-separated twin act layouts: eu, uk (default: %(default)s)")
    ap.add_argument("--cyrillic-sizes", default="1M,5M",
                    help="sizes of the Russian/Kazakh/English acts built from the example bill; "
                         "'' to skip (default: %(default)s)")
    ap.add_argument("--repeat", type=int, default=3,
                    help="fresh-interpreter runs per input; the best is kept (default: %(default)s)")
    ap.add_argument("--seed", type=int, default=1, help="twin act seed (default: %(default)s)")
    ap.add_argument("--no-bluebell", action="store_true",
                    help="skip the bluebell reference (it needs Python >= 3.12 and PyPI once)")
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                    help="folder holding bench/twin_act.py (default: $AKN_SHARED or ../shared)")
    ap.add_argument("--json", type=Path, metavar="FILE", help="also write all figures as JSON")
    ap.add_argument("--worker", metavar="FILE", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        worker(args.worker)
        return 0

    styles = [s for s in args.styles.split(",") if s]
    bad = [s for s in styles if s not in ("eu", "uk")]
    if bad:
        ap.error(f"unknown style(s): {', '.join(bad)} (choose from eu, uk)")
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    cyr_sizes = [s.strip() for s in args.cyrillic_sizes.split(",") if s.strip()]
    for s in sizes + cyr_sizes:
        parse_size(s)  # validates
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    if not (args.shared / "bench" / "twin_act.py").exists():
        ap.error(f"{args.shared}/bench/twin_act.py not found; pass --shared DIR")

    reason = akn_available()
    if reason:
        print(f"akn.parse is not available in {sys.executable}: {reason}\n"
              "Nothing to measure yet: install the project (pip install -e .) with a parser that "
              "provides akn.parse, then run this again.", file=sys.stderr)
        return 1

    print(f"akn parse benchmark  {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} "
          f"{platform.release()}; Python {platform.python_version()}")
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}")
    print(f"best of {args.repeat} fresh-interpreter runs per input; MB = 10^6 bytes of input")
    print("load average at start: {:.2f} {:.2f} {:.2f}\n".format(*os.getloadavg()))

    results: dict = {"twin": [], "cyrillic": [], "linearity": {}, "argv": sys.argv[1:]}
    with tempfile.TemporaryDirectory(prefix="akn-bench-") as tmp:
        tmpdir = Path(tmp)
        bb: dict[str, dict] = {}
        for size in sizes:
            # The reference runs before and after the akn runs of each size, and the faster of
            # the two is kept, so that both parsers see the same load on a shared machine.
            bb_runs = [] if args.no_bluebell else [reference(args.shared, size, args.seed)]
            for style in styles:
                path = tmpdir / f"twin-{style}-{size}.txt"
                stats = twin(args.shared, size, style, args.seed, path)
                r = measure(path, args.repeat)
                found = r["units"][TOP_UNIT[style]]
                ref = bb.get(size)
                results["twin"].append({
                    "size": size, "style": style, **r, "expected_articles": stats["articles"],
                    "bluebell": ref, "ratio": r["seconds"] / ref["seconds"] if ref else None,
                    "units_ok": found == stats["articles"]})
                print(f"  measured {style} {size}: {r['seconds']:.3f} s", file=sys.stderr)
            if not args.no_bluebell:
                bb_runs.append(reference(args.shared, size, args.seed))
                done = [x for x in bb_runs if x]
                if done:
                    bb[size] = {**min(done, key=lambda x: x["seconds"]),
                                "all_seconds": [x["seconds"] for x in done]}
                for x in results["twin"]:
                    if x["size"] == size and size in bb:
                        x["bluebell"] = bb[size]
                        x["ratio"] = x["seconds"] / bb[size]["seconds"]

        for style in styles:
            by_size = {x["size"]: x for x in results["twin"] if x["style"] == style}
            if "1M" in by_size and "5M" in by_size:
                a, b = by_size["1M"], by_size["5M"]
                results["linearity"][style] = {
                    "time_ratio": b["seconds"] / a["seconds"],
                    "bytes_ratio": b["input_bytes"] / a["input_bytes"]}

        for size in cyr_sizes:
            for lang in ("en", "ru", "kk"):
                text, n_articles = cyrillic_act(lang, parse_size(size))
                path = tmpdir / f"bill-{lang}-{size}.txt"
                path.write_text(text, encoding="utf-8")
                r = measure(path, args.repeat)
                results["cyrillic"].append({
                    "size": size, "lang": lang, **r, "expected_articles": n_articles,
                    "units_ok": r["units"]["article"] == n_articles})
                print(f"  measured bill {lang} {size}: {r['seconds']:.3f} s", file=sys.stderr)

    rows = []
    for x in results["twin"]:
        ref = x["bluebell"]
        rows.append([x["size"], x["style"], f"{x['input_bytes'] / MB:.2f}", f"{x['seconds']:.3f}",
                     f"{x['mb_s']:.2f}", f"{x['peak_mb']:.0f}", f"{x['bytes_per_byte']:.1f}",
                     fmt(ref and ref["seconds"], ".3f"), fmt(ref and ref["mb_s"], ".2f"),
                     fmt(x["ratio"], ".2f"),
                     f"{x['units'][TOP_UNIT[x['style']]]}/{x['expected_articles']}"])
    if rows:
        print(f"Twin acts (../shared/bench/twin_act.py, seed {args.seed})")
        print_table(["size", "style", "MB", "akn s", "MB/s", "peak MB", "B/B",
                     "bb s", "bb MB/s", "akn/bb", "units"], rows)
        print("  akn s: in-process akn.parse(text).xml; peak MB: peak RSS of that interpreter; "
              "B/B: (peak - baseline RSS) / input bytes;\n  bb: bluebell-rs on the bluebell twin "
              "of the same act; akn/bb: seconds per act; units: articles (eu) or sections (uk) "
              "found/expected")
    for style, lin in results["linearity"].items():
        print(f"Linearity {style}: t(5M)/t(1M) = {lin['time_ratio']:.2f} "
              f"(input bytes ratio {lin['bytes_ratio']:.2f})")

    if results["cyrillic"]:
        for x in results["cyrillic"]:
            x["mchars_s"] = x["input_chars"] / MB / x["seconds"]
        english = {x["size"]: x for x in results["cyrillic"] if x["lang"] == "en"}
        rows = [[x["size"], x["lang"], f"{x['input_bytes'] / MB:.2f}", f"{x['seconds']:.3f}",
                 f"{x['mb_s']:.2f}", f"{x['mb_s'] / english[x['size']]['mb_s']:.2f}",
                 f"{x['mchars_s']:.2f}", f"{x['mchars_s'] / english[x['size']]['mchars_s']:.2f}",
                 f"{x['peak_mb']:.0f}", f"{x['bytes_per_byte']:.1f}",
                 f"{x['units']['article']}/{x['expected_articles']}"]
                for x in results["cyrillic"]]
        print("\nKazakhstan bill (examples/ai_biometric_bill_*.txt, articles repeated and renumbered)")
        print_table(["size", "lang", "MB", "akn s", "MB/s", "vs en", "Mchar/s", "vs en",
                     "peak MB", "B/B", "articles"], rows)
        print("  vs en: relative to the English version of the same bill at the same size, per MB "
              "of UTF-8 input and per million characters\n  (a Cyrillic letter takes 2 bytes)")

    print("\nload average at end: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    results["loadavg_end"] = os.getloadavg()
    bad_units = [x for x in results["twin"] + results["cyrillic"] if not x["units_ok"]]
    if bad_units:
        print("\nwarning: unit counts differ from the input for: "
              + ", ".join(f"{x.get('style', x.get('lang'))} {x['size']}" for x in bad_units))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
