"""Bad and hostile input, driven through the command line as a user meets it.

Each case breaks one source of a copy of the sample project and checks the
exact message the user reads.  Where no correct page can be made the build
fails with status 1 and the previous PDF stays byte for byte; where the page
can still be made as an editor wants it, the page is written with a warning,
and --strict refuses it without touching the previous PDF.  docs/bad-input.md
lists every message here; a test keeps the two in step.
"""
from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from broadsheet.cli import main
from pdfread import all_text, page_chars
from project import ROOT, Project

OUTPUT = "out/page.pdf"
# Stands in for the last good PDF: a failed build must leave it exactly so.
PREVIOUS_OUTPUT = b"%PDF-1.4\n% the last good page, sent to press at 22:00\n"
ARTICLE = "articles/chenzhou.md"
LAYOUT = "layouts/sample.yaml"
DOC = ROOT / "docs" / "bad-input.md"
# In docs/bad-input.md the project folder is written so.
DOC_ROOT = "<project>"

# A classic “billion laughs”: nine levels of ten references each.
BOMB = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 10)}]\n" for level in range(1, 9))
# 200 characters, with the commas and words of a real (if rambling) headline.
LONG_TITLE = ("一座“富矿”老城如何塑造高质量发展新动能，" * 10)[:200]
HUNDREDFOLD = 100
PARAGRAPH_CHARACTERS = 50_000
# Generous: the build takes about a second on the 2-core CI machine.
PARAGRAPH_SECONDS = 30.0


@dataclass(frozen=True)
class Case:
    id: str
    what: str                           # the input, as docs/bad-input.md names it
    breaks: Callable[[Project], None]   # turns the sample project into the bad input
    message: str                        # what the user reads after "broadsheet: error: " or "warning: "


def front_matter(fields: str, body: str = "正文。\n") -> str:
    return f"---\n{fields}---\n{body}"


def article(text: str | bytes) -> Callable[[Project], None]:
    return lambda project: project.write(ARTICLE, text)


def in_article(old: str, new: str) -> Callable[[Project], None]:
    return lambda project: project.replace(ARTICLE, old, new)


def in_layout(old: str, new: str) -> Callable[[Project], None]:
    return lambda project: project.replace(LAYOUT, old, new)


def _extension_b_in_lead(project: Project) -> None:
    project.replace(ARTICLE, "## 一批新的增长点正在加速形成。", "## 一批新的增长点𠀀正在加速形成。")


def _symlinked_article(project: Project) -> None:
    outside = project.root.parent / f"{project.root.name}-elsewhere.md"
    outside.write_text(project.read(ARTICLE), encoding="utf-8")
    project.path("articles/link.md").symlink_to(outside)
    project.replace(LAYOUT, "articles/chenzhou.md", "articles/link.md")


def _long_title(project: Project) -> None:
    project.replace(ARTICLE, "title: 一座“富矿”老城如何塑造高质量发展新动能", "title: " + LONG_TITLE)


def _hundredfold(project: Project) -> None:
    text = project.read(ARTICLE)
    front, body = text.split("\n---\n", 1)
    project.write(ARTICLE, front + "\n---\n" + (body.strip() + "\n\n") * HUNDREDFOLD)


