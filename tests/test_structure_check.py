"""The parser checks its own structure: other profiles are tried when the result looks wrong, and it says so."""
import json
import subprocess
import sys

import akn
from akn.classify import prepare
from akn.normalise import normalise
from akn.profiles import choose
from akn.structure_check import assess

#: a web copy of a Scottish act: no "Article" anywhere, sections glued to their headings
WEB_COPY = "\n\n".join([
    "Ferries (Scotland) Act 2026", "2026 asp 4", "An Act of the Scottish Parliament to make provision about ferries.",
    "Part 1Ferry services", "1Duty to provide ferry services", "(1)",
    "The Scottish Ministers must secure the provision of ferry services to the islands.", "(2)",
    "In this section “islands” means the islands listed in the schedule.",
    "2Ferry timetables", "The operator of a ferry service must publish its timetable.",
    "3Fares", "The Scottish Ministers may by regulations set maximum fares.",
    "Part 2General", "4Interpretation", "In this Act “ferry service” means a service carrying passengers by sea.",
    "5Short title", "This Act may be cited as the Ferries (Scotland) Act 2026.",
])


def test_figures_of_a_consistent_reading():
    figures = assess(prepare(normalise(WEB_COPY), choose("en-uk")), choose("en-uk"))
    assert (figures.units, figures.repeats, figures.skips) == (5, 0, 0)
    assert not figures.looks_wrong()


def test_figures_of_a_reading_that_finds_nothing():
    figures = assess(prepare(normalise(WEB_COPY), choose("en-eu")), choose("en-eu"))
    assert figures.units == 0
    assert figures.looks_wrong()
    # the five glued section lines (and "2026 asp 4") were read as text
    assert figures.numbered_text == [3, 9, 19, 23, 29, 33]


def test_another_profile_is_kept_when_it_reads_the_numbering_better():
    doc = akn.parse(WEB_COPY, lang="en")
    assert doc.tradition == "uk"
    assert doc.structure["profile"] == "en-uk" and doc.structure["units"] == 5
    assert doc.structure["tried"]["en-uk"] > doc.structure["tried"]["en-eu"]
    assert not [w for w in doc.warnings if w.code == "structure-uncertain"]


def test_a_forced_tradition_is_kept_and_the_doubt_said_once_with_the_lines():
    doc = akn.parse(WEB_COPY, tradition="eu")
    assert doc.tradition == "eu" and "tried" not in doc.structure
    doubts = [w for w in doc.warnings if w.code == "structure-uncertain"]
    assert len(doubts) == 1
    message = doubts[0].message
    assert message.startswith("structure uncertain: no articles found")
    assert "6 lines numbered like articles were read as text (lines 3, 9, 19, 23, 29, …)" in message
    assert "try --tradition uk" in message


def test_an_act_read_well_is_not_read_again():
    text = "\n".join(["1 Short title", "This Act may be cited as the Test Act 2026.",
                      "2 Commencement", "This Act comes into force on 1 May 2026."])
    doc = akn.parse(text, tradition="uk")
    assert doc.structure == {"profile": "en-uk", "units": 2, "repeats": 0, "skips": 0,
                             "numbered_lines_read_as_text": 0, "lines": 4}


def test_parse_json_reports_the_structure(tmp_path):
    path = tmp_path / "ferries.txt"
    path.write_text(WEB_COPY, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "akn", "parse", str(path), "--json", "-o", str(tmp_path / "out.xml")],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stderr)
    assert report["structure"]["profile"] == "en-uk"
    assert report["structure"]["units"] == 5
