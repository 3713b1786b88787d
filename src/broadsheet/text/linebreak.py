"""Choose a paragraph's line breaks by total fit (Knuth–Plass), linear in its length.

Every candidate line is measured in O(1) from the prefix sums of
``PreparedText``.  Active break nodes are kept in text order; a node leaves
for good once the line from it is overfull even at full compression (the
compressed width only grows as the line gets longer), and lines looser than
the tolerance are not tried, so each break looks at a handful of nodes.  A
first pass with a tight tolerance normally succeeds; only if it finds no
solution, or only one with a lone character on the last line, does a second
pass accept any looseness and split words (TeX's two passes).
"""
from __future__ import annotations

from dataclasses import dataclass

from .prepare import PreparedText

# Line badness is 100·r³ for adjustment ratio r (TeX).  Even expansion is
# measured against this nominal stretch per gap: a line one em short spread
# over a 13-character line (12 gaps) gives r ≈ 1.
NOMINAL_GAP_STRETCH_EM = 0.08
BADNESS_SCALE = 100.0
# Badness stops growing here (r ≈ 21, each ideograph gap ~1.7 em wider), so
# that a very loose line still costs less than a lone character or a split
# word.  High enough that two lines a little loose beat one very loose line.
BADNESS_CAP = 1_000_000.0
# First pass: give up loose lines, whose ideograph gaps would widen by more
# than ¼ em once the CJK–Latin gaps are at ½ em, and split Western words only
# where they may break (hyphens, a URL's separators; text/western.py), never
# by an emergency break.
LOOSE_GAP_EM = 0.25
# Rounding allowance when comparing widths in em.
EPSILON_EM = 1e-9
# A line at exactly ¼ em (five characters in six em) is within the limit: the
# allowance keeps rounding in the prefix sums from turning it away.
FIRST_PASS_MAX_RATIO = 1.0 + (LOOSE_GAP_EM + EPSILON_EM) / NOMINAL_GAP_STRETCH_EM
FIRST_PASS_MAX_PENALTY = 1_000.0
# Every line costs this much, so fewer lines win when all else is equal.
LINE_PENALTY = 10.0
# A paragraph's last line holding one character, or one plus punctuation (孤字):
# worse than the loosest line (capped badness: ~1e12), better than a split
# word (an emergency break, ~1e14: text/western.py).
LONE_CHARACTER_DEMERITS = 1e13
MIN_LAST_LINE_LETTERS = 2
# Any other line holding a single character (a paragraph opening "网" before a
# long URL) costs as much: move the break, or break the URL.
MIN_LINE_LETTERS = 2
# A line that cannot be brought within the measure at all: used only when an
# unbreakable unit is wider than the line.
OVERFULL_DEMERITS = 1e16
# With hanging punctuation a line may be longer than its measure by one mark.
HANG_ALLOWANCE_EM = 1.0


@dataclass(frozen=True)
class Measure:
    """Line lengths of a paragraph, in em: the first line is indented."""
    line_em: float
    first_indent_em: float = 0.0

    def available(self, start: int) -> float:
        return self.line_em - (self.first_indent_em if start == 0 else 0.0)


@dataclass
class _Node:
    position: int
    demerits: float
    previous: "_Node | None"


def break_lines(prepared: PreparedText, measure: Measure) -> list[int]:
    """Break positions (each the index that starts a new line; the last is len)."""
    if prepared.length == 0:
        return []
    first = _total_fit(prepared, measure, FIRST_PASS_MAX_RATIO)
    if first is not None and first[1] < LONE_CHARACTER_DEMERITS:
        return first[0]
    # No tight solution, or only one with a lone last character: look again,
    # allowing loose lines and split words.
    second = _total_fit(prepared, measure, None)
    assert second is not None
    if first is not None and first[1] <= second[1]:
        return first[0]
    return second[0]


def adjustment_ratio(natural: float, shrink: float, stretch: float, gaps: int, available: float) -> float:
    """How far a line must stretch (r > 0) or shrink (r < 0) to fill its measure."""
    slack = available - natural
    if slack >= 0:
        # Spaces and CJK–Latin gaps take the slack first, up to their ½ em;
        # only what is left spreads over the ideograph gaps, and that alone
        # makes a line loose (as the justifier does it).
        if slack > stretch + EPSILON_EM:
            if gaps == 0:
                return float("inf")  # only letter-spacing a Western word could fill it
            return 1.0 + (slack - stretch) / (gaps * NOMINAL_GAP_STRETCH_EM)
        capacity = stretch + gaps * NOMINAL_GAP_STRETCH_EM
        return slack / capacity if capacity > 0 else (0.0 if slack < EPSILON_EM else float("inf"))
    return slack / shrink if shrink > 0 else float("-inf")


