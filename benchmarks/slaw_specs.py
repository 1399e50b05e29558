#!/usr/bin/env python3
"""Compare akn's structure with slaw's expected output on slaw's published test cases.

slaw (Laws.Africa's parser behind Indigo, https://github.com/laws-africa/slaw) keeps, in
``spec/za/*_spec.rb``, test cases that give the plain text of (a piece of) an act and the
Akoma Ntoso XML slaw must produce for it. This script reads those specs from a slaw
checkout or bare git directory given on the command line (nothing of slaw is stored
here), parses each case's text with ``akn.parse`` and compares the *outlines*.

    python benchmarks/slaw_specs.py --slaw /path/to/slaw            # the table and the total
    python benchmarks/slaw_specs.py --slaw /path/to/slaw.git --list # the cases, fair or not, and why
    python benchmarks/slaw_specs.py --slaw DIR --show block/chapters/should-handle-chapter-headers
    python benchmarks/slaw_specs.py --slaw DIR --akn-python /other/venv/bin/python

The ``akn`` compared is whichever one the Python running this script imports, or, with
``--akn-python PY``, the one that interpreter imports (each case is parsed there).

**Cases.** A case is one ``it '…' do … end`` block of a spec file that calls
``parse :RULE, TEXT`` and then compares an XML serialisation with ``should == '<…'``.
Blocks that only check that the text parses, or a node's number, have no expected
structure and are not cases. A block with several ``parse`` calls gives one case per call
that is followed by an XML expectation (``NAME#2`` …).

**Fair cases.** A case is *unfair* (listed with its reason, left out of the total) when:

1. its text holds slaw-only markup that plain text of an act never has: a line that is
   only a slaw keyword or starts with one (``BODY``, ``PREFACE``, ``PREAMBLE``,
   ``LONGTITLE``, ``CROSSHEADING``, ``HEADING``, ``SUBHEADING``), inline markup (``**bold**``,
   ``//italics//``, ``__underline__``, ``^^sup^^``, ``_^sub^_``, ``[[remark]]``, ``[text](href)``,
   ``![image](src)``, ``{{…}}``), wiki tables (``{|`` … ``|}``), or backslash escapes;
2. the test sets a slaw parser option that tells slaw the layout (``section_number_after_title:
   true``): the text alone does not carry it;
3. slaw was started at a grammar rule below the section (``subsection``, ``generic_container``,
   ``inline_*``, ``table``, ``crossheading``, ``longtitle``, ``schedule``): the test tells slaw
   that a bare ``(2) text`` is a subsection; a whole-document parser has no such hint
   (these *fragments* are still compared and reported apart, outside the total);
4. the expected output has no hierarchical unit at all (only ``p`` text): there is no
   structure to compare.

**Outlines.** Both sides are reduced with :mod:`structure_outline` (see its docstring):
one row per unit (part, subpart, chapter, section, subsection, and numbered sub-units,
written ``item`` on both sides because slaw writes ``(a)``/``(i)`` as ``blockList/item`` where
akn writes ``paragraph``/``subparagraph``), each with depth, number (unit word and trailing dots, dashes, colons stripped,
brackets kept) and heading (whitespace and case normalised). Content, intros, wrap-ups,
unnumbered ``hcontainer`` elements and eIds are ignored; slaw's flat ``renest`` lists are nested by
numbering style as slaw's own post-processing does. Our outline covers the whole
document (preface to attachments); slaw's covers every XML it is expected to produce (the
root unit itself included when the test parsed from ``:chapter``, ``:part`` or ``:section``).
A case is ``same`` when the two outlines are equal row for row.

Each case is parsed twice: with ``tradition="uk"`` and with the tradition detected.

**Text.** Apart from the structure, the ``text`` column says whether the output's text
outside ``<meta>`` is the input's, character for character with whitespace left out
(``kept``), or not (``CHANGED``, with the first place they part listed below the total);
it is not part of ``same``.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from structure_outline import Unit, outline, to_text

SPEC_FILES = ("spec/za/act_block_spec.rb", "spec/za/act_inline_spec.rb",
              "spec/za/act_schedules_spec.rb", "spec/za/act_table_spec.rb")
SHORT = {"act_block_spec.rb": "block", "act_inline_spec.rb": "inline",
         "act_schedules_spec.rb": "schedules", "act_table_spec.rb": "table"}

KEYWORDS = ("BODY", "PREFACE", "PREAMBLE", "LONGTITLE", "CROSSHEADING", "HEADING", "SUBHEADING")
KEYWORD_LINE = re.compile(r"^\s*({})\b".format("|".join(KEYWORDS)), re.MULTILINE)
INLINE_MARKUP = [
    ("**bold**", re.compile(r"\*\*.+?\*\*")), ("//italics//", re.compile(r"(?<!:)//.+?//")),
    ("__underline__", re.compile(r"__.+?__")), ("^^superscript^^", re.compile(r"\^\^.+?\^\^")),
    ("_^subscript^_", re.compile(r"_\^.+?\^_")), ("[[remark]]", re.compile(r"\[\[.+?\]\]")),
    ("![image](src)", re.compile(r"!\[[^\]\n]*\]\([^)\n]+\)")),
    ("[text](href)", re.compile(r"\[[^\]\n]+\]\([^)\n]+\)")), ("{{...}}", re.compile(r"\{\{")),
    ("{| table |}", re.compile(r"\{\|")), ("backslash escape", re.compile(r"\\")),
]
AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
FRAGMENT_RULES = {"subsection", "generic_container", "inline_items", "inline_statement", "table",
                  "crossheading", "longtitle", "schedule"}


# -- reading slaw's specs ----------------------------------------------------------------

def read_specs(slaw: str) -> dict[str, str]:
    """The spec files' text, from a checkout or a (bare) git directory."""
    root = Path(slaw)
    out = {}
    for rel in SPEC_FILES:
        if (root / rel).is_file():
            out[rel] = (root / rel).read_text(encoding="utf-8")
            continue
        git_dir = root / ".git" if (root / ".git").exists() else root
        res = subprocess.run(["git", "--git-dir", str(git_dir), "show", "HEAD:" + rel],
                             capture_output=True, text=True, check=False)
        if res.returncode != 0:
            raise SystemExit(f"{slaw}: no {rel} in the checkout or git directory (is it slaw?)")
        out[rel] = res.stdout
    return out


