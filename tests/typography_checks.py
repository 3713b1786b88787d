"""Measurements of issue 12's typography rules on lines read back from a PDF.

Each function takes a paragraph's lines (``readback.ReadLine``, pen origins
from pdfium) and returns a list of findings; the clreq conformance matrix
(tests/test_clreq_conformance.py) and bench/typography.py both use them.
The character lists are written out here, not imported from broadsheet.
"""
from __future__ import annotations

from statistics import median

from readback import ReadLine

IDEOGRAPHIC_SPACE = "\u3000"
RATIO = "∶"
TOLERANCE_PT = 0.01
MIXED_GAP_MIN_EM = 1 / 8
MIXED_GAP_MAX_EM = 1 / 2
LOOSE_GAP_EM = 1 / 4
MIN_LINE_LETTERS = 2
URL_SEPARATORS = set("/.-_?&=@#")
OPENING_BRACKETS = set("“‘（〔［｛《〈「『【〖(")
URL_MARKS = ("://", "@", "www.")
# Marks that are not "letters" when counting what a line holds.
NOT_LETTERS = set("。．，、：；！？“”‘’（）《》〈〉「」『』【】〔〕〖〗·—…～%‰℃ /") | {IDEOGRAPHIC_SPACE, RATIO}


def is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def is_western_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


def han_steps(line: ReadLine, em: float) -> list[float]:
    """Space (pt) beyond one em between each two neighbouring Han characters."""
    return [b.x - a.x - em for a, b in zip(line.chars, line.chars[1:]) if is_han(a.char) and is_han(b.char)]


def letters(line: ReadLine) -> int:
    return sum(1 for c in line.chars if c.char not in NOT_LETTERS)


def ends_inside_url(lines: list[ReadLine], number: int) -> bool:
    """The line breaks a URL or e-mail address (the whole address, across as
    many lines as it takes, is read from the paragraph)."""
    if number + 1 >= len(lines) or lines[number].space_after:
        return False
    text = "".join(line.spaced_text for line in lines)
    position = sum(len(line.spaced_text) for line in lines[:number + 1])
    if not (_in_token(text[position - 1]) and _in_token(text[position])):
        return False
    start, end = position, position
    while start > 0 and _in_token(text[start - 1]):
        start -= 1
    while end < len(text) and _in_token(text[end]):
        end += 1
    return any(mark in text[start:end] for mark in URL_MARKS)


def _in_token(char: str) -> bool:
    return char.isascii() and not char.isspace()


def one_character_lines(name: str, lines: list[ReadLine]) -> list[str]:
    """A line other than a paragraph's last holding a single character (plus marks)."""
    return [f"{name}: one-character line {line.text!r}" for line in lines[:-1] if letters(line) < MIN_LINE_LETTERS]


def ideographic_space_edges(name: str, lines: list[ReadLine], left: float, em: float) -> list[str]:
    """No line starts with U+3000 (or any blank: pdfium does not report U+3000,
    so its blank is measured: a line's first glyph sits at the column's left
    edge, an opening bracket half an em before it), and none with the ratio
    sign ∶.  (A blank at a line's end shows as a line short of the measure:
    the ``justified`` row.)"""
    found = []
    for number, line in enumerate(lines):
        first = line.chars[0]
        if number > 0 and first.x > left + TOLERANCE_PT and first.char not in OPENING_BRACKETS:
            found.append(f"{name}: line starts {(first.x - left) / em:.2f} em in (a blank): {line.text!r}")
        if number > 0 and first.char == RATIO:
            found.append(f"{name}: line starts with ∶: {line.text!r}")
    return found


def mixed_gap_bounds(name: str, lines: list[ReadLine], em: float, advance) -> list[str]:
    """Every gap between Han and a Western letter or digit lies within ⅛–½ em,
    measured from pen origins and advances, whatever the line's justification."""
    found = []
    for line in lines:
        for before, after in zip(line.chars, line.chars[1:]):
            if not ((is_han(before.char) and is_western_alnum(after.char))
                    or (is_western_alnum(before.char) and is_han(after.char))):
                continue
            gap = after.x - before.x - advance(before.char) * em
            if not (MIXED_GAP_MIN_EM * em - TOLERANCE_PT <= gap <= MIXED_GAP_MAX_EM * em + TOLERANCE_PT):
                found.append(f"{name}: {before.char}{after.char} gap {gap / em:.3f} em: {line.text}")
    return found


def loose_lines(name: str, lines: list[ReadLine], em: float) -> list[str]:
    """No line but a paragraph's last spreads its ideograph gaps by more than ¼ em."""
    found = []
    for line in lines[:-1]:
        steps = han_steps(line, em)
        if steps and median(steps) > LOOSE_GAP_EM * em + TOLERANCE_PT:
            found.append(f"{name}: loose line, +{median(steps) / em:.2f} em per gap: {line.text}")
    return found


def url_breaks(name: str, lines: list[ReadLine], em: float, advance) -> list[str]:
    """A broken URL breaks after / . - _ ? & = @ #, with no hyphen added and
    its line not letter-spaced (each Western character at its own advance)."""
    found = []
    for number in range(len(lines) - 1):
        if not ends_inside_url(lines, number):
            continue
        line = lines[number]
        if line.chars[-1].char not in URL_SEPARATORS or line.hyphenated:
            found.append(f"{name}: URL broken after {line.chars[-1].char!r}: {line.text}")
        for before, after in zip(line.chars, line.chars[1:]):
            if before.char.isascii() and after.char.isascii():
                spacing = after.x - before.x - advance(before.char) * em
                if abs(spacing) > TOLERANCE_PT:
                    found.append(f"{name}: URL letter-spaced by {spacing:.2f} pt: {line.text}")
                    break
    return found


def unhyphenated_word_splits(name: str, lines: list[ReadLine]) -> list[str]:
    """A Latin word split across lines ends its line with a hyphen (added, or its own)."""
    found = []
    for number in range(len(lines) - 1):
        before, after = lines[number].chars[-1].char, lines[number + 1].chars[0].char
        if before.isascii() and before.isalpha() and after.isascii() and after.isalpha() \
                and not lines[number].space_after and not ends_inside_url(lines, number):
            found.append(f"{name}: word split without a hyphen: {lines[number].text} | {lines[number + 1].text}")
    return found


def split_units(name: str, lines: list[ReadLine], units: list[str]) -> list[str]:
    """None of ``units`` (padded names 吴\u3000刚, scores 3∶1, numbers with units
    160km/h) is split across two lines."""
    joined = "\n".join(line.text for line in lines)
    found = []
    for unit in units:
        for cut in range(1, len(unit)):
            for head, tail in ((unit[:cut], unit[cut:]), (unit[:cut].rstrip(IDEOGRAPHIC_SPACE),
                                                           unit[cut:].lstrip(IDEOGRAPHIC_SPACE))):
                if head and tail and f"{head}\n{tail}" in joined:
                    found.append(f"{name}: {unit!r} split as {head!r} | {tail!r}")
    return found
