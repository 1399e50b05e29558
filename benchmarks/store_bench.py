"""Pick the store by measuring: load throughput and canned-query latency at 100k and 1M triples.

Generates a synthetic legislation graph shaped like ``akn.graph`` output (acts ->
chapters -> articles -> paragraphs, ELI properties, language-tagged text,
eli:is_about links with akv:ConceptMention evidence, eli:cites, the concept
scheme), one named graph per expression, and runs every canned query of
``akn.ontology/queries`` on:

- rdflib's in-memory Graph (rdflib's own SPARQL engine),
- oxrdflib (rdflib's API over Oxigraph; queries passed as strings), when installed,
- pyoxigraph in memory,
- pyoxigraph on disk,
- ``akn.Store`` (pyoxigraph on disk behind the lock and the forked, time-limited query
  process: what ``akn query --store`` does).

Prints one table per size: load seconds, triples/s, and median milliseconds per query
(3 runs; 1 run for rdflib's own engine). A query that exceeds --limit seconds is stopped and
reported as ">limit"; the last column is the geometric-mean speed-up over rdflib's in-memory
graph, a lower bound ("≥") when rdflib was stopped on some query (its time counts as the limit).

    .venv/bin/python benchmarks/store_bench.py            # 100k and 1M triples
    .venv/bin/python benchmarks/store_bench.py --sizes 100000 --limit 30
"""
from __future__ import annotations

import argparse
import gc
import math
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from importlib.resources import files

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from akn import sparql
from akn.store import Store, ontology_ntriples

ELI = "http://data.europa.eu/eli/ontology#"
AKV = "https://w3id.org/akn-toolkit/vocab#"
AKC = "https://w3id.org/akn-toolkit/concepts/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
LANGS = [("en", "ENG", "eng"), ("ru", "RUS", "rus"), ("kk", "KAZ", "kaz")]
WORDS = {
    "en": ["the", "operator", "shall", "ensure", "that", "any", "system", "placed", "on", "the", "market", "complies", "with", "the", "requirements", "of", "this", "regulation", "and", "keeps", "records", "for", "five", "years", "after"],
    "ru": ["оператор", "обязан", "обеспечить", "чтобы", "любая", "система", "введенная", "в", "эксплуатацию", "соответствовала", "требованиям", "настоящего", "закона", "и", "хранила", "записи", "в", "течение", "пяти", "лет"],
    "kk": ["оператор", "нарыққа", "шығарылған", "кез", "келген", "жүйенің", "осы", "заңның", "талаптарына", "сәйкес", "келуін", "қамтамасыз", "етуге", "және", "жазбаларды", "бес", "жыл", "бойы", "сақтауға", "міндетті"],
}


def concepts() -> list[str]:
    import rdflib
    g = rdflib.Graph().parse(data=files("akn.ontology").joinpath("concepts.ttl").read_text("utf-8"), format="turtle")
    return sorted(str(s)[len(AKC):] for s in g.subjects(rdflib.RDF.type, rdflib.namespace.SKOS.Concept))


def lit(s, lang=None, dt=None):
    s = s.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{s}"@{lang}' if lang else (f'"{s}"^^<{dt}>' if dt else f'"{s}"')


def synthetic(target: int, seed: int = 1) -> tuple[list[tuple[str, str]], int]:
    """[(graph IRI, N-Triples text)] adding up to about *target* triples, and the count."""
    rnd = random.Random(seed)
    cs = concepts()
    hot = ["biometric_data", "consent", "facial_recognition_public_spaces", "prohibited_ai_practice", "personal_data"]
    graphs, total, act = [], 0, 0
    while total < target:
        act += 1
        E, t = _act(act, rnd, cs, hot)
        graphs.append((E, "\n".join(t) + "\n"))
        total += len(t)
    return graphs, total


