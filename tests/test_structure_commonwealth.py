"""Commonwealth layouts: the outline of the parsed act against a hand-written outline.

Each ``tests/fixtures/structure/commonwealth/NAME.txt`` is a short act in a South African or
Commonwealth layout; ``NAME.outline`` holds, one unit a line, the units a reader sees in it
(two spaces of indentation per depth, ``element num`` then `` | heading``; numbered units
below the subsection are written ``item``). The first line may give parse options:
``# options: --tradition uk``. The outline is the one of ``benchmarks/structure_outline.py``,
which ``benchmarks/slaw_specs.py`` also uses to compare akn with slaw's expected output.

Layouts the parser does not read yet are marked ``xfail`` (strict) with the reason: when
one starts to pass, its mark must go.
"""
from __future__ import annotations

import doctest
import shlex
import sys

import pytest
from conftest import FIXTURES, REPO

import akn

sys.path.insert(0, str(REPO / "benchmarks"))
import slaw_specs
import structure_outline
from structure_outline import Unit, from_text, outline, to_text

CASES_DIR = FIXTURES / "structure" / "commonwealth"
CASES = sorted(p.stem for p in CASES_DIR.glob("*.txt"))

NOT_YET: dict[str, str] = {}   # layouts not read yet: name -> why

#: cases whose separator between a number and its heading ("Part 2 - Levy", "SUBPART 1 - RATES") is
#: not kept: <num> holds "2" and <heading> "Levy", and the dash between them is lost. The words and
#: numbers are all kept (the corpus scorer counts no word dropped); keeping the dash changes <num> of
#: every act with "CHAPTER I:" and the renderings built on it, so it is open work, not hidden.
SEPARATOR_DROPPED = {
    "parts_mixed_case": "the '-' of 'Part 2 - Levy' is dropped",
    "subparts": "the '-' of 'SUBPART 1 - RATES' is dropped",
}


def options(outline_text: str) -> dict:
    first = outline_text.splitlines()[0] if outline_text else ""
    if not first.startswith("# options:"):
        return {}
    args = shlex.split(first.partition(":")[2])
    return {a.lstrip("-").replace("-", "_"): v for a, v in zip(args[::2], args[1::2])}


def test_there_are_cases_for_the_layouts_of_the_tradition():
    assert len(CASES) >= 14
    assert set(NOT_YET) <= set(CASES)


@pytest.mark.parametrize("name", [
    pytest.param(n, marks=pytest.mark.xfail(reason=NOT_YET[n], strict=True)) if n in NOT_YET else n
    for n in CASES])
def test_outline(name):
    expected_text = (CASES_DIR / f"{name}.outline").read_text(encoding="utf-8")
    doc = akn.parse((CASES_DIR / f"{name}.txt").read_text(encoding="utf-8"), **options(expected_text))
    got = outline(doc.xml)
    assert to_text(got) == to_text(from_text(expected_text))


@pytest.mark.parametrize("name", [
    pytest.param(n, marks=pytest.mark.xfail(reason=SEPARATOR_DROPPED[n], strict=True)) if n in SEPARATOR_DROPPED
    else n for n in CASES])
def test_the_law_text_is_kept_character_for_character(name):
    """Markup goes around the text: the separators of `Part 2 - Levy` stay too."""
    text = (CASES_DIR / f"{name}.txt").read_text(encoding="utf-8")
    options_text = (CASES_DIR / f"{name}.outline").read_text(encoding="utf-8")
    doc = akn.parse(text, **options(options_text))
    assert slaw_specs.words_difference(text, {"xml": doc.xml.decode("utf-8")}) == ""


def test_outline_doctests():
    assert doctest.testmod(structure_outline).failed == 0


def test_a_flat_list_and_nested_paragraphs_have_one_outline():
    ns = 'xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"'
    flat = f"""<section {ns}><num>4.</num><heading>Fees</heading><hcontainer name="hcontainer"><content>
      <blockList renest="true"><item><num>(a)</num><p>x</p></item><item><num>(b)</num><p>y</p></item>
      <item><num>(i)</num><p>z</p></item><item><num>(ii)</num><p>w</p></item></blockList>
      </content></hcontainer></section>"""
    nested = f"""<section {ns}><num>4</num><heading>FEES</heading>
      <paragraph><num>(a)</num><content><p>x</p></content></paragraph>
      <paragraph><num>(b)</num><intro><p>y</p></intro>
        <subparagraph><num>(i)</num><content><p>z</p></content></subparagraph>
        <subparagraph><num>(ii)</num><content><p>w</p></content></subparagraph></paragraph></section>"""
    assert outline(flat) == outline(nested) == [
        Unit(0, "section", "4", "fees"), Unit(1, "item", "(a)", ""), Unit(1, "item", "(b)", ""),
        Unit(2, "item", "(i)", ""), Unit(2, "item", "(ii)", "")]