def _total_fit(prepared: PreparedText, measure: Measure,
               max_ratio: float | None) -> tuple[list[int], float] | None:
    """Best breaks and their total demerits, or None if no line set fits."""
    n = prepared.length
    penalty, ragged, letters = prepared.penalty, prepared.ragged, prepared.letters
    start_terms, end_terms = prepared.start_terms, prepared.end_terms
    active: list[_Node] = [_Node(0, 0.0, None)]
    head = 0  # active[head:] are alive; nodes only ever leave from the front
    last_dropped: _Node | None = None
    hang_allowance = EPSILON_EM + (HANG_ALLOWANCE_EM if prepared.hanging else 0.0)
    for b in range(1, n + 1):
        break_penalty = penalty[b]
        if break_penalty is None or (max_ratio is not None and break_penalty > FIRST_PASS_MAX_PENALTY):
            continue
        final = b == n
        best: _Node | None = None
        end_natural, end_shrink, end_stretch, end_gaps = end_terms[b]
        index = head
        while index < len(active):
            node = active[index]
            a = node.position
            available = measure.available(a)
            # prepared.measure(a, b), spelt out: this is the breaker's inner loop
            start_natural, start_shrink, start_stretch, start_gaps = start_terms[a]
            natural, shrink = end_natural - start_natural, end_shrink - start_shrink
            stretch, gaps = end_stretch - start_stretch, end_gaps - start_gaps
            if natural - shrink > available + EPSILON_EM:
                hang_width, hang_shrink = prepared.hang(b - 1)
                if hang_width and natural - hang_width - (shrink - hang_shrink) <= available + EPSILON_EM:
                    natural, shrink = natural - hang_width, shrink - hang_shrink
                else:
                    # Overfull now and for every later break (a hanging mark
                    # may rescue a line at most one em longer): retire the node.
                    if natural - shrink > available + hang_allowance and index == head:
                        head += 1
                        last_dropped = node
                    index += 1
                    continue
            ratio = line_ratio(natural, shrink, stretch, gaps, available, final=final, ragged=ragged[b])
            if max_ratio is not None and ratio > max_ratio:
                if a != 0:
                    break  # later nodes give even looser lines
                index += 1
                continue
            demerits = node.demerits + line_cost(ratio, break_penalty, letters[b] - letters[a],
                                                 final=final, opening=a == 0)
            if best is None or demerits < best.demerits:
                best = _Node(b, demerits, node)
            index += 1
        if best is None and head >= len(active):
            if max_ratio is not None:
                return None
            # Nothing fits: an unbreakable unit is wider than the line.  Set it
            # overfull rather than lose it.
            assert last_dropped is not None
            best = _Node(b, last_dropped.demerits + OVERFULL_DEMERITS, last_dropped)
        if best is not None:
            active.append(best)
        if head > 64 and head * 2 > len(active):
            del active[:head]
            head = 0
    final_node = active[-1] if active and active[-1].position == n else None
    if final_node is None:
        return None
    return _breaks_to(final_node), final_node.demerits


def _breaks_to(node: _Node) -> list[int]:
    """The break positions of the chain of nodes ending at ``node``, in text order."""
    positions = []
    walked: _Node | None = node
    while walked is not None and walked.position > 0:
        positions.append(walked.position)
        walked = walked.previous
    return positions[::-1]


def line_ratio(natural: float, shrink: float, stretch: float, gaps: int, available: float, *,
               final: bool, ragged: bool) -> float:
    """The adjustment ratio a line is set at: a paragraph's last line is set
    flush left (no cost while it fits), a broken URL's line too (its cost is
    its shortfall as a fraction of the line: it is never letter-spaced);
    any other line is justified."""
    fits = natural <= available + EPSILON_EM
    if final and fits:
        return 0.0
    if ragged and fits and not final:
        return (available - natural) / available
    return adjustment_ratio(natural, shrink, stretch, gaps, available)


def line_cost(ratio: float, break_penalty: float, letters: int, *, final: bool, opening: bool) -> float:
    """The demerits of one line: its badness and break penalty, and the cost
    of a lone character (孤字) on a paragraph's last line, or on any other
    line (a paragraph opening "网" before a long URL)."""
    demerits = _line_demerits(ratio, break_penalty)
    if final and not opening and letters < MIN_LAST_LINE_LETTERS:
        demerits += LONE_CHARACTER_DEMERITS
    elif not final and letters < MIN_LINE_LETTERS:
        demerits += LONE_CHARACTER_DEMERITS
    return demerits


def _line_demerits(ratio: float, break_penalty: float) -> float:
    badness = BADNESS_SCALE * abs(ratio) ** 3
    if badness > BADNESS_CAP:
        # Past the cap a looser line still costs a little more (linear in r),
        # so that the second pass prefers the less loose of two bad lines.
        badness = BADNESS_CAP + min(abs(ratio), BADNESS_CAP)
    return (LINE_PENALTY + badness) ** 2 + break_penalty ** 2
