"""The least loose setting of a paragraph, found by trying every set of breaks.

An exhaustive search, quadratic in the paragraph's length, kept apart from the
breaker it checks: bench/typography.py prints it beside each loose line that
no setting avoids, and the property tests compare it with the breaker's first
pass (which prunes its search) on generated paragraphs.
"""
from __future__ import annotations

import math

from broadsheet.text.linebreak import (EPSILON_EM, FIRST_PASS_MAX_PENALTY, MIN_LAST_LINE_LETTERS, MIN_LINE_LETTERS,
                                       NOMINAL_GAP_STRETCH_EM, Measure, adjustment_ratio)
from broadsheet.text.prepare import PreparedText


def least_loose(prepared: PreparedText, measure: Measure) -> float:
    """The looseness (em per ideograph gap) of the worst line in the least loose
    setting the rules allow, by the breaker's own measure of a line: every set
    of breaks is tried (no emergency split of a word, no one-character line,
    no 孤字; marks do not hang).  Above ¼ em no breaker could do better."""
    n = prepared.length
    worst = [math.inf] * (n + 1)
    worst[0] = 0.0
    for b in range(1, n + 1):
        penalty = prepared.penalty[b]
        if penalty is None or penalty > FIRST_PASS_MAX_PENALTY:
            continue
        final = b == n
        for a in range(b):
            if worst[a] == math.inf:
                continue
            letters = prepared.letter_count(a, b)
            if (not final and letters < MIN_LINE_LETTERS) or (final and a > 0 and letters < MIN_LAST_LINE_LETTERS):
                continue
            natural, shrink, stretch, gaps = prepared.measure(a, b)
            available = measure.available(a)
            if natural - shrink > available + EPSILON_EM:
                continue
            loose = 0.0
            if not final and not prepared.ragged[b] and natural < available:
                ratio = adjustment_ratio(natural, shrink, stretch, gaps, available)
                loose = max(0.0, (ratio - 1.0) * NOMINAL_GAP_STRETCH_EM)
            worst[b] = min(worst[b], max(worst[a], loose))
    return worst[n]
