"""Read our PDFs back: every character with its box, via pdfium's text layer."""
from __future__ import annotations

import ctypes
from dataclasses import dataclass
from pathlib import Path

import pypdfium2


@dataclass(frozen=True)
class Char:
    char: str
    left: float      # pt from the page's left edge (MediaBox)
    bottom: float
    right: float
    top: float
    font_size: float
    x: float         # pen origin (where the glyph's advance box starts)
    y: float         # baseline
    font: str = ""   # the font's PDF name (subset tag included)

    @property
    def width(self) -> float:
        return self.right - self.left


@dataclass(frozen=True)
class Line:
    chars: tuple[Char, ...]

    @property
    def text(self) -> str:
        return "".join(c.char for c in self.chars)


def page_chars(pdf: Path, page_number: int = 0) -> list[Char]:
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        page = document[page_number]
        text_page = page.get_textpage()
        chars = []
        for index in range(text_page.count_chars()):
            char = text_page.get_text_range(index, 1)
            if char in "\r\n" or char == "":
                continue
            left, bottom, right, top = text_page.get_charbox(index)
            size = pypdfium2.raw.FPDFText_GetFontSize(text_page, index)
            x, y = ctypes.c_double(), ctypes.c_double()
            pypdfium2.raw.FPDFText_GetCharOrigin(text_page, index, ctypes.byref(x), ctypes.byref(y))
            chars.append(Char(char, left, bottom, right, top, size, x.value, y.value, _font_name(text_page, index)))
        return chars
    finally:
        document.close()


FONT_NAME_BUFFER = 256


def _font_name(text_page, index: int) -> str:
    buffer = ctypes.create_string_buffer(FONT_NAME_BUFFER)
    flags = ctypes.c_int()
    length = pypdfium2.raw.FPDFText_GetFontInfo(text_page, index, buffer, FONT_NAME_BUFFER, ctypes.byref(flags))
    return buffer.value.decode("utf-8", "replace") if length else ""


def page_count(pdf: Path) -> int:
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(document)
    finally:
        document.close()


def all_text(pdf: Path) -> str:
    return "".join(c.char for n in range(page_count(pdf)) for c in page_chars(pdf, n))