def _act(act: int, rnd: random.Random, cs: list[str], hot: list[str]) -> tuple[str, list[str]]:
    """The N-Triples lines of one synthetic act: 10 chapters x 10 articles x 4 paragraphs."""
    code, nal, l3 = LANGS[act % 3]
    year = 2000 + act % 25
    W = f"https://example.org/akn/xx/act/{year}/{act}"
    E = f"{W}/{l3}@{year}-01-01"
    t = []

    def add(s, p, o):
        t.append(f"<{s}> <{p}> {o} .")
    add(W, RDF_TYPE, f"<{ELI}LegalResource>")
    add(W, ELI + "is_realized_by", f"<{E}>")
    add(W, ELI + "type_document", "<https://w3id.org/akn-toolkit/resource-type/act>")
    add(W, ELI + "date_document", lit(f"{year}-01-01", dt=XSD + "date"))
    add(W, ELI + "number", lit(str(act)))
    add(E, RDF_TYPE, f"<{ELI}LegalExpression>")
    add(E, ELI + "realizes", f"<{W}>")
    add(E, ELI + "language", f"<http://publications.europa.eu/resource/authority/language/{nal}>")
    add(E, ELI + "title", lit(f"Act {act} on systems", code))

    def unit(uri, parent, name, eid, pos, num, heading, text, provision=False):
        add(uri, RDF_TYPE, f"<{ELI}LegalResourceSubdivision>")
        if provision:
            add(uri, RDF_TYPE, f"<{AKV}Provision>")
        add(uri, ELI + "type_subdivision", f"<https://w3id.org/akn-toolkit/subdivision-type/{name}>")
        add(uri, ELI + "id_local", lit(eid))
        add(uri, AKV + "position", lit(str(pos), dt=XSD + "integer"))
        add(uri, ELI + "is_part_of", f"<{parent}>")
        add(parent, ELI + "has_part", f"<{uri}>")
        add(uri, ELI + "language", f"<http://publications.europa.eu/resource/authority/language/{nal}>")
        add(uri, ELI + "number", lit(num))
        if heading:
            add(uri, ELI + "title", lit(heading, code))
        if text:
            add(uri, AKV + "text", lit(text, code))

    art_no = 0
    for ch in range(1, 11):
        C = f"{E}/~chp_{ch}"
        unit(C, E, "chapter", f"chp_{ch}", ch, f"Chapter {ch}", f"Chapter heading {ch}", None)
        for a in range(1, 11):
            art_no += 1
            A = f"{C}__art_{art_no}"
            unit(A, C, "article", f"chp_{ch}__art_{art_no}", a, f"Article {art_no}", f"Heading {art_no}", None, True)
            about = set()
            for p in range(1, 5):
                P = f"{A}__para_{p}"
                text = " ".join(rnd.choice(WORDS[code]) for _ in range(30))
                unit(P, A, "paragraph", f"chp_{ch}__art_{art_no}__para_{p}", p, f"{p}.", None, text)
                if rnd.random() < 0.3:
                    for c in rnd.sample(hot, 1) + rnd.sample(cs, 1):
                        M = f"{P}#{c}"
                        add(P, ELI + "is_about", f"<{AKC}{c}>")
                        add(P, AKV + "mention", f"<{M}>")
                        add(M, RDF_TYPE, f"<{AKV}ConceptMention>")
                        add(M, AKV + "concept", f"<{AKC}{c}>")
                        add(M, AKV + "evidence", lit(c.replace("_", " "), code))
                        about.add(c)
                if rnd.random() < 0.2:
                    add(P, ELI + "cites", f"<{E}/~chp_{rnd.randint(1, 10)}__art_{rnd.randint(1, 100)}>")
            for c in about:
                add(A, ELI + "is_about", f"<{AKC}{c}>")
    return E, t


def ontology() -> str:
    return b"".join(ontology_ntriples().values()).decode("utf-8")


# ------------------------------------------------------------------ stores

class RdflibMem:
    name = "rdflib in-memory Graph"

    def __init__(self):
        import rdflib
        self.g = rdflib.Graph()

    def load(self, graphs):
        for _, nt in graphs:
            self.g.parse(data=nt, format="nt")

    def query(self, q):
        return len(list(self.g.query(q)))


class OxRdflib(RdflibMem):
    name = "oxrdflib (rdflib API over Oxigraph)"

    def __init__(self):
        import rdflib
        self.g = rdflib.Graph(store="Oxigraph")

    def query(self, q):
        return len(list(self.g.query(q)))  # a string: Oxigraph's engine answers


class PyOx:
    name = "pyoxigraph in memory"

    def __init__(self, path=None):
        import pyoxigraph as ox
        self.ox = ox
        self.s = ox.Store(path) if path else ox.Store()

    def load(self, graphs):
        ox = self.ox
        for g, nt in graphs:
            self.s.bulk_load(nt.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(g))
        if hasattr(self.s, "optimize") and self.name.endswith("disk"):
            self.s.optimize()

    def query(self, q):
        r = self.s.query(q, use_default_graph_as_union=True)
        return len(list(r))


