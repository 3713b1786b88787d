"""Word segmentation for headlines: jieba, with its dictionary searched in place.

jieba normally reads its whole dictionary into memory before the first cut
(half a second).  Here its frequency table is a view over a sorted copy of
the same dictionary (data/words.txt, made by tools/make_word_index.py),
searched by bisection: identical words, found in microseconds.
"""
from __future__ import annotations

import importlib
import logging
import sys
from functools import lru_cache
from pathlib import Path

from ..diskcache import entry_path, package_stamp, read_json, write_json

WORDS_FILE = Path(__file__).resolve().parent / "data" / "words.txt"
# Headline cuts kept on disk (diskcache.py), by text, jieba and word list.
CUT_CACHE = "words"
CUT_FORMAT = 1
_TOTAL_PREFIX = b"# total "


class SortedWordTable:
    """The mapping jieba's tokenizer expects (word or word prefix → frequency,
    0 for a bare prefix), answered from a sorted "word frequency" file."""

    def __init__(self, path: Path = WORDS_FILE):
        data = path.read_bytes()
        header_end = data.index(b"\n")
        if not data.startswith(_TOTAL_PREFIX):
            raise ValueError(f"{path}: no '# total' header")
        self.total = int(data[len(_TOTAL_PREFIX):header_end])
        self._data = data
        self._start = header_end + 1
        self._cache: dict[str, int | None] = {}

    def _line_at(self, offset: int) -> tuple[int, bytes, int]:
        """(start, word, frequency) of the line holding ``offset``."""
        data = self._data
        start = data.rfind(b"\n", self._start - 1, offset) + 1
        end = data.find(b"\n", offset)
        word, _, frequency = data[start:end].rpartition(b" ")
        return start, word, int(frequency)

    def _first_not_below(self, key: bytes) -> tuple[bytes, int] | None:
        """The first entry whose word is ≥ ``key`` in byte order."""
        low, high = self._start, len(self._data)
        found = None
        while low < high:
            middle = (low + high) // 2
            start, word, frequency = self._line_at(middle)
            if word < key:
                low = self._data.find(b"\n", middle) + 1
            else:
                found = (word, frequency)
                high = start
        return found

    def _lookup(self, fragment: str) -> int | None:
        """Frequency of a word, 0 for a prefix of some word, None otherwise."""
        if fragment not in self._cache:
            key = fragment.encode("utf-8")
            entry = self._first_not_below(key)
            if entry is None or not entry[0].startswith(key):
                self._cache[fragment] = None
            else:
                self._cache[fragment] = entry[1] if entry[0] == key else 0
        return self._cache[fragment]

    def __contains__(self, fragment: str) -> bool:
        return self._lookup(fragment) is not None

    def __getitem__(self, fragment: str) -> int:
        value = self._lookup(fragment)
        if value is None:
            raise KeyError(fragment)
        return value

    def get(self, fragment: str, default: int | None = None) -> int | None:
        value = self._lookup(fragment)
        return default if value is None else value


def _import_jieba():
    """Import jieba without pkg_resources: jieba imports it (a tenth of a
    second, and deprecated) only to open its own data files, and opens them
    directly when it is missing."""
    if "pkg_resources" in sys.modules:
        return importlib.import_module("jieba")
    sys.modules["pkg_resources"] = None  # makes "import pkg_resources" fail
    try:
        return importlib.import_module("jieba")
    finally:
        del sys.modules["pkg_resources"]


@lru_cache(maxsize=1)
def _tokenizer():
    jieba = _import_jieba()
    jieba.setLogLevel(logging.WARNING)
    table = SortedWordTable()
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ = table
    tokenizer.total = table.total
    tokenizer.initialized = True   # the table stands in for jieba's loaded dictionary
    return tokenizer


def cut(text: str) -> list[str]:
    """jieba's words of ``text`` (dictionary plus HMM for unknown words),
    read back from the disk cache when this jieba and word list cut the same
    text before: a build whose headlines are unchanged never imports jieba."""
    entry = entry_path(CUT_CACHE, CUT_FORMAT, package_stamp("jieba"), _words_stamp(), text)
    kept = read_json(entry)
    if isinstance(kept, list) and "".join(kept) == text:
        return kept
    words = [piece for piece in _tokenizer().cut(text, HMM=True) if piece]
    write_json(entry, words)
    return words


@lru_cache(maxsize=1)
def _words_stamp() -> str:
    status = WORDS_FILE.stat()
    return f"{status.st_size}:{status.st_mtime_ns}"
