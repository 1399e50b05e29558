"""Is ``akn graph`` linear? Turtle of acts of 1,500, 3,000 and 12,000 articles.

Builds one synthetic Russian act per size (each article a heading and one paragraph
whose text mentions three concepts, so every article brings its own mention IRIs,
the ``.../~art_N#concept`` namespaces that made rdflib's Turtle quadratic), writes
it as AKN XML and measures, best of --repeat runs:

- ``graph``: ``akn.rdf.graph(xml)`` (reading the XML, finding the concepts, the triples);
- ``ttl``: ``akn.rdf.serialize(g, "ttl")``;
- ``cli``: the command ``akn graph act.xml -f ttl -o out.ttl`` in a fresh interpreter (one run).

Each ratio column is t(size) / t(first size); linear means the ratio is about the size
ratio (2 and 8 for the default sizes). ``--rdflib`` also times rdflib's own Turtle
serializer on the same graphs (quadratic: keep the sizes small).

    .venv/bin/python benchmarks/graph_bench.py
    .venv/bin/python benchmarks/graph_bench.py --sizes 500,1000 --rdflib
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from akn import rdf

HEAD, _BODY = rdf.EXAMPLE.split("<body>")


def act(n: int) -> str:
    """AKN XML of an act with *n* articles, shaped like the module example of :mod:`akn.rdf`."""
    arts = [f'<article eId="art_{i}"><num>Статья {i}.</num><heading>Сбор персональных данных {i}</heading>'
            f'<paragraph eId="art_{i}__para_1"><num>1.</num><content><p>Использование в общественных местах '
            f'технических средств сбора биометрических данных допускается в случаях, предусмотренных законом '
            f'номер {i}.</p></content></paragraph></article>' for i in range(1, n + 1)]
    return HEAD + "<body>" + "".join(arts) + "</body></act></akomaNtoso>"


def best(fn, repeat):
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1500,3000,12000", help="articles per act, comma-separated")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rdflib", action="store_true", help="also time rdflib's Turtle serializer")
    ap.add_argument("--no-cli", action="store_true", help="skip the end-to-end command")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    print(f"load average {os.getloadavg()[0]:.2f}; best of {args.repeat}")
    head = f"{'articles':>9} {'triples':>9} {'graph s':>8} {'ratio':>6} {'ttl s':>7} {'ratio':>6} {'MB':>6}"
    head += "" if args.no_cli else f" {'cli s':>7} {'ratio':>6}"
    head += f" {'rdflib s':>9} {'ratio':>6}" if args.rdflib else ""
    print(head)
    first = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            xml = act(n)
            t_graph, g = best(lambda xml=xml: rdf.graph(xml), args.repeat)
            t_ttl, data = best(lambda g=g: rdf.serialize(g, "ttl"), args.repeat)
            assert data == rdf.serialize(g, "ttl"), "Turtle differs between runs"
            row = {"graph": t_graph, "ttl": t_ttl}
            if not args.no_cli:
                path = os.path.join(tmp, f"act{n}.xml")
                with open(path, "w", encoding="utf-8") as f:
                    f.write(xml)
                t = time.perf_counter()
                subprocess.run([sys.executable, "-m", "akn", "graph", path, "-f", "ttl", "-o",
                                os.path.join(tmp, "out.ttl")], check=True)
                row["cli"] = time.perf_counter() - t
            if args.rdflib:
                row["rdflib"], _ = best(lambda g=g: g.serialize(format="turtle", encoding="utf-8"), 1)
            first = first or row
            line = f"{n:>9,} {len(g):>9,} {t_graph:>8.2f} {t_graph / first['graph']:>6.2f} {t_ttl:>7.2f} " \
                   f"{t_ttl / first['ttl']:>6.2f} {len(data) / 1e6:>6.1f}"
            if not args.no_cli:
                line += f" {row['cli']:>7.2f} {row['cli'] / first['cli']:>6.2f}"
            if args.rdflib:
                line += f" {row['rdflib']:>9.2f} {row['rdflib'] / first['rdflib']:>6.2f}"
            print(line, flush=True)
    print(f"size ratios: {', '.join(f'{n / sizes[0]:g}' for n in sizes)}")


if __name__ == "__main__":
    main()
