"""Hostile and unlucky input to the graph side: SPARQL checks, the query process, the store, graph and load.

Each test is named after the numbered point of the hardening list it keeps fixed.
The servers are real: a local HTTP listener on 127.0.0.1 that records every
request (it must receive none), and the Oxigraph server from the ``oxigraph`` package.
"""
from __future__ import annotations

import http.server
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from conftest import REPO

from akn import rdf, sparql
from akn.store import LOCK_NAME, Store, StoreError

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def akn_cli(*args, **kw):
    return subprocess.run([sys.executable, "-m", "akn", *args], capture_output=True, text=True, cwd=REPO,
                          check=False, **kw)


class Listener:
    """An HTTP server on 127.0.0.1 that answers every request with one SPARQL JSON row and records it."""

    def __init__(self):
        self.requests: list[str] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                outer.requests.append(f"{self.command} {self.path}")
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                body = b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"leak"}}]}}'
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_PUT = do_POST

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener():
    srv = Listener()
    yield srv
    srv.close()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = Store(tmp_path_factory.mktemp("store") / "db")
    s.load(rdf.EXAMPLE)
    return s


# ---------------------------------------------------------------- item 1: SERVICE, LOAD and updates

#: ways to write a pattern before or around SERVICE that a line-based checker misreads:
#: every escape a prefixed name allows, IRIs with Unicode spaces, comments, strings holding "#"
LOCAL_ESCAPES = list("_~.-!$&'()*+,;=/?#@%")
BEFORE_SERVICE = (
    [f"?a ex:a\\{c}b ?c ." for c in LOCAL_ESCAPES]
    + ["?a ex:a%23b ?c .", "?a ex:%41\\#%42 ?c .", "?a ex:\\# ?c .",
       "?a <urn:x\u00a0#y> ?c .", "?a <urn:x\u2003#> ?c .", "?a <urn:\u3000#\u00a0> ?c .",
       "?a ?b 'x # y' .", '?a ?b "x # y" .', "?a ?b '''x\n# y''' .", '?a ?b """x\n# y""" .',
       '?a ?b "x\\"#" .', "?a ?b 'x\\'#' .", "?a ?b \"\\u0023\" .",
       "# a comment\n", "?a ?b ?c # a comment\n.", "OPTIONAL { ?a ex:a\\#b ?c }"]
)
SERVICE_FORMS = ["SERVICE <{url}/sparql> {{ ?x ?y ?z }}", "service <{url}/sparql> {{ ?x ?y ?z }}",
                 "SERVICE SILENT <{url}/sparql> {{ ?x ?y ?z }}", "Service silent <{url}/sparql> {{ ?x ?y ?z }}",
                 "SERVICE ?endpoint {{ ?x ?y ?z }} VALUES ?endpoint {{ <{url}/sparql> }}"]
NESTINGS = ["{pat}", "{{ {pat} }}", "{{ {{ {{ {pat} }} }} }}", "OPTIONAL {{ {pat} }}", "{{ ?q ?r ?s }} UNION {{ {pat} }}",
            "MINUS {{ {pat} }}", "FILTER EXISTS {{ {pat} }}", "FILTER(NOT EXISTS {{ {pat} }})",
            "{{ SELECT ?x WHERE {{ {pat} }} }}", "GRAPH ?g {{ {pat} }}", "BIND(EXISTS {{ {pat} }} AS ?e)"]


def service_queries(url):
    for before in BEFORE_SERVICE:
        for form in SERVICE_FORMS[:1]:
            yield before, f"PREFIX ex: <urn:ex:>\nSELECT ?x WHERE {{ {before} {form.format(url=url)} }}"
    for form in SERVICE_FORMS:
        for nest in NESTINGS:
            pat = nest.format(pat=form.format(url=url))
            yield "", f"PREFIX ex: <urn:ex:> SELECT * WHERE {{ ?a ex:a\\#b ?c . {pat} }}"


