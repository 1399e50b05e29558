"""Hostile and unlucky inputs and outputs: decoding, Markdown escaping, memory, atomic writes, templates.

Each test is named after the item of the hardening list it keeps fixed (``test_itemN_...``).
"""
from __future__ import annotations

import errno
import html.parser
import os
import resource
import shutil
import subprocess
import sys
import textwrap
from collections import Counter

import pytest
from click.testing import CliRunner

import akn
from akn.cli import cli

AKN = [sys.executable, "-m", "akn"]

RU_ACT = textwrap.dedent("""\
    ФЕДЕРАЛЬНЫЙ ЗАКОН
    О защите биометрических данных

    Статья 1. Предмет регулирования
    1. Настоящий Федеральный закон регулирует отношения, связанные с обработкой биометрических данных.
    2. Действие настоящего Федерального закона не распространяется на архивы.

    Статья 2. Основные понятия
    Для целей настоящего Федерального закона используются следующие понятия:
    1) биометрические данные - сведения о физиологических особенностях человека;
    2) оператор - государственный орган или юридическое лицо.

    Статья 3. Согласие
    Обработка биометрических данных допускается только с согласия субъекта.
    """)

EN_ACT = textwrap.dedent("""\
    REGULATION (EU) 2030/1 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL
    of 1 January 2030
    on the protection of biometric data

    Article 1
    Subject-matter
    1. This Regulation lays down rules on biometric data.
    2. It applies to:
    (a) public bodies;
    (b) private persons.

    Article 2
    Definitions
    For the purposes of this Regulation, 'biometric data' means personal data.
    """)


def run(*args, input=None, preexec_fn=None, cwd=None, env=None):
    return subprocess.run([*AKN, *map(str, args)], input=input, capture_output=True, preexec_fn=preexec_fn,
                          cwd=cwd, env=env, timeout=300)


def cli_run(*args, input=None):
    return CliRunner().invoke(cli, [*map(str, args)], input=input)


def body(doc) -> str:
    xml = doc.xml.decode()
    return xml[xml.index("<body"):]


def leftovers(folder) -> list[str]:
    """Files in *folder* other than those the test put there: partial outputs, temporary files."""
    return sorted(p.name for p in folder.iterdir())


# -- item 2: a stray byte does not turn UTF-8 into mojibake ---------------------------------------

def test_item2_stray_byte_keeps_utf8():
    clean = akn.parse(RU_ACT.encode())
    damaged = akn.parse(b"\xff" + RU_ACT.encode())
    assert damaged.lang == clean.lang == "rus"
    assert damaged.xml.count(b"<article") == clean.xml.count(b"<article") == 3
    assert "Р Рџ" not in damaged.xml.decode() and "О защите биометрических данных" in damaged.xml.decode()
    bad = [w for w in damaged.warnings if w.code == "bad-utf8"]
    assert len(bad) == 1 and bad[0].line == 1 and bad[0].col == 1 and "byte 0 (0xff)" in bad[0].message


def test_item2_warning_names_each_bad_place_by_offset_and_line():
    data = RU_ACT.encode()
    third = data.index("Статья 1".encode())                  # the start of line 4
    damaged = data[:third] + b"\xc0\xc1" + data[third:]
    doc = akn.parse(damaged, source="act.txt")
    bad = [w for w in doc.warnings if w.code == "bad-utf8"]
    assert [(w.line, w.col) for w in bad] == [(4, 1), (4, 2)]
    assert f"byte {third} (0xc0)" in bad[0].message and f"byte {third + 1} (0xc1)" in bad[1].message
    assert "\ufffd\ufffdСтатья 1" in doc.xml.decode()        # marked where they stood, every word kept


def test_item2_genuine_cp1251_is_still_read_as_cp1251():
    utf8 = akn.parse(RU_ACT.encode())
    cp1251 = akn.parse(RU_ACT.encode("cp1251"))
    assert body(cp1251) == body(utf8)
    assert not [w for w in cp1251.warnings if w.code == "bad-utf8"]


def test_item2_cli_prints_the_warning_with_the_line(tmp_path):
    act = tmp_path / "act.txt"
    act.write_bytes(b"\xff" + RU_ACT.encode())
    out = run("parse", act)
    assert out.returncode == 0 and b"<article" in out.stdout
    assert f"{act}:1:1: warning: byte 0 (0xff) is not valid UTF-8".encode() in out.stderr


