"""Where Western words, URLs and numbers may break, and which ideographic spaces pad a name.

A run of Western characters (letters, digits, signs and units) is one token.
What may break inside it depends on what it is (clreq §3.3 "mixed text"):

- a URL or e-mail address breaks after one of its separators / . - _ ? & = @ #,
  with no hyphen added, and the line it leaves is set flush left (never
  letter-spaced);
- a word breaks after a hyphen it already has (Hans-|Peter), or is
  hyphenated at the points of Liang's patterns, with a hyphen added: pyphen
  (GPL 2+/LGPL 2.1+/MPL 1.1, used as a library under the LGPL) with its
  hyph_en_US dictionary (the plain TeX patterns via LibreOffice, BSD-style);
- a number with its unit (160km/h, 2,315.6km², 12.6%) never breaks (a
  telephone number may, after its hyphen), nor does anything else, unless it
  is longer than any line (the emergency break).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

HYPHEN = "-"
# Penalties (demerit units, added squared as TeX does).  A hyphenation costs
# what TeX's \\hyphenpenalty does; a URL's separators cost less than the
# loosest line (capped badness), so a URL too long for any line starts where it
# stands rather than on a new line; an emergency break (a word longer than any
# line) costs more than a lone character.
HYPHEN_BREAK_PENALTY = 50.0
URL_BREAK_PENALTY = 1_000.0
EMERGENCY_BREAK_PENALTY = 10_000_000.0
URL_SEPARATORS = frozenset("/.-_?&=@#")
# A token is a URL or an e-mail address when it has one of these.
_URL_MARK = re.compile(r"://|@|^www\.", re.IGNORECASE)
# Liang's patterns for English; the left and right minimum letters of TeX's
# \lefthyphenmin and \righthyphenmin, and the shortest word worth hyphenating.
HYPHENATION_LANGUAGE = "en_US"
HYPHEN_MIN_LEFT = 2
HYPHEN_MIN_RIGHT = 3
HYPHENATE_MIN_LETTERS = 6
# Letters or digits on each side of a hyphen for a break after it (a word's
# Hans-|Peter, a telephone number's 0731-|12345678; never a sign's -|3℃).
EXISTING_HYPHEN_MIN_SIDE = 2
_LETTERS = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class WordBreak:
    """A break inside a Western token: its penalty, whether a hyphen is added,
    whether the line it ends is set ragged (a URL line)."""
    penalty: float
    hyphen: bool = False
    ragged: bool = False


EMERGENCY = WordBreak(EMERGENCY_BREAK_PENALTY)


def western_breaks(text: str, wordlike: list[bool]) -> list[WordBreak]:
    """For each break position b (before character b) inside a Western token,
    how it may break there; positions outside tokens get EMERGENCY (unused)."""
    breaks = [EMERGENCY] * (len(text) + 1)
    start = 0
    while start < len(text):
        if not wordlike[start]:
            start += 1
            continue
        end = start
        while end < len(text) and wordlike[end]:
            end += 1
        for b, word_break in _token_breaks(text[start:end]).items():
            breaks[start + b] = word_break
        start = end
    return breaks


def _token_breaks(token: str) -> dict[int, WordBreak]:
    if _URL_MARK.search(token):
        return {b: WordBreak(URL_BREAK_PENALTY, ragged=True) for b in range(1, len(token))
                if token[b - 1] in URL_SEPARATORS and token[b] not in URL_SEPARATORS}
    breaks: dict[int, WordBreak] = {}
    for b in range(1, len(token)):
        if token[b - 1] == HYPHEN and _alnum_around(token, b - 1):
            breaks[b] = WordBreak(HYPHEN_BREAK_PENALTY)  # Hans-|Peter, 0731-|12345678
    if not token[0].isalpha():
        return breaks  # a number with its unit, a sign or a currency: one unit
    for match in _LETTERS.finditer(token):
        word = match.group()
        if len(word) >= HYPHENATE_MIN_LETTERS:
            for position in _hyphenator().positions(word):
                breaks[match.start() + position] = WordBreak(HYPHEN_BREAK_PENALTY, hyphen=True)
    return breaks


def _alnum_around(token: str, index: int) -> bool:
    before = token[max(0, index - EXISTING_HYPHEN_MIN_SIDE):index]
    after = token[index + 1:index + 1 + EXISTING_HYPHEN_MIN_SIDE]
    return len(before) == len(after) == EXISTING_HYPHEN_MIN_SIDE and (before + after).isalnum()


@lru_cache(maxsize=1)
def _hyphenator():
    import pyphen  # loaded only for text with long Latin words

    return pyphen.Pyphen(lang=HYPHENATION_LANGUAGE, left=HYPHEN_MIN_LEFT, right=HYPHEN_MIN_RIGHT)


def padding_spaces(text: str, han: list[bool]) -> set[int]:
    """Indices of ideographic spaces that pad a two-character name to three
    (吴\u3000刚): never a break.  A space between two lone characters (a byline's
    "记者\u3000吴\u3000刚\u3000通讯员") is one; in running text ("局长吴\u3000刚告诉记者")
    the word segmenter decides whether the two characters make one name."""
    candidates = [i for i, char in enumerate(text)
                  if char == "\u3000" and 0 < i < len(text) - 1 and han[i - 1] and han[i + 1]]
    padding = set()
    for i in candidates:
        lone_left = i < 2 or not han[i - 2]
        lone_right = i + 2 >= len(text) or not han[i + 2]
        if (lone_left and lone_right) or _one_word_without(text, han, i):
            padding.add(i)
    return padding


# Characters of context on each side the segmenter sees around a candidate.
SEGMENT_CONTEXT = 4


def _one_word_without(text: str, han: list[bool], i: int) -> bool:
    """Whether jieba reads the characters either side of ``text[i]`` as one word
    once the space is taken out."""
    from .segment import cut  # jieba: only for text that has such a space

    left = i
    while left > 0 and han[left - 1] and i - left < SEGMENT_CONTEXT:
        left -= 1
    right = i + 1
    while right < len(text) and han[right] and right - i <= SEGMENT_CONTEXT:
        right += 1
    joined = text[left:i] + text[i + 1:right]
    split_at = i - left  # the two neighbours are joined[split_at - 1] and joined[split_at]
    position = 0
    for word in cut(joined):
        if position < split_at < position + len(word):
            return True
        position += len(word)
    return False