SPEC = r'''
describe Something do
  describe 'parts' do
    it 'reads a part' do
      node = parse :part, <<EOS
Part 3 - Fees
4. Amount
The fee is ten rand.
EOS
      to_xml(node).should == '<part eId="part_3">
  <num>3</num>
  <heading>Fees</heading>
  <section eId="sec_4">
    <num>4.</num>
    <heading>Amount</heading>
  </section>
</part>'
    end

    it 'checks only the number' do
      node = parse :part, <<EOS
Part 3
EOS
      node.num.should == "3"
    end

    it "keeps slaw's bold" do
      node = parse(:section, <<EOS
4. A **bold** heading
EOS
      )
      to_xml(node).should == '<section eId="sec_4"><num>4.</num><heading>A <b>bold</b> heading</heading></section>'
    end

    it 'reads a bare subsection' do
      node = parse :subsection, "(2) text\n"
      to_xml(node, "", 1).should == '<subsection eId="subsec_2"><num>(2)</num></subsection>'
    end
  end
end
'''


def test_spec_cases_are_read_with_their_text_and_expected_outline():
    cases = slaw_specs.extract_cases({"spec/za/act_block_spec.rb": SPEC})
    by_name = {c.name: c for c in cases}
    assert sorted(by_name) == ["block/parts/keeps-slaw-s-bold", "block/parts/reads-a-bare-subsection",
                               "block/parts/reads-a-part"]
    part = by_name["block/parts/reads-a-part"]
    assert part.rule == "part" and part.text == "Part 3 - Fees\n4. Amount\nThe fee is ten rand.\n"
    assert to_text(part.slaw) == "part 3 | fees\n  section 4 | amount"
    assert part.unfair == ""
    assert by_name["block/parts/keeps-slaw-s-bold"].unfair == "slaw inline markup `**bold**`"
    assert by_name["block/parts/reads-a-bare-subsection"].unfair.startswith("fragment parsed from grammar rule `:subsection`")
    assert by_name["block/parts/reads-a-bare-subsection"].text == "(2) text\n"


def test_the_first_difference_names_the_row_and_both_units():
    slaw = from_text("part 3 | Fees\n  section 4 | Amount")
    assert slaw_specs.first_difference(slaw, from_text("part 3 | Fees\n  item 4")) == \
        "row 2: slaw `section 4 | amount` (depth 1), ours `item 4` (depth 1)"
    assert slaw_specs.first_difference(slaw, slaw[:1]) == "row 2: slaw `section 4 | amount`, ours has no more units"
    assert slaw_specs.first_difference(slaw[:1], slaw) == "row 2: ours has more units: `section 4 | amount`"


def test_spec_comparison_parses_each_fair_case_with_and_without_the_tradition():
    cases = slaw_specs.extract_cases({"spec/za/act_block_spec.rb": SPEC})
    rows = slaw_specs.compare(cases, None)
    assert [r["case"].name for r in rows] == ["block/parts/reads-a-part", "block/parts/reads-a-bare-subsection"]
    part = rows[0]
    assert part["uk"]["tradition"] == "uk"
    for col in ("uk", "auto"):
        assert part[col]["same"] == (part[col]["ours"] == part["case"].slaw)
        assert part[col]["same"] or part[col]["diff"].startswith("row ")


def test_the_text_check_finds_a_dropped_separator():
    ns = 'xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"'
    kept = f'<akomaNtoso {ns}><act><meta><x>Part 2</x></meta><body><part><num>Part 2 -</num>' \
           '<heading>Fees</heading></part></body></act></akomaNtoso>'
    dropped = kept.replace("Part 2 -</num>", "Part 2</num>")
    assert slaw_specs.words_difference("Part 2 - Fees\n", {"xml": kept}) == ""
    assert slaw_specs.words_difference("Part 2 - Fees\n", {"xml": dropped}) == \
        "character 6: input 'Part2-Fees', output 'Part2Fees'"
    assert slaw_specs.words_difference("Part 2\n", {"error": "ValueError: x"}) == "no output"
