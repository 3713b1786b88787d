"""The clreq conformance matrix (docs/clreq-conformance.md), measured on our own PDFs.

Each row is checked on galley proofs (broadsheet galley) of the two sample
articles and two punctuation-dense samples at 10, 13, 17 and 25 characters,
read back from the PDF.  Each row also has a negative control: the same check
run on PDFs that break the rule must find the breach, or the check proves
nothing.  Controls are (a) reportlab's own CJK word wrap, the tool our
engine replaces, and (b) a naive galley drawn character by character on the
em grid with no Chinese rules at all.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from statistics import median

import pytest
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, Paragraph

from broadsheet.fonts import load_font_set
from broadsheet.galley import DEFAULT_GALLEY_SIZE, GALLEY_BLEED, GALLEY_HEIGHT, GALLEY_MARGIN, build_galley
from broadsheet.model import ParagraphKind
from broadsheet.source.article import read_article
from clreq_rules import CLOSING, OPENING, PAUSE_STOP, check_paragraph
from readback import ReadLine, paragraphs_of, read_lines
from typography_checks import (ends_inside_url, ideographic_space_edges, loose_lines, mixed_gap_bounds,
                               one_character_lines, split_units, unhyphenated_word_splits, url_breaks)

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ["articles/chenzhou.md", "articles/xianning.md", "articles/samples/punctuation.md",
           "articles/samples/quotes.md", "articles/samples/mixed.md", "articles/samples/briefs.md"]
MEASURES = [10, 13, 17, 25]
SIZE = DEFAULT_GALLEY_SIZE
EM = SIZE
# Positions are compared to a hundredth of a point (pdfium reports origins
# in single precision: a few thousandths of a point of noise).
TOLERANCE_PT = 0.01
INDENT_EM = 2.0
HALF = 0.5
QUARTER = 0.25
RATIO_SIGN = "∶"
FULL_WIDTH_MARKS = PAUSE_STOP | CLOSING | OPENING


@dataclass
class Proof:
    """A galley read back: its paragraphs' lines and its column edges."""
    name: str
    paragraphs: list[list[ReadLine]]
    left: float
    right: float
    justified: bool = True
    texts: list[str] | None = None  # the paragraphs' source text
    measure: int = 0


def body_texts(article_path: Path) -> list[str]:
    article = read_article(article_path)
    return [p.text for p in article.paragraphs if p.kind is ParagraphKind.BODY]


def column_edges(measure: int) -> tuple[float, float]:
    left = GALLEY_BLEED + GALLEY_MARGIN
    return left, left + measure * SIZE


@pytest.fixture(scope="module")
def metrics():
    return load_font_set()["body"].metrics


@pytest.fixture(scope="module")
def proofs(tmp_path_factory) -> list[Proof]:
    out = tmp_path_factory.mktemp("galleys")
    result = []
    for sample in SAMPLES:
        for measure in MEASURES:
            pdf = out / f"{Path(sample).stem}-{measure}.pdf"
            build_galley(ROOT / sample, pdf, measure=measure)
            left, right = column_edges(measure)
            lines = read_lines(pdf)
            texts = body_texts(ROOT / sample)
            result.append(Proof(f"{sample}@{measure}", paragraphs_of(lines, texts), left, right, texts=texts,
                                measure=measure))
    return result


# ---- negative controls ---------------------------------------------------------------------------

CONTROL_MEASURE = 13


@pytest.fixture(scope="module")
def reportlab_wrap(tmp_path_factory) -> Proof:
    """The punctuation sample set by reportlab's Paragraph(wordWrap='CJK')."""
    pdf = tmp_path_factory.mktemp("control") / "reportlab.pdf"
    font = load_font_set()["body"].name
    style = ParagraphStyle("body", fontName=font, fontSize=SIZE, leading=SIZE * 1.5, wordWrap="CJK",
                           alignment=TA_JUSTIFY)
    left, right = column_edges(CONTROL_MEASURE)
    canvas = Canvas(str(pdf), pagesize=(right + left, GALLEY_HEIGHT), initialFontName=font)
    texts = body_texts(ROOT / "articles/samples/punctuation.md") + body_texts(ROOT / "articles/samples/quotes.md")
    frame = Frame(left, 0, right - left, GALLEY_HEIGHT, leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0)
    frame.addFromList([Paragraph(text, style) for text in texts], canvas)
    canvas.save()
    return Proof("reportlab CJK wrap", paragraphs_of(read_lines(pdf), texts), left, right)


