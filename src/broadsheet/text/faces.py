"""Inline runs as data: which face sets each character of a paragraph.

A bold (黑体) or 楷体 run changes face, not the grid: the breaker measures
each character in its own face and applies the clreq rules across run
boundaries as within a run (a bold “ then a regular ， still compress), and
justification spreads over the whole line.  Face 0 is the paragraph's own.
"""
from __future__ import annotations

from dataclasses import dataclass

from .metrics import FontMetrics


@dataclass(frozen=True)
class Faces:
    """The faces of a paragraph and the face index of each of its characters."""
    metrics: tuple[FontMetrics, ...]    # metrics[0]: the paragraph's own face
    of_char: tuple[int, ...]

    @classmethod
    def single(cls, metrics: FontMetrics, length: int) -> Faces:
        return cls((metrics,), (0,) * length)

    def at(self, index: int) -> FontMetrics:
        return self.metrics[self.of_char[index]]

    def sliced(self, start: int) -> Faces:
        """The faces of the text from character ``start`` on."""
        return Faces(self.metrics, self.of_char[start:])
