#!/usr/bin/env python3
"""Generate a batch corpus: thousands of small synthetic acts plus broken files.

Usage: python benchmarks/make_corpus.py OUTDIR [--count 2000] [--seed 1]
                                        [--max-articles 12] [--broken 40]

The acts come from ``shared/bench/twin_act.py`` (one act per seed, EU
regulation or UK act layout, 1 to --max-articles articles), written in a
tree of 100 files per folder (``eu/000/act-00000.txt`` ...) and in a mix of
encodings and line ends like a real national corpus: UTF-8, UTF-8 with BOM,
UTF-16 with BOM, Windows-1251, CRLF. ``broken/`` holds deliberately
corrupted files: ``empty``, ``blank`` (whitespace only), ``binary`` (random
bytes, a gzip of an act), ``wrong-encoding`` (a UTF-8 BOM before
Windows-1251 bytes, a UTF-16 BOM before UTF-8), ``truncated`` (UTF-16 cut
at an odd byte, an act cut inside its title). ``corpus.tsv`` lists every
file with its kind, style, seed, article count and encoding. The same
arguments always give the same bytes.
"""
from __future__ import annotations

import argparse
import gzip
import importlib.util
import os
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("AKN_SHARED", REPO.parent / "shared"))


def load_twin_act(path: Path):
    if not path.exists():
        sys.exit(f"make_corpus: {path} not found (set AKN_SHARED or pass --twin)")
    spec = importlib.util.spec_from_file_location("twin_act", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ENCODINGS = [("utf-8", 70), ("utf-8-sig", 10), ("utf-16", 8), ("cp1251", 7), ("utf-8-crlf", 5)]


def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-8-crlf":
        return text.replace("\n", "\r\n").encode("utf-8")
    return text.encode(encoding)


def broken_files(twin, rng: random.Random) -> list[tuple[str, str, bytes]]:
    """(name, kind, bytes) of the corrupted inputs, a few of each kind."""
    act = twin.render("eu", twin.build(3, 4242))
    uk = twin.render("uk", twin.build(3, 4243))
    russian = "Статья 1. Предмет регулирования\n1. Настоящий Закон регулирует отношения.\n"
    files = [
        ("empty-1.txt", "empty", b""),
        ("blank-1.txt", "empty", b"   \n\n\t\n"),
        ("binary-random.txt", "binary", bytes(rng.randrange(256) for _ in range(4096))),
        ("binary-gzip.txt", "binary", gzip.compress(act.encode(), mtime=0)),
        ("binary-png.md", "binary", b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(2048))),
        ("wrong-encoding-bom-cp1251.txt", "wrong-encoding", b"\xef\xbb\xbf" + russian.encode("cp1251")),
        ("wrong-encoding-utf16bom-utf8.txt", "wrong-encoding",
         b"\xff\xfe" + russian.encode("utf-8") + b"\xd8"),
        ("truncated-utf16-odd.txt", "truncated", uk.encode("utf-16")[:1001]),
        ("truncated-in-title.txt", "truncated", act.encode("utf-8")[:37]),
    ]
    return files


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--count", type=int, default=2000, help="number of good acts (default 2000)")
    ap.add_argument("--seed", type=int, default=1, help="first seed (default 1)")
    ap.add_argument("--max-articles", type=int, default=12,
                    help="largest act, in articles (default 12; acts are 1..N articles)")
    ap.add_argument("--broken", type=int, default=1,
                    help="copies of each broken file (default 1: nine broken files)")
    ap.add_argument("--twin", type=Path, default=SHARED / "bench" / "twin_act.py",
                    help="path of twin_act.py (default: ../shared/bench/twin_act.py)")
    args = ap.parse_args(argv)
    twin = load_twin_act(args.twin)
    rng = random.Random(args.seed)
    rows = ["path\tkind\tstyle\tseed\tarticles\tencoding"]
    total_bytes = 0
    names, weights = zip(*ENCODINGS)
    for i in range(args.count):
        seed = args.seed + i
        style = "eu" if i % 2 == 0 else "uk"
        articles = rng.randint(1, args.max_articles)
        encoding = rng.choices(names, weights)[0]
        text = twin.render(style, twin.build(articles, seed))
        rel = f"{style}/{i // 200:03d}/act-{i:05d}.txt"
        data = encode(text, encoding)
        write(args.outdir / rel, data)
        total_bytes += len(data)
        rows.append(f"{rel}\tgood\t{style}\t{seed}\t{articles}\t{encoding}")
    for copy in range(args.broken):
        for name, kind, data in broken_files(twin, rng):
            rel = f"broken/{copy:02d}-{name}"
            write(args.outdir / rel, data)
            rows.append(f"{rel}\t{kind}\t\t\t\t")
    (args.outdir / "corpus.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"{args.count} acts ({total_bytes / 1e6:.1f} MB) and {args.broken * 9} broken files "
          f"in {args.outdir}", file=sys.stderr)
    return 0


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


if __name__ == "__main__":
    sys.exit(main())