@dataclass
class Case:
    name: str
    file: str
    line: int
    title: str
    rule: str
    text: str
    expected: list[str]
    options: str = ""
    unfair: str = ""
    slaw: list[Unit] = field(default_factory=list)


BLOCK_HEAD = re.compile(r"^(\s*)(describe|context|it)\s+(['\"])(.*?)\3\s+do\s*$")


def _slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def _unescape_single(s: str) -> str:
    return re.sub(r"\\([\\'])", r"\1", s)


def _unescape_double(s: str) -> str:
    table = {"n": "\n", "t": "\t", "\\": "\\", '"': '"', "'": "'", "#": "#"}
    return re.sub(r"\\(.)", lambda m: table.get(m.group(1), "\\" + m.group(1)), s)


def _literals(body: str) -> tuple[str, list[str]]:
    """Ruby string literals of a block replaced by ``\\x00N\\x00``; the code and the values."""
    code, values, i, pending = [], [], 0, []
    while i < len(body):
        ch = body[i]
        m = re.match(r"<<[-~]?([A-Z]+)", body[i:])
        if m:
            pending.append((len(values), m.group(1)))
            values.append("")
            code.append(f"\x00{len(values) - 1}\x00")
            i += m.end()
            continue
        if ch == "\n" and pending:
            i += 1
            for idx, term in pending:
                lines = []
                while i < len(body):
                    end = body.find("\n", i)
                    end = len(body) if end < 0 else end
                    line = body[i:end]
                    i = end + 1
                    if line.strip() == term:
                        break
                    lines.append(line)
                values[idx] = _unescape_double("\n".join(lines) + "\n")
            pending = []
            code.append("\n")
            continue
        if ch in "'\"":
            j, buf = i + 1, []
            while j < len(body) and body[j] != ch:
                if body[j] == "\\" and j + 1 < len(body):
                    buf.append(body[j:j + 2])
                    j += 2
                    continue
                buf.append(body[j])
                j += 1
            raw = "".join(buf)
            values.append(_unescape_single(raw) if ch == "'" else _unescape_double(raw))
            code.append(f"\x00{len(values) - 1}\x00")
            i = j + 1
            continue
        if ch == "#":
            end = body.find("\n", i)
            i = len(body) if end < 0 else end
            continue
        code.append(ch)
        i += 1
    return "".join(code), values