# (text, font role, extra spacing per character in em): a page set by hand
# with no Chinese rules, some lines in a face with narrow quotes, one tracked.
NAIVE_LINES = [
    ("“一带一路”倡议提出十周", "body", 0.0),    # no indent; the opening quote keeps its blank half
    ("，今年GDP增长5.", "body", 0.0),            # starts with a comma; no CJK–Latin gap; a number split
    ("2%，这是“重要”，", "body", 0.0),            # the line-end comma stays full width
    ("的”。年份——", "body", 0.0),                # ”。 take two full ems; —— split
    ("——报道称“", "body", 0.0),                  # ends with an opening quote
    ("今年是改革开放四十五周年我", "body", 0.02),  # a pure-Han line tracked off the em grid
    ("们说“好的”我们", "kicker", 0.02),           # quotes drawn narrow (on a spread line)
    ("网", "body", 0.0),                          # a line holding one character
    ("\u3000局长吴\u3000", "body", 0.0),             # U+3000 at both edges; a padded name split…
    ("刚说比分2", "body", 0.0),                    # …and a score split…
    ("∶1，CPI同比", "body", 0.6),                  # …so ∶ starts a line; CJK–Latin gap > ½ em; loose
    ("网址https://www.exam", "body", 0.05),       # a URL broken inside a word, letter-spaced
    ("ple.com/上的inter", "body", 0.0),           # a word split with no hyphen
    ("nationalization", "body", 0.0),
    ("说：‘好", "body", -0.6),                    # ：‘ squeezed into less than one em
    ("以21∶19险胜", "body", -0.3),                 # ∶ squeezed by more than a quarter em each side
    ("-彼得说", "body", 0.0),                       # a line starts with the hyphen of 汉斯-彼得
    ("将", "body", 0.0),                          # a lone character on the last line
]


@pytest.fixture(scope="module")
def naive_grid(tmp_path_factory) -> Proof:
    """Characters drawn one by one at their own advance: no rule applied."""
    pdf = tmp_path_factory.mktemp("control") / "naive.pdf"
    fonts = load_font_set()
    left, right = column_edges(CONTROL_MEASURE)
    canvas = Canvas(str(pdf), pagesize=(right + left, GALLEY_HEIGHT), initialFontName=fonts["body"].name)
    for number, (line, role, tracking) in enumerate(NAIVE_LINES):
        font = fonts[role]
        canvas.setFont(font.name, SIZE)
        x, y = left, GALLEY_HEIGHT - 100 - number * SIZE * 1.5
        for char in line:
            canvas.drawString(x, y, char)
            x += (font.metrics.advances[char] + tracking) * SIZE
    canvas.save()
    text = "".join(line for line, _, _ in NAIVE_LINES)
    return Proof("naive grid", paragraphs_of(read_lines(pdf), [text]), left, right, texts=[text],
                 measure=CONTROL_MEASURE)


# ---- measurements --------------------------------------------------------------------------------

def is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def han_steps(line: ReadLine) -> list[float]:
    return [b.x - a.x - EM for a, b in zip(line.chars, line.chars[1:]) if is_han(a.char) and is_han(b.char)]


def line_expansion(line: ReadLine) -> float:
    """Extra space (pt) justification put between two Han characters on this line."""
    steps = han_steps(line)
    return max(0.0, median(steps)) if steps else 0.0


def rule_violations(proof: Proof, level: str = "gb") -> list[str]:
    found = []
    for lines in proof.paragraphs:
        found += [f"{proof.name}: {v}" for v in check_paragraph([line.spaced_text for line in lines], level)]
    return found


