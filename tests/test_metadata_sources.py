"""Metadata from outside the text: sidecar files, batch manifests, front matter, ``metadata={...}``.

Fixtures in ``tests/fixtures/identity/``: ``sidecar/consent_bill.txt`` with ``consent_bill.meta.yaml``,
``sidecar/drone_rules.txt`` with ``drone_rules.meta.json`` (its number differs from the text's),
``front_matter.txt``, and the two bills of ``two_bills/`` for the manifests.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from conftest import FIXTURES, REPO

import akn
from akn.sidecar import MetadataError

HERE = FIXTURES / "identity"
NS = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"


def akn_cli(*args, **kw):
    return subprocess.run([sys.executable, "-m", "akn", *map(str, args)], capture_output=True, text=True,
                          cwd=REPO, check=False, timeout=600, **kw)


def frbr(doc, name: str, attr: str = "value") -> str | None:
    el = doc.root.find(f".//{NS}FRBRWork/{NS}{name}")
    return None if el is None else el.get(attr)


def law_text(doc) -> str:
    return " ".join(" ".join(part.itertext()) for part in doc.root.find(f"{NS}*") if part.tag != f"{NS}meta")


def test_a_sidecar_gives_title_date_number_and_type():
    doc = akn.parse_file(HERE / "sidecar" / "consent_bill.txt")
    assert doc.frbr_uri == "/akn/gb/bill/2026-04-01/12"
    assert frbr(doc, "FRBRname") == "Informed Consent (Biometric Data) Bill"
    assert frbr(doc, "FRBRdate", "date") == "2026-04-01"
    assert doc.root.find(f"{NS}bill") is not None
    assert doc.given["short_title"] == "Consent Bill"
    assert doc.given["source"] == "https://bills.example.org/consent-bill"
    codes = [w.code for w in doc.warnings]
    assert "no-date" not in codes and "no-number" not in codes
    # the title line stays in the body, where it was
    assert "Informed Consent Bill" in law_text(doc)
    plain = akn.parse_file(HERE / "sidecar" / "consent_bill.txt", sidecar=False)
    assert plain.frbr_uri != doc.frbr_uri and "/0001-01-01/" in plain.frbr_uri


def test_akn_parse_reads_the_sidecar_unless_told_not_to():
    r = akn_cli("parse", HERE / "sidecar" / "consent_bill.txt", "--json", "-o", "/dev/null")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stderr)
    assert report["frbr_uri"] == "/akn/gb/bill/2026-04-01/12"
    assert report["metadata"]["number"] == "12"
    r = akn_cli("parse", HERE / "sidecar" / "consent_bill.txt", "--json", "--no-sidecar", "-o", "/dev/null")
    assert json.loads(r.stderr)["frbr_uri"].startswith("/akn/gb/act/0001-01-01/")


def test_a_value_that_differs_from_the_text_is_a_conflict_naming_both():
    doc = akn.parse_file(HERE / "sidecar" / "drone_rules.txt")
    assert doc.frbr_uri == "/akn/eu/act/regulation/2026-03-05/19"
    (conflict,) = [w for w in doc.warnings if w.code == "metadata-conflict"]
    assert "'9'" in conflict.message and "'19'" in conflict.message
    assert "drone_rules.meta.json" in conflict.message
    # an option of the call wins over the sidecar, and says so
    doc = akn.parse_file(HERE / "sidecar" / "consent_bill.txt", doctype="act")
    assert doc.root.find(f"{NS}act") is not None
    assert any(w.code == "metadata-conflict" and "'act'" in w.message and "'bill'" in w.message
               for w in doc.warnings)


def test_a_bad_key_in_a_sidecar_is_an_error_with_its_line(tmp_path):
    act = tmp_path / "act.txt"
    shutil.copy(HERE / "sidecar" / "consent_bill.txt", act)
    (tmp_path / "act.meta.yaml").write_text("title: Consent Bill\nnumbr: 12\n", encoding="utf-8")
    with pytest.raises(MetadataError) as caught:
        akn.parse_file(act)
    assert str(caught.value).startswith(f"{tmp_path / 'act.meta.yaml'}:2: unknown key 'numbr'")
    r = akn_cli("parse", act, "-o", tmp_path / "act.xml")
    assert r.returncode == 1 and "act.meta.yaml:2:1: error: unknown key 'numbr'" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr and not (tmp_path / "act.xml").exists()
    (tmp_path / "act.meta.yaml").write_text("date: 2026-02-30\n", encoding="utf-8")
    r = akn_cli("parse", act)
    assert r.returncode == 1 and "act.meta.yaml:1:1" in r.stderr and "YYYY-MM-DD" in r.stderr
    (tmp_path / "act.meta.yaml").write_text("type: decree\n", encoding="utf-8")
    r = akn_cli("parse", act)
    assert r.returncode == 1 and "expected act or bill" in r.stderr
    (tmp_path / "act.meta.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    r = akn_cli("parse", act)
    assert r.returncode == 1 and "act.meta.yaml:2:1: error: not valid YAML" in r.stderr, r.stderr


def test_metadata_given_to_parse():
    text = (HERE / "two_bills" / "amendment_bill_health.txt").read_text(encoding="utf-8")
    doc = akn.parse(text, metadata={"title": {"en": "Health Records Bill", "ru": "..."}, "date": "2026-05-04",
                                    "number": "3"})
    assert doc.frbr_uri == "/akn/gb/bill/2026-05-04/3"
    assert frbr(doc, "FRBRname") == "Health Records Bill"
    for bad in ({"date": "4 May 2026"}, {"type": "decree"}, {"colour": "red"}, {"number": "3/4"},
                {"language": "fr"}, {"frbr_uri": "not a uri"}):
        with pytest.raises(MetadataError):
            akn.parse(text, metadata=bad)


def test_front_matter_is_metadata_not_law_text():
    path = HERE / "front_matter.txt"
    doc = akn.parse_file(path)
    assert frbr(doc, "FRBRname") == "Camera Registration Act"
    assert doc.tradition == "uk"
    body = law_text(doc)
    assert "---" not in body and "converter" not in body and "title:" not in body
    assert body.split()[:3] == ["Camera", "Registration", "Act"]
    # kept, word for word, in a note of <meta>
    (note,) = doc.root.iter(f"{NS}note")
    assert note.get("class") == "frontMatter"
    assert "".join(note.itertext()).splitlines() == path.read_text(encoding="utf-8").splitlines()[:6]
    assert akn.validate(doc.xml) == []
    # and no rendering shows it as a note of the act
    assert "converter" not in akn.render(doc, to="md") and "converter" not in akn.render(doc, to="html")


def test_front_matter_of_a_converted_corpus_act(corpus):
    path = corpus / "ca_act_2000_5_pipeda_eng.md"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    doc = akn.parse_file(path)
    assert frbr(doc, "FRBRname") == "Personal Information Protection and Electronic Documents Act"
    assert "long_title:" not in law_text(doc) and "chapter:" not in law_text(doc)
    assert "personal-information-protection-and-electronic-documents-act-" in doc.frbr_uri


def test_front_matter_fills_in_what_the_text_lacks_and_yields_to_what_it_states():
    """A converter's record is not the drafter's word: the act's own short-title clause wins over it."""
    act = ("1 Register of cameras\n(1) The Minister must keep a register.\n"
           "2 Short title\nThis Act may be cited as the Camera Registration Act 2026.\n")
    stated = akn.parse("---\ntitle: Cameras Act\nnumber: '7'\n---\n" + act, tradition="uk", source="a.md")
    assert frbr(stated, "FRBRname") == "Camera Registration Act 2026"
    (conflict,) = [w for w in stated.warnings if w.code == "metadata-conflict"]
    assert "the text reads 'Camera Registration Act 2026' but a.md gives 'Cameras Act'; using the text's" \
        in conflict.message
    assert frbr(stated, "FRBRnumber") == "7"          # the text states no number: the front matter's fills in
    untitled = akn.parse("---\ntitle: Cameras Act\n---\n" + act.split("2 Short title")[0], tradition="uk",
                         source="b.md")
    assert frbr(untitled, "FRBRname") == "Cameras Act"
    # a sidecar is the user's word: it wins, with the same warning saying so
    given = akn.parse(act, tradition="uk", source="c.txt", metadata={"title": "Cameras Act"})
    assert frbr(given, "FRBRname") == "Cameras Act"