LIT = r"\x00(\d+)\x00"
PARSE_CALL = re.compile(r"\bparse\s*\(?\s*:(\w+)\s*,\s*" + LIT)
EXPECT = re.compile(r"\.should\s*==\s*(" + LIT + r"(?:\s*\+\s*\w+\s*\+\s*" + LIT + r")*)")
OPTIONS = re.compile(r"options\s*=\s*\{([^}]*)\}")


def extract_cases(specs: dict[str, str]) -> list[Case]:
    cases: list[Case] = []
    seen: dict[str, int] = {}
    for rel, source in specs.items():
        short = SHORT.get(Path(rel).name, Path(rel).stem)
        lines = source.split("\n")
        stack: list[tuple[str, str]] = []
        n = 0
        while n < len(lines):
            line = lines[n]
            while stack and line.rstrip() == stack[-1][0] + "end":
                stack.pop()
            m = BLOCK_HEAD.match(line)
            if m and m.group(2) != "it":
                stack.append((m.group(1), m.group(4)))
            elif m:
                indent, title, start = m.group(1), m.group(4), n + 1
                n += 1
                body = []
                while n < len(lines) and lines[n].rstrip() != indent + "end":
                    body.append(lines[n])
                    n += 1
                code, values = _literals("\n".join(body) + "\n")
                base = "/".join([short] + [_slug(d) for _, d in stack] + [_slug(title)])
                options = " ".join(OPTIONS.findall(code))
                calls = list(PARSE_CALL.finditer(code))
                for k, call in enumerate(calls):
                    stop = calls[k + 1].start() if k + 1 < len(calls) else len(code)
                    expected = []
                    for e in EXPECT.finditer(code, call.end(), stop):
                        parts = [values[int(x)] for x in re.findall(LIT, e.group(1))]
                        xml = "".join(parts).strip()
                        if xml.startswith("<"):
                            expected.append(xml)
                    if not expected:
                        continue
                    name = base if k == 0 else f"{base}#{k + 1}"
                    if name in seen:
                        seen[name] += 1
                        name = f"{name}~{seen[name]}"
                    else:
                        seen[name] = 1
                    cases.append(Case(name, rel, start, title, call.group(1), values[int(call.group(2))],
                                      expected, options))
            n += 1
    for case in cases:
        case.slaw = slaw_outline(case)
        case.unfair = unfair_reason(case)
    return cases


def slaw_outline(case: Case) -> list[Unit]:
    """The units of every XML the case expects; a part inside a whole act counted once."""
    roots = []
    for xml in case.expected:
        xml = re.sub(r"#\{\w+\}", "", xml)
        if not xml.startswith("<?xml") and "xmlns=" not in xml.split(">", 1)[0]:
            tag = re.match(r"<(\w+)", xml).group(1)
            xml = xml.replace("<" + tag, f'<{tag} xmlns="{AKN_NS}"', 1)
        roots.append((re.match(r"<(\w+)", xml).group(1), xml))
    names = [r for r, _ in roots]
    if "act" in names:
        roots = [r for r in roots if r[0] == "act"]
    elif "body" in names:
        roots = [r for r in roots if r[0] not in ("preface", "preamble")] + \
                [r for r in roots if r[0] in ("preface", "preamble")]
    units = []
    for _, xml in roots:
        units += outline(xml)
    return units


def unfair_reason(case: Case) -> str:
    m = KEYWORD_LINE.search(case.text)
    if m:
        return f"slaw keyword line `{m.group(1)}`"
    for label, pattern in INLINE_MARKUP:
        if pattern.search(case.text):
            return f"slaw inline markup `{label}`"
    if re.search(r"section_number_after_title:\s*true", case.options):
        return "slaw told the layout by option section_number_after_title: true"
    if case.rule in FRAGMENT_RULES:
        return f"fragment parsed from grammar rule `:{case.rule}` (below section level)"
    if not case.slaw:
        return "expected output has no hierarchical unit"
    return ""


# -- parsing with akn ---------------------------------------------------------------------