class PyOxDisk(PyOx):
    name = "pyoxigraph on disk"

    def __init__(self, tmp):
        super().__init__(os.path.join(tmp, "pyox"))


class AknStore:
    name = "akn.Store (disk, lock + forked time-limited query)"

    def __init__(self, tmp):
        self.s = Store(os.path.join(tmp, "akn"))

    def load(self, graphs):
        import pyoxigraph as ox
        # the same path as Store.load, without building graphs from XML
        with self.s._lock(exclusive=True):
            st = self.s._open(read_only=False)
            for g, nt in graphs:
                st.bulk_load(nt.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(g))
            st.optimize()
            st.flush()
            del st

    def query(self, q):
        return len(self.s.query(q, timeout=600).rows)


def timed_query(store, q, limit):
    """Median-able single run in a forked child with a time limit (ms, rows) or (None, None)."""
    def run():
        t = time.perf_counter()
        n = store.query(q)
        return (time.perf_counter() - t) * 1000, n
    if not isinstance(store, RdflibMem):
        return run()                      # fast engines run in-process (akn.Store forks its own child)
    try:
        return sparql.run_limited(run, (), limit)
    except sparql.QueryTimeout:
        return None, None


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="100000,1000000", help="comma-separated triple counts")
    ap.add_argument("--runs", type=int, default=3, help="runs per query (median)")
    ap.add_argument("--limit", type=float, default=60.0, help="seconds before a query is stopped")
    args = ap.parse_args(argv)
    queries = sparql.canned()
    onto = ontology()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; queries: {', '.join(queries)}")
    for size in [int(s) for s in args.sizes.split(",")]:
        graphs, total = synthetic(size)
        graphs = graphs + [("https://w3id.org/akn-toolkit/concepts", onto)]
        total += onto.count("\n")
        print(f"\n== {total:,} triples in {len(graphs)} named graphs")
        kinds = [RdflibMem]
        try:
            import oxrdflib  # noqa: F401
            kinds.append(OxRdflib)
        except ImportError:
            print("(oxrdflib not installed: skipped)")
        kinds += [PyOx, PyOxDisk, AknStore]
        results = {}
        for kind in kinds:
            tmp = tempfile.mkdtemp(prefix="akn-bench-")
            try:
                gc.collect()
                store = kind(tmp) if kind in (PyOxDisk, AknStore) else kind()
                t = time.perf_counter()
                store.load(graphs)
                load_s = time.perf_counter() - t
                lat, rows = {}, {}
                runs = 1 if kind is RdflibMem else args.runs     # rdflib takes seconds to minutes per query
                for qn, q in queries.items():
                    times = []
                    for _ in range(runs):
                        ms, n = timed_query(store, q, args.limit)
                        if ms is None:
                            times = None
                            break
                        times.append(ms)
                        rows[qn] = n
                    lat[qn] = statistics.median(times) if times else None
                results[kind.name] = (load_s, total / load_s, None, lat, rows)
                print(f"  {kind.name}: loaded in {load_s:.1f} s", flush=True)
                del store
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
        base = results[RdflibMem.name][3]
        names = list(queries)
        head = ["store", "load s", "triples/s"] + names + ["speed-up vs rdflib"]
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for name, (load_s, tps, _mem, lat, _rows) in results.items():
            # a query rdflib did not finish counts at the limit: the speed-up is then a lower bound
            ratios = [(base[q] if base[q] is not None else args.limit * 1000) / lat[q] for q in names if lat[q]]
            bound = any(base[q] is None for q in names) and name != RdflibMem.name
            speed = math.exp(sum(map(math.log, ratios)) / len(ratios)) if ratios else float("nan")
            cells = [name, f"{load_s:.1f}", f"{tps:,.0f}"] + \
                    [f"{lat[q]:,.0f}" if lat[q] is not None else f">{args.limit:g} s" for q in names] + \
                    [("≥ " if bound else "") + f"{speed:,.1f}×"]
            print("| " + " | ".join(cells) + " |")
        # all stores must agree on the number of rows
        counts = {name: r[4] for name, r in results.items()}
        ref = counts[PyOx.name]
        for name, c in counts.items():
            for q, n in c.items():
                if n != ref.get(q):
                    print(f"  WARNING: {name} returned {n} rows for {q}, pyoxigraph {ref.get(q)}")
        print("  rows per query: " + ", ".join(f"{q}={ref.get(q)}" for q in names))


if __name__ == "__main__":
    main()