def test_item1_service_behind_escaped_hash_is_refused(listener, store, tmp_path):
    # the query of the report, through the command
    q = (f"PREFIX ex: <urn:ex:> SELECT ?x WHERE {{ OPTIONAL {{ ?a ex:a\\#b ?c }} "
         f"SERVICE <{listener.url}/sparql> {{ ?x ?y ?z }} }}")
    r = akn_cli("query", q, "--store", str(store.path))
    assert r.returncode == 1, r.stdout
    assert r.stderr.startswith("query:1:") and "SERVICE is not allowed" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr and "leak" not in r.stdout
    # every escape, Unicode space, comment, string, case and nesting
    tried = 0
    for before, text in service_queries(listener.url):
        with pytest.raises(sparql.QueryError, match="SERVICE is not allowed") as e:
            store.query(text)
        assert (e.value.line, e.value.col) != (None, None)
        lines = text.splitlines()
        assert lines[e.value.line - 1][e.value.col - 1:].upper().startswith("SERVICE"), (text, e.value)
        # the same query with the SERVICE group made local is a good query: the refusal is for SERVICE only
        if before:
            local = text.replace(f"SERVICE <{listener.url}/sparql>", "")
            assert sparql.check(local) == "SELECT"
            if "\\%" not in before:            # Oxigraph refuses the IRI that "\%" makes (a bare "%")
                store.query(local)
        tried += 1
    assert tried > 80
    assert listener.requests == []


UPDATES = [
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "INSERT"),
    ("insert data { <urn:a> <urn:b> <urn:c> }", "INSERT"),
    ("DELETE DATA { <urn:a> <urn:b> <urn:c> }", "DELETE"),
    ("DELETE WHERE { ?s ?p ?o }", "DELETE"),
    ("DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }", "DELETE"),
    ("WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH"),
    ("LOAD <{url}/data.ttl>", "LOAD"),
    ("LOAD SILENT <{url}/data.ttl> INTO GRAPH <urn:g>", "LOAD"),
    ("load <{url}/data.ttl>", "LOAD"),
    ("CLEAR ALL", "CLEAR"), ("CLEAR DEFAULT", "CLEAR"), ("DROP SILENT GRAPH <urn:g>", "DROP"), ("DROP ALL", "DROP"),
    ("CREATE GRAPH <urn:g>", "CREATE"), ("ADD DEFAULT TO <urn:g>", "ADD"), ("MOVE <urn:g> TO DEFAULT", "MOVE"),
    ("COPY DEFAULT TO <urn:g>", "COPY"),
    ("PREFIX ex: <urn:ex:>\n# a comment with SELECT in it\nBASE <urn:b>\n  DROP ALL", "DROP"),
    ("PREFIX ex: <urn:ex:\u00a0#> LOAD <{url}/data.ttl>", "LOAD"),
    ("SELECT * WHERE { ?s ?p ?o } ; LOAD <{url}/data.ttl>", None),
    ("SELECT * WHERE { ?s ?p ?o }\nLOAD <{url}/data.ttl>", "LOAD"),
]


@pytest.mark.parametrize("text,word", UPDATES)
def test_item1_updates_and_load_are_refused(listener, store, text, word):
    before = store.query(COUNT).rows[0]["n"]["value"]
    with pytest.raises(sparql.QueryError) as e:
        store.query(text.replace("{url}", listener.url))
    if word:
        assert f"{word} is not allowed" in str(e.value), e.value
    assert e.value.line is not None
    assert store.query(COUNT).rows[0]["n"]["value"] == before
    assert listener.requests == []


def _oxigraph_service(url):
    import pyoxigraph as ox
    return [str(s["x"]) for s in ox.Store().query(f"SELECT ?x WHERE {{ SERVICE <{url}/sparql> {{ ?x ?y ?z }} }}")]


def _python_request(url):
    import urllib.request
    return urllib.request.urlopen(url + "/sparql", timeout=5).read()