def parse_jobs(jobs: list[tuple[str, str | None]]) -> list[dict]:
    """Parse each (text, tradition) with the ``akn`` this interpreter imports."""
    import akn

    out = []
    for text, tradition in jobs:
        try:
            doc = akn.parse(text, tradition=tradition, passes=())
        except Exception as exc:  # noqa: BLE001 - a crash is a result: the case is reported as such
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            where = f"{Path(frame.filename).parent.name}/{Path(frame.filename).name}:{frame.lineno}"
            out.append({"error": f"{type(exc).__name__}: {exc} (at {where})"})
            continue
        xml = doc.xml
        out.append({"xml": xml.decode("utf-8") if isinstance(xml, bytes) else xml, "tradition": doc.tradition})
    return out


def run_akn(jobs: list[tuple[str, str | None]], python: str | None) -> list[dict]:
    """Parse the jobs here, or with the akn of another interpreter (this script as its worker)."""
    if python is None:
        return parse_jobs(jobs)
    res = subprocess.run([python, str(Path(__file__).resolve()), "--worker"], input=json.dumps(jobs),
                         capture_output=True, text=True, check=False)
    if res.returncode != 0:
        raise SystemExit(f"{python}: the akn parse failed:\n{res.stderr}")
    return json.loads(res.stdout)


def our_outline(result: dict) -> list[Unit] | str:
    if "error" in result:
        return "crash: " + result["error"]
    return outline(result["xml"].encode("utf-8"))


def law_text(xml: str) -> str:
    """The characters of a parsed document outside ``<meta>``, in order, without whitespace."""
    from lxml import etree

    root = etree.fromstring(xml.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True))
    for meta in list(root.iter("{*}meta")):
        meta.getparent().remove(meta)
    return "".join("".join(root.itertext()).split())


def words_difference(text: str, result: dict) -> str:
    """Where the output's text stops matching the input's ("" when it is the same).

    Whitespace is left out on both sides: markup may split ``1.—(1)`` into a number and
    a subnumber, but no character may be added, dropped or moved.
    """
    if "error" in result:
        return "no output"
    given, got = "".join(text.split()), law_text(result["xml"])
    if given == got:
        return ""
    i = next((k for k, (a, b) in enumerate(zip(given, got)) if a != b), min(len(given), len(got)))
    return f"character {i + 1}: input {given[max(0, i - 12):i + 12]!r}, output {got[max(0, i - 12):i + 12]!r}"


def first_difference(slaw: list[Unit], ours: list[Unit] | str) -> str:
    if isinstance(ours, str):
        return ours
    for i, (a, b) in enumerate(zip(slaw, ours)):
        if a != b:
            return f"row {i + 1}: slaw `{a.line().strip()}` (depth {a.depth}), ours `{b.line().strip()}` (depth {b.depth})"
    if len(slaw) > len(ours):
        return f"row {len(ours) + 1}: slaw `{slaw[len(ours)].line().strip()}`, ours has no more units"
    return f"row {len(slaw) + 1}: ours has more units: `{ours[len(slaw)].line().strip()}`"


def is_fragment(case: Case) -> bool:
    return case.unfair.startswith("fragment") and bool(case.slaw)


def compare(cases: list[Case], python: str | None) -> list[dict]:
    """Parse the fair cases (and the fragments, reported apart) and compare outlines."""
    fair = [c for c in cases if not c.unfair or is_fragment(c)]
    jobs = [(c.text, t) for c in fair for t in ("uk", None)]
    results = run_akn(jobs, python)
    rows = []
    for i, case in enumerate(fair):
        row = {"case": case}
        for col, res in zip(("uk", "auto"), results[2 * i:2 * i + 2]):
            ours = our_outline(res)
            row[col] = {"ours": ours, "same": ours == case.slaw, "tradition": res.get("tradition"),
                        "diff": "" if ours == case.slaw else first_difference(case.slaw, ours),
                        "words": words_difference(case.text, res), "xml": res.get("xml", "")}
        rows.append(row)
    return rows


# -- output --------------------------------------------------------------------------------

