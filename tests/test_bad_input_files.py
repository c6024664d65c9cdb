"""Bad inputs and outputs of every command: FIFOs, devices, folders, existing files, bad values.

Every case ends as one ``aligner: error:`` line with exit code 2 within the
time limit, and leaves every file in its folder as it was.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.bad_input_harness import Case, run_case


def _fifo(name: str):
    def setup(folder: Path) -> None:
        os.mkfifo(folder / name)
    return setup


def _file(name: str, content: str | bytes):
    def setup(folder: Path) -> None:
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return setup


def _folder(name: str):
    return lambda folder: (folder / name).mkdir()


def _both(*setups):
    def setup(folder: Path) -> None:
        for s in setups:
            s(folder)
    return setup


def _reviewed(folder: Path) -> None:
    data = json.loads((folder / "a.json").read_text(encoding="utf-8"))
    data["links"][0]["status"] = "confirmed"
    data["links"][1]["note"] = "checked against the cable"
    (folder / "a.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


ALIGN = ["align", "s.ru.txt", "t.en.txt"]

INPUTS = [
    # Non-regular and unbounded inputs are refused before a byte is read.
    Case("export-fifo-alignment", ["export", "p.json", "-f", "tsv"], _fifo("p.json"), "FIFO"),
    Case("export-dev-zero", ["export", "/dev/zero", "-f", "tsv"], None, "device"),
    Case("export-folder", ["export", "d", "-f", "tsv"], _folder("d"), "folder"),
    Case("export-missing", ["export", "nope.json", "-f", "tsv"], None, "does not exist"),
    Case("report-fifo", ["report", "p.json"], _fifo("p.json"), "FIFO"),
    Case("terms-dev-zero", ["terms", "/dev/zero"], None, "device"),
    Case("diff-fifo", ["diff", "a.json", "p.json"], _fifo("p.json"), "FIFO"),
    Case("open-fifo", ["open", "p.json"], _fifo("p.json"), "FIFO"),
    Case("open-dev-zero-pair", ["open", "/dev/zero", "t.en.txt"], None, "device"),
    Case("align-fifo-source", ["align", "p.txt", "t.en.txt"], _fifo("p.txt"), "FIFO"),
    Case("align-fifo-target", ["align", "s.ru.txt", "p.txt"], _fifo("p.txt"), "FIFO"),
    Case("align-dev-zero", ["align", "/dev/zero", "t.en.txt"], None, "device"),
    Case("align-folder", ["align", "d", "t.en.txt"], _folder("d"), "folder"),
    Case("align-missing", ["align", "nope.txt", "t.en.txt"], None, "does not exist"),
    Case("align-empty", ["align", "e.txt", "t.en.txt"], _file("e.txt", ""), "empty"),
    Case("align-binary", ["align", "b.txt", "t.en.txt"], _file("b.txt", bytes(range(256))),
         "binary"),
    Case("align-escape-text", ["align", "x.txt", "t.en.txt"],
         _file("x.txt", "Title\x1b]0;owned\x07\n\nText.\n"), "control character"),
    Case("align-glossary-fifo", [*ALIGN, "--glossary", "p.toml"], _fifo("p.toml"), "FIFO"),
    Case("align-glossary-dev-zero", [*ALIGN, "--glossary", "/dev/zero"], None, "/dev/zero"),
    Case("eval-gold-fifo", ["eval", "a.json", "p.ladder"], _fifo("p.ladder"), "FIFO"),
    Case("eval-gold-dev-zero", ["eval", "a.json", "/dev/zero"], None, "device"),
    Case("revise-file-fifo", ["revise", "a.json", "1", "--file", "p.txt"], _fifo("p.txt"),
         "FIFO"),
    Case("revise-file-missing", ["revise", "a.json", "1", "--file", "nope.txt"], None,
         "does not exist"),
    Case("compare-fifo-original", ["compare", "p.txt", "t.en.txt", "t.en.txt"],
         _fifo("p.txt"), "FIFO"),
    Case("import-tmx-fifo", ["import", "p.tmx", "-o", "new.json"], _fifo("p.tmx"), "FIFO"),
    Case("import-tmx-dev-zero", ["import", "/dev/zero", "-f", "tmx", "-o", "new.json"], None,
         "device"),
    Case("import-jsonl-fifo", ["import", "p.jsonl", "-o", "new.json"], _fifo("p.jsonl"),
         "FIFO"),
    Case("import-ladder-fifo", ["import", "p.ladder", "--source", "s.ru.txt", "--target",
                                "t.en.txt", "-o", "new.json"], _fifo("p.ladder"), "FIFO"),
    Case("import-intertext-fifo", ["import", "p.xml", "-f", "intertext", "-o", "new.json"],
         _fifo("p.xml"), "FIFO"),
    Case("glossary-import-fifo", ["glossary", "import", "p.csv", "-o", "new.toml"],
         _fifo("p.csv"), "FIFO"),
]

OUTPUTS = [
    # No command replaces an existing file unless told to.
    Case("align-existing-alignment", [*ALIGN, "-o", "a.json"], None, "--force"),
    Case("align-default-output-exists", ALIGN, _file("s.alignment.json", "{}"),
         "not an alignment"),
    Case("align-reviewed-with-force", [*ALIGN, "-o", "a.json", "--force"], _reviewed,
         "--discard-review"),
    Case("align-not-an-alignment-forced", [*ALIGN, "-o", "n.json", "--force"],
         _file("n.json", '{"my": "notes"}'), "not an alignment"),
    Case("align-output-folder", [*ALIGN, "-o", "d"], _folder("d"), "folder"),
    Case("align-output-missing-folder", [*ALIGN, "-o", "no/x.json"], None, "does not exist"),
    Case("compare-existing-translation", ["compare", "s.ru.txt", "t.en.txt", "t.en.txt", "-o",
                                          "t.en.txt"], None, "--force"),
    Case("compare-existing-html", ["compare", "s.ru.txt", "t.en.txt", "t.en.txt", "-o",
                                   "r.html"], _file("r.html", "mine"), "--force"),
    Case("export-existing", ["export", "a.json", "-o", "p.tsv"], _file("p.tsv", "mine"),
         "--force"),
    Case("export-existing-through-link", ["export", "a.json", "-o", "l.tsv"],
         _both(_file("p.tsv", "mine"), lambda d: (d / "l.tsv").symlink_to("p.tsv")),
         "--force"),
    Case("export-intertext-existing", ["export", "a.json", "-f", "intertext", "-o", "x"],
         _file("x.en.xml", "mine"), "--force"),
    Case("export-missing-folder", ["export", "a.json", "-o", "no/p.tsv"], None,
         "does not exist"),
    Case("export-output-folder", ["export", "a.json", "-f", "tsv", "-o", "d"], _folder("d"),
         "folder"),
    Case("export-dev-full", ["export", "a.json", "-f", "tsv", "-o", "/dev/full", "--force"],
         None, "/dev/full"),
    Case("export-fifo-without-reader", ["export", "a.json", "-f", "tsv", "-o", "p.fifo"],
         _fifo("p.fifo"), "no reader"),
    Case("import-existing", ["import", "x.jsonl", "-o", "a.json"],
         _file("x.jsonl", '{"source": "a", "target": "b"}\n'), "--force"),
    Case("report-existing", ["report", "a.json", "-o", "r.txt"], _file("r.txt", "mine"),
         "--force"),
    Case("glossary-import-existing", ["glossary", "import", "g.csv", "-o", "g.toml"],
         _file("g.csv", "source,target\nООН,UN\n"), "--force"),
    Case("glossary-export-existing", ["glossary", "export", "g.toml", "-o", "e.tbx"],
         _file("e.tbx", "mine"), "--force"),
]

VALUES = [
    Case(f"param-{name}", [*ALIGN, "-o", "new.json", "--param", f"{param}={value}"], None,
         fragment)
    for name, param, value, fragment in [
        ("nan", "length_weight", "NaN", "finite"),
        ("infinity", "length_weight", "Infinity", "finite"),
        ("minus-infinity", "anchor_weight", "-Infinity", "finite"),
        ("1e400", "delete_cost", "1e400", "finite"),
        ("string", "length_weight", "heavy", "not a number"),
        ("bool-for-number", "review_threshold", "true", "review_threshold"),
        ("fraction-for-int", "band", "1.5", "band"),
        ("unknown", "bandwidth", "3", "bandwidth"),
        ("not-name-value", "band", "", "band"),
        ("prior-nan", "priors", '{"1-1": NaN}', "finite"),
        ("prior-string", "priors", '{"1-1": "high"}', "prior"),
        ("prior-shape", "priors", '{"9-9": 0.1}', "shapes"),
    ]
] + [
    Case("align-source-lang-markup", [*ALIGN, "-o", "new.json", "--source-lang", "<b>ru</b>"],
         None, "not a language code"),
    Case("align-target-lang-space", [*ALIGN, "-o", "new.json", "--target-lang", "en US"],
         None, "not a language code"),
    Case("align-language-line-markup", ["align", "x.ru.txt", "t.en.txt", "-o", "new.json"],
         _file("x.ru.txt", "# language: <script>\n\nТекст.\n"), "language"),
    Case("open-language-line-markup", ["open", "x.ru.txt", "t.en.txt"],
         _file("x.ru.txt", "# language: <b>x</b>\n\nТекст.\n"), "language"),
    # Files of a markup format, whose tags would be aligned as words.
    Case("align-html-page", ["align", "p.ru.html", "t.en.txt", "-o", "new.json"],
         _file("p.ru.html", '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC '
               '"-//W3C//DTD XHTML 1.0//EN" "x.dtd"><html><body><p>Текст.</p></body></html>\n'),
         "p.ru.html is an HTML page, not plain text: save it as plain text first"),
    Case("align-html-no-declaration", ["align", "s.ru.txt", "p.en.htm", "-o", "new.json"],
         _file("p.en.htm", "\ufeff\n<html lang=en>\n<p>Text.</p>\n</html>\n"),
         "w3m -dump p.en.htm > p.en.txt"),
    Case("align-tmx", ["align", "m.tmx", "t.en.txt", "-o", "new.json"],
         _file("m.tmx", '<?xml version="1.0"?>\n<!-- exported -->\n<tmx version="1.4">'
               "<body/></tmx>\n"), "TMX memory, not plain text: aligner import reads it"),
    Case("align-tei", ["align", "s.ru.txt", "t.en.xml", "-o", "new.json"],
         _file("t.en.xml", '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text/></TEI>\n'),
         "t.en.xml is an XML file, not plain text"),
    Case("align-rtf", ["align", "s.rtf", "t.en.txt", "-o", "new.json", "--source-lang", "ru"],
         _file("s.rtf", "{\\rtf1\\ansi\\deff0 Текст.}\n"), "RTF document"),
    Case("import-language-markup", ["import", "x.jsonl", "-o", "new.json",
                                    "--source-language", "<script>"],
         _file("x.jsonl", '{"source": "a", "target": "b"}\n'), "not a language code"),
    Case("concordance-width-huge", ["concordance", "a.json", "un", "--glossary", "g.toml",
                                    "--width", "100000000"], None, "wider than"),
    Case("concordance-width-zero", ["concordance", "a.json", "un", "--glossary", "g.toml",
                                    "--width", "0"], None, "positive"),
    Case("revise-text-escape", ["revise", "a.json", "1", "--text", "plain \x1b]0;owned\x07"],
         None, "escape"),
    Case("revise-note-escape", ["revise", "a.json", "1", "--text", "plain", "--note",
                                "\x1b[2J"], None, "--note"),
    Case("revise-author-control", ["revise", "a.json", "1", "--text", "plain", "--author",
                                   "me\x07"], None, "--author"),
    Case("revise-link-out-of-range", ["revise", "a.json", "999", "--text", "x"], None,
         "no link"),
    Case("open-without-terminal", ["open", "a.json"], None, "terminal"),
    Case("open-text-not-json", ["open", "s.ru.txt"], None, "not an alignment"),
]

JSONL = [
    Case(f"jsonl-{name}", ["import", "x.jsonl", "-o", "new.json"],
         _file("x.jsonl", line + "\n"), fragment)
    for name, line, fragment in [
        ("flags-number", '{"source": "a", "target": "b", "flags": 1}', "'flags'"),
        ("flags-strings", '{"source": "a", "target": "b", "flags": ["x"]}', "'flags'"),
        ("confidence-string", '{"source": "a", "target": "b", "confidence": "x"}',
         "'confidence'"),
        ("confidence-nan", '{"source": "a", "target": "b", "confidence": NaN}', "finite"),
        ("confidence-1e400", '{"source": "a", "target": "b", "confidence": 1e400}',
         "'confidence'"),
        ("confidence-five", '{"source": "a", "target": "b", "confidence": 5}', "'confidence'"),
        ("bookmark-string", '{"source": "a", "target": "b", "bookmark": "no"}', "'bookmark'"),
        ("status-unknown", '{"source": "a", "target": "b", "status": "done"}', "'status'"),
        ("note-number", '{"source": "a", "target": "b", "note": 5}', "'note'"),
        ("revision-string", '{"source": "a", "target": "b", "revision": "x"}', "'revision'"),
        ("paragraphs-number", '{"source": "a", "target": "b", "source_paragraphs": 5}',
         "source_paragraphs"),
        ("lang-markup", '{"source": "a", "target": "b", "target_lang": "<i>en</i>"}',
         "language code"),
        ("source-missing", '{"target": "b"}', "'source' and 'target'"),
        ("source-number", '{"source": 1, "target": "b"}', "'source' and 'target'"),
        ("not-json", "{source: a}", "not JSON"),
        ("list", "[1, 2]", "'source' and 'target'"),
        ("nested", "[" * 100_000 + "]" * 100_000, "line 1"),
        ("blank", "   ", "no records"),
    ]
]

LADDER_ARGS = ["import", "x.ladder", "--source", "s.ru.txt", "--target", "t.en.txt", "-o",
               "new.json"]
LADDERS = [
    Case(f"ladder-{name}", LADDER_ARGS, _file("x.ladder", text), fragment)
    for name, text, fragment in [
        ("gap-with-space", "[0 2]:[]\n[1]:[0,1,2]\n", "contiguous"),
        ("garbage", "0 -> 0\n", "not a bead"),
        ("out-of-range", "[0]:[0]\n[1]:[1]\n[2]:[7]\n", "out of range"),
        ("huge-index", "[0]:[99999999999999999999]\n", "digits"),
        ("not-covering", "[0]:[0]\n[1]:[1]\n", "not covered"),
        ("crossing", "[0]:[1]\n[1]:[0]\n[2]:[2]\n", "not covered"),
    ]
] + [
    Case("ladder-without-texts", ["import", "x.ladder", "-o", "new.json"],
         _file("x.ladder", "[0]:[0]\n"), "--source"),
    Case("eval-gold-garbage", ["eval", "a.json", "x.ladder"], _file("x.ladder", "[a]:[b]\n"),
         "not a bead"),
    Case("eval-gold-out-of-range", ["eval", "a.json", "x.ladder"],
         _file("x.ladder", "[0 1]:[5]\n"), "out of range"),
]


def _tmx(body: str, header: str = '<header srclang="ru"/>') -> str:
    return f'<?xml version="1.0"?>\n<tmx version="1.4">{header}<body>{body}</body></tmx>\n'


def _tu(ru: str, en: str) -> str:
    return (f'<tu><tuv xml:lang="ru"><seg>{ru}</seg></tuv>'
            f'<tuv xml:lang="en"><seg>{en}</seg></tuv></tu>')


LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
          '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
          '<tmx version="1.4"><header srclang="ru"/><body>'
          '<tu><tuv xml:lang="ru"><seg>&lol3;</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv>'
          '</tu></body></tmx>')

TMX = [
    Case(f"tmx-{name}", ["import", "x.tmx", "-o", "new.json"], _file("x.tmx", text), fragment)
    for name, text, fragment in [
        ("nested-1500-inline-tags", _tmx(_tu("<hi>" * 1500 + "x" + "</hi>" * 1500, "y")),
         "not well-formed"),
        ("not-xml", "<tmx><body>", "not well-formed"),
        ("wrong-root", '<?xml version="1.0"?><html/>', "not a TMX file"),
        ("no-units", _tmx(""), "languages"),
        ("one-language", _tmx('<tu><tuv xml:lang="ru"><seg>a</seg></tuv></tu>'), "languages"),
        ("three-languages", _tmx(_tu("a", "b") + '<tu><tuv xml:lang="ru"><seg>a</seg></tuv>'
                                 '<tuv xml:lang="de"><seg>b</seg></tuv></tu>'), "languages"),
        ("language-markup", _tmx(_tu("a", "b").replace('"en"', '"&lt;b&gt;"')),
         "not a language code"),
        ("empty", "", "x.tmx"),
    ]
]

INTERTEXT_LINKS = (
    '<?xml version="1.0"?>\n<linkGrp toDoc="d.en.xml" fromDoc="d.ru.xml">{links}</linkGrp>\n'
)
INTERTEXT_DOC = '<?xml version="1.0"?>\n<text><p id="1:1">{a}</p><p id="1:2">b</p></text>\n'


def _intertext(links: str, ru_name: str = "d.ru.xml", ru_doc: str | None = None):
    def setup(folder: Path) -> None:
        (folder / "x.xml").write_text(
            INTERTEXT_LINKS.format(links=links).replace("d.ru.xml", ru_name), encoding="utf-8")
        (folder / ru_name).write_text(ru_doc or INTERTEXT_DOC.format(a="a"), encoding="utf-8")
        (folder / "d.en.xml").write_text(INTERTEXT_DOC.format(a="a"), encoding="utf-8")
    return setup


GOOD_LINKS = '<link xtargets="1:1;1:1"/><link xtargets="1:2;1:2"/>'
INTERTEXT = [
    Case(f"intertext-{name}", ["import", "x.xml", "-f", "intertext", "-o", "new.json"],
         setup, fragment)
    for name, setup, fragment in [
        ("bad-xtargets", _intertext('<link xtargets="1:1"/>'), "xtargets"),
        ("unknown-id", _intertext('<link xtargets="1:1;9:9"/>'), "no element with id"),
        ("crossing", _intertext('<link xtargets="1:2;1:1"/><link xtargets="1:1;1:2"/>'),
         "cross"),
        ("missing-document", lambda d: (d / "x.xml").write_text(
            INTERTEXT_LINKS.format(links=GOOD_LINKS), encoding="utf-8"), "d.ru.xml"),
        ("language-in-name", _intertext(GOOD_LINKS, ru_name="d.e n.xml"), "language code"),
        ("document-not-xml", _intertext(GOOD_LINKS, ru_doc="<text"), "not well-formed"),
        ("deep-document", _intertext(GOOD_LINKS, ru_doc='<?xml version="1.0"?><text>'
                                     + "<d>" * 1500 + '<p id="1:1">a</p><p id="1:2">b</p>'
                                     + "</d>" * 1500 + "</text>"), "not well-formed"),
    ]
]

BAD_GLOSSARIES = [
    ("toml-term-list-of-bool", "x.toml", "term = [true]\n"),
    ("toml-id-number", "x.toml", '[[term]]\nid = 5\nsource = "a"\ntarget = "b"\n'),
    ("toml-source-list-of-numbers", "x.toml", '[[term]]\nid = "x"\nsource = [1]\n'
                                              'target = "b"\n'),
    ("toml-syntax", "x.toml", "x = \n"),
    ("tbx-not-xml", "x.tbx", "<martif><text>"),
    ("tbx-deep", "x.tbx", '<?xml version="1.0"?><martif>' + "<a>" * 1500 + "</a>" * 1500
     + "</martif>"),
    ("csv-no-target-column", "x.csv", "only\nООН\n"),
    ("toml-nested-6000-deep", "x.toml", "x = " + "[" * 6000 + "1" + "]" * 6000 + "\n"),
    ("csv-control-characters", "x.csv", "source,target\nООН,U\x1b[31mN\x07\n"),
    ("toml-control-character", "x.toml", '[[term]]\nid = "un"\nsource = "ООН"\n'
                                         'target = "U\x0bN"\n'),
]
GLOSSARY = [
    Case(f"glossary-{name}-{command}", argv, _file(file_name, text), file_name)
    for name, file_name, text in BAD_GLOSSARIES
    for command, argv in (
        ("export", ["glossary", "export", file_name, "-o", "out.tbx"]),
        ("align", [*ALIGN, "-o", "new.json", "--glossary", file_name]),
    )
]

CASES = [c.param() for c in INPUTS + OUTPUTS + VALUES + JSONL + LADDERS + TMX + INTERTEXT
         + GLOSSARY]


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_one_error_line_and_changes_nothing(case: Case, tmp_path: Path,
                                                         capsys) -> None:
    run_case(case, tmp_path, capsys)