def _raw_socket(port):
    import ctypes
    import errno
    libc = ctypes.CDLL(None, use_errno=True)
    fd = libc.socket(2, 1, 0)                 # AF_INET, SOCK_STREAM, straight to the kernel
    return fd, ctypes.get_errno() == errno.EACCES


def test_item1_query_process_cannot_open_network_connections(listener):
    """Defence in depth: even a query the checker let through could not reach anything."""
    with pytest.raises(sparql.QueryError):
        sparql.run_limited(_oxigraph_service, (listener.url,), 20)          # Oxigraph's own HTTP client
    with pytest.raises(sparql.QueryError, match="network access is disabled|Permission denied"):
        sparql.run_limited(_python_request, (listener.url,), 20)             # Python's sockets
    if sys.platform.startswith("linux") and os.uname().machine in ("x86_64", "aarch64"):
        fd, refused = sparql.run_limited(_raw_socket, (0,), 20)               # the kernel refuses
        assert fd == -1 and refused
    assert listener.requests == []
    # the parent process is untouched
    assert _python_request(listener.url).startswith(b"{")
    assert listener.requests == ["GET /sparql"]


def test_item1_the_checker_accepts_what_oxigraph_accepts(store):
    """Legal SPARQL 1.1 that uses the same escapes is answered, not refused."""
    good = [
        "PREFIX ex: <urn:ex:> SELECT * WHERE { OPTIONAL { ?a ex:a\\#b ?c } ?x ?y ?z } LIMIT 1",
        "PREFIX ex: <urn:ex:> SELECT * WHERE { ?s ex:a%20b\\.c\\~d ?o } # SERVICE in a comment",
        "SELECT ?service WHERE { BIND('SERVICE <http://x/> { }' AS ?service) }",
        "select ?x { ?x ?p ?o . filter(?o < 3 && ?o > 1) } order by desc(?x) limit 2 offset 1",
        "SELECT (COUNT(DISTINCT ?x) AS ?n) (GROUP_CONCAT(?y; SEPARATOR=', ') AS ?g) WHERE { ?x ?p ?y } GROUP BY ?p",
        "ASK { ?s <urn:p>+/^<urn:q>* ?o . ?s !(<urn:a>|^a) ?y } ",
        "CONSTRUCT WHERE { ?s a ?t } LIMIT 3", "DESCRIBE ?s WHERE { ?s a ?t } LIMIT 1",
        "SELECT * WHERE { VALUES (?a ?b) { (1 UNDEF) (\"x\"@en-GB 2.5e0) } [] ?p [ ?q ?r ] }  LIMIT 1",
        "SELECT * WHERE { ?s ?p ?o FILTER(?o IN (1, 2) || ?o NOT IN ()) FILTER NOT EXISTS { ?o ?p ?s } } LIMIT 1",
    ]
    for q in good:
        store.query(q)


# ---------------------------------------------------------------- item 5: bounded results

def test_item5_results_are_cut_at_the_row_limit_and_say_so(store):
    cross = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
    res = store.query(cross)
    assert len(res.rows) == sparql.DEFAULT_LIMIT and res.truncated
    res = store.query(cross, limit=25)
    assert len(res.rows) == 25 and res.truncated
    res = store.query(COUNT, limit=1)
    assert len(res.rows) == 1 and not res.truncated
    res = store.query("CONSTRUCT WHERE { ?s ?p ?o }", limit=5)
    assert res.triples.count("\n") == 5 and res.truncated
    with pytest.raises(ValueError, match="row limit"):
        store.query(COUNT, limit=0)
    r = akn_cli("query", cross, "--store", str(store.path), "--limit", "7", "-f", "csv")
    assert r.returncode == 0, r.stderr
    assert len(r.stdout.splitlines()) == 8                      # header and 7 rows
    assert r.stderr.strip() == "note: the answer was cut at 7 rows (--limit); more exist"
    r = akn_cli("query", COUNT, "--store", str(store.path))
    assert r.returncode == 0 and r.stderr == ""


