"""Lines of set text read back from a PDF, matched to the source paragraphs."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pdfread import Char, page_chars, page_count

# Characters on one baseline within this distance (pt) belong to one line.
BASELINE_TOLERANCE_PT = 0.5


@dataclass
class ReadLine:
    page: int
    baseline: float
    chars: list[Char]

    @property
    def text(self) -> str:
        return "".join(c.char for c in self.chars)


def read_lines(pdf: Path, left: float | None = None, right: float | None = None) -> list[ReadLine]:
    """Every line of text (top to bottom, page by page), optionally only the
    characters whose origin lies between ``left`` and ``right`` (one column)."""
    lines: list[ReadLine] = []
    for number in range(page_count(pdf)):
        rows: dict[float, list[Char]] = {}
        for char in page_chars(pdf, number):
            if char.char.isspace():
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
    wanted = [text.replace(" ", "") for text in texts]
    result: list[list[ReadLine]] = []
    index = 0
    for text in wanted:
        while index < len(lines) and not text.startswith(lines[index].text):
            index += 1
        group, joined = [], ""
        while index < len(lines) and joined != text:
            joined += lines[index].text
            group.append(lines[index])
            index += 1
        assert joined == text, f"paragraph not found in order: {text[:30]}… read {joined[:60]}…"
        result.append(group)
    return result
