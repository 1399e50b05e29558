"""Peak memory of ``akn.parse(text).xml`` on pathological inputs, in bytes per input byte.

    .venv/bin/python benchmarks/memory_bench.py                 # every input at 1 MB and 4 MB
    .venv/bin/python benchmarks/memory_bench.py --sizes 8M --inputs points

Legislation has long lines of text between its numbers; these inputs have
almost nothing but numbers, nesting or one endless paragraph, so that every
input byte costs the parser as much as it can:

* ``points``: ``(a)`` lines (4 bytes per unit; each is a point of its own);
* ``numbers``: ``1.``, ``2.``, ``3.`` … lines (numbered paragraphs, the number grows with the input);
* ``nested``: ``(a)``, ``(i)``, ``(A)``, ``(1)``, ``1.`` lines in turn (every level nested in the last);
* ``paragraph``: one paragraph of words, hard-wrapped at 70 characters;
* ``articles``: ``Article N`` lines with nothing in them;
* ``items``: ``(a) the processing of data;`` lines (a point of 30 bytes each, just short of refused);
* ``act``: an act-like text of articles, numbered paragraphs and points with a line of text each.

Each measurement runs in a fresh interpreter: it imports ``akn``, warms up on
a small act, notes its peak RSS (the baseline), builds the input, parses it
and serialises the XML, and reads its peak RSS with ``resource.getrusage``.
The figure is (peak - baseline) / input bytes. The toolkit promises at most
``MAX_BYTES_PER_INPUT_BYTE`` (60) on any input: a line over it prints ``OVER``
and the script exits with status 1.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

MAX_BYTES_PER_INPUT_BYTE = 60
INPUTS = ("points", "numbers", "nested", "paragraph", "articles", "items", "act")

_CHILD = r"""
import json, resource, sys, time
import akn
akn.parse("Article 1\nScope\n1. This Regulation lays down rules.\n(a) one;\n(b) two.\n").xml
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
kind, size = sys.argv[1], int(sys.argv[2])

def build(kind, size):
    if kind == "points":
        return "(a)\n" * (size // 4)
    if kind == "numbers":
        out, n, total = [], 1, 0
        while total < size:
            line = f"{n}.\n"
            out.append(line); total += len(line); n += 1
        return "".join(out)
    if kind == "nested":
        cycle = "(a)\n(i)\n(A)\n(1)\n1.\n"
        return cycle * (size // len(cycle))
    if kind == "paragraph":
        words = "the processing of personal data shall be lawful only if and to the extent that".split()
        out, line, total, k = [], [], 0, 0
        while total < size:
            line.append(words[k % len(words)]); k += 1
            if sum(map(len, line)) + len(line) > 70:
                text = " ".join(line) + "\n"
                out.append(text); total += len(text); line = []
        return "".join(out)
    if kind == "articles":
        out, n, total = [], 1, 0
        while total < size:
            line = f"Article {n}\n"
            out.append(line); total += len(line); n += 1
        return "".join(out)
    if kind == "items":
        return "(a) the processing of data;\n" * (size // 28)
    if kind == "act":
        out, n, total = [], 1, 0
        while total < size:
            block = (f"Article {n}\nScope of the rules\n1. This Regulation lays down rules on the processing:\n"
                     f"(a) of personal data by public bodies;\n(b) of biometric data by any person.\n"
                     f"2. Member States may keep or introduce more specific provisions.\n")
            out.append(block); total += len(block); n += 1
        return "".join(out)
    raise SystemExit(f"unknown input {kind}")

text = build(kind, size)
data = text.encode()
del text
start = time.perf_counter()
try:
    xml = akn.parse(data).xml
    outcome, out_bytes = "ok", len(xml)
    del xml
except akn.AknError as exc:
    outcome, out_bytes = "refused: " + str(exc).splitlines()[0][:90], 0
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"bytes": len(data), "base": base, "peak": peak, "seconds": elapsed,
                  "xml": out_bytes, "outcome": outcome}))
"""


def _size(text: str) -> int:
    units = {"K": 10**3, "M": 10**6}
    return int(float(text[:-1]) * units[text[-1]]) if text[-1] in units else int(text)


def measure(kind: str, size: int) -> dict:
    proc = subprocess.run([sys.executable, "-c", _CHILD, kind, str(size)], capture_output=True, text=True)
    if proc.returncode:
        return {"error": (proc.stderr.strip().splitlines() or ["no output"])[-1], "bytes": size}
    return json.loads(proc.stdout)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1M,4M", help="comma-separated input sizes (K, M = 10^3, 10^6)")
    parser.add_argument("--inputs", default=",".join(INPUTS), help=f"comma-separated, of {', '.join(INPUTS)}")
    args = parser.parse_args(argv)
    print(f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, Python {sys.version.split()[0]}")
    print("| input | MB in | seconds | peak RSS MB | baseline MB | bytes per input byte | XML MB | outcome |")
    print("|---|---|---|---|---|---|---|---|")
    over = False
    for kind in args.inputs.split(","):
        for size in map(_size, args.sizes.split(",")):
            r = measure(kind, size)
            if "error" in r:
                print(f"| {kind} | {size / 1e6:.2f} | | | | | | CRASH: {r['error'][:80]} |")
                over = True
                continue
            per_byte = (r["peak"] - r["base"]) / r["bytes"]
            flag = " OVER" if per_byte > MAX_BYTES_PER_INPUT_BYTE else ""
            over |= bool(flag)
            print(f"| {kind} | {r['bytes'] / 1e6:.2f} | {r['seconds']:.2f} | {r['peak'] / 2**20:.0f} | "
                  f"{r['base'] / 2**20:.0f} | {per_byte:.1f}{flag} | {r['xml'] / 1e6:.1f} | {r['outcome']} |",
                  flush=True)
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