def test_item5_memory_blow_up_is_a_clear_error(store):
    blow_up = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a ?c ?f ?d"
    with pytest.raises(sparql.QueryMemoryError, match="memory limit of 100 MB"):
        store.query(blow_up, memory_mb=100)
    r = akn_cli("query", blow_up, "--store", str(store.path), "--memory", "100")
    assert r.returncode == 1, r.stdout
    assert "memory limit of 100 MB" in r.stderr and r.stderr.count("\n") == 1, r.stderr
    assert "Traceback" not in r.stderr and "memory allocation" not in r.stderr


def test_item5_a_huge_query_meets_the_same_limits(store):
    """Checking a query is work too: it happens in the limited process, not in the caller."""
    import time
    huge = "SELECT * WHERE { ?s ?p ?o " + ". ?s ?p ?o " * 60_000 + "}"
    t = time.monotonic()
    with pytest.raises(sparql.QueryTimeout, match="time limit of 0.5 s"):
        store.query(huge, timeout=0.5)
    assert time.monotonic() - t < 10
    with pytest.raises(sparql.QueryError, match="at most 1,000,000 are accepted"):
        store.query("ASK {} #" + "x" * sparql.MAX_QUERY_CHARS)


# ---------------------------------------------------------------- item 9: store and options

def _read_only_copy(store) -> Path:
    """A copy of *store* that the user running the query cannot write (as root: run as nobody)."""
    base = Path(tempfile.mkdtemp(prefix="akn-ro-"))
    os.chmod(base, 0o755)
    dst = base / "db"
    shutil.copytree(store.path, dst)
    (dst / LOCK_NAME).unlink(missing_ok=True)
    for p in [dst, *dst.iterdir()]:
        os.chmod(p, 0o555 if p.is_dir() else 0o444)
    return dst


def akn_unprivileged(*args):
    """The command as a user who cannot write the store (root can write anything: run as nobody)."""
    if os.geteuid() != 0:
        return akn_cli(*args)
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: cannot make a store read-only for the test")
    return subprocess.run([setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-m", "akn",
                           *args], capture_output=True, text=True, cwd="/", check=False)


def test_item9_query_on_read_only_store_or_lock_directory(store, tmp_path):
    ro = _read_only_copy(store)
    try:
        r = akn_unprivileged("query", COUNT, "--store", str(ro), "-f", "csv")
        assert "Traceback" not in r.stderr, r.stderr
        assert r.returncode == 0 and r.stdout.splitlines()[1] == store.query(COUNT).rows[0]["n"]["value"], r.stderr
        r = akn_unprivileged("load", str(REPO / "examples" / "ai_biometric_bill_en.txt"), "--store", str(ro))
        assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    finally:
        for p in [ro.parent, ro, *ro.iterdir()]:
            os.chmod(p, stat.S_IRWXU)
        shutil.rmtree(ro.parent)
    db = tmp_path / "db"
    shutil.copytree(store.path, db)
    (db / LOCK_NAME).unlink(missing_ok=True)
    (db / LOCK_NAME).mkdir()
    r = akn_cli("query", COUNT, "--store", str(db))
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    assert f"{db / LOCK_NAME} is a directory" in r.stderr
    with pytest.raises(StoreError, match="is a directory"):
        Store(db).query(COUNT)
    xml = tmp_path / "act.xml"
    xml.write_text(rdf.EXAMPLE, encoding="utf-8")
    r = akn_cli("load", str(xml), "--store", str(db))
    assert r.returncode == 1 and "is a directory" in r.stderr and "Traceback" not in r.stderr, r.stderr