ERRORS = [
    # Articles
    Case("yaml-malformed", "malformed YAML front matter",
         in_article("kicker: 全国人大代表、郴州市市长阙保勇：", "kicker: [全国人大代表、郴州市市长阙保勇："),
         "articles/chenzhou.md:3: [front matter] malformed YAML: expected ',' or ']', but got ':'"),
    Case("no-front-matter", "no front matter", article("郴州是一座“富矿”老城。\n"),
         "articles/chenzhou.md:1: no front matter: an article starts with a '---' line, its fields (title: …), "
         "and another '---' line"),
    Case("front-matter-open", "front matter never closed", article("---\ntitle: 一座老城\n\n郴州是一座老城。\n"),
         "articles/chenzhou.md:1: front matter is not closed by a '---' line"),
    Case("empty-file", "empty article (no bytes, or only blank lines)", article("\n  \n"),
         "articles/chenzhou.md: the article file is empty"),
    Case("no-body", "empty article (front matter, no body)", article(front_matter("title: 一座老城\n", "\n\n")),
         "articles/chenzhou.md:3: [body] the article has no body text after its front matter"),
    Case("no-title", "article without a title", article(front_matter("byline: 本报记者 何芳\n")),
         "articles/chenzhou.md:2: [title] an article needs a title"),
    Case("not-utf8", "article not in UTF-8 (GB 18030)", article(front_matter("title: 一座老城\n").encode("gb18030")),
         "articles/chenzhou.md:2: not UTF-8 text (saved as GBK or GB 18030?): save it as UTF-8"),
    Case("article-unknown-field", "unknown field in an article",
         in_article("byline: 本报记者 何芳", "author: 本报记者 何芳"),
         "articles/chenzhou.md:4: [author] unknown field (known: byline, kicker, qr, subtitle, title)"),
    Case("article-misspelt-field", "a misspelt field in an article (the nearest known field is suggested)",
         in_article("byline: 本报记者 何芳", "bylien: 本报记者 何芳"),
         "articles/chenzhou.md:4: [bylien] unknown field: did you mean 'byline'? (known: byline, kicker, qr, "
         "subtitle, title)"),
    Case("article-fullwidth-colon", "a full-width colon after a field name, as Chinese input methods type it",
         in_article("title: 一座", "title：一座"),
         "articles/chenzhou.md:3: [title] the colon after 'title' is a full-width colon '：' (U+FF1A), as Chinese "
         "input methods type it: write 'title: …' with an ASCII colon and a space"),
    Case("article-unspaced-colon", "no space after a field's colon",
         in_article("title: 一座", "title:一座"),
         "articles/chenzhou.md:3: [title] no space after the colon of 'title': write 'title: …'"),
    Case("article-duplicate-field", "a field given twice",
         in_article("byline: 本报记者 何芳", "byline: 本报记者 何芳\ntitle: 另一个标题"),
         "articles/chenzhou.md:5: [title] given twice (first on line 3); remove one"),
    Case("article-hidden-override", "a right-to-left override hidden in a field name (shown spelled out, "
         "never sent to the terminal)", in_article("byline: 本报记者 何芳", "by\u202eline: 本报记者 何芳"),
         "articles/chenzhou.md:4: [by<U+202E>line] unknown field: did you mean 'byline'? (known: byline, kicker, qr, "
         "subtitle, title)"),
    Case("article-wrong-type", "a list where a line of text goes",
         in_article("byline: 本报记者 何芳", "byline: [本报记者, 何芳]"),
         "articles/chenzhou.md:4: [byline] must be a line of text"),
    Case("yaml-bomb", "YAML aliases expanding to a billion values (“billion laughs”)", article(front_matter(BOMB)),
         "articles/chenzhou.md:2: [front matter] holds 1234567909 values once its aliases (*name) are expanded, "
         "more than the 10000 a source file may have"),
    Case("yaml-deep", "YAML nested 1,000 levels deep",
         article(front_matter("title: " + "[" * 1000 + "]" * 1000 + "\n")),
         "articles/chenzhou.md:2: [front matter] nested more than 32 levels deep"),
    # Characters outside every font, on every text path of an article
    Case("emoji-body", "emoji in the body", in_article("因矿而兴，因矿而名", "因矿而兴😀，因矿而名"),
         "articles/chenzhou.md:10: [body] character '😀' (U+1F600 GRINNING FACE) in “城。因矿而兴😀，因矿而名，” is "
         "not in the font BroadsheetSerif-Regular.ttf; replace it or name a font that has it"),
    Case("extension-b-title", "CJK Extension B (𠀀) in the title",
         in_article("一座“富矿”老城", "一座“富矿”𠀀老城"),
         "articles/chenzhou.md:3: [title] character '𠀀' (U+20000 CJK UNIFIED IDEOGRAPH-20000) in "
         "“一座“富矿”𠀀老城如何塑造” is not in the font BroadsheetSans-Black.ttf; replace it or name a font that has it"),
    Case("extension-b-kicker", "CJK Extension B in the kicker",
         in_article("郴州市市长阙保勇：", "郴州市市长阙保勇𠀀："),
         "articles/chenzhou.md:2: [kicker] character '𠀀' (U+20000 CJK UNIFIED IDEOGRAPH-20000) in “市市长阙保勇𠀀：” "
         "is not in the font BroadsheetKai-Regular.ttf; replace it or name a font that has it"),
    Case("emoji-subtitle", "emoji in the subtitle",
         in_article("byline: 本报记者 何芳", "subtitle: 访谈🎤实录\nbyline: 本报记者 何芳"),
         "articles/chenzhou.md:4: [subtitle] character '🎤' (U+1F3A4 MICROPHONE) in “访谈🎤实录” is not in the font "
         "BroadsheetSerif-Bold.ttf; replace it or name a font that has it"),
    Case("extension-b-byline", "CJK Extension B in the byline", in_article("本报记者 何芳", "本报记者 何𠀀"),
         "articles/chenzhou.md:4: [byline] character '𠀀' (U+20000 CJK UNIFIED IDEOGRAPH-20000) in “本报记者 何𠀀” is "
         "not in the font BroadsheetKai-Regular.ttf; replace it or name a font that has it"),
    Case("extension-b-lead", "CJK Extension B in a section lead (小标题)", _extension_b_in_lead,
         "articles/chenzhou.md:14: [lead] character '𠀀' (U+20000 CJK UNIFIED IDEOGRAPH-20000) in "
         "“批新的增长点𠀀正在加速形成” is not in the font BroadsheetSans-Bold.ttf; replace it or name a font that has it"),
    Case("emoji-qr-caption", "emoji in the QR caption", in_article("相关报道请扫描二维码", "相关报道请扫描二维码👉"),
         "articles/chenzhou.md:7: [qr.caption] character '👉' (U+1F449 WHITE RIGHT POINTING BACKHAND INDEX) in "
         "“请扫描二维码👉” is not in the font BroadsheetKai-Regular.ttf; replace it or name a font that has it"),
    # QR codes
    Case("qr-url-5000", "a QR URL of 5,000 characters",
         in_article("https://example.com/broadsheet/chenzhou", "https://example.com/" + "a" * 4980),
         "articles/chenzhou.md:6: [qr.url] URL of 5000 characters is too long for a QR code"),
    Case("qr-url-too-fine", "a QR URL of 400 characters (a code too fine for newsprint)",
         in_article("https://example.com/broadsheet/chenzhou", "https://example.com/" + "a" * 380),
         "articles/chenzhou.md:6: [qr.url] URL of 400 characters needs a 77-module QR code: at 41 mm its modules "
         "would be 0.49 mm, under the 0.5 mm newsprint minimum; shorten the URL"),
    Case("qr-no-url", "a QR code without a URL", in_article("  url: https://example.com/broadsheet/chenzhou\n", ""),
         "articles/chenzhou.md:5: [qr.url] a QR code needs a url"),
    # Layouts
    Case("article-missing", "a layout naming a missing article",
         in_layout("articles/chenzhou.md", "articles/chenzhou-final.md"),
         "layouts/sample.yaml:31: [blocks[0].article] article file not found: articles/chenzhou-final.md"),
    Case("path-outside", "a path outside the project (../../etc/passwd)",
         in_layout("articles/chenzhou.md", "../../etc/passwd"),
         "layouts/sample.yaml:31: [blocks[0].article] path '../../etc/passwd' leads outside the project folder "
         "<project>; refused"),
    Case("path-absolute", "an absolute path (/etc/passwd)", in_layout("articles/chenzhou.md", "/etc/passwd"),
         "layouts/sample.yaml:31: [blocks[0].article] path '/etc/passwd' leads outside the project folder "
         "<project>; refused"),
    Case("path-symlink", "a link inside the project that points outside it", _symlinked_article,
         "layouts/sample.yaml:31: [blocks[0].article] path 'articles/link.md' leads outside the project folder "
         "<project>; refused"),
    Case("overlap", "overlapping blocks", in_layout("lines: [28, 53]", "lines: [20, 53]"),
         "layouts/sample.yaml:37: [blocks[1].frame] block 'xianning' overlaps block 'chenzhou'"),
    Case("layout-unknown-key", "unknown key in a layout", in_layout("    qr: {column: 8, lines: 10}\n  - name: xian",
                                                                    "    qr: {column: 8, lines: 10}\n    colour: red"
                                                                    "\n  - name: xian"),
         "layouts/sample.yaml:35: [blocks[0].colour] unknown key (known here: name, article, frame, frames, head, "
         "byline, lead, qr, body_columns, balance, continued_from, continued_to, box)"),
    Case("layout-misspelt-key", "a misspelt key in a layout (the nearest known key is suggested)",
         in_layout("    qr: {column: 8, lines: 10}\n  - name: xian",
                   "    qr: {column: 8, lines: 10}\n    balence: false\n  - name: xian"),
         "layouts/sample.yaml:35: [blocks[0].balence] unknown key: did you mean 'balance'? (known here: name, "
         "article, frame, frames, head, byline, lead, qr, body_columns, balance, continued_from, continued_to, box)"),
    Case("layout-fullwidth-colon", "a full-width colon after a layout key",
         in_layout("page_number: 5", "page_number：5"),
         "layouts/sample.yaml:10: [page_number] the colon after 'page_number' is a full-width colon '：' (U+FF1A), "
         "as Chinese input methods type it: write 'page_number: …' with an ASCII colon and a space"),
    Case("layout-duplicate-key", "a key given twice in a layout",
         in_layout("page_number: 5", "page_number: 5\npage_number: 6"),
         "layouts/sample.yaml:11: [page_number] given twice (first on line 10); remove one"),
    Case("size-list", "a list where a size goes",
         in_layout("title: {size: 小初}}\n    qr: {column: 8, lines: 10}\n  - name: xian",
                   "title: {size: [36, 40]}}\n    qr: {column: 8, lines: 10}\n  - name: xian"),
         "layouts/sample.yaml:33: [blocks[0].head.title.size] not a type size: [36, 40] "
         "(write 小五, 一号, … or e.g. 9pt)"),
    Case("size-name", "an unknown 号 size name", in_layout("body_size: 小五", "body_size: 大五"),
         "layouts/sample.yaml:20: [grid.body_size] not a type size: '大五' (write 小五, 一号, … or e.g. 9pt)"),
    Case("lines-text", "text where a number goes", in_layout("lines: 102", "lines: many"),
         "layouts/sample.yaml:22: [grid.lines] must be a whole number ≥ 1, not 'many'"),
    Case("yes-no", "the text \"no\" where true or false goes",
         in_layout("    qr: {column: 8, lines: 10}\n  - name: xian",
                   "    qr: {column: 8, lines: 10}\n    balance: \"no\"\n  - name: xian"),
         "layouts/sample.yaml:35: [blocks[0].balance] must be true or false, not 'no'"),
    Case("line-pitch", "a line pitch of 0", in_layout("line_pitch: 1.5", "line_pitch: 0"),
         "layouts/sample.yaml:21: [grid.line_pitch] must be at least 1 (body characters), not 0"),
    Case("grid-deeper-than-page", "a grid deeper than the page", in_layout("lines: 102", "lines: 140"),
         "layouts/sample.yaml:22: [grid.lines] 140 lines are 667 mm deep, from 32 mm: deeper than the 550 mm page"),
    Case("grid-wider-than-page", "a grid wider than the page", in_layout("columns: 8", "columns: 10"),
         "layouts/sample.yaml:17: [grid.columns] 10 columns of 13 characters are 441 mm wide: wider than the "
         "390 mm page"),
    Case("trim-negative", "a negative page size", in_layout("trim: [390mm, 550mm]", "trim: [-390mm, 550mm]"),
         "layouts/sample.yaml:13: [page.trim] a page must have a width and a height, not ['-390mm', '550mm']"),
    Case("issue-date", "an issue date that is not a date", in_layout("issue_date: 2023-03-07", "issue_date: 3月7日"),
         "layouts/sample.yaml:11: [issue_date] must be a date such as 2023-03-07, not '3月7日'"),
    Case("layout-malformed", "malformed YAML in a layout", in_layout("  top: 32mm", "  top: [32mm"),
         "layouts/sample.yaml:16: malformed YAML: expected ',' or ']', but got ':'"),
    Case("layout-empty", "an empty layout", lambda project: project.write(LAYOUT, "# nothing yet\n"),
         "layouts/sample.yaml: the layout is empty"),
    Case("layout-number", "a number of 5,000 digits", in_layout("page_number: 5", "page_number: " + "9" * 5000),
         "layouts/sample.yaml:10: a number of 5000 digits is too long"),
    Case("font-missing", "a layout naming a missing font",
         in_layout("blocks:", "fonts:\n  title: fonts/FZDaHei.ttf\nblocks:"),
         "layouts/sample.yaml:30: [fonts.title] font file not found: fonts/FZDaHei.ttf"),
    Case("font-outside", "a font path outside the project",
         in_layout("blocks:", "fonts:\n  title: ../../etc/passwd\nblocks:"),
         "layouts/sample.yaml:30: [fonts.title] path '../../etc/passwd' leads outside the project folder <project>; "
         "refused"),
    Case("font-not-a-font", "a font that is not a font",
         in_layout("blocks:", "fonts:\n  title: articles/xianning.md\nblocks:"),
         "layouts/sample.yaml:30: [fonts.title] articles/xianning.md is not a TrueType or OpenType font"),
    Case("font-role", "an unknown font role", in_layout("blocks:", "fonts:\n  headline: fonts/x.ttf\nblocks:"),
         "layouts/sample.yaml:30: [fonts.headline] unknown font role (roles: body, title, subtitle, kicker, byline, "
         "lead, caption, running_head, masthead)"),
    Case("emoji-running-head", "emoji in the running head (报眉)",
         in_layout("section: 两会特刊·市长访谈", "section: 两会特刊🔥"),
         "layouts/sample.yaml:27: [running_head.section] character '🔥' (U+1F525 FIRE) in “两会特刊🔥” is not in "
         "the font BroadsheetSans-Bold.ttf; replace it or name a font that has it"),
    Case("emoji-ad-label", "emoji in a reserved space's label", in_layout("label: 广告", "label: 广告😀"),
         "layouts/sample.yaml:43: [ads[0].label] character '😀' (U+1F600 GRINNING FACE) in “广告😀” is not in the font "
         "BroadsheetSans-Bold.ttf; replace it or name a font that has it"),
    # The command line
    Case("date", "--date that is not a date", lambda project: None,
         "--date must be an ISO date such as 2023-03-07, not 'tomorrow'"),
]
# Extra command-line arguments for a case.
ARGUMENTS = {"date": ["--date", "tomorrow"]}


