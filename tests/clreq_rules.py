"""An independent checker of the clreq / GB/T 15834 line rules, for the tests.

It takes lines of text (from our set lines, or read back from a PDF) and
lists every rule they break.  Its character lists are written out here from
GB/T 15834-2011 §5.1 and W3C clreq §3.1.7, not imported from broadsheet, so
a mistake in broadsheet's tables cannot hide itself.
"""
from __future__ import annotations

from dataclasses import dataclass

# GB/T 15834-2011 §5.1.6–5.1.8: marks that may not begin a line.
PAUSE_STOP = set("。．，、：；！？")
CLOSING = set("”’）〕］｝》〉」』】〗)")
INTERPUNCT = set("·・")
CONNECTOR = set("～–〜")
# Units after a number: signs, and the CJK unit squares ㎡ ㎞ ㎏ … (U+3380–U+33DF).
POSTFIX = set("%‰℃°′″％") | {chr(code) for code in range(0x3380, 0x33E0)}
# The ratio sign of a score (3∶1, U+2236) is read with its colon-like marks.
RATIO = set("∶")
NOT_AT_LINE_START = {
    "none": set(),
    "basic": PAUSE_STOP | CLOSING | RATIO,
    "gb": PAUSE_STOP | CLOSING | RATIO | INTERPUNCT | CONNECTOR | POSTFIX,
    "strict": PAUSE_STOP | CLOSING | RATIO | INTERPUNCT | CONNECTOR | POSTFIX | set("—…⋯"),
}
# An ideographic space (U+3000) is blank: it never shows at a line's edge.
IDEOGRAPHIC_SPACE = "\u3000"
# Where a URL or e-mail address may break (after one of these), and how one is told.
URL_SEPARATORS = set("/.-_?&=@#")
URL_MARKS = ("://", "@", "www.")
# §5.1.9: opening marks may not end a line; a solidus (分隔号 ／) neither (GB
# level).  An ASCII / is part of a Western word or URL, not a 分隔号.
OPENING = set("“‘（〔［｛《〈「『【〖(")
NOT_AT_LINE_END = {
    "none": set(),
    "basic": OPENING,
    "gb": OPENING | set("／￥$¥"),
    "strict": OPENING | set("／￥$¥"),
}
INSEPARABLE = set("—…⋯")
# A hyphen joining two words (汉斯-彼得, Hans-Peter) is a connector (GB level):
# a line may end with it, not start with it; before a digit it is a sign (-5℃).
HYPHENS = set("-\u2010\u2011")
JOINING_HYPHEN_LEVELS = ("gb", "strict")
DIGITS = set("0123456789")
CURRENCY = set("￥$¥€£")
SIGNS = set("+-−±")
NOT_COUNTED_AS_CHARACTERS = (PAUSE_STOP | CLOSING | OPENING | INTERPUNCT | CONNECTOR | POSTFIX | RATIO
                             | set(" /／￥$¥€£\u3000"))


@dataclass(frozen=True)
class Violation:
    rule: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.rule}: {self.text!r}"


def _is_latin(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _word_around(lines: list[str], number: int) -> str:
    """The Western word that runs from the end of line ``number`` into the next."""
    head = lines[number].rstrip(" ")
    start = len(head)
    while start > 0 and _in_word(head[start - 1]):
        start -= 1
    tail = lines[number + 1]
    end = 0
    while end < len(tail) and _in_word(tail[end]):
        end += 1
    return head[start:] + tail[:end]


def _token_at(lines: list[str], number: int) -> str:
    """The whole Western token (a URL across several lines, say) that the break
    after line ``number`` falls in; empty if the break is not inside one."""
    text = "".join(lines)
    position = len("".join(lines[:number + 1]))
    if position >= len(text) or not (_in_word(text[position - 1]) and _in_word(text[position])):
        return ""
    start, end = position, position
    while start > 0 and _in_word(text[start - 1]):
        start -= 1
    while end < len(text) and _in_word(text[end]):
        end += 1
    return text[start:end]


def _in_word(char: str) -> bool:
    return (char.isascii() and not char.isspace()) or char in POSTFIX or char in RATIO or char in "²³"


def _letters(line: str) -> int:
    return sum(1 for char in line if char not in NOT_COUNTED_AS_CHARACTERS and not char.isspace())


def check_paragraph(lines: list[str], level: str = "gb", *, lone_rule: bool = True,
                    fits=lambda word, line_number: True) -> list[Violation]:
    """Violations in one paragraph's lines (first to last).  ``fits(word, n)``
    says whether a Western word fits on line n: only a word that does not may
    be split (clreq: a word longer than the line is broken)."""
    found: list[Violation] = []
    for number, line in enumerate(lines):
        stripped = line.rstrip(" ")
        if not stripped:
            continue
        if number > 0 and stripped[0] in NOT_AT_LINE_START[level]:
            found.append(Violation(f"line starts with {stripped[0]}", number, line))
        if number > 0 and level in JOINING_HYPHEN_LEVELS and stripped[0] in HYPHENS \
                and stripped[1:2] not in DIGITS:
            found.append(Violation("line starts with a hyphen joining two words", number, line))
        if IDEOGRAPHIC_SPACE in (stripped[0], stripped[-1]):
            found.append(Violation("ideographic space at a line's edge", number, line))
        if lone_rule and number < len(lines) - 1 and _letters(stripped) < 2:
            found.append(Violation("a single character on a line", number, line))
        last_line = number == len(lines) - 1
        if not last_line and stripped[-1] in NOT_AT_LINE_END[level]:
            found.append(Violation(f"line ends with {stripped[-1]}", number, line))
        if not last_line:
            following = lines[number + 1].lstrip(" ")
            if following:
                before, after = stripped[-1], following[0]
                if before in INSEPARABLE and after == before:
                    found.append(Violation(f"{before}{before} split across lines", number, line))
                if before in DIGITS and after in DIGITS:
                    found.append(Violation("number split across lines", number, line))
                if before in DIGITS and after in "万亿":
                    found.append(Violation(f"{after} separated from its number", number, line))
                if before in DIGITS and after in POSTFIX:
                    found.append(Violation(f"unit {after} separated from its number", number, line))
                joining_hyphen = before == "-" and len(stripped) >= 2 and stripped[-2].isalnum()  # 0731-1234
                if (before in CURRENCY or (before in SIGNS and not joining_hyphen)) and after in DIGITS:
                    found.append(Violation(f"{before} separated from its number", number, line))
                word = _word_around(lines, number)
                western_split = _is_latin(before) and _is_latin(after) and not line.endswith(" ")
                is_url = any(mark in _token_at(lines, number) for mark in URL_MARKS)
                if western_split and fits(word, number) and not is_url:
                    found.append(Violation(f"Western word {word!r} split across lines", number, line))
                if is_url and _in_word(before) and _in_word(after) and before not in URL_SEPARATORS:
                    found.append(Violation(f"URL {word!r} split after {before!r}", number, line))
                if _token_at(lines, number)[:1].isdigit() and _in_word(before) and before != "-" and _in_word(after) and not line.endswith(" ") \
                        and fits(word, number):
                    found.append(Violation(f"number, unit or score {word!r} split across lines", number, line))
    if lone_rule and len(lines) > 1:
        letters = [char for char in lines[-1] if char not in NOT_COUNTED_AS_CHARACTERS]
        if len(letters) < 2:
            found.append(Violation("lone character on the last line (孤字)", len(lines) - 1, lines[-1]))
    return found
