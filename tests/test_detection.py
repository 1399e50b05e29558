"""Choosing the language and drafting tradition: a choice you can see (profile, runner-up, confidence)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import akn
from akn.profiles import Detection, detect, detect_with_evidence

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}

#: an English bill drafted in chapters and articles, numbered paragraphs and lettered points, that names
#: no country
ENGLISH_BILL = """DRAFT LAW
On the Registration of Drones
Chapter 1. General provisions
Article 1. Purpose
1. This Law lays down rules for the registration of drones.
2. It applies to:
(a) operators of drones heavier than 250 grams;
(b) manufacturers who sell drones to the public.
Article 2. Definitions
1. For the purposes of this Law:
(a) "drone" means an aircraft without a pilot on board;
(b) "operator" means the person who controls a drone.
Chapter 2. Registration
Article 3. Register
1. The authority keeps a register of drones.
2. An entry names the operator and the drone.
"""


def test_an_english_bill_in_articles_is_not_read_as_kazakhstan():
    doc = akn.parse(ENGLISH_BILL)
    assert doc.detection.profile == "en-eu"
    assert doc.tradition == "eu"
    country = doc.root.xpath("string(//a:FRBRWork/a:FRBRcountry/@value)", namespaces=NS)
    author = doc.root.xpath("string(//a:references/a:TLCOrganization[@eId='author']/@href)", namespaces=NS)
    assert country != "kz" and "/kz/" not in author and "/kz/" not in doc.frbr_uri
    shown = doc.root.xpath("string(//a:references/a:TLCOrganization[@eId='author']/@showAs)", namespaces=NS)
    assert shown == "Legislature"   # the text names no legislature: none is named for it
    points = doc.root.xpath("//a:article//a:point/a:num/text()", namespaces=NS)
    assert points == ["(a)", "(b)", "(a)", "(b)"]
    assert len(doc.root.xpath("//a:chapter", namespaces=NS)) == 2


def test_the_same_bill_naming_kazakhstan_is_read_as_its_translation():
    doc = akn.parse("LAW OF THE REPUBLIC OF KAZAKHSTAN\n" + ENGLISH_BILL.replace("(a)", "1)").replace("(b)", "2)"))
    assert doc.detection.profile == "en-kz"
    assert doc.root.xpath("string(//a:FRBRWork/a:FRBRcountry/@value)", namespaces=NS) == "kz"


def test_the_kazakh_bill_in_english_names_its_country():
    """examples/ai_biometric_bill_en.txt says "LAW OF THE REPUBLIC OF KAZAKHSTAN" in its title block."""
    doc = akn.parse_file(EXAMPLES / "ai_biometric_bill_en.txt")
    assert (doc.detection.profile, doc.tradition) == ("en-kz", "kz")
    assert doc.detection.runner_up is not None and not doc.detection.weak


def test_detection_reports_choice_runner_up_and_confidence():
    d = detect_with_evidence(["Article 5", "Subject-matter", "Having regard to the Treaty", "Whereas:"])
    assert isinstance(d, Detection)
    assert d.profile == "en-eu" and d.runner_up in ("en-uk", "en-us")
    assert 0.0 < d.confidence <= 1.0 and d.script == "latin"
    assert d.scores["en-eu"] > d.scores[d.runner_up]
    assert any("en-eu" in line for line in d.evidence)
    assert detect(["Article 5", "Subject-matter", "Having regard to the Treaty"]).name == "en-eu"   # unchanged API


def test_evidence_decides_confidence():
    strong = detect_with_evidence(ENGLISH_BILL.splitlines() * 4 + ["Having regard to the Treaty", "Whereas:"])
    weak = detect_with_evidence(["Some words", "More words without numbering"])
    assert strong.confidence > weak.confidence
    assert weak.confidence < Detection.WEAK and weak.weak


def test_given_options_are_full_confidence():
    d = detect_with_evidence(["Some words"], lang="ru", tradition="kz")
    assert (d.profile, d.confidence, d.given, d.weak) == ("ru-kz", 1.0, True, False)


def test_weak_evidence_is_a_warning_unless_the_user_chose():
    text = "A note about widgets\nwidgets are things\n"
    codes = [w.code for w in akn.parse(text).warnings]
    assert "weak-detection" in codes
    warning = next(w for w in akn.parse(text).warnings if w.code == "weak-detection")
    assert "--lang" in warning.message and "--tradition" in warning.message
    assert "weak-detection" not in [w.code for w in akn.parse(text, lang="en", tradition="uk").warnings]


@pytest.mark.parametrize("name", ["eu_style_regulation.txt", "uk_style_act.txt", "ai_biometric_bill_ru.txt",
                                  "ai_biometric_bill_kk.txt"])
def test_the_examples_are_read_with_confidence(name):
    doc = akn.parse_file(EXAMPLES / name)
    assert not doc.detection.weak
    assert "weak-detection" not in [w.code for w in doc.warnings]


def test_parse_json_shows_the_detection(tmp_path):
    src = tmp_path / "bill.txt"
    src.write_text(ENGLISH_BILL, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "akn", "parse", str(src), "--json", "-o", str(tmp_path / "o.xml")],
                         capture_output=True, timeout=120)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stderr)
    assert report["detection"]["profile"] == "en-eu"
    assert set(report["detection"]) >= {"profile", "runner_up", "confidence", "evidence"}
    assert 0 <= report["detection"]["confidence"] <= 1


def test_the_batch_report_carries_the_detection(tmp_path):
    from akn.batch.worker import Task, run_task

    src = tmp_path / "bill.txt"
    src.write_text(ENGLISH_BILL, encoding="utf-8")
    result = run_task(Task(path=str(src), rel="bill.txt", outputs={"xml": str(tmp_path / "bill.xml")},
                           formats=["xml"], options={}))
    assert result.to_dict()["detection"]["profile"] == "en-eu"
