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
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from broadsheet.cli import main
from broadsheet.source.bounds import MAX_PARAGRAPH_CHARACTERS
from pdfread import all_text, page_chars
from project import ROOT, SAMPLE_AD, Project

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


def ad_file(make: Callable[[Path], None]) -> Callable[[Project], None]:
    """Replace the sample's advertisement by what ``make`` writes at its path."""
    return lambda project: make(project.path(SAMPLE_AD))


def _cut_in_half(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _encrypted(path: Path) -> None:
    import pikepdf
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user="secret", owner="agency"))


def _no_pages(path: Path) -> None:
    import pikepdf
    pikepdf.new().save(path)


def _rgb_ad(path: Path) -> None:
    """An agency's ad made for the web: RGB, to the booked size, its font not embedded."""
    from reportlab.pdfgen.canvas import Canvas

    from broadsheet.units import mm
    canvas = Canvas(str(path), pagesize=(mm(350), mm(228)), invariant=1)
    canvas.setFillColorRGB(0.9, 0.1, 0.1)
    canvas.rect(mm(20), mm(20), mm(100), mm(50), stroke=0, fill=1)
    canvas.save()


def _broken_raster_ad(project: Project) -> None:
    project.write("articles/ads/bank.jpg", b"\xff\xd8 not really a JPEG")
    project.replace(LAYOUT, SAMPLE_AD, "articles/ads/bank.jpg")


def _square_raster_ad(project: Project) -> None:
    _photo((600, 600))(project.path("articles/ads/bank.jpg"))
    project.replace(LAYOUT, SAMPLE_AD, "articles/ads/bank.jpg")


def _long_title(project: Project) -> None:
    project.replace(ARTICLE, "title: 一座“富矿”老城如何塑造高质量发展新动能", "title: " + LONG_TITLE)


def _article_in(encoding: str) -> Callable[[Project], None]:
    return lambda project: project.write(ARTICLE, project.read(ARTICLE).encode(encoding))


def _sparse(relative: str, size: int, start: bytes = b"") -> Callable[[Project], None]:
    """A file of ``size`` bytes that takes no disk (a hole after ``start``)."""
    def make(project: Project) -> None:
        project.write(relative, start)
        os.truncate(project.path(relative), size)
    return make


def _font(relative: str, content: Callable[[Project], None]) -> Callable[[Project], None]:
    """A layout naming the file ``content`` makes as its title face."""
    def make(project: Project) -> None:
        content(project)
        project.replace(LAYOUT, "blocks:", f"fonts:\n  title: {relative}\nblocks:")
    return make


