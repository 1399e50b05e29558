"""A real SPARQL server: the Oxigraph server (PyPI ``oxigraph``) on 127.0.0.1.

The fixture starts ``oxigraph serve`` on a free port with a fresh directory,
pushes graphs with the SPARQL 1.1 Graph Store Protocol (``akn load --endpoint``)
and checks that every canned query returns the same rows over HTTP as from the
embedded store.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import REPO, need

from akn import rdf, sparql
from akn.endpoint import Endpoint
from akn.store import Store, StoreError

pytestmark = [pytest.mark.slow, pytest.mark.corpus]

CORPUS_XML = ["us_act_2011-11-29_public_law_112-61.akn.xml", "it_decreto-legge_2025-03-28_36_cittadinanza.akn.xml",
              "gb_ukpga_2014_27_data_retention_investigatory_powers_act.akn.xml",
              "gb-sct_ssi_2017_126_commencement_order.akn.xml", "za_judgment_2008-11-26_fourway_haulage.akn.xml"]
PARSED = ["eu_gdpr_2016_679_oj_en.txt", "kz_digital_assets_law_2023_193-VII_ru.txt",
          "kz_digital_assets_law_2023_193-VII_kk.txt"]
EXAMPLES = ["ai_biometric_bill_ru.txt", "ai_biometric_bill_kk.txt", "ai_biometric_bill_en.txt"]


def oxigraph_binary() -> str | None:
    here = Path(sys.executable).parent / "oxigraph"
    return str(here) if here.exists() else shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    exe = oxigraph_binary()
    assert exe is not None, "the oxigraph server is part of the test extras: pip install -e '.[test]'"
    port = free_port()
    proc = subprocess.Popen([exe, "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
                             "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail("oxigraph server did not start: " + proc.stderr.read().decode(errors="replace"))
            time.sleep(0.1)
    yield url
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def sources(corpus):
    out = [need(corpus / f) for f in CORPUS_XML]
    import akn
    out += [akn.parse_file(need(corpus / f)) for f in PARSED]
    out += [akn.parse_file(need(REPO / "examples" / f)) for f in EXAMPLES]
    out.append(rdf.EXAMPLE)
    return out


def rows(res):
    def norm(t):
        if t is None:
            return None
        v = t["value"]
        if " | " in v:
            v = " | ".join(sorted(v.split(" | ")))
        return (t["type"], v, t.get("xml:lang"), t.get("datatype"))
    return [tuple(norm(r.get(v)) for v in res.vars) for r in res.rows]


def test_every_canned_query_gives_the_same_rows_over_http(server, corpus, tmp_path):
    srcs = sources(corpus)
    loaded = Endpoint(server).load(*srcs)
    assert len(loaded) == len(srcs)
    Store(tmp_path / "db").load(*srcs)
    remote, local = Endpoint(server), Store(tmp_path / "db")
    for name, text in sparql.canned().items():
        a, b = rows(remote.query(text)), rows(local.query(text))
        assert a == b, name
        assert a, f"{name} returned no rows"
    # pushing again replaces each named graph (no duplicates)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = remote.query(count).rows[0]["n"]["value"]
    Endpoint(server).load(*srcs)
    assert remote.query(count).rows[0]["n"]["value"] == before == local.query(count).rows[0]["n"]["value"]


def test_load_and_query_commands_against_the_server(server, corpus):
    f = str(need(corpus / CORPUS_XML[0]))
    r = subprocess.run([sys.executable, "-m", "akn", "load", f, "--endpoint", server + "/store"],
                       capture_output=True, text=True, cwd=REPO, check=False)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([sys.executable, "-m", "akn", "query", "--name", "acts", "--endpoint", server + "/query",
                        "-f", "csv"], capture_output=True, text=True, cwd=REPO, check=False)
    assert r.returncode == 0, r.stderr
    assert "https://example.org/akn/us/act/2011-11-29/112-61" in r.stdout
    r = subprocess.run([sys.executable, "-m", "akn", "query", "SELECT * WHERE { ?s ?p }", "--endpoint", server],
                       capture_output=True, text=True, cwd=REPO, check=False)
    assert r.returncode == 1 and r.stderr.startswith("query:1:"), r.stderr
    r = subprocess.run([sys.executable, "-m", "akn", "query", "DROP ALL", "--endpoint", server],
                       capture_output=True, text=True, cwd=REPO, check=False)
    assert r.returncode == 1 and "DROP is not allowed" in r.stderr


def test_unreachable_endpoint_says_so():
    port = free_port()
    with pytest.raises(StoreError, match="cannot reach"):
        Endpoint(f"http://127.0.0.1:{port}").query("ASK {}")