@pytest.mark.parametrize("value", ["inf", "nan", "1e308", "-1", "0", "-inf", "soon"])
def test_item9_bad_timeouts_are_bad_usage(store, value):
    r = akn_cli("query", COUNT, "--store", str(store.path), "--timeout", value)
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert "Invalid value for '--timeout'" in r.stderr and "Traceback" not in r.stderr, r.stderr
    with pytest.raises(ValueError, match="time limit"):
        store.query(COUNT, timeout=float(value) if value != "soon" else value)


# ---------------------------------------------------------------- item 11: syntax error positions

RQ_CASES = [
    # (query text, line, col of the offending token, the token)
    ("SELECT ?s WHERE {\n  ?s ?p \n}\n", 3, 1, "}"),
    ("PREFIX a: <urn:a>\nSELECT *\nWHERE {\n  ?s ?p ?o .\n  FILTER(?s = ) \n}\n", 5, 15, ")"),
    ("# count\nSELECT * WHERE {\n  ?s ?p ?o\n  ?q ?r ?t\n}\n", 4, 3, "?q"),
    ("SELECT * WHERE { ?s ?p \"é€\" . ?s ?p ?o LIMIT }", 1, 40, "LIMIT"),
    ("SELECT * WHERE { ?s ?p ?o }\nLIMIT x\n", 2, 7, "x"),
    ("SELECT * WHERE {\r\n  ?s ?p ?o .\r\n  FILTER(?o > 3 }\r\n", 3, 17, "}"),
    ("SELECT (COUNT(*) ?n) WHERE { ?s ?p ?o }", 1, 18, "?n"),
    ("SELECT * WHERE { ?s b:c ?o }", 1, 21, "b:c"),
    ("SELECT * WHERE {\n\n ?s ?p ?o ..\n}", 3, 12, "."),
]


@pytest.mark.parametrize("text,line,col,token", RQ_CASES)
def test_item11_syntax_errors_point_at_the_offending_token(store, tmp_path, text, line, col, token):
    assert text.splitlines()[line - 1][col - 1:].startswith(token)          # the case itself is right
    rq = tmp_path / "bad.rq"
    rq.write_bytes(text.encode("utf-8"))
    r = akn_cli("query", "--file", str(rq), "--store", str(store.path))
    assert r.returncode == 1, r.stdout
    assert r.stderr.startswith(f"{rq}:{line}:{col}: error: "), r.stderr
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    with pytest.raises(sparql.QueryError) as e:
        store.query(text, source="bad.rq")
    assert (e.value.line, e.value.col) == (line, col)


def test_item11_engine_errors_are_moved_to_the_token_start():
    """An error only Oxigraph finds (one past its token) is reported at the token's first character."""
    import pyoxigraph as ox
    text = "SELECT * WHERE {\n  BIND(1 AS ?x)\n  BIND(2 AS ?x)\n}"
    sparql.check(text)                                     # grammatical; the engine refuses the rebinding
    with pytest.raises(SyntaxError) as raw:
        ox.Store().query(text)
    err = sparql.syntax_error(raw.value, "q.rq", text)
    line, col = err.line, err.col
    assert str(err).startswith(f"q.rq:{line}:{col}: error: syntax error")
    assert text.splitlines()[line - 1][col - 1] not in " \t"


# ---------------------------------------------------------------- item 7: AKN XML in any encoding XML allows

ENCODINGS = [  # (declared encoding or None, codec, byte order mark)
    ("UTF-16", "utf-16-le", b"\xff\xfe"), ("UTF-16", "utf-16-be", b"\xfe\xff"),
    ("UTF-16LE", "utf-16-le", b""), ("UTF-16BE", "utf-16-be", b""),
    (None, "utf-16-le", b"\xff\xfe"), (None, "utf-16-be", b"\xfe\xff"),
    (None, "utf-16-le", b""), (None, "utf-16-be", b""),
    ("UTF-8", "utf-8", b"\xef\xbb\xbf"), (None, "utf-8", b"\xef\xbb\xbf"),
    ("UTF-32", "utf-32-le", b"\xff\xfe\x00\x00"), (None, "utf-32-be", b"\x00\x00\xfe\xff"),
]