def line_end_mark_widths(proof: Proof) -> list[str]:
    """A full-width mark at a line's end takes at most half an em (GB/T 15834 §5.1.10)."""
    found = []
    for lines in proof.paragraphs:
        for line in lines[:-1]:
            last = line.chars[-1]
            if last.char in PAUSE_STOP | CLOSING and proof.right - last.x > HALF * EM + TOLERANCE_PT:
                found.append(f"{proof.name}: line-end {last.char} is {(proof.right - last.x) / EM:.2f} em: {line.text}")
    return found


def adjacent_mark_pairs(proof: Proof) -> list[str]:
    """Two adjacent full-width marks take 1.5 em, not 2 (clreq §3.1.6)."""
    found = []
    for lines in proof.paragraphs:
        for line in lines:
            extra = line_expansion(line)
            chars = line.chars
            for first, second, after in zip(chars, chars[1:], chars[2:]):
                if first.char in FULL_WIDTH_MARKS and second.char in FULL_WIDTH_MARKS and \
                        not (first.char in OPENING and second.char in OPENING | CLOSING | PAUSE_STOP):
                    span = after.x - first.x - 2 * extra
                    if span > 1.5 * EM + TOLERANCE_PT:
                        found.append(f"{proof.name}: {first.char}{second.char} spans {span / EM:.2f} em: {line.text}")
    return found


def line_start_brackets(proof: Proof) -> list[str]:
    """An opening bracket starting a line (paragraph start included) drops its leading half em."""
    found = []
    for lines in proof.paragraphs:
        for number, line in enumerate(lines):
            first = line.chars[0]
            if first.char not in OPENING:
                continue
            expected = proof.left + (INDENT_EM * EM if number == 0 else 0.0) - HALF * EM
            if abs(first.x - expected) > TOLERANCE_PT:
                found.append(f"{proof.name}: line-start {first.char} at {(first.x - proof.left) / EM:+.2f} em: {line.text}")
    return found


def paragraph_indents(proof: Proof) -> list[str]:
    """Every paragraph opens with a two-character indent."""
    found = []
    for lines in proof.paragraphs:
        first = lines[0].chars[0]
        expected = proof.left + INDENT_EM * EM - (HALF * EM if first.char in OPENING else 0.0)
        if abs(first.x - expected) > TOLERANCE_PT:
            found.append(f"{proof.name}: indent {(first.x - proof.left) / EM:.2f} em: {lines[0].text}")
    return found


def flush_right(proof: Proof, metrics) -> list[str]:
    """Every line but a paragraph's last ends exactly at the measure."""
    found = []
    for lines in proof.paragraphs:
        for number, line in enumerate(lines[:-1]):
            if len(line.chars) < 2 or ends_inside_url(lines, number):
                continue  # one glyph cannot be spread; a broken URL's line is set flush left
            last = line.chars[-1]
            _, blank_right = metrics.blanks(last.char)
            right = last.x + (metrics.advance(last.char) - blank_right) * EM
            if last.char == "—" and len(line.chars) > 1 and line.chars[-2].char == "—":
                right = last.right  # a 破折号 is stretched to fill its box: measure its ink
            if abs(right - proof.right) > TOLERANCE_PT:
                found.append(f"{proof.name}: line ends {(right - proof.right):+.3f} pt off the measure: {line.text}")
    return found


def em_grid(proof: Proof) -> list[str]:
    """A line of Han characters only that fills the measure sits on the em grid."""
    found = []
    measure_chars = round((proof.right - proof.left) / EM)
    for lines in proof.paragraphs:
        for number, line in enumerate(lines[:-1]):
            if number == 0 or len(line.chars) != measure_chars or not all(is_han(c.char) for c in line.chars):
                continue
            for index, char in enumerate(line.chars):
                if abs(char.x - (proof.left + index * EM)) > TOLERANCE_PT:
                    found.append(f"{proof.name}: {char.char} off the grid by {char.x - proof.left - index * EM:+.3f} pt")
                    break
    return found


