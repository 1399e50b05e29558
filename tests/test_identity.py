"""Every act its own identity: URIs of acts without a number, the store's refusal, the batch's collisions.

Fixtures in ``tests/fixtures/identity/``: two bills with one title and neither date nor number
(``two_bills/``), two regulations whose texts give them one date and number (``collide/``), a
user's own bill in Russian (``own_bill_ru.txt``).
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from conftest import FIXTURES, REPO

import akn
from akn.identity import derive_number
from akn.metadata import UNKNOWN_DATE
from akn.store import Store, StoreCollision

HERE = FIXTURES / "identity"
TWO_BILLS = HERE / "two_bills"
COLLIDE = HERE / "collide"
OWN_BILL = HERE / "own_bill_ru.txt"
EXPRESSIONS = ("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE "
               "{ ?e a <http://data.europa.eu/eli/ontology#LegalExpression> }")
NS = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"


def akn_cli(*args, **kw):
    return subprocess.run([sys.executable, "-m", "akn", *map(str, args)], capture_output=True, text=True,
                          cwd=REPO, check=False, timeout=600, **kw)


def expressions(store_dir) -> int:
    return int(Store(store_dir).query(EXPRESSIONS).rows[0]["n"]["value"])


def expression_uri(doc) -> str:
    return doc.root.find(f".//{NS}FRBRExpression/{NS}FRBRuri").get("value")


def test_two_bills_with_one_title_and_no_number_get_two_uris():
    docs = [akn.parse_file(p) for p in sorted(TWO_BILLS.glob("*.txt"))]
    names = {d.root.find(f".//{NS}FRBRname").get("value") for d in docs}
    assert names == {"Data Protection (Amendment) Bill"}          # one title ...
    uris = [d.frbr_uri for d in docs]
    assert len(set(uris)) == 2                                     # ... two identities
    for doc, path in zip(docs, sorted(TWO_BILLS.glob("*.txt"))):
        assert f"/{UNKNOWN_DATE}/data-protection-amendment-bill-" in doc.frbr_uri
        assert "/nn" not in doc.frbr_uri
        # the number is the slug of the title and the hash of the words, the same on every run
        assert doc.frbr_uri == akn.parse_file(path).frbr_uri
        assert doc.frbr_uri.rsplit("/", 1)[1].startswith("data-protection-amendment-bill-")


def test_the_derived_number_follows_the_words_not_the_layout():
    text = OWN_BILL.read_text(encoding="utf-8")
    one = akn.parse(text, source="a.txt").frbr_uri
    relaid = akn.parse(text.replace("\n", "\n\n").replace(" ", "  "), source="b.txt").frbr_uri
    changed = akn.parse(text.replace("тридцати", "шестидесяти"), source="c.txt").frbr_uri
    assert one == relaid
    assert one != changed
    assert one.startswith("/akn/kz/bill/0001-01-01/o-videonabliudenii-v-obshchestvennykh-mestakh-")
    assert derive_number("", ["x"]) != derive_number("", ["y"])


def test_a_number_read_from_the_text_is_kept():
    doc = akn.parse_file(REPO / "examples" / "eu_style_regulation.txt")
    assert doc.frbr_uri == "/akn/eu/act/regulation/2026-03-02/412"


def test_batch_of_two_bills_without_date_or_number_gives_two_expressions(tmp_path):
    r = akn_cli("batch", TWO_BILLS, "-o", tmp_path / "out", "--store", tmp_path / "db", "-q")
    assert r.returncode == 0, r.stderr
    assert expressions(tmp_path / "db") == 2


def test_batch_of_the_corpus_gives_one_expression_per_input(tmp_path, corpus):
    inputs = sorted(p for p in corpus.iterdir() if p.suffix in (".txt", ".md"))
    r = akn_cli("batch", corpus, "-o", tmp_path / "out", "--store", tmp_path / "db", "-q",
                "--report", tmp_path / "report.jsonl")
    assert r.returncode == 0, r.stderr
    lines = [json.loads(x) for x in (tmp_path / "report.jsonl").read_text().splitlines()]
    assert len(lines) == len(inputs) > 1
    assert len({x["expression"] for x in lines}) == len(inputs)
    assert expressions(tmp_path / "db") == len(inputs)


def test_the_examples_and_a_users_own_bill_give_one_expression_each(tmp_path):
    examples = sorted((REPO / "examples").glob("*.txt"))
    r = akn_cli("batch", REPO / "examples", "--glob", "*.txt", "-o", tmp_path / "out", "--store", tmp_path / "db",
                "-q")
    assert r.returncode == 0, r.stderr
    assert expressions(tmp_path / "db") == len(examples)
    r = akn_cli("load", OWN_BILL, "--store", tmp_path / "db")
    assert r.returncode == 0, r.stderr
    assert expressions(tmp_path / "db") == len(examples) + 1


def test_the_store_refuses_another_files_expression_and_replace_replaces(tmp_path):
    first, second = sorted(COLLIDE.glob("*.txt"))
    db = tmp_path / "db"
    r = akn_cli("load", first, "--store", db)
    assert r.returncode == 0, r.stderr
    count = int(Store(db).query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0]["n"]["value"])
    r = akn_cli("load", second, "--store", db)
    assert r.returncode == 1
    assert "/akn/eu/act/regulation/2026-03-02/7/eng@2026-03-02" in r.stderr
    assert str(first.resolve()) in r.stderr and "--replace" in r.stderr and "--frbr-uri" in r.stderr
    assert "Traceback" not in r.stderr
    # nothing changed: the first file's triples are still there
    assert int(Store(db).query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0]["n"]["value"]) == count
    assert "remote controls" not in Store(db).query(
        "SELECT ?t WHERE { ?s ?p ?t FILTER(CONTAINS(STR(?t), 'remote control')) }").rows.__repr__()
    r = akn_cli("load", second, "--store", db, "--replace")
    assert r.returncode == 0, r.stderr
    assert "replaced <" in r.stderr and str(first.resolve()) in r.stderr
    assert Store(db).sources()[next(iter(g for g in Store(db).graphs() if "/akn/" in g))] == str(second.resolve())
    r = akn_cli("load", second, "--store", db)       # the same file again: quietly replaced
    assert r.returncode == 0 and r.stderr == "", r.stderr
    assert expressions(db) == 1


def test_the_store_api_refuses_and_names_the_first_file(tmp_path):
    first, second = sorted(COLLIDE.glob("*.txt"))
    s = Store(tmp_path / "db")
    s.load(first)
    with pytest.raises(StoreCollision) as caught:
        s.load(second)
    (collision,) = caught.value.collisions
    assert (collision.first, collision.source) == (str(first.resolve()), str(second.resolve()))
    s.load(first)                                     # the same file: no refusal
    (done,) = s.load(second, replace=True)
    assert done.note.startswith("replaced <") and str(first.resolve()) in done.note


def test_a_file_loaded_again_under_a_new_uri_leaves_no_old_graph(tmp_path):
    bill = tmp_path / "bill.txt"
    shutil.copy(OWN_BILL, bill)
    s = Store(tmp_path / "db")
    (old,) = s.load(bill)
    bill.write_text(OWN_BILL.read_text(encoding="utf-8").replace("тридцати", "шестидесяти"), encoding="utf-8")
    (new,) = s.load(bill)
    assert new.graph != old.graph and "dropped <" + old.graph in new.note
    assert [g for g in s.graphs() if "/akn/" in g] == [new.graph]


def test_a_batch_names_both_inputs_of_an_identity_collision(tmp_path):
    first, second = sorted(COLLIDE.glob("*.txt"))
    report = tmp_path / "report.jsonl"
    r = akn_cli("batch", COLLIDE, "-o", tmp_path / "out", "--store", tmp_path / "db", "--report", report, "-j", "1")
    assert r.returncode == 1
    assert "1 identity collision" in r.stderr.splitlines()[-1]
    (said,) = [x for x in r.stderr.splitlines() if x.startswith("error: identity collision: ")]
    assert first.name in said and second.name in said
    assert "/akn/eu/act/regulation/2026-03-02/7/eng@2026-03-02" in said
    lines = [json.loads(x) for x in report.read_text().splitlines()]
    (later,) = [x for x in lines if x["collides_with"]]
    other = later["collides_with"]
    assert {other, later["path"]} == {str(first), str(second)}
    # without a store nothing is replaced: the collision is a warning, the exit status 0
    r = akn_cli("batch", COLLIDE, "-o", tmp_path / "out2")
    assert r.returncode == 0 and "warning: identity collision: " in r.stderr, r.stderr
    assert expressions(tmp_path / "db") == 1          # the other one did not overwrite it
    assert Store(tmp_path / "db").sources() and list(Store(tmp_path / "db").sources().values()) == [other]


def test_a_batch_into_a_store_another_file_filled_is_refused_then_replaced(tmp_path):
    first, second = sorted(COLLIDE.glob("*.txt"))
    db = tmp_path / "db"
    assert akn_cli("load", first, "--store", db).returncode == 0
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(second, src / second.name)
    r = akn_cli("batch", src, "-o", tmp_path / "out", "--store", db, "-q")
    assert r.returncode == 1 and str(first.resolve()) in r.stderr and "--replace" in r.stderr
    r = akn_cli("batch", src, "-o", tmp_path / "out2", "--store", db, "-q", "--replace")
    assert r.returncode == 0, r.stderr
    assert "replaced <" in r.stderr
    assert list(Store(db).sources().values()) == [str((src / second.name).resolve())]


def test_a_store_without_a_record_of_sources_takes_the_same_triples_and_refuses_others(tmp_path):
    """A store written before the record of sources existed: reloading the same act is quiet, another act
    with one of its URIs is refused (no file is known to have loaded it)."""
    from akn.store import SOURCES_NAME
    first, second = sorted(COLLIDE.glob("*.txt"))
    s = Store(tmp_path / "db")
    s.load(first)
    (tmp_path / "db" / SOURCES_NAME).unlink()
    s.load(akn.parse_file(first, source="<text>"))          # same triples, no file: quiet
    with pytest.raises(StoreCollision, match="no file it recorded"):
        Store(tmp_path / "db").load(second)