@pytest.mark.parametrize("declared,codec,bom", ENCODINGS)
def test_item7_utf16_akn_is_read_as_xml_by_graph_and_load(tmp_path, declared, codec, bom):
    text = (f'<?xml version="1.0" encoding="{declared}"?>\n' if declared else "\n ") + rdf.EXAMPLE
    f = tmp_path / "act.xml"
    f.write_bytes(bom + text.encode(codec))
    expression = "https://example.org/akn/kz/act/2020/1/rus@2020-01-01"
    r = akn_cli("graph", str(f), "-f", "nt")
    assert r.returncode == 0, r.stderr
    assert f"<{expression}/~art_7__para_12>" in r.stdout
    assert "Сбор персональных данных" in r.stdout and "<?xml" not in r.stdout
    r = akn_cli("load", str(f), "--store", str(tmp_path / "db"))
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().endswith(f"-> <{expression}>"), r.stdout
    title = Store(tmp_path / "db").query(
        "SELECT ?t WHERE { ?u <http://data.europa.eu/eli/ontology#id_local> 'art_7' ; "
        "<http://data.europa.eu/eli/ontology#title> ?t }").rows
    assert [row["t"]["value"] for row in title] == ["Сбор персональных данных"]


def test_item7_plain_text_in_utf16_stays_plain_text(tmp_path):
    from akn.graph_inputs import xml_encoding
    for codec in ("utf-16", "utf-16-be", "utf-32", "utf-8-sig"):
        assert xml_encoding("Article 1\n<not a tag>".encode(codec)) is None, codec
        assert xml_encoding("  <akomaNtoso/>".encode(codec)) is not None, codec


# ---------------------------------------------------------------- item 4: linear Turtle

def _act(n: int) -> str:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from graph_bench import act
    finally:
        sys.path.pop(0)
    return act(n)


def _namespace_scans(g) -> tuple[int, bytes]:
    """(rdflib namespace-scan steps, Turtle bytes) of serialising *g* as ``akn graph -f ttl`` does."""
    import rdflib.term
    calls = [0]
    original = rdflib.term.Identifier.startswith

    def counting(self, *args, **kwargs):
        calls[0] += 1
        return original(self, *args, **kwargs)

    rdflib.term.Identifier.startswith = counting
    try:
        data = rdf.serialize(g, "ttl")
    finally:
        rdflib.term.Identifier.startswith = original
    return calls[0], data


def test_item4_turtle_work_grows_linearly_and_output_is_stable():
    import rdflib
    from rdflib.compare import isomorphic
    small, large = rdf.graph(_act(150)), rdf.graph(_act(600))
    scans_small, ttl_small = _namespace_scans(small)
    scans_large, ttl_large = _namespace_scans(large)
    # rdflib's serializer scans every namespace seen so far for each IRI: 4 times the act, 16 times the work
    assert scans_large <= 4.5 * max(scans_small, 1), (scans_small, scans_large)
    for g, data in ((small, ttl_small), (large, ttl_large)):
        prefixes = [line for line in data.decode().splitlines() if line.startswith("@prefix")]
        assert [p.split()[1] for p in prefixes] == ["akc:", "akv:", "eli:", "subdiv:", "xsd:"], prefixes
        assert data == rdf.serialize(g, "ttl")                  # the same bytes run to run
        back = rdflib.Graph().parse(data=data.decode("utf-8"), format="turtle")
        assert len(back) == len(g) and isomorphic(back, g)


