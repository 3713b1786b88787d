"""Upper bounds on what a source may ask for, so that no input makes a build
read, hold or compute without end.  Each bound is far past any real page;
docs/bad-input.md lists them with their messages.
"""
from __future__ import annotations

from pathlib import Path

from ..units import PT_PER_INCH, mm

MEGABYTE = 1_000_000
# Largest files read, checked from their size before a byte is read.  A
# broadsheet page holds about 10 KB of text: an article of 4 MB is four
# hundred pages' worth (and builds in about 10 s; docs/bad-input.md).  CJK
# fonts are 5–30 MB (a collection of every weight, about 100 MB).
MAX_FILE_BYTES = {
    "article": 4 * MEGABYTE,
    "layout": 1 * MEGABYTE,
    "edition": 1 * MEGABYTE,
    "font": 128 * MEGABYTE,
    "picture": 64 * MEGABYTE,
    "ICC profile": 16 * MEGABYTE,
}
# One paragraph is broken as a whole (total fit): its memory grows with it,
# about 200 bytes a character.  A real paragraph has a few hundred characters.
MAX_PARAGRAPH_CHARACTERS = 200_000
# PDF viewers and RIPs honour page sides up to 200 inches (14,400 units of
# 1/72 inch; PDF 1.7, Annex C): the sheet (trim, bleed, marks) must fit.
MAX_PAGE_SIDE_PT = 200 * PT_PER_INCH
# Bleed: 3–5 mm is usual; more is a slip of the unit.
MAX_BLEED = mm(25)
# Type sizes: 八号 (5 pt) is the smallest Chinese size and 4 pt is already
# unreadable on newsprint; a front-page banner of a few characters may reach
# 4 inches.
MIN_TYPE_SIZE_PT = 4.0
MAX_TYPE_SIZE_PT = 4 * PT_PER_INCH


def oversized(path: Path, kind: str) -> str | None:
    """Why the file at ``path`` is too large to read as a ``kind``, or None."""
    size = path.stat().st_size
    limit = MAX_FILE_BYTES[kind]
    if size <= limit:
        return None
    article = "an" if kind[0] in "aeiouAEIOU" else "a"
    # As many decimals as it takes to tell the size from the limit.
    shown = next(text for decimals in range(7) if float(text := f"{size / MEGABYTE:.{decimals}f}") != limit / MEGABYTE)
    return f"the file is {shown} MB, more than the {limit / MEGABYTE:g} MB {article} {kind} may be"