def full_width_quotes(proof: Proof) -> list[str]:
    """“ ” ‘ ’ are full width: between Han neighbours a quote takes one em, on
    lines that were spread (a line that had to be compressed may halve its
    brackets, clreq §3.8)."""
    found = []
    for lines in proof.paragraphs:
        for line in lines:
            extra = line_expansion(line)
            if extra <= TOLERANCE_PT:
                continue
            for before, quote, after in zip(line.chars, line.chars[1:], line.chars[2:]):
                if quote.char in "“‘" and is_han(before.char) and is_han(after.char):
                    width = after.x - quote.x - extra
                elif quote.char in "”’" and is_han(before.char) and is_han(after.char):
                    width = after.x - quote.x - extra
                else:
                    continue
                if abs(width - EM) > TOLERANCE_PT:
                    found.append(f"{proof.name}: {quote.char} is {width / EM:.2f} em wide: {line.text}")
    return found


def adjacent_marks_apart(proof: Proof) -> list[str]:
    """Compression never squeezes a mark into its neighbour mark: after their
    pair compression (1.5 em) each keeps at least a half-em box (：‘ is never
    set in one em with the colon touching the quote; ”“ never share an origin)."""
    found = []
    for lines in proof.paragraphs:
        for line in lines:
            for first, second, after in zip(line.chars, line.chars[1:], line.chars[2:]):
                if first.char in FULL_WIDTH_MARKS and second.char in FULL_WIDTH_MARKS and \
                        not (first.char in OPENING and second.char in OPENING | CLOSING | PAUSE_STOP):
                    if second.x - first.x < HALF * EM - TOLERANCE_PT:
                        found.append(f"{proof.name}: {first.char}{second.char} squeezed to "
                                     f"{(second.x - first.x) / EM:.2f} em apart: {line.text}")
    return found


def ratio_sign_blanks(proof: Proof, metrics) -> list[str]:
    """The ratio sign of a score (3∶1) is a centred mark: compression may take
    up to a quarter em of its blank on each side, the same on both (its ink
    stays centred between the digits), never more."""
    found = []
    for lines in proof.paragraphs:
        for line in lines:
            for before, ratio, after in zip(line.chars, line.chars[1:], line.chars[2:]):
                if ratio.char != RATIO_SIGN or not (before.char.isdigit() and after.char.isdigit()):
                    continue
                taken_left = before.x + metrics.advance(before.char) * EM - ratio.x
                taken_right = ratio.x + EM - after.x
                within = all(-TOLERANCE_PT <= taken <= QUARTER * EM + TOLERANCE_PT
                             for taken in (taken_left, taken_right))
                if not within or abs(taken_left - taken_right) > TOLERANCE_PT:
                    found.append(f"{proof.name}: {before.char}∶{after.char} compressed by {taken_left / EM:.2f} + "
                                 f"{taken_right / EM:.2f} em: {line.text}")
    return found


# Units the samples hold that must never be split (padded names, scores, numbers with units).
UNSPLIT = ["吴\u3000刚", "王\u3000强", "3∶1", "2∶0", "160km/h", "2,315.6km²", "12.6%", "28℃", "3.5㎡", "98.7%",
           "1,200km", "300km", "21∶19", "18∶21", "21∶15", "9∶00", "17∶00", "1,320万㎡", "28μg/m³", "500㎎", "±0.5‰",
           "-5℃", "张\u3000帆", "李\u3000明"]


def unavoidable_excepted(proof: Proof, metrics, check) -> list[str]:
    """Findings of ``check`` in paragraphs that could be set without them: a
    paragraph whose long unbreakable units (160km/h，全长2,315.6km²) leave no
    set of breaks with every line within ¼ em (the breaker's first pass, an
    exhaustive search, finds none) is reported by bench/typography.py, not here."""
    found = []
    for text, lines in zip(proof.texts, proof.paragraphs):
        findings = check(proof.name, lines, EM)
        if findings and tight_setting_exists(text, metrics, proof.measure):
            found += findings
    return found


def tight_setting_exists(text: str, metrics, measure: int) -> bool:
    from broadsheet.text.linebreak import FIRST_PASS_MAX_RATIO, Measure, _total_fit
    from broadsheet.text.prepare import prepare

    return _total_fit(prepare(text, metrics), Measure(measure, INDENT_EM), FIRST_PASS_MAX_RATIO) is not None


def per_paragraph(check):
    return lambda proof, metrics: [finding for lines in proof.paragraphs for finding in check(proof.name, lines)]


# ---- the matrix ----------------------------------------------------------------------------------