WARNINGS = [
    Case("invisible", "zero-width spaces and control characters",
         in_article("因矿而兴，因矿而名", "因矿\u200b而兴，\u0007因矿\u200b而名"),
         "articles/chenzhou.md:10: [body] removed invisible character U+200B ZERO WIDTH SPACE (2 times)"),
    Case("bidi-override", "a right-to-left override (U+202E) in the title",
         in_article("一座“富矿”老城", "一座“富矿”\u202e老城"),
         "articles/chenzhou.md:3: [title] removed invisible character U+202E RIGHT-TO-LEFT OVERRIDE"),
    Case("title-area-too-small", "a title area (head.lines) too small for its titles",
         in_layout("head: {columns: 8, kicker: {size: 小二}, title: {size: 小初}}\n    qr: {column: 8, lines: 10}\n"
                   "  - name: xian", "head: {columns: 8, lines: 3, kicker: {size: 小二}, title: {size: 小初}}\n"
                   "    qr: {column: 8, lines: 10}\n  - name: xian"),
         "layouts/sample.yaml:30: [block chenzhou: head.lines] the title area of 3 lines is too small for its titles: "
         "it takes 7 lines, pushing the body down"),
    Case("front-matter-control", "a control character in the front matter (YAML refuses them)",
         in_article("kicker: 全国人大代表", "kicker: 全国人大\u0007代表"),
         "articles/chenzhou.md:2: [front matter] removed control character U+0007"),
]


