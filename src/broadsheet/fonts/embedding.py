"""How a face's subsets reach the PDF, each piece made once.

reportlab embeds a TrueType face as subsets of 256 characters, and for each
subset, every time it saves a document, it cuts a font program from the
font file, compresses it and writes its widths array number by number.  The
same subset of the same face gives the same bytes every time, so here a
face keeps its cut programs (in memory, and compressed on disk beside its
record in the face cache, for the next process) and its formatted widths.
What comes out is byte for byte what reportlab writes.
"""
from __future__ import annotations

import functools
import hashlib
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.pdfbase import pdfdoc

from ..diskcache import write_atomically

if TYPE_CHECKING:
    from reportlab.pdfbase.ttfonts import TTFont

# Font programs of subsets kept per face (a page has a few per face; a warm
# process rebuilding it asks for the same ones again).
SUBSETS_KEPT = 64
# Compressed subset programs kept on disk per face (about 50 KB each).
SUBSET_FILES_KEPT = 256
SUBSET_SUFFIX = ".subset"
# Formatted widths arrays kept (one a subset of every face in use).
WIDTHS_KEPT = 256


def keep_embedding(font: TTFont, entry: Path) -> None:
    """Make ``font`` (restored from the face cache file ``entry``) keep what
    it embeds: cut programs, their compression, its widths arrays."""
    face = font.face
    flate = _KeptFlate()
    face.makeSubset = _kept_subsets(face.makeSubset, flate, entry)
    face.addSubsetObjects = _compressed_once(face.addSubsetObjects, flate)
    font.addObjects = _widths_formatted_once(font, font.addObjects)


def _kept_subsets(make, flate: _KeptFlate, entry: Path):
    """reportlab cuts a font program for every subset (256 characters) of a
    document it saves (17 ms for the sample page's six, and 7 ms more to
    compress them); the same subset of the same face gives the same bytes.
    So a warm process cuts each once, and the compressed program is kept on
    disk beside the face's record, for the next process; one that cannot
    be decompressed (zlib checks its sum) is cut again."""
    @functools.lru_cache(maxsize=SUBSETS_KEPT)
    def cut(subset: tuple[int, ...]) -> bytes:
        path = _subset_path(entry, subset)
        try:
            compressed = path.read_bytes()
            program = zlib.decompress(compressed)
        except (OSError, zlib.error):
            program = make(list(subset))
            write_atomically(path, flate.encode(program))
            _prune(entry)
        else:
            flate.keep(program, compressed)
        return program
    return lambda subset: cut(tuple(subset))


def _subset_path(entry: Path, subset: tuple[int, ...]) -> Path:
    """Where a subset's compressed program is kept: named by the face's entry,
    the subset's characters and the zlib that compressed it."""
    key = f"{subset}\0{zlib.ZLIB_RUNTIME_VERSION}"
    return entry.with_name(f"{entry.stem}-{hashlib.sha256(key.encode()).hexdigest()[:20]}{SUBSET_SUFFIX}")


def _prune(entry: Path) -> None:
    """Keep the newest SUBSET_FILES_KEPT programs of a face: edits make new subsets."""
    try:
        paths = list(entry.parent.glob(f"{entry.stem}-*{SUBSET_SUFFIX}"))
        if len(paths) <= SUBSET_FILES_KEPT:
            return
        dated = sorted(paths, key=lambda path: path.stat().st_mtime_ns, reverse=True)
        for path in dated[SUBSET_FILES_KEPT:]:
            path.unlink(missing_ok=True)
    except OSError:   # another build pruned first
        pass


def _compressed_once(add_objects, flate: _KeptFlate):
    """reportlab compresses each subset's font program as it saves a document;
    the program of a kept cut is the same bytes object build after build, so
    it is compressed once (or read compressed from disk), by the same zlib
    call: the same bytes."""

    def add(doc, font_name: str, subset: list[int]):
        reference = add_objects(doc, font_name, subset)
        if doc.compression:
            descriptor = doc.idToObject[reference.name]
            doc.idToObject[descriptor.dict["FontFile2"].name].filters = [flate]
        return reference
    return add


class _KeptFlate:
    """reportlab's Flate stream filter, keeping what it compressed last."""
    pdfname = "FlateDecode"

    def __init__(self) -> None:
        self._kept: dict[bytes, bytes] = {}

    def keep(self, program: bytes, compressed: bytes) -> None:
        if len(self._kept) >= SUBSETS_KEPT:
            del self._kept[next(iter(self._kept))]   # the oldest
        self._kept[program] = compressed

    def encode(self, program: bytes) -> bytes:
        compressed = self._kept.get(program)
        if compressed is None:
            compressed = zlib.compress(program)
            self.keep(program, compressed)
        return compressed


def _widths_formatted_once(font: TTFont, add_objects):
    """reportlab formats each subset's Widths array number by number as it
    saves (1.6 ms for the sample page's six); the same widths come back build
    after build, so each array is formatted once."""
    def add(doc) -> None:
        state = font.state.get(doc)
        names = [font.getSubsetInternalName(number, doc)[1:] for number in range(len(state.subsets))] \
            if state is not None else []
        add_objects(doc)
        fonts = doc.idToObject["BasicFonts"].dict
        for name in names:
            fonts[name].Widths = _FormattedWidths(fonts[name].Widths.sequence)
    return add


class _FormattedWidths(pdfdoc.PDFArray):
    """A widths array, formatted once: numbers only, so its text does not
    depend on the document."""

    def format(self, document, IND=b"\n ") -> bytes:
        return _formatted(tuple(self.sequence))


@functools.lru_cache(maxsize=WIDTHS_KEPT)
def _formatted(widths: tuple[float, ...]) -> bytes:
    return pdfdoc.PDFArray(widths).format(None)