ROWS = {
    "prohibitions": lambda proof, metrics: rule_violations(proof),
    "line-end-mark-half-width": lambda proof, metrics: line_end_mark_widths(proof),
    "adjacent-marks-1.5em": lambda proof, metrics: adjacent_mark_pairs(proof),
    "line-start-bracket": lambda proof, metrics: line_start_brackets(proof),
    "paragraph-indent": lambda proof, metrics: paragraph_indents(proof),
    "justified": flush_right,
    "em-grid": lambda proof, metrics: em_grid(proof),
    "cjk-latin-gap": lambda proof, metrics: [f for lines in proof.paragraphs
                                             for f in mixed_gap_bounds(proof.name, lines, EM, metrics.advance)],
    "full-width-quotes": lambda proof, metrics: full_width_quotes(proof),
    "one-character-lines": per_paragraph(one_character_lines),
    "ideographic-space-and-ratio-edges": lambda proof, metrics: [
        f for lines in proof.paragraphs for f in ideographic_space_edges(proof.name, lines, proof.left, EM)],
    "unsplit-names-scores-units": per_paragraph(lambda name, lines: split_units(name, lines, UNSPLIT)),
    "url-breaks": lambda proof, metrics: [f for lines in proof.paragraphs
                                          for f in url_breaks(proof.name, lines, EM, metrics.advance)],
    "hyphenated-word-splits": per_paragraph(unhyphenated_word_splits),
    "loose-lines": lambda proof, metrics: unavoidable_excepted(proof, metrics, loose_lines),
    "adjacent-marks-not-touching": lambda proof, metrics: adjacent_marks_apart(proof),
    "ratio-sign-blanks": ratio_sign_blanks,
}
# Which control breaks each rule (reportlab's wrap does not break them all).
CONTROLS = {
    "prohibitions": ["reportlab_wrap", "naive_grid"],
    "line-end-mark-half-width": ["reportlab_wrap", "naive_grid"],
    "adjacent-marks-1.5em": ["reportlab_wrap", "naive_grid"],
    "line-start-bracket": ["naive_grid"],
    "paragraph-indent": ["reportlab_wrap", "naive_grid"],
    "justified": ["naive_grid"],
    "em-grid": ["naive_grid"],
    "cjk-latin-gap": ["reportlab_wrap", "naive_grid"],
    "full-width-quotes": ["naive_grid"],
    "one-character-lines": ["naive_grid"],
    "ideographic-space-and-ratio-edges": ["naive_grid"],
    "unsplit-names-scores-units": ["naive_grid"],
    "url-breaks": ["naive_grid"],
    "hyphenated-word-splits": ["naive_grid"],
    "loose-lines": ["naive_grid"],
    "adjacent-marks-not-touching": ["naive_grid"],
    "ratio-sign-blanks": ["naive_grid"],
}


def test_a_line_starting_with_a_joining_hyphen_is_caught(naive_grid):
    """The prohibitions row's checker sees a connecting hyphen at a line start
    (the naive page's "-彼得说"), and not a minus sign before its number."""
    found = rule_violations(naive_grid)
    assert any("hyphen joining two words" in finding and "-彼得说" in finding for finding in found)
    assert not check_paragraph(["气温在", "-5℃左右"], "gb")


@pytest.mark.parametrize("row", ROWS)
def test_galleys_conform(row, proofs, metrics):
    found = [finding for proof in proofs for finding in ROWS[row](proof, metrics)]
    assert not found, f"{len(found)} breaches, first: " + "\n".join(found[:5])


@pytest.mark.parametrize("row,control", [(row, control) for row, controls in CONTROLS.items() for control in controls])
def test_negative_control_is_caught(row, control, request, metrics):
    proof = request.getfixturevalue(control)
    assert ROWS[row](proof, metrics), f"{row}: the check found nothing wrong in {control}"


def test_checked_galleys_are_not_empty(proofs):
    """The matrix measured real text: every galley has paragraphs of several lines."""
    assert len(proofs) == len(SAMPLES) * len(MEASURES)
    for proof in proofs:
        assert sum(len(lines) for lines in proof.paragraphs) >= 10, proof.name