@pytest.fixture
def project(tmp_path, monkeypatch) -> Project:
    """The sample project, with the last good PDF already in ``out/``."""
    project = Project(tmp_path)
    project.write(OUTPUT, PREVIOUS_OUTPUT)
    monkeypatch.chdir(tmp_path)
    return project


def _untouched(project: Project) -> bool:
    """The previous PDF is byte-identical and no temporary file is left beside it."""
    leftovers = list(project.path("out").glob(f".{Path(OUTPUT).name}.*"))
    return project.path(OUTPUT).read_bytes() == PREVIOUS_OUTPUT and not leftovers


def test_sample_project_builds_and_replaces_the_output(project, capsys):
    """Negative control: the unbroken copy builds, replacing the previous PDF."""
    status, out, err = project.build(capsys, "-o", OUTPUT)
    assert (status, err) == (0, "")
    assert f"wrote {OUTPUT}" in out
    assert project.path(OUTPUT).read_bytes().startswith(b"%PDF-") and not _untouched(project)


@pytest.mark.parametrize("case", ERRORS, ids=[case.id for case in ERRORS])
def test_error(case: Case, project, capsys):
    case.breaks(project)
    status, _, err = project.build(capsys, "-o", OUTPUT, *ARGUMENTS.get(case.id, []))
    assert status == 1
    assert err == f"broadsheet: error: {case.message.replace(DOC_ROOT, str(project.root))}\n"
    assert _untouched(project)