def test_bad_front_matter_is_a_warning_with_its_line_and_stays_text():
    doc = akn.parse("---\ntitle: [unclosed\n---\nArticle 1\nScope\n1. Text.\n", lang="en", source="a.md")
    (warning,) = [w for w in doc.warnings if w.code == "front-matter"]
    assert warning.line == 2 and "not valid YAML" in warning.message
    assert "title: [unclosed" in law_text(doc)
    doc = akn.parse("---\ntitle: A\ndate: someday\n---\nArticle 1\nScope\n1. Text.\n", lang="en", source="a.md")
    (warning,) = [w for w in doc.warnings if w.code == "front-matter"]
    assert warning.line == 3 and "YYYY-MM-DD" in warning.message
    assert frbr(doc, "FRBRname") == "A"


def _two_bills(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(HERE / "two_bills", src)
    return src


def test_a_csv_manifest_gives_metadata_per_input(tmp_path):
    src = _two_bills(tmp_path)
    manifest = tmp_path / "meta.csv"
    manifest.write_text("file,title,date,number,type\n"
                        "amendment_bill_health.txt,Health Records Bill,2026-05-04,3,bill\n"
                        "amendment_bill_cameras.txt,Cameras Bill,2026-05-04,4,bill\n", encoding="utf-8")
    report = tmp_path / "r.jsonl"
    r = akn_cli("batch", src, "-o", tmp_path / "out", "--metadata", manifest, "--report", report, "-q")
    assert r.returncode == 0, r.stderr
    uris = {json.loads(x)["rel"]: json.loads(x)["frbr_uri"] for x in report.read_text().splitlines()}
    assert uris == {"amendment_bill_health.txt": "/akn/gb/bill/2026-05-04/3",
                    "amendment_bill_cameras.txt": "/akn/gb/bill/2026-05-04/4"}
    xml = (tmp_path / "out" / "amendment_bill_cameras.xml").read_text(encoding="utf-8")
    assert '<FRBRname value="Cameras Bill"/>' in xml
    # a changed manifest converts again (the per-file metadata is part of what is up to date)
    manifest.write_text(manifest.read_text().replace(",4,", ",5,"), encoding="utf-8")
    r = akn_cli("batch", src, "-o", tmp_path / "out", "--metadata", manifest, "--report", report, "-q")
    rows = [json.loads(x) for x in report.read_text().splitlines()]
    assert {x["rel"]: x["skipped"] for x in rows} == {"amendment_bill_health.txt": True,
                                                       "amendment_bill_cameras.txt": False}


def test_a_json_manifest_and_its_errors(tmp_path):
    src = _two_bills(tmp_path)
    manifest = tmp_path / "meta.json"
    manifest.write_text(json.dumps({"amendment_bill_health.txt": {"frbr_uri": "/akn/gb/bill/2026-06-01/9"}},
                                   indent=1), encoding="utf-8")
    report = tmp_path / "r.jsonl"
    r = akn_cli("batch", src, "-o", tmp_path / "out", "--metadata", manifest, "--report", report, "-q")
    assert r.returncode == 0, r.stderr
    uris = {json.loads(x)["rel"]: json.loads(x)["frbr_uri"] for x in report.read_text().splitlines()}
    assert uris["amendment_bill_health.txt"] == "/akn/gb/bill/2026-06-01/9"
    manifest.write_text('{\n "amendment_bill_health.txt": {\n  "numbr": "9"\n }\n}\n', encoding="utf-8")
    r = akn_cli("batch", src, "-o", tmp_path / "out2", "--metadata", manifest, "-q")
    assert r.returncode == 1 and f"{manifest}:3: unknown key 'numbr'" in r.stderr, r.stderr
    manifest.write_text('{"no_such_bill.txt": {"number": "9"}}', encoding="utf-8")
    r = akn_cli("batch", src, "-o", tmp_path / "out3", "--metadata", manifest, "-q")
    assert r.returncode == 1 and "'no_such_bill.txt' is not the name of any input" in r.stderr
    csv = tmp_path / "meta.csv"
    csv.write_text("file,number\namendment_bill_health.txt,9\namendment_bill_cameras.txt,1 2\n", encoding="utf-8")
    r = akn_cli("batch", src, "-o", tmp_path / "out4", "--metadata", csv, "-q")
    assert r.returncode == 1 and f"{csv}:3: number '1 2'" in r.stderr, r.stderr


def test_a_batch_reads_each_inputs_sidecar(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(HERE / "sidecar", src)
    report = tmp_path / "r.jsonl"
    r = akn_cli("batch", src, "-o", tmp_path / "out", "--report", report, "-q")
    assert r.returncode == 0, r.stderr
    rows = {json.loads(x)["rel"]: json.loads(x) for x in report.read_text().splitlines()}
    assert set(rows) == {"consent_bill.txt", "drone_rules.txt"}           # sidecars are no inputs
    assert rows["consent_bill.txt"]["frbr_uri"] == "/akn/gb/bill/2026-04-01/12"
    assert any(w["code"] == "metadata-conflict" for w in rows["drone_rules.txt"]["warnings"])
    (src / "consent_bill.meta.yaml").write_text("numbr: 1\n", encoding="utf-8")
    r = akn_cli("batch", src, "-o", tmp_path / "out", "--report", report)
    assert r.returncode == 1 and "consent_bill.meta.yaml:1" in r.stderr and "unknown key 'numbr'" in r.stderr


def test_a_given_language_the_text_does_not_read_as_is_a_conflict():
    text = (HERE / "own_bill_ru.txt").read_text(encoding="utf-8")
    doc = akn.parse(text, metadata={"language": "kk"})
    assert doc.lang == "kaz"
    (conflict,) = [w for w in doc.warnings if w.code == "metadata-conflict"]
    assert "'rus'" in conflict.message and "'kk'" in conflict.message
    assert not [w for w in akn.parse(text, metadata={"language": "ru"}).warnings if w.code == "metadata-conflict"]
