"""Break headlines (titles, kickers, subtitles) at word boundaries into balanced lines.

Body text breaks between any two characters the rules allow; a headline
must not split a word, a quoted phrase, a 《title》 or a name, and its lines
should be of even length with none left holding one or two characters.
Words come from jieba (see segment.py), asked only when a headline needs
more than one line.
"""
from __future__ import annotations

from .classes import OPENING_BRACKETS, PUNCTUATION, CharClass, classify
from .metrics import FontMetrics
from .prepare import PreparedText, prepare
from .segment import cut

MIN_HEADLINE_LINE_LETTERS = 3
# Where the editor put spaces in a headline, a line ending elsewhere costs as
# much as lines eight em uneven: the editor's breaks win.
OFF_SPACE_BREAK_COST_EM2 = 64.0
PAIRED = {"“": "”", "‘": "’", "《": "》", "（": "）", "「": "」", "『": "』", "【": "】"}
# jieba often cuts a Chinese name after its one-character surname (阙/保勇):
# a one-character word is kept with a following word this short.
NAME_GIVEN_PART_MAX = 2


def words(text: str) -> list[str]:
    """Unbreakable pieces: jieba words, with quoted/bracketed phrases kept whole,
    punctuation attached to its neighbour as the prohibition rules require."""
    pieces = _keep_numbers(_keep_names(cut(text)))
    merged: list[str] = []
    closer: str | None = None
    for piece in pieces:
        if closer is not None:
            merged[-1] += piece
            if closer in piece:
                closer = None
            continue
        if piece[0] in PAIRED and PAIRED[piece[0]] not in piece[1:]:
            closer = PAIRED[piece[0]]
        glued_to_previous = merged and (classify(piece[0]) in {CharClass.PAUSE_OR_STOP, CharClass.CLOSING_BRACKET,
                                                                CharClass.INTERPUNCT, CharClass.CONNECTOR}
                                        or merged[-1][-1] in OPENING_BRACKETS or piece[0] == " ")
        if glued_to_previous:
            merged[-1] += piece
        else:
            merged.append(piece)
    return merged


def _keep_names(pieces) -> list[str]:
    """Join a one-character Han word to a short Han word after it, so a name
    (surname + given name) or a word jieba split is never broken."""
    joined: list[str] = []
    for piece in pieces:
        if (joined and len(joined[-1]) == 1 and _is_han(joined[-1]) and len(piece) <= NAME_GIVEN_PART_MAX
                and all(_is_han(char) for char in piece)):
            joined[-1] += piece
        else:
            joined.append(piece)
    return joined


def _keep_numbers(pieces: list[str]) -> list[str]:
    """A number stays with the word before it and its unit (增长7.1%, never
    增长 / 7.1%); a number opening the headline stays with the word after it."""
    joined: list[str] = []
    for piece in pieces:
        starts_number = piece[0].isdigit() or (piece[0] in "+-−" and len(piece) > 1 and piece[1].isdigit())
        ends_number = bool(joined) and joined[-1].rstrip()[-1:].isdigit() and joined[-1] == joined[-1].rstrip()
        if joined and ((starts_number and _is_han(joined[-1][-1])) or ends_number):
            joined[-1] += piece
        else:
            joined.append(piece)
    return joined


def _is_han(text: str) -> bool:
    return all(classify(char) is CharClass.HAN for char in text)


def break_headline(text: str, metrics: FontMetrics, max_em: float) -> list[str]:
    """Lines of a headline set in ``max_em`` em: as few as fit, as even as possible."""
    prepared = prepare(text, metrics)
    if prepared.length == 0 or _width(prepared, 0, prepared.length) <= max_em:
        return [text] if text else []
    pieces = words(text)
    bounds = [0]
    for piece in pieces:
        bounds.append(bounds[-1] + len(piece))
    count = len(pieces)
    for lines in range(2, count + 1):
        best = _balanced(prepared, bounds, lines, max_em)
        if best is not None:
            return [text[a:b] for a, b in zip(best, best[1:])]
    # A single word wider than the line: fall back to the body rules.
    return _by_characters(text, prepared, max_em)


def _width(prepared: PreparedText, a: int, b: int) -> float:
    """Natural width (em) of characters a..b-1 set as one line."""
    natural, _, _, _ = prepared.measure(a, b)
    return natural


def _letters(text: str) -> int:
    return sum(1 for char in text if classify(char) not in PUNCTUATION)


def _balanced(prepared, bounds: list[int], lines: int, max_em: float) -> list[int] | None:
    """Break points (character offsets) giving ``lines`` lines that all fit,
    minimising their squared differences from an even share (dynamic programme)."""
    count = len(bounds) - 1
    even_share = _width(prepared, 0, prepared.length) / lines
    text = prepared.text
    spaced = " " in text.strip()
    best: dict[tuple[int, int], tuple[float, list[int]]] = {(0, 0): (0.0, [0])}
    for line in range(1, lines + 1):
        for end in range(1, count + 1):
            if line == lines and end != count:
                continue
            for start in range(line - 1, end):
                if (line - 1, start) not in best:
                    continue
                a, b = bounds[start], bounds[end]
                width = _width(prepared, a, b)
                if width > max_em or _letters(text[a:b]) < MIN_HEADLINE_LINE_LETTERS:
                    continue
                cost = best[(line - 1, start)][0] + (width - even_share) ** 2
                if spaced and line < lines and text[b - 1] != " ":
                    cost += OFF_SPACE_BREAK_COST_EM2
                if (line, end) not in best or cost < best[(line, end)][0]:
                    best[(line, end)] = (cost, best[(line - 1, start)][1] + [b])
    result = best.get((lines, count))
    return result[1] if result else None


def _by_characters(text: str, prepared, max_em: float) -> list[str]:
    from .linebreak import Measure, break_lines
    lines, start = [], 0
    for end in break_lines(prepared, Measure(max_em)):
        lines.append(text[start:end])
        start = end
    return lines