@pytest.mark.parametrize("case", WARNINGS, ids=[case.id for case in WARNINGS])
def test_warning_builds_the_page_and_strict_refuses_it(case: Case, project, capsys):
    case.breaks(project)
    status, _, err = project.build(capsys, "-o", OUTPUT, "--strict")
    assert status == 1
    assert "broadsheet: error: --strict: " in err and f"\n  {case.message}\n" in err
    assert _untouched(project)

    status, _, err = project.build(capsys, "-o", OUTPUT)
    assert status == 0
    assert f"broadsheet: warning: {case.message}\n" in err
    assert project.path(OUTPUT).read_bytes().startswith(b"%PDF-")


def test_doc_lists_every_message():
    """docs/bad-input.md quotes each message exactly as the user reads it."""
    doc = DOC.read_text(encoding="utf-8")
    missing = [case.id for case in ERRORS + WARNINGS if case.message not in doc]
    assert not missing


# Inputs the page survives: checked on the page itself, not only in messages.

def _source_characters(project: Project) -> int:
    """Printed characters of the sample article as the reader gives them to layout."""
    from broadsheet.source.article import read_article
    article = read_article(project.path(ARTICLE))
    return sum(printed(text) for text, _ in article.texts())


def printed(text: str) -> int:
    return sum(1 for char in text if not char.isspace())