def test_item4_graph_command_writes_turtle_and_trig_that_read_back(tmp_path):
    import rdflib
    from rdflib.compare import isomorphic
    a, b = tmp_path / "a.xml", tmp_path / "b.xml"
    a.write_text(_act(40), encoding="utf-8")
    b.write_text(rdf.EXAMPLE.replace("/2020/1", "/2020/2"), encoding="utf-8")
    r = akn_cli("graph", str(a), "-f", "ttl")
    assert r.returncode == 0, r.stderr
    assert isomorphic(rdflib.Graph().parse(data=r.stdout, format="turtle"), rdf.graph(a.read_bytes()))
    assert r.stdout == akn_cli("graph", str(a), "-f", "ttl").stdout
    r = akn_cli("graph", str(a), str(b), "-f", "trig")
    assert r.returncode == 0, r.stderr
    ds = rdflib.Dataset().parse(data=r.stdout, format="trig")
    for f in (a, b):
        g = rdf.graph(f.read_bytes())
        assert isomorphic(ds.graph(g.identifier), g)


def test_item11_query_files_with_a_bom_or_bad_bytes(store, tmp_path):
    rq = tmp_path / "q.rq"
    rq.write_bytes(b"\xef\xbb\xbfASK {\r\n  ?s ?p ?o\r\n}\r\n")
    r = akn_cli("query", "--file", str(rq), "--store", str(store.path))
    assert (r.returncode, r.stdout, r.stderr) == (0, "true\n", "")
    rq.write_bytes(b"ASK {\n  ?s ?p '\xff' }\n")
    r = akn_cli("query", "--file", str(rq), "--store", str(store.path))
    assert r.returncode == 1 and r.stderr.startswith(f"{rq}:2:10: error: byte 0xff is not UTF-8"), r.stderr
    assert "Traceback" not in r.stderr


# ---------------------------------------------------------------- the same through a real Oxigraph server

@pytest.fixture
def oxigraph_server(tmp_path):
    import time
    import urllib.request

    from test_endpoint import free_port, oxigraph_binary
    exe = oxigraph_binary()
    if exe is None:
        pytest.skip("the oxigraph server (pip install oxigraph) is not installed")
    port = free_port()
    proc = subprocess.Popen([exe, "serve", "--location", str(tmp_path / "oxigraph"), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail("the oxigraph server did not start")
            time.sleep(0.1)
    yield url
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_item1_and_item5_through_the_oxigraph_server(oxigraph_server, listener, tmp_path):
    import urllib.parse
    import urllib.request
    hidden = (f"PREFIX ex: <urn:ex:> SELECT ?x WHERE {{ OPTIONAL {{ ?a ex:a\\#b ?c }} "
              f"SERVICE <{listener.url}/sparql> {{ ?x ?y ?z }} }}")
    # sent straight to the server, the query makes it call the listener: the danger is real
    body = urllib.parse.urlencode({"query": hidden}).encode()
    urllib.request.urlopen(urllib.request.Request(oxigraph_server + "/query", data=body), timeout=30).read()
    assert listener.requests == ["POST /sparql"]
    r = akn_cli("query", hidden, "--endpoint", oxigraph_server)
    assert r.returncode == 1 and "SERVICE is not allowed" in r.stderr, r.stderr
    r = akn_cli("query", f"LOAD <{listener.url}/data.ttl>", "--endpoint", oxigraph_server)
    assert r.returncode == 1 and "LOAD is not allowed" in r.stderr, r.stderr
    assert listener.requests == ["POST /sparql"]                        # nothing more reached it
    xml = tmp_path / "act.xml"
    xml.write_text(rdf.EXAMPLE, encoding="utf-8")
    assert akn_cli("load", str(xml), "--endpoint", oxigraph_server).returncode == 0
    r = akn_cli("query", "SELECT * WHERE { ?a ?b ?c }", "--endpoint", oxigraph_server,
                "--limit", "5", "-f", "csv")
    assert r.returncode == 0, r.stderr
    assert len(r.stdout.splitlines()) == 6 and "cut at 5 rows" in r.stderr
    from akn.endpoint import Endpoint
    with pytest.raises(sparql.QueryError, match="sent more than 0 MB; add LIMIT"):
        Endpoint(oxigraph_server).query("SELECT * WHERE { ?a ?b ?c }", memory_mb=0)