def _rgb_profile(project: Project) -> None:
    from PIL import ImageCms
    project.write("press/srgb.icc", ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    project.write(LAYOUT, project.read(LAYOUT) + "press:\n  output_profile: press/srgb.icc\n")


def _long_paragraph(project: Project) -> None:
    front = project.read(ARTICLE).split("\n---\n", 1)[0]
    project.write(ARTICLE, front + "\n---\n" + "郴" * (MAX_PARAGRAPH_CHARACTERS + 1) + "\n")


def _hundredfold(project: Project) -> None:
    text = project.read(ARTICLE)
    front, body = text.split("\n---\n", 1)
    project.write(ARTICLE, front + "\n---\n" + (body.strip() + "\n\n") * HUNDREDFOLD)


PICTURE = "images/photo.jpg"


def with_picture(entry: str, image: Callable[[Path], None] | None = None,
                 block_entry: str = "") -> Callable[[Project], None]:
    """The sample page with the ad moved to columns 4–8 and a picture entry
    (YAML flow mapping) in columns 1–3 of the space it left; ``image`` writes
    the picture file (default: a good 800 × 600 photograph).  The ad's file
    goes (made for the whole width, it would not fit): the space warns 开天窗."""
    def breaks(project: Project) -> None:
        (image or _photo((800, 600)))(project.path(PICTURE))
        project.replace(LAYOUT, "ads:\n  - columns: [1, 8]", f"pictures:\n  - {entry}\nads:\n  - columns: [4, 8]")
        project.replace(LAYOUT, f"    file: {SAMPLE_AD}\n", "")   # the booked ad no longer fits: an empty space
        if block_entry:
            project.replace(LAYOUT, "    qr: {column: 8, lines: 10}\n  - name: xian",
                            f"    qr: {{column: 8, lines: 10}}\n    pictures:\n      - {block_entry}\n  - name: xian")
    return breaks


def _photo(size: tuple[int, int], mode: str = "RGB", colour=(70, 110, 160), **options) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        from PIL import Image
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new(mode, size, colour).save(path, **options)
    return write


def _truncated(path: Path) -> None:
    import io
    from PIL import Image
    whole = io.BytesIO()
    Image.radial_gradient("L").resize((800, 600)).save(whole, "JPEG")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(whole.getvalue()[:len(whole.getvalue()) // 2])


def _text_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("郴州是一座“富矿”老城。\n", encoding="utf-8")


def _srgb_profile() -> bytes:
    from PIL import ImageCms
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


PLACE = "columns: [1, 3], lines: [55, 80]"
IN_CHENZHOU = f"file: {PICTURE}, columns: [6, 7], lines: [12, 24]"


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
    Case("article-wide-table", "a table too wide for its column (cells do not wrap)",
         in_article("## 资源型城市的发展新思维。", "| 指标 | 绝对值（亿元） | 增长（%） |\n|---|---|---|\n"
                    "| 规模以上工业增加值 | 412.07 | 7.1 |\n\n## 资源型城市的发展新思维。"),
         "articles/chenzhou.md:22: [table] the table (3 columns, header “指标 绝对值（亿元） 增长（%）”) needs 22.0 "
         "characters across and its column holds 13.0: shorten its cells, drop a column or set it in a wider column "
         "(body_columns: 1)"),
    Case("article-wrong-type", "a list where a line of text goes",
         in_article("byline: 本报记者 何芳", "byline: [本报记者, 何芳]"),
         "articles/chenzhou.md:4: [byline] must be a line of text"),
    Case("yaml-bomb", "YAML aliases expanding to a billion values (“billion laughs”)", article(front_matter(BOMB)),
         "articles/chenzhou.md:2: [front matter] holds 1234567909 values once its aliases (*name) are expanded, "
         "more than the 10000 a source file may have"),
    Case("utf-16", "article saved as UTF-16 (Windows Notepad's “Unicode”)", _article_in("utf-16"),
         "articles/chenzhou.md: saved as UTF-16 little-endian (it starts with that byte-order mark), not UTF-8: "
         "save it as UTF-8"),
    Case("utf-16-no-mark", "article in UTF-16 without a byte-order mark", _article_in("utf-16-be"),
         "articles/chenzhou.md: not UTF-8 text (it holds NUL bytes: UTF-16 without a byte-order mark?): save it "
         "as UTF-8"),
    Case("latin-1", "article in Latin-1 (a byte that is neither UTF-8 nor GB 18030)",
         lambda project: project.write(ARTICLE, project.read(ARTICLE).encode().replace(b"title: ", b"title: caf\xe9 ")),
         "articles/chenzhou.md:3: not UTF-8 text (byte 0xE9 is not UTF-8): save it as UTF-8"),
    Case("yaml-python-tag", "a YAML tag asking for Python code in an article",
         in_article("byline: 本报记者 何芳", "byline: !!python/object/apply:os.system [echo]"),
         "articles/chenzhou.md:4: [byline] the YAML tag !!python/object/apply:os.system is refused: a source holds "
         "only text, numbers, true/false, dates, lists and mappings"),
    Case("article-too-large", "an article of 20 MB", _sparse(ARTICLE, 20_000_000, b"---\ntitle: x\n---\n"),
         "articles/chenzhou.md: the file is 20 MB, more than the 4 MB an article may be"),
    Case("paragraph-too-long", "one paragraph of 200,001 characters", _long_paragraph,
         "articles/chenzhou.md:9: [body] a paragraph of 200001 characters: more than the 200000 one paragraph may "
         "have; break it into paragraphs"),
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
         "byline, lead, qr, body_columns, balance, continued_from, continued_to, box, pictures, questions, fit)"),
    Case("layout-misspelt-key", "a misspelt key in a layout (the nearest known key is suggested)",
         in_layout("    qr: {column: 8, lines: 10}\n  - name: xian",
                   "    qr: {column: 8, lines: 10}\n    balence: false\n  - name: xian"),
         "layouts/sample.yaml:35: [blocks[0].balence] unknown key: did you mean 'balance'? (known here: name, "
         "article, frame, frames, head, byline, lead, qr, body_columns, balance, continued_from, continued_to, box, "
         "pictures, questions, fit)"),
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
    Case("page-too-large", "a page wider than PDF allows", in_layout("trim: [390mm, 550mm]", "trim: [6000mm, 550mm]"),
         "layouts/sample.yaml:13: [page.trim] a page 6000 mm wide with 3 mm of bleed makes a sheet of 6006 mm: more "
         "than the 5080 mm (200 inches) a PDF page may be"),
    Case("bleed-huge", "a bleed of 100,000 mm", in_layout("bleed: 3mm", "bleed: 100000mm"),
         "layouts/sample.yaml:14: [page.bleed] must be at most 25 mm (3–5 mm is usual), not '100000mm'"),
    Case("title-size-huge", "a title of 100,000 pt",
         in_layout("title: {size: 小初}}\n    qr: {column: 8, lines: 10}\n  - name: xian",
                   "title: {size: 100000pt}}\n    qr: {column: 8, lines: 10}\n  - name: xian"),
         "layouts/sample.yaml:33: [blocks[0].head.title.size] 100000 pt is not a type size a page can print "
         "(from 4 to 288 pt)"),
    Case("body-size-tiny", "a body size of 1 pt", in_layout("body_size: 小五", "body_size: 1pt"),
         "layouts/sample.yaml:20: [grid.body_size] 1 pt is not a type size a page can print (from 4 to 288 pt)"),
    Case("layout-python-tag", "a YAML tag asking for Python code in a layout",
         in_layout("page_number: 5", "page_number: !!python/object/apply:os.system [echo]"),
         "layouts/sample.yaml:10: [page_number] the YAML tag !!python/object/apply:os.system is refused: a source "
         "holds only text, numbers, true/false, dates, lists and mappings"),
    Case("layout-too-large", "a layout of 2 MB", _sparse(LAYOUT, 2_000_000, b"title: x\n"),
         "layouts/sample.yaml: the file is 2 MB, more than the 1 MB a layout may be"),
    Case("marks-too-large", "crop marks that take a page past PDF's limit",
         in_layout("trim: [390mm, 550mm]", "trim: [390mm, 5070mm]"),
         "page 5: with its marks the sheet is 414 × 5094 mm, more than the 5080 mm (200 inches) a PDF page may be"),
    Case("picture-too-large", "a picture of 100 MB",
         lambda project: (_sparse("photos/big.jpg", 100_000_000, b"\xff\xd8\xff")(project),
                          project.write(LAYOUT, project.read(LAYOUT) + "pictures:\n  - {file: photos/big.jpg, "
                                                                     "columns: [1, 2], lines: [60, 70]}\n")),
         "layouts/sample.yaml:49: [pictures[0].file] photos/big.jpg: the file is 100 MB, more than the 64 MB a "
         "picture may be"),
    Case("profile-rgb", "an RGB display profile as the press's output profile", _rgb_profile,
         "layouts/sample.yaml:49: [press.output_profile] press/srgb.icc: a display profile for RGB (“sRGB built-in”); "
         "the OutputIntent needs the printer's CMYK output profile"),
    Case("profile-not-icc", "a file that is not an ICC profile as the output profile",
         lambda project: project.write(LAYOUT, project.read(LAYOUT) + "press:\n  output_profile: "
                                                                     "articles/xianning.md\n"),
         "layouts/sample.yaml:49: [press.output_profile] articles/xianning.md: not an ICC profile (cannot open "
         "profile file)"),
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
    Case("font-huge", "a file of 1 GiB named as a font", _font("fonts/huge.ttf", _sparse("fonts/huge.ttf", 2 ** 30)),
         "layouts/sample.yaml:30: [fonts.title] fonts/huge.ttf: the file is 1074 MB, more than the 128 MB a font "
         "may be"),
    Case("font-damaged", "a file that starts like a TrueType font and is not one",
         _font("fonts/damaged.ttf", _sparse("fonts/damaged.ttf", 100_000, b"\x00\x01\x00\x00")),
         "layouts/sample.yaml:30: [fonts.title] fonts/damaged.ttf is not a usable font: it has no cmap, head, hhea, "
         "hmtx, maxp, name, glyf or CFF tables"),
    Case("font-role", "an unknown font role", in_layout("blocks:", "fonts:\n  headline: fonts/x.ttf\nblocks:"),
         "layouts/sample.yaml:30: [fonts.headline] unknown font role (roles: body, title, subtitle, kicker, byline, "
         "lead, caption, running_head, masthead, strong, emphasis)"),
    Case("emoji-running-head", "emoji in the running head (报眉)",
         in_layout("section: 两会特刊·市长访谈", "section: 两会特刊🔥"),
         "layouts/sample.yaml:27: [running_head.section] character '🔥' (U+1F525 FIRE) in “两会特刊🔥” is not in "
         "the font BroadsheetSans-Bold.ttf; replace it or name a font that has it"),
    Case("emoji-ad-label", "emoji in a reserved space's label", in_layout("label: 广告", "label: 广告😀"),
         "layouts/sample.yaml:43: [ads[0].label] character '😀' (U+1F600 GRINNING FACE) in “广告😀” is not in the font "
         "BroadsheetSans-Bold.ttf; replace it or name a font that has it"),
    # Supplied advertisements
    Case("ad-missing", "an advertisement file that is not there",
         in_layout(SAMPLE_AD, "articles/ads/bank-final.pdf"),
         "layouts/sample.yaml:47: [ads[0].file] file not found: articles/ads/bank-final.pdf"),
    Case("ad-not-pdf", "an advertisement that is not a PDF (a web page saved as .pdf)",
         ad_file(lambda path: path.write_bytes(b"<html>ad</html>")),
         f"layouts/sample.yaml:47: [ads[0].file] {SAMPLE_AD} is damaged or not a PDF: it cannot be read"),
    Case("ad-truncated", "an advertisement PDF cut off halfway", ad_file(_cut_in_half),
         f"layouts/sample.yaml:47: [ads[0].file] {SAMPLE_AD} is damaged or not a PDF: it cannot be read"),
    Case("ad-encrypted", "an encrypted advertisement PDF", ad_file(_encrypted),
         f"layouts/sample.yaml:47: [ads[0].file] {SAMPLE_AD} is encrypted with a password; ask for an unprotected "
         "PDF"),
    Case("ad-no-pages", "an advertisement PDF without pages", ad_file(_no_pages),
         f"layouts/sample.yaml:47: [ads[0].file] {SAMPLE_AD} has no pages"),
    Case("ad-wrong-size", "an advertisement made for another space (more than 3 % off)",
         in_layout("lines: [55, 102]", "lines: [55, 99]"),
         f"layouts/sample.yaml:47: [ads[0].file] {SAMPLE_AD} is 350.0 × 228.0 mm; the space (columns 1–8, lines "
         "55–99) is 352.4 × 214.3 mm: more than 3% apart, so it is not scaled (a file made for another size would "
         "be distorted)"),
    Case("ad-raster-broken", "a JPEG advertisement that is not an image", _broken_raster_ad,
         "layouts/sample.yaml:47: [ads[0].file] articles/ads/bank.jpg is damaged or not an image: it cannot be read"),
    Case("ad-raster-proportions", "a raster advertisement without a print resolution, of other proportions",
         _square_raster_ad,
         "layouts/sample.yaml:47: [ads[0].file] articles/ads/bank.jpg is 600 × 600 px with no print resolution "
         "recorded; its proportions (1.000) are more than 3% from those of the space (columns 1–8, lines 55–102), "
         "352.4 × 228.6 mm (1.542)"),
    # Pictures
    Case("picture-missing", "a picture file that is not there", with_picture(f"{{file: images/none.jpg, {PLACE}}}"),
         "layouts/sample.yaml:41: [pictures[0].file] image file not found: images/none.jpg"),
    Case("picture-not-image", "a picture file that is not an image",
         with_picture(f"{{file: {PICTURE}, {PLACE}}}", _text_file),
         "layouts/sample.yaml:41: [pictures[0].file] images/photo.jpg: not an image Pillow can read (JPEG, PNG or "
         "TIFF expected)"),
    Case("picture-truncated", "a truncated JPEG", with_picture(f"{{file: {PICTURE}, {PLACE}}}", _truncated),
         "layouts/sample.yaml:41: [pictures[0].file] images/photo.jpg: the image is truncated or corrupt (image "
         "file is truncated (2 bytes not processed))"),
    Case("picture-gif", "a GIF (the press takes JPEG, PNG, TIFF)",
         with_picture(f"{{file: {PICTURE}, {PLACE}}}", _photo((80, 60), "P", 3, format="GIF")),
         "layouts/sample.yaml:41: [pictures[0].file] images/photo.jpg: a GIF image; the press takes JPEG, PNG, TIFF"),
    Case("picture-off-grid", "a picture outside the type area",
         with_picture(f"{{file: {PICTURE}, columns: [7, 9], lines: [55, 80]}}"),
         "layouts/sample.yaml:41: [pictures[0].columns] column 9 is outside the grid's 8 columns"),
    Case("picture-over-block", "a picture over a block",
         with_picture(f"{{file: {PICTURE}, columns: [1, 3], lines: [50, 70]}}"),
         "layouts/sample.yaml:41: [pictures[0].lines] this picture overlaps block 'xianning'; a picture inside an "
         "article goes under that block's pictures: (its text runs round it)"),
    Case("picture-outside-block", "a block's picture reaching outside its block",
         with_picture(f"{{file: {PICTURE}, {PLACE}}}",
                      block_entry=f"{{file: {PICTURE}, columns: [6, 7], lines: [20, 30]}}"),
         "layouts/sample.yaml:36: [blocks[0].pictures[0].columns] the picture reaches outside its block (column 6, "
         "line 27); a picture on the page by itself goes under the layout's pictures:"),
    Case("picture-fit", "an unknown fit", with_picture(f"{{file: {PICTURE}, {PLACE}, fit: stretch}}"),
         "layouts/sample.yaml:41: [pictures[0].fit] must be one of fill, fit, not 'stretch'"),
    Case("picture-focus", "a focus outside the picture", with_picture(f"{{file: {PICTURE}, {PLACE}, focus: [50, 30]}}"),
         "layouts/sample.yaml:41: [pictures[0].focus] fractions of the picture go from 0 to 1, not [50, 30]"),
    Case("cmyk-profile", "a press profile that is not a CMYK profile",
         lambda project: (project.write("profiles/srgb.icc", _srgb_profile()),
                          project.replace(LAYOUT, "blocks:", "press:\n  cmyk_profile: profiles/srgb.icc\nblocks:"))
         and None,
         "layouts/sample.yaml:30: [press.cmyk_profile] srgb.icc is an ICC profile for RGB, not CMYK: name the "
         "printer's CMYK (output) profile"),
    # The command line
    Case("date", "--date that is not a date", lambda project: None,
         "--date must be an ISO date such as 2023-03-07, not 'tomorrow'"),
]
# Extra command-line arguments for a case.
ARGUMENTS = {"date": ["--date", "tomorrow"], "marks-too-large": ["--marks"]}


WARNINGS = [
    Case("invisible", "zero-width spaces and control characters",
         in_article("因矿而兴，因矿而名", "因矿\u200b而兴，\u0007因矿\u200b而名"),
         "articles/chenzhou.md:10: [body] removed invisible character U+200B ZERO WIDTH SPACE (2 times)"),
    Case("markdown-image", "an inline image in the body (Markdown the reader does not set)",
         in_article("因矿而兴，因矿而名", "因矿而兴，![矿区](mine.jpg)因矿而名"),
         "articles/chenzhou.md:10: [body] an inline image (mine.jpg) is not printed: place pictures in the layout"),
    Case("markdown-heading", "a level-3 heading",
         in_article("## 一批新的增长点正在加速形成。", "### 一批新的增长点正在加速形成。"),
         "articles/chenzhou.md:14: [lead] a level-3 heading is set as a section lead (小标题); write '## ' for a lead"),
    Case("bidi-override", "a right-to-left override (U+202E) in the title",
         in_article("一座“富矿”老城", "一座“富矿”\u202e老城"),
         "articles/chenzhou.md:3: [title] removed invisible character U+202E RIGHT-TO-LEFT OVERRIDE"),
    Case("title-area-too-small", "a title area (head.lines) too small for its titles",
         in_layout("head: {columns: 8, kicker: {size: 小二}, title: {size: 小初}}\n    qr: {column: 8, lines: 10}\n"
                   "  - name: xian", "head: {columns: 8, lines: 3, kicker: {size: 小二}, title: {size: 小初}}\n"
                   "    qr: {column: 8, lines: 10}\n  - name: xian"),
         "layouts/sample.yaml:30: [block chenzhou: head.lines] the title area of 3 lines is too small for its titles: "
         "it takes 7 lines, pushing the body down"),
    Case("ad-rgb", "an RGB advertisement", ad_file(_rgb_ad),
         f"layouts/sample.yaml:47: [ads[0].file] {SAMPLE_AD}: rgb-colour: fill in DeviceRGB 0.9 0.1 0.1 (at 20.0 mm, "
         "158.0 mm from the trim's top-left)"),
    Case("ad-empty", "an advertisement space without its file (开天窗)",
         in_layout(f"    file: {SAMPLE_AD}\n", ""),
         "layouts/sample.yaml:41: [ads[0]] advertisement space “广告” (columns 1–8, lines 55–102) has no file: it "
         "prints blank (开天窗)"),
    Case("picture-low-ppi", "a 300 × 200-pixel photo stretched over three columns",
         with_picture(f"{{file: {PICTURE}, {PLACE}, fit: fit, caption: 图说。}}", _photo((300, 200))),
         "layouts/sample.yaml:41: [pictures[0].file] images/photo.jpg: 59 ppi as placed (300×200 px over 369×"
         "246 pt); under 150 ppi the pixels show: supply at least 769×513 px (1538×1025 for 300 ppi)"),
    Case("picture-ink", "a CMYK photo over the ink limit",
         with_picture(f"{{file: images/heavy.tif, {PLACE}}}",
                      lambda path: _photo((1600, 1200), "CMYK", (250, 250, 250, 250))(path.with_name("heavy.tif"))),
         "layouts/sample.yaml:41: [pictures[0].file] images/heavy.tif: CMYK ink up to 392%, over the 240% limit; "
         "brought under it (C, M and Y reduced, K kept): ask for a file separated for newsprint"),
    Case("caption-overset", "a caption too long for its picture's area",
         with_picture(f"{{file: {PICTURE}, columns: [1, 3], lines: [55, 60], caption: {'图片说明文字，' * 40}}}"),
         "layouts/sample.yaml:41: [pictures[0].caption] the caption needs 7 lines and the picture's area of 6 lines "
         "gives it 3: 154 characters overset; shorten it or give the picture more lines"),
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
    (ARTICLE, f"-o {ARTICLE} is one of the build's sources (the article of block 'chenzhou'); refusing to write "
              "over it"),
    (LAYOUT, f"-o {LAYOUT} is one of the build's sources (the layout {LAYOUT}); refusing to write over it"),
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
    (["--size", "100000"], "argument --size: a type size is 4 to 288 pt, not 100000"),
    (["--measure", "0"], "argument --measure: must be more than 0, not 0"),
    (["--prohibition", "loose"], "argument --prohibition: invalid choice: 'loose'"),
])
def test_galley_arguments_are_checked(arguments, message, project, capsys):
    with pytest.raises(SystemExit) as exit:
        main(["galley", ARTICLE, "-o", "out/galley.pdf", *arguments])
    assert exit.value.code != 0
    assert f"broadsheet galley: error: {message}" in capsys.readouterr().err
    assert not project.path("out/galley.pdf").exists()