def _block(report: dict, name: str = "chenzhou") -> dict:
    return next(block for block in report["pages"][0]["blocks"] if block["name"] == name)


def test_article_a_hundred_times_too_long_reports_its_overset_exactly(project, capsys):
    _hundredfold(project)
    status, _, err = project.build(capsys, "-o", OUTPUT, "--report", "out/page.json")
    assert status == 0
    block = _block(json.loads(project.read("out/page.json")))
    assert block["characters_overset"] > 0
    assert block["characters_set"] + block["characters_overset"] == _source_characters(project)
    warning = (f"[body] {block['characters_overset']} characters overset ({block['lines_overset']} lines) "
               f"in block 'chenzhou', starting “")
    assert err.startswith(f"broadsheet: warning: {ARTICLE}:") and warning in err and err.count("\n") == 1
    page_text = "".join(all_text(project.path(OUTPUT)).split())  # the CJK–Latin gap reads back as a space
    assert f"▲超版{block['characters_overset']}字" in page_text

    project.write(OUTPUT, PREVIOUS_OUTPUT)
    status, _, err = project.build(capsys, "-o", OUTPUT, "--strict")
    assert status == 1 and f"\n  {ARTICLE}:" in err and warning in err
    assert _untouched(project)


def test_paragraph_of_50000_characters_without_punctuation(project, capsys):
    """Broken anywhere the rules allow, in bounded time; what does not fit is overset."""
    han = "".join(char for char in project.read(ARTICLE) if "\u4e00" <= char <= "\u9fff")
    front = project.read(ARTICLE).split("\n---\n", 1)[0]
    project.write(ARTICLE, front + "\n---\n" + (han * (PARAGRAPH_CHARACTERS // len(han) + 1))[:PARAGRAPH_CHARACTERS])
    started = time.perf_counter()
    status, _, err = project.build(capsys, "-o", OUTPUT, "--report", "out/page.json")
    assert time.perf_counter() - started < PARAGRAPH_SECONDS
    assert status == 0
    block = _block(json.loads(project.read("out/page.json")))
    assert block["characters_set"] + block["characters_overset"] == _source_characters(project)
    assert block["lines_set"] > 0 and block["characters_overset"] > PARAGRAPH_CHARACTERS / 2
    assert err.startswith(f"broadsheet: warning: {ARTICLE}:9: [body] {block['characters_overset']} characters "
                          f"overset ({block['lines_overset']} lines) in block 'chenzhou', starting “")


def test_title_of_200_characters(project, capsys):
    """Set in full at its size, broken into balanced lines, as far as its block
    allows; the lines that do not fit are overset, never printed over the block
    below; the warning names the title's line."""
    _long_title(project)
    status, _, err = project.build(capsys, "-o", OUTPUT, "--report", "out/page.json")
    assert status == 0
    title_warning = re.search(r"broadsheet: warning: articles/chenzhou\.md:3: \[title\] the title area needs "
                              r"(\d+) grid lines and block 'chenzhou' has 26: (\d+) headline line\(s\) "
                              r"\((\d+) characters\) do not fit; shorten the title \(200 characters\)\n", err)
    assert title_warning and int(title_warning[1]) > 26
    block = _block(json.loads(project.read("out/page.json")))
    assert block["characters_set"] + block["characters_overset"] == _source_characters(project)

    chars = page_chars(project.path(OUTPUT))
    title_size, kicker_size = 36.0, 18.0
    set_title = "".join(c.char for c in chars if abs(c.font_size - title_size) < 0.1)
    kept = printed(LONG_TITLE) - int(title_warning[3])
    assert set_title.startswith(LONG_TITLE[:kept])  # the first part of the page's titles, in order
    xianning_kicker_top = max(c.top for c in chars if abs(c.font_size - kicker_size) < 0.1 and c.char == "咸")
    chenzhou_title_bottom = min(c.bottom for c in chars if abs(c.font_size - title_size) < 0.1
                                and c.y > xianning_kicker_top - title_size)
    assert chenzhou_title_bottom > xianning_kicker_top  # nothing of it runs into the next block


def test_line_ends_of_every_system_and_a_byte_order_mark_change_nothing(project, capsys):
    status, _, _ = project.build(capsys, "-o", "out/unix.pdf")
    assert status == 0
    lines = project.read(ARTICLE).split("\n")
    ends = ["\r\n", "\r", "\n"]
    # Blank lines end in CR LF: a lone LF after a CR would make one CR LF of the two.
    mixed = "".join(line + (ends[number % len(ends)] if line else "\r\n") for number, line in enumerate(lines))
    assert "\r" in mixed.replace("\r\n", "") and "\n" in mixed.replace("\r\n", "")
    project.write(ARTICLE, "\ufeff" + mixed)
    status, _, err = project.build(capsys, "-o", "out/mixed.pdf")
    assert (status, err) == (0, "")
    assert project.path("out/mixed.pdf").read_bytes() == project.path("out/unix.pdf").read_bytes()


@pytest.mark.parametrize("output, message", [
    (ARTICLE, f"{ARTICLE} is one of the page's sources; refusing to write over it"),
    (LAYOUT, f"{LAYOUT} is one of the page's sources; refusing to write over it"),
    ("out/page.pdf/page.pdf", "cannot write out/page.pdf/page.pdf: File exists (out/page.pdf)"),
    ("out", "cannot write out: Is a directory"),
])
def test_output_that_cannot_or_must_not_be_written(output, message, project, capsys):
    sources = {name: project.path(name).read_bytes() for name in (ARTICLE, LAYOUT)}
    status, _, err = project.build(capsys, "-o", output)
    assert (status, err) == (1, f"broadsheet: error: {message}\n")
    assert {name: project.path(name).read_bytes() for name in sources} == sources
    assert _untouched(project)


@pytest.mark.parametrize("arguments, message", [
    (["--size", "-3"], "argument --size: must be more than 0, not -3"),
    (["--measure", "0"], "argument --measure: must be more than 0, not 0"),
    (["--prohibition", "loose"], "argument --prohibition: invalid choice: 'loose'"),
])
def test_galley_arguments_are_checked(arguments, message, project, capsys):
    with pytest.raises(SystemExit) as exit:
        main(["galley", ARTICLE, "-o", "out/galley.pdf", *arguments])
    assert exit.value.code != 0
    assert f"broadsheet galley: error: {message}" in capsys.readouterr().err
    assert not project.path("out/galley.pdf").exists()
