"""Lines of set text read back from a PDF, matched to the source paragraphs."""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from pdfread import Char, page_chars, page_count

# Characters on one baseline within this distance (pt) belong to one line.
BASELINE_TOLERANCE_PT = 0.5
IDEOGRAPHIC_SPACE = "\u3000"
# pdfium reports a hyphen that ends a line as U+FFFE (its soft-hyphen marker).
PDFIUM_LINE_END_HYPHEN = "\ufffe"
HYPHEN = "-"


@dataclass
class ReadLine:
    page: int
    baseline: float
    chars: list[Char]
    hyphenated: bool = False  # ends with a hyphen the typesetter added (not in the source)
    space_after: bool = False  # the source has a Western space where this line ends (not drawn)

    @property
    def text(self) -> str:
        return "".join(c.char for c in self.chars)

    @property
    def spaced_text(self) -> str:
        """The line as the rule checkers read it: a trailing source space kept."""
        return self.text + (" " if self.space_after else "")

    @property
    def source_text(self) -> str:
        """The source's characters on this line: ideographic spaces (which the
        source keeps where a line edge dropped them) and an added hyphen left out."""
        text = self.text.replace(IDEOGRAPHIC_SPACE, "")
        return text[:-1] if self.hyphenated else text


def read_lines(pdf: Path, left: float | None = None, right: float | None = None) -> list[ReadLine]:
    """Every line of text (top to bottom, page by page), optionally only the
    characters whose origin lies between ``left`` and ``right`` (one column)."""
    lines: list[ReadLine] = []
    for number in range(page_count(pdf)):
        rows: dict[float, list[Char]] = {}
        for char in page_chars(pdf, number):
            if char.char == PDFIUM_LINE_END_HYPHEN:
                char = replace(char, char=HYPHEN)
            if char.char.isspace() and char.char != IDEOGRAPHIC_SPACE:
                continue
            if left is not None and not (left - 1 <= char.x <= right + 1):
                continue
            key = next((y for y in rows if abs(y - char.y) <= BASELINE_TOLERANCE_PT), char.y)
            rows.setdefault(key, []).append(char)
        for baseline in sorted(rows, reverse=True):
            # Reading order is the order of the ink, not of the pen origins: a
            # compressed ”“ pair draws its “ from an origin left of the ”.
            ink_order = sorted(rows[baseline], key=lambda c: (c.left + c.right) / 2)
            lines.append(ReadLine(number, baseline, ink_order))
    return lines


def paragraphs_of(lines: list[ReadLine], texts: list[str]) -> list[list[ReadLine]]:
    """Split read lines into the given paragraphs (spaces ignored), in order.
    Lines before the first paragraph (headlines) are skipped."""
    wanted = [text.replace(" ", "").replace(IDEOGRAPHIC_SPACE, "") for text in texts]
    result: list[list[ReadLine]] = []
    index = 0
    for original, text in zip(texts, wanted):
        spaced = _space_before_each(original)
        while index < len(lines) and not _starts(text, lines[index]):
            index += 1
        group, joined = [], ""
        while index < len(lines) and joined != text:
            line = lines[index]
            _starts(text[len(joined):], line)
            joined += line.source_text
            line.space_after = spaced[len(joined)] if len(joined) < len(spaced) else False
            group.append(line)
            index += 1
        assert joined == text, f"paragraph not found in order: {text[:30]}… read {joined[:60]}…"
        result.append(group)
    return result


def _starts(text: str, line: ReadLine) -> bool:
    """Whether ``text`` starts with the line; a line-end hyphen the source does
    not have there is marked as added."""
    line.hyphenated = False
    if text.startswith(line.source_text):
        return True
    if line.text.endswith(HYPHEN) and text.startswith(line.source_text[:-1]):
        line.hyphenated = True
        return True
    return False


def _space_before_each(text: str) -> list[bool]:
    """For each position of the text with spaces taken out: whether a Western
    space stood there (before that character) in the source."""
    flags, pending = [], False
    for char in text:
        if char == " ":
            pending = True
        elif char != IDEOGRAPHIC_SPACE:
            flags.append(pending)
            pending = False
    return flags
