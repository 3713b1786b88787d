"""Prepare a paragraph for breaking: classes, widths, compression, break opportunities.

Everything here is decided before any break is chosen, in clreq's order:
adjacent punctuation is compressed first (compression moves the break), then
the prohibition rules say where a line may end.  The result holds prefix sums,
so the breaker can measure any candidate line in constant time.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import accumulate

from .classes import (COMPRESSIBLE, DEFAULT_PROHIBITION, HYPHENS, LINE_END_PROHIBITED, LINE_START_PROHIBITED,
                      NUMBER_UNITS, PUNCTUATION, RATIO_SIGNS, CharClass, Prohibition, classify)
from .faces import Faces
from .metrics import FULL_WIDTH_EM, FULL_WIDTH_TOLERANCE_EM, HALF_EM, FontMetrics
from .western import HYPHEN, padding_spaces, western_breaks

# CJK–Latin gap (clreq §3.2.3 "Mixed text composition"): a quarter em, which
# justification may shrink to an eighth or stretch to a half.
MIXED_GAP_EM = 0.25
MIXED_GAP_MIN_EM = 0.125
MIXED_GAP_MAX_EM = 0.5
# Western word spaces shrink to a quarter em and stretch to a half.
SPACE_MIN_EM = 0.25
SPACE_MAX_EM = 0.5
# A pair of adjacent full-width marks gives up at most half an em (2 em → 1.5 em).
PAIR_COMPRESSION_EM = HALF_EM

# Break penalties inside Western words, URLs and numbers: text/western.py.
SIGNS = frozenset("+-−±")
NUMBER_SEPARATORS = frozenset(".,")

# Junction kinds between two characters, for justification.
JOIN_NONE = 0        # two characters that may not be spaced apart (inside a word or ——)
JOIN_GAP = 1         # an ordinary gap that even expansion may widen
JOIN_MIXED = 2       # CJK–Latin boundary carrying MIXED_GAP_EM

_WORDLIKE = frozenset({CharClass.WESTERN, CharClass.POSTFIX, CharClass.PREFIX})
_MIXED_NEIGHBOURS = frozenset({CharClass.HAN})
_EXPANSION_BLOCKERS = frozenset({CharClass.SPACE})


@dataclass
class PreparedText:
    """A paragraph ready for breaking.  Index i is a character; junction k lies
    between characters k and k+1; break b lies before character b (b = n ends)."""
    text: str
    classes: list[CharClass]
    width: list[float]          # natural advance, em
    blank_left: list[float]     # blank the mark may lose, em
    blank_right: list[float]
    cut_left: list[float]       # blank removed by pair compression inside a line
    cut_right: list[float]
    squeeze_left: list[float]   # blank that line compression may still take (none between a compressed pair:
    squeeze_right: list[float]  # two marks keep 1.5 em, a colon never touches the quote after it)
    join: list[int]             # kind of junction k
    gap: list[float]            # space added at junction k, em
    penalty: list[float | None]  # per break b: None = prohibited
    hyphen: list[bool]          # per break b: the line ending there gets a hyphen (word hyphenated)
    ragged: list[bool]          # per break b: the line ending there is set flush left (broken URL)
    hyphen_width: list[float]   # per break b: em of the added hyphen (in the face of character b - 1)
    blank_run: list[float]      # per character: width of the run of U+3000 ending there (dropped at a line end)
    # prefix sums for O(1) line measurement
    interior_width: list[float]
    interior_shrink: list[float]
    interior_stretch: list[float]
    gap_width: list[float]
    gap_shrink: list[float]
    gap_stretch: list[float]
    gap_count: list[int]
    letters: list[int]
    hanging: bool = False       # 标点悬挂: a line-end 。，、 may hang outside the measure
    faces: Faces | None = None  # the face of each character (None: one face throughout)
    # measure(a, b) = end_terms[b] - start_terms[a], term by term (made in __post_init__)
    end_cut: list[float] = field(init=False, repr=False)
    end_terms: list[tuple[float, float, float, int]] = field(init=False, repr=False)
    start_terms: list[tuple[float, float, float, int]] = field(init=False, repr=False)

    @property
    def length(self) -> int:
        return len(self.text)

    def line_start_cut(self, a: int) -> float:
        """Blank dropped at the start of a line: an opening bracket loses its
        leading half em (paragraph start included)."""
        return self.blank_left[a]

    def line_end_cut(self, e: int) -> float:
        """Blank dropped at the end of a line: a full-width mark takes half width
        (GB/T 15834 §5.1.10); a trailing space vanishes, and so do trailing
        ideographic spaces (the whole run)."""
        return self.end_cut[e]

    def __post_init__(self) -> None:
        """Split every line measure into a term of its end and a term of its
        start, so that measuring a line is four subtractions: the breaker asks
        about each candidate line, tens of thousands of times a page."""
        space, ideographic_space = CharClass.SPACE, CharClass.IDEOGRAPHIC_SPACE
        self.end_cut = [width if cls is space else run if cls is ideographic_space else right
                        for cls, width, run, right in zip(self.classes, self.width, self.blank_run, self.blank_right)]
        # What a line's last character may still give up, and take: a trailing
        # Western space shrinks and stretches as a space; a mark, its blank.
        end_shrink = [width - SPACE_MIN_EM if cls is space else squeeze
                      for cls, width, squeeze in zip(self.classes, self.width, self.squeeze_right)]
        end_stretch = [SPACE_MAX_EM - width if cls is space else 0.0 for cls, width in zip(self.classes, self.width)]
        interior_width, gap_width = self.interior_width, self.gap_width
        interior_shrink, gap_shrink = self.interior_shrink, self.gap_shrink
        interior_stretch, gap_stretch, gap_count = self.interior_stretch, self.gap_stretch, self.gap_count
        self.end_terms = [(0.0, 0.0, 0.0, 0)] + [
            (interior_width[e + 1] + gap_width[e] + self.cut_right[e] - self.end_cut[e]
             + (self.hyphen_width[e + 1] if self.hyphen[e + 1] else 0.0),
             interior_shrink[e + 1] + gap_shrink[e] - end_shrink[e],
             interior_stretch[e + 1] + gap_stretch[e] - end_stretch[e],
             gap_count[e])
            for e in range(self.length)]
        self.start_terms = [
            (interior_width[a] + gap_width[a] - self.cut_left[a] + self.line_start_cut(a),
             interior_shrink[a] + gap_shrink[a] + self.squeeze_left[a],
             interior_stretch[a] + gap_stretch[a],
             gap_count[a])
            for a in range(self.length)]

    def measure(self, a: int, b: int) -> tuple[float, float, float, int]:
        """(natural width, shrink, fixed stretch, expandable gaps) of line a..b-1, in em."""
        end_natural, end_shrink, end_stretch, end_gaps = self.end_terms[b]
        start_natural, start_shrink, start_stretch, start_gaps = self.start_terms[a]
        return (end_natural - start_natural, end_shrink - start_shrink, end_stretch - start_stretch,
                end_gaps - start_gaps)

    def hang(self, e: int) -> tuple[float, float]:
        """(width, shrink) a line-end mark takes out of its line by hanging
        outside the measure: 。，、 etc. when hanging is on, else nothing."""
        if self.hanging and self.classes[e] is CharClass.PAUSE_OR_STOP:
            return (self.width[e] - self.cut_left[e] - self.blank_right[e],
                    self.blank_left[e] - self.cut_left[e])
        return 0.0, 0.0

    def letter_count(self, a: int, b: int) -> int:
        return self.letters[b] - self.letters[a]


def prepare(text: str, metrics: FontMetrics, prohibition: Prohibition = DEFAULT_PROHIBITION,
            hanging: bool = False, faces: Faces | None = None) -> PreparedText:
    """Classify, measure and compress one paragraph (no line breaks in ``text``).

    ``hanging`` lets a pause or stop mark that does not fit hang outside the
    line (标点悬挂); off by default, as in most mainland publications.
    ``faces`` sets runs in other faces (bold, 楷体): each character is
    measured in its own face, every rule applies as in one face."""
    n = len(text)
    classes = [classify(char) for char in text]
    _mark_inseparables(text, classes)
    face_of = faces.at if faces is not None else (lambda _: metrics)
    width = [face_of(i).advance(char) for i, char in enumerate(text)]
    _drop_edge_ideographic_spaces(classes, width)
    blanks = [face_of(i).blanks(char) for i, char in enumerate(text)]
    blank_left = [left for left, _ in blanks]
    blank_right = [right for _, right in blanks]
    cut_left = [0.0] * n
    cut_right = [0.0] * n
    paired = [False] * max(n - 1, 0)  # junction k joins two compressed marks
    join = [JOIN_NONE] * max(n - 1, 0)
    gap = [0.0] * max(n - 1, 0)
    for k in range(n - 1):
        left_class, right_class = classes[k], classes[k + 1]
        facing = blank_right[k] + blank_left[k + 1]
        if facing > 0 and left_class in COMPRESSIBLE and right_class in COMPRESSIBLE:
            # Two adjacent marks (。” ）。 ”， ：“): the blank between them goes.
            removed = min(PAIR_COMPRESSION_EM, facing)
            from_left = min(removed, blank_right[k])
            cut_right[k] = from_left
            cut_left[k + 1] = removed - from_left
            paired[k] = True
        if _is_mixed_boundary(text, k, left_class, right_class, width):
            join[k] = JOIN_MIXED
            gap[k] = MIXED_GAP_EM
        elif _expandable(text, classes, k):
            join[k] = JOIN_GAP

    penalty, hyphen, ragged = _break_penalties(text, classes, prohibition)
    blank_run = [0.0] * n
    for i in range(n):
        if classes[i] is CharClass.IDEOGRAPHIC_SPACE:
            blank_run[i] = width[i] + (blank_run[i - 1] if i > 0 else 0.0)

    interior = [width[i] - cut_left[i] - cut_right[i] for i in range(n)]
    squeeze_left = [0.0 if i > 0 and paired[i - 1] else blank_left[i] - cut_left[i] for i in range(n)]
    squeeze_right = [0.0 if i < n - 1 and paired[i] else blank_right[i] - cut_right[i] for i in range(n)]
    shrink = [_char_shrink(classes[i], width[i], squeeze_left[i] + squeeze_right[i]) for i in range(n)]
    stretch = [SPACE_MAX_EM - width[i] if classes[i] is CharClass.SPACE else 0.0 for i in range(n)]
    gap_shrink = [MIXED_GAP_EM - MIXED_GAP_MIN_EM if kind == JOIN_MIXED else 0.0 for kind in join]
    gap_stretch = [MIXED_GAP_MAX_EM - MIXED_GAP_EM if kind == JOIN_MIXED else 0.0 for kind in join]
    letters = [0 if cls in PUNCTUATION else 1 for cls in classes]

    return PreparedText(
        text=text, classes=classes, width=width, blank_left=blank_left, blank_right=blank_right,
        cut_left=cut_left, cut_right=cut_right, squeeze_left=squeeze_left, squeeze_right=squeeze_right,
        join=join, gap=gap, penalty=penalty,
        hyphen=hyphen, ragged=ragged, blank_run=blank_run,
        hyphen_width=[face_of(b - 1).advance(HYPHEN) if hyphen[b] else 0.0 for b in range(n + 1)],
        interior_width=_prefix(interior), interior_shrink=_prefix(shrink),
        interior_stretch=_prefix(stretch), gap_width=_prefix(gap), gap_shrink=_prefix(gap_shrink),
        gap_stretch=_prefix(gap_stretch), gap_count=_prefix([1 if kind == JOIN_GAP else 0 for kind in join]),
        letters=_prefix(letters), hanging=hanging, faces=faces,
    )


def _prefix(values):
    return [0, *accumulate(values)]


def _char_shrink(cls: CharClass, width: float, blank: float) -> float:
    if cls is CharClass.SPACE:
        return max(0.0, width - SPACE_MIN_EM)
    return blank


def _drop_edge_ideographic_spaces(classes: list[CharClass], width: list[float]) -> None:
    """Ideographic spaces typed at a paragraph's start (an editor's own indent)
    or end take no room: the layout indents, and a line never starts or ends
    with blank space."""
    for order in (range(len(classes)), range(len(classes) - 1, -1, -1)):
        for i in order:
            if classes[i] is not CharClass.IDEOGRAPHIC_SPACE:
                break
            width[i] = 0.0


def _mark_inseparables(text: str, classes: list[CharClass]) -> None:
    """Two or more — in a row are a 破折号 (inseparable); one alone is a connector."""
    for i, char in enumerate(text):
        if char == "—" and ((i > 0 and text[i - 1] == "—") or (i + 1 < len(text) and text[i + 1] == "—")):
            classes[i] = CharClass.INSEPARABLE


def _is_mixed_boundary(text: str, k: int, left: CharClass, right: CharClass, width: list[float]) -> bool:
    """A Han character next to a Western letter or digit (however wide: m, W),
    or a narrow unit or currency sign (%, $); not next to punctuation, which
    carries its own blank (Western punctuation in 汉斯-彼得, 3.5㎡/人 takes none
    either), nor next to full-width forms (￥, ％, ℃, ㎡), which sit on the grid."""
    if left in _MIXED_NEIGHBOURS and right in _WORDLIKE:
        western = k + 1
    elif left in _WORDLIKE and right in _MIXED_NEIGHBOURS:
        western = k
    else:
        return False
    if classify(text[western]) is CharClass.WESTERN:
        return text[western].isalnum()
    return width[western] < FULL_WIDTH_EM - FULL_WIDTH_TOLERANCE_EM


def _expandable(text: str, classes: list[CharClass], k: int) -> bool:
    """Justification may widen junction k unless it lies inside a Western word,
    inside an inseparable, or next to a space (which stretches itself)."""
    left, right = classes[k], classes[k + 1]
    if left in _EXPANSION_BLOCKERS or right in _EXPANSION_BLOCKERS:
        return False
    if _inside_number(text, k + 1):
        return False  # a score 3∶1 is set solid
    if left in _WORDLIKE and right in _WORDLIKE:
        return False
    if left is CharClass.INSEPARABLE and right is CharClass.INSEPARABLE and text[k] == text[k + 1]:
        return False
    return True


def _break_penalties(text: str, classes: list[CharClass],
                     prohibition: Prohibition) -> tuple[list[float | None], list[bool], list[bool]]:
    """Per break before each character: its penalty (None: the rules forbid
    it), whether the line ending there takes a hyphen, whether it is set ragged."""
    n = len(text)
    no_start = LINE_START_PROHIBITED[prohibition]
    no_end = LINE_END_PROHIBITED[prohibition]
    penalties: list[float | None] = [None] * (n + 1)
    hyphen = [False] * (n + 1)
    ragged = [False] * (n + 1)
    penalties[n] = 0.0
    inside_words = western_breaks(text, [cls in _WORDLIKE for cls in classes])
    padding = padding_spaces(text, [cls is CharClass.HAN for cls in classes])
    for b in range(1, n):
        before, after = classes[b - 1], classes[b]
        if after is CharClass.SPACE or after is CharClass.IDEOGRAPHIC_SPACE:
            continue  # the break comes after the space, which then vanishes
        if b - 1 in padding:
            continue  # a padded name (吴\u3000刚) is one unit
        if before is CharClass.INSEPARABLE and after is CharClass.INSEPARABLE and text[b - 1] == text[b]:
            continue  # —— and …… are never split
        if after in no_start or before in no_end:
            continue
        if text[b] in HYPHENS and CharClass.CONNECTOR in no_start and not _is_sign(text, b):
            continue  # a hyphen joining words is a connector: 汉斯-|彼得, never 汉斯|-彼得
        if _inside_number(text, b):
            continue
        if before in _WORDLIKE and after in _WORDLIKE and after is not CharClass.PREFIX:
            word_break = inside_words[b]
            penalties[b], hyphen[b], ragged[b] = word_break.penalty, word_break.hyphen, word_break.ragged
            continue
        penalties[b] = 0.0
    return penalties, hyphen, ragged


def _is_sign(text: str, b: int) -> bool:
    """The hyphen at b is the sign of the number after it (-5℃), which may
    start a line with its number."""
    return b + 1 < len(text) and text[b + 1].isdigit()


def _inside_number(text: str, b: int) -> bool:
    """A number is never split: not between its digits (5.2, 1,000), nor from
    its sign (-3), currency (￥300) or unit (86.7%, -3℃)."""
    before, after = text[b - 1], text[b]
    if (before.isdigit() and after in RATIO_SIGNS) or (before in RATIO_SIGNS and after.isdigit()):
        return True  # a score: 3∶1
    if before.isdigit() and after in NUMBER_UNITS:
        return True  # 1,320万
    if after.isdigit():
        joining_hyphen = before in SIGNS and b >= 2 and text[b - 2].isalnum()  # 0731-12345678: not a sign
        if before.isdigit() or (before in SIGNS and not joining_hyphen) or classify(before) is CharClass.PREFIX:
            return True
        if before in NUMBER_SEPARATORS and b >= 2 and text[b - 2].isdigit():
            return True
    if before.isdigit() and (after in NUMBER_SEPARATORS or classify(after) is CharClass.POSTFIX):
        return b + 1 >= len(text) or after not in NUMBER_SEPARATORS or text[b + 1].isdigit()
    return False