def print_table(rows: list[dict], cases: list[Case]) -> None:
    width = max(len(r["case"].name) for r in rows) if rows else 10

    def mark(col):
        return "same" if col["same"] else "DIFF"
    fair = [r for r in rows if not r["case"].unfair]
    fragments = [r for r in rows if r["case"].unfair]
    for title, group in (("fair cases", fair), ("fragments below section level (not in the total)", fragments)):
        print(f"{title}\n{'case':<{width}}  uk    auto  text     first difference (uk)")
        for r in group:
            text = "CHANGED" if r["uk"]["words"] or r["auto"]["words"] else "kept"
            print(f"{r['case'].name:<{width}}  {mark(r['uk']):<5} {mark(r['auto']):<5} {text:<8} {r['uk']['diff']}")
        print()
    n = len(fair)
    print(f"fragments: same {sum(r['uk']['same'] for r in fragments)} of {len(fragments)} with tradition=uk, "
          f"{sum(r['auto']['same'] for r in fragments)} detected (not in the total)")
    print(f"TOTAL same {sum(r['uk']['same'] for r in fair)} of {n} (fair cases) with tradition=uk; "
          f"{sum(r['auto']['same'] for r in fair)} of {n} with the tradition detected")
    changed = [r for r in rows if r["uk"]["words"] or r["auto"]["words"]]
    print(f"text: the output's text equals the input's, in order, in {len(rows) - len(changed)} of {len(rows)} "
          "parsed cases (both columns; whitespace aside)")
    for r in changed:
        print(f"  {r['case'].name}: {r['uk']['words'] or r['auto']['words']}")
    unfair = [c for c in cases if c.unfair]
    print(f"\nExcluded as unfair: {len(unfair)} of {len(cases)} cases")
    for c in unfair:
        print(f"  {c.name}: {c.unfair}")


def show(case: Case, row: dict | None) -> None:
    print(f"{case.name}  ({case.file}:{case.line}, parse :{case.rule})")
    print(f"unfair: {case.unfair}" if case.unfair else "fair")
    print("--- text\n" + case.text.rstrip("\n"))
    print("--- slaw outline\n" + to_text(case.slaw))
    if row:
        for col in ("uk", "auto"):
            ours = row[col]["ours"]
            print(f"--- ours ({col}, tradition {row[col]['tradition']}): "
                  f"{'same' if row[col]['same'] else 'DIFF ' + row[col]['diff']}; "
                  f"text {'CHANGED at ' + row[col]['words'] if row[col]['words'] else 'kept word for word'}")
            print(ours if isinstance(ours, str) else to_text(ours))


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["--worker"]:  # the other interpreter's side of --akn-python
        json.dump(parse_jobs(json.load(sys.stdin)), sys.stdout)
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--slaw", required=True, help="slaw checkout or (bare) git directory")
    ap.add_argument("--akn-python", metavar="PY", help="parse with the akn this Python imports")
    ap.add_argument("--show", metavar="NAME", help="one case: its text, slaw's outline and ours")
    ap.add_argument("--list", action="store_true", help="list the cases, fair or not, without parsing")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = ap.parse_args(argv)
    cases = extract_cases(read_specs(args.slaw))
    if args.list:
        for c in cases:
            print(f"{c.name:<80} {'fair' if not c.unfair else 'unfair: ' + c.unfair}")
        print(f"{len(cases)} cases, {sum(not c.unfair for c in cases)} fair")
        return 0
    if args.show:
        matches = [c for c in cases if c.name == args.show] or [c for c in cases if args.show in c.name]
        if not matches:
            print(f"no case named {args.show!r} (see --list)", file=sys.stderr)
            return 2
        for case in matches:
            rows = compare([case], args.akn_python) if not case.unfair or is_fragment(case) else [None]
            show(case, rows[0] if rows else None)
        return 0
    rows = compare(cases, args.akn_python)
    print_table(rows, cases)
    if args.json:
        Path(args.json).write_text(json.dumps([
            {"case": r["case"].name, "text": r["case"].text, "slaw": to_text(r["case"].slaw),
             **{col: {"same": r[col]["same"], "diff": r[col]["diff"], "tradition": r[col]["tradition"],
                      "words": r[col]["words"],
                      "ours": r[col]["ours"] if isinstance(r[col]["ours"], str) else to_text(r[col]["ours"])}
                for col in ("uk", "auto")}} for r in rows], indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