def test_item2_lint_reports_the_bad_bytes_too(tmp_path):
    from akn.lint import lint_file

    act = tmp_path / "act.txt"
    act.write_bytes(b"\xff" + RU_ACT.encode())
    bad = [d for d in lint_file(act) if "byte 0 (0xff) is not valid UTF-8" in d.message]
    assert len(bad) == 1 and (bad[0].line, bad[0].col) == (1, 1)
    out = run("lint", act)
    assert f"{act}:1:1: warning: byte 0 (0xff) is not valid UTF-8".encode() in out.stderr + out.stdout


# -- item 3: Markdown output carries no HTML of the document's own ---------------------------------

def _xml(eid: str, href: str, src: str, text: str) -> bytes:
    from xml.sax.saxutils import escape, quoteattr
    return f"""<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
<act name="act"><meta><identification source="#s"><FRBRWork><FRBRthis value="/akn/xx/act/2020/1/!main"/>
<FRBRuri value="/akn/xx/act/2020/1"/><FRBRdate date="2020-01-01" name="enacted"/>
<FRBRauthor href="#p"/><FRBRcountry value="xx"/></FRBRWork><FRBRExpression>
<FRBRthis value="/akn/xx/act/2020/1/eng@/!main"/><FRBRuri value="/akn/xx/act/2020/1/eng@"/>
<FRBRdate date="2020-01-01" name="enacted"/><FRBRauthor href="#p"/><FRBRlanguage language="eng"/>
</FRBRExpression><FRBRManifestation><FRBRthis value="/akn/xx/act/2020/1/eng@/!main.xml"/>
<FRBRuri value="/akn/xx/act/2020/1/eng@.akn"/><FRBRdate date="2020-01-01" name="x"/>
<FRBRauthor href="#p"/></FRBRManifestation></identification>
<publication date="2020-01-01" name={quoteattr(text)} showAs={quoteattr(text)}/></meta>
<preface><longTitle><p><docTitle>{escape(text)}</docTitle></p></longTitle></preface>
<body><chapter eId={quoteattr(eid + "c")}><num>I</num><heading>{escape(text)}</heading>
<article eId={quoteattr(eid)}><num>Article 1</num><heading>{escape(text)}</heading>
<paragraph eId={quoteattr(eid + "p")}><num>1.</num><content><p>{escape(text)} <ref href={quoteattr(href)}>{escape(text)}</ref>
and <img src={quoteattr(src)} alt={quoteattr(text)}/> and <i>{escape(text)}</i>
<quotedText startQuote={quoteattr(text)} endQuote={quoteattr(text)}>{escape(text)}</quotedText></p></content>
</paragraph></article></chapter></body></act></akomaNtoso>""".encode()


class _Elements(html.parser.HTMLParser):
    """Every element and attribute name of an HTML fragment, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, tuple[str, ...]]] = []
        self.values: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, tuple(sorted(name for name, _ in attrs))))
        self.values.extend(value or "" for _, value in attrs)


def _elements(markdown: str):
    from markdown_it import MarkdownIt
    parser = _Elements()
    parser.feed(MarkdownIt("commonmark").render(markdown))
    return parser


HOSTILE = [
    ('x"><img src=x onerror=alert(1)>', "http://a\n<img src=x onerror=alert(2)>", "x)<img src=y onerror=alert(3)>",
     '<script>alert(4)</script> <b onclick="x">'),
    ("a\nb<c", "javascript&#58;alert(5)", "x\" onerror=\"alert(6)", "<!-- c --> &lt;i&gt; &#60;b&#62; [x](javascript:y)"),
    ("e'f", "#x) <img src=z onerror=alert(7)> (", "data:text/html,<script>alert(8)</script>",
     "<div>\n\n<img src=q onerror=alert(9)>\n\n</div>"),
]


@pytest.mark.parametrize("eid,href,src,text", HOSTILE)
@pytest.mark.parametrize("standalone", [True, False])
def test_item3_markdown_holds_no_element_or_attribute_the_template_did_not_write(eid, href, src, text, standalone):
    benign = _elements(akn.render(_xml("art_1", "http://example.org/a", "pic.png", "plain words"), to="md",
                                  standalone=standalone))
    hostile = _elements(akn.render(_xml(eid, href, src, text), to="md", standalone=standalone))
    # the elements and attributes of the benign twin, or fewer (a javascript: or data: link is no link)
    assert not Counter(hostile.found) - Counter(benign.found), Counter(hostile.found) - Counter(benign.found)
    assert ("a", ("id",)) in hostile.found                      # the anchors are still there
    for value in hostile.values:
        assert not value.lower().lstrip().startswith(("javascript:", "data:", "vbscript:")), value


def test_item3_markdown_keeps_the_words_as_text():
    md = akn.render(_xml("art_1", "http://example.org/a", "pic.png", '<script>alert(4)</script> & "q"'), to="md")
    from markdown_it import MarkdownIt
    page = MarkdownIt("commonmark").render(md)
    assert "&lt;script&gt;alert(4)&lt;/script&gt; &amp; &quot;q&quot;" in page


# -- item 6: memory on short numbered lines --------------------------------------------------------

@pytest.mark.parametrize("line", ["(a)\n", "1.\n", "(a)\n(i)\n(A)\n(1)\n", "Article 1\n"])
def test_item6_dense_numbering_is_refused_before_it_exhausts_memory(line):
    text = line * (1_200_000 // len(line))
    with pytest.raises(akn.InputError, match="numbered units|lines and units") as info:
        akn.parse(text, source="dense.txt")
    assert str(info.value).startswith("dense.txt: ") and "MiB" in str(info.value)


def test_item6_acts_are_not_refused():
    act = EN_ACT * 400     # 0.2 MB of articles with paragraphs and points, repeated
    assert akn.parse(act, passes=()).xml.count(b"<article") == 800


def test_item6_memory_limit_of_the_process_is_a_message(tmp_path):
    """Under ``ulimit -v`` the parse runs out of memory: one line, exit 1, no traceback, no file."""
    act = tmp_path / "act.txt"
    act.write_text(EN_ACT * 4000, encoding="utf-8")           # 2 MB: needs far more than 40 MB more
    out = tmp_path / "act.xml"
    script = textwrap.dedent(f"""
        import resource, sys
        import akn.cli, akn.api, akn.build, akn.lexer, akn.classify, akn.parser, akn.normalise, lxml.etree
        size = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmSize:")) * 1024
        resource.setrlimit(resource.RLIMIT_AS, (size + 40 * 2**20, resource.RLIM_INFINITY))
        sys.exit(akn.cli.main(["parse", {str(act)!r}, "-q", "-o", {str(out)!r}]))
        """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=300)
    assert proc.returncode == 1, proc.stderr
    assert b"not enough memory" in proc.stderr and b"Traceback" not in proc.stderr
    assert leftovers(tmp_path) == ["act.txt"]


# -- item 8: one atomic writer for every output ---------------------------------------------------

def _fsize_limit(limit: int):
    def apply():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


@pytest.fixture
def act_files(tmp_path):
    text = tmp_path / "act.txt"
    text.write_text(EN_ACT * 20, encoding="utf-8")
    xml = tmp_path / "act.xml"
    xml.write_bytes(akn.parse(text.read_bytes()).xml)
    return text, xml


def _outputs(text, xml, folder):
    return {"parse": ["parse", text, "-q", "-o", folder / "out.xml"],
            "render": ["render", xml, "-o", folder / "out.html"],
            "render-md": ["render", xml, "-o", folder / "out.md"],
            "graph": ["graph", xml, "-o", folder / "out.ttl"]}


@pytest.mark.parametrize("command", ["parse", "render", "render-md", "graph"])
def test_item8_file_size_limit_leaves_no_partial_file(tmp_path, act_files, command):
    folder = tmp_path / "out"
    folder.mkdir()
    args = _outputs(*act_files, folder)[command]
    target = args[-1]
    target.write_bytes(b"the previous version")
    out = run(*args, preexec_fn=_fsize_limit(4096))
    assert out.returncode == 1, out.stderr
    assert b"file-size limit" in out.stderr and b"Traceback" not in out.stderr
    assert target.read_bytes() == b"the previous version"      # the old file, untouched
    assert leftovers(folder) == [target.name]                  # and no temporary file beside it


@pytest.fixture
def read_only_dir(tmp_path):
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    immutable = False
    if os.access(folder, os.W_OK):                 # root writes anywhere: make the folder immutable instead
        immutable = shutil.which("chattr") is not None and \
            subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0
        if not immutable:
            folder.chmod(0o755)
            pytest.skip("cannot make a read-only folder here (root, without chattr +i)")
    yield folder
    if immutable:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    folder.chmod(0o755)


@pytest.mark.parametrize("command", ["parse", "render", "render-md", "graph"])
def test_item8_read_only_folder_is_a_clear_error(act_files, read_only_dir, command):
    out = run(*_outputs(*act_files, read_only_dir)[command])
    assert out.returncode == 1 and b"cannot write" in out.stderr and b"Traceback" not in out.stderr
    assert leftovers(read_only_dir) == []


@pytest.mark.parametrize("command", ["parse", "render", "graph"])
def test_item8_full_disk_leaves_nothing(tmp_path, act_files, command, monkeypatch):
    real_write = os.write

    def full(fd, data):                    # the disk fills after the first kilobyte of any file
        if os.fstat(fd).st_size + len(data) > 1024 and not os.isatty(fd) and fd > 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    folder = tmp_path / "out"
    folder.mkdir()
    args = _outputs(*act_files, folder)[command]
    monkeypatch.setattr(os, "write", full)
    result = cli_run(*args)
    monkeypatch.setattr(os, "write", real_write)
    assert result.exit_code == 1, result.output
    assert "no space left on the device" in result.output and "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert leftovers(folder) == []


def test_item8_outputs_take_their_mode_from_the_umask(tmp_path, act_files):
    text, xml = act_files
    def umask():
        os.umask(0o027)
    assert run("parse", text, "-q", "-o", tmp_path / "a.xml", preexec_fn=umask).returncode == 0
    assert run("render", xml, "-o", tmp_path / "a.html", preexec_fn=umask).returncode == 0
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(text, src / "act.txt")
    assert run("batch", src, "-o", tmp_path / "batch", "-q", "-j", "1", preexec_fn=umask).returncode == 0
    for path in (tmp_path / "a.xml", tmp_path / "a.html", tmp_path / "batch" / "act.xml"):
        assert path.stat().st_mode & 0o777 == 0o640, path


@pytest.mark.parametrize("command", ["parse", "render"])
def test_item8_output_that_is_a_directory(tmp_path, act_files, command):
    folder = tmp_path / "existing"
    folder.mkdir()
    args = _outputs(*act_files, tmp_path)[command][:-1] + [folder]
    out = run(*args)
    assert out.returncode == 1 and b"is a directory" in out.stderr and b"Traceback" not in out.stderr
    assert leftovers(folder) == []


# -- item 9: no tracebacks ------------------------------------------------------------------------

def _with_entity(tmp_path, act_files):
    xml = act_files[1].read_text(encoding="utf-8")
    xml = xml.replace("<?xml version='1.0' encoding='UTF-8'?>",
                      '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE akomaNtoso [<!ENTITY ent "THE WORDS">]>')
    xml = xml.replace("lays down rules", "lays down &ent; rules", 1)
    path = tmp_path / "entity.xml"
    path.write_text(xml, encoding="utf-8")
    return path


def test_item9_validate_a_file_with_an_internal_entity(tmp_path, act_files):
    path = _with_entity(tmp_path, act_files)
    out = run("validate", path)
    assert out.returncode == 1 and b"Traceback" not in out.stderr
    assert f"{path}:".encode() in out.stderr and b"entity &ent;" in out.stderr


@pytest.mark.parametrize("separator", ["\x1c", "\x1d", "\x1e"])
def test_item9_information_separators_break_lines(tmp_path, separator):
    text = EN_ACT.replace("\n(b) private", separator + "(b) private")
    doc = akn.parse(text)
    assert akn.validate(doc.xml) == [] and doc.xml.count(b"<point") == 2
    path = tmp_path / "act.txt"
    path.write_text(text, encoding="utf-8")
    assert run("parse", path, "-q").returncode == 0
    out = run("lint", path)
    assert out.returncode == 0 and b"Traceback" not in out.stderr


def test_item9_lone_surrogates_become_replacement_characters():
    doc = akn.parse("\udf34")
    assert "\ufffd" in doc.xml.decode() and akn.validate(doc.xml) == []
    doc = akn.parse(EN_ACT.replace("public bodies", "public \ud800bodies"))
    warning = next(w for w in doc.warnings if w.code == "surrogate")
    assert (warning.line, warning.col) == (9, 12) and "U+D800" in warning.message
    assert "public \ufffdbodies" in doc.xml.decode()


def test_item9_batch_summary_survives_output_failures(tmp_path, act_files, read_only_dir):
    src = tmp_path / "src"
    src.mkdir()
    for k in range(3):
        shutil.copy(act_files[0], src / f"act{k}.txt")
    for args, kw in ((["-o", read_only_dir], {}), (["-o", read_only_dir / "sub"], {}),
                     (["-o", tmp_path / "small", "-f", "xml,html"], {"preexec_fn": _fsize_limit(2048)})):
        out = run("batch", src, *args, "-q", "-j", "1", **kw)
        assert out.returncode == 1, out.stderr
        assert b"Traceback" not in out.stderr and b"cannot write" in out.stderr
        assert b"3 inputs:" in out.stderr                       # the summary line is still printed
    assert leftovers(read_only_dir) == []


# -- item 10: user templates are sandboxed --------------------------------------------------------

def test_item10_user_templates_cannot_reach_python(tmp_path, act_files):
    templates = tmp_path / "templates" / "html"
    templates.mkdir(parents=True)
    (templates / "page.html.j2").write_text(
        '{% extends "default:html/page.html.j2" %}'
        "{% block style %}{{ super() }}{{ cycler.__init__.__globals__.os.popen('id').read() }}{% endblock %}")
    out = run("render", act_files[1], "--template-dir", tmp_path / "templates", "-o", tmp_path / "page.html")
    assert out.returncode == 1 and b"Traceback" not in out.stderr
    assert b"template refused" in out.stderr and b"uid=" not in out.stdout + out.stderr
    assert not (tmp_path / "page.html").exists()


def test_item10_user_templates_still_work(tmp_path, act_files):
    templates = tmp_path / "templates" / "md"
    templates.mkdir(parents=True)
    (templates / "document.md.j2").write_text("# {{ meta.title|md }}\n\n{{ body }}\n\nCustom footer\n")
    md = akn.render(act_files[1], to="md", template_dir=tmp_path / "templates")
    assert md.rstrip().endswith("Custom footer") and "lays down rules" in md


# -- item 11 --------------------------------------------------------------------------------------

def test_item11_entity_text_is_refused_not_dropped(tmp_path, act_files):
    path = _with_entity(tmp_path, act_files)
    for args in (["render", path, "--to", "txt"], ["render", path, "--to", "md"], ["graph", path]):
        out = run(*args)
        assert out.returncode == 1 and b"entity &ent;" in out.stderr and b"Traceback" not in out.stderr
        assert b"down  rules" not in out.stdout and b"down rules" not in out.stdout


@pytest.mark.parametrize("text", ["(i)\n(i)", "(a)\n(i) one\n(ii) two", "1.\n(a) one;\n(b) two."])
def test_item11_nested_units_survive_the_text_round_trip(text):
    doc = akn.parse(text)
    again = akn.parse(akn.render(doc, to="txt"))
    assert body(again) == body(doc)


def test_item11_validate_reads_standard_input(act_files):
    out = run("validate", "-", input=act_files[1].read_bytes())
    assert out.returncode == 0 and b"<stdin>: valid" in out.stdout


@pytest.mark.parametrize("command", [["parse"], ["validate"], ["render"], ["graph"], ["lint"],
                                     ["load", "--store", "S"], ["batch", "-o", "OUT"]])
def test_item11_a_missing_input_is_bad_usage_in_every_command(tmp_path, command):
    out = run(command[0], tmp_path / "missing.txt", *command[1:], cwd=tmp_path)
    assert out.returncode == 2, (command, out.stderr)
    assert b"Traceback" not in out.stderr and b"missing.txt" in out.stderr


def test_item11_lint_says_it_needs_text(act_files):
    out = run("lint", act_files[1])
    assert out.returncode == 2 and b"plain-text" in out.stderr and b"akn render" in out.stderr
    utf16 = act_files[1].with_suffix(".utf16.xml")
    utf16.write_bytes(act_files[1].read_text(encoding="utf-8").encode("utf-16"))
    assert run("lint", utf16).returncode == 2


def test_graph_and_load_name_the_file_that_is_not_an_akoma_ntoso_document(tmp_path):
    """XML of another vocabulary (or a lone AKN element) is bad data: the file named, exit 1, an AknError."""
    page = tmp_path / "page.xml"
    page.write_bytes(b"<html><p>Article 1</p></html>")
    lone = tmp_path / "lone.xml"
    lone.write_bytes(b'<b xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">Article 1</b>')
    for path, what in ((page, "root element 'html'"), (lone, "no <meta>")):
        with pytest.raises(akn.NotAknError, match=what):
            akn.graph(path.read_bytes())
        for command in (["graph", str(path)], ["load", str(path), "--store", str(tmp_path / "store")]):
            out = subprocess.run([sys.executable, "-m", "akn", *command], capture_output=True, text=True)
            assert out.returncode == 1, out.stderr
            assert out.stderr.startswith(f"{path}: error: not an Akoma Ntoso"), out.stderr
            assert "Traceback" not in out.stderr
