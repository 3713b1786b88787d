"""Where things sit on the page: the type area, grid lines, baselines (pt from the trim's top-left)."""
from __future__ import annotations

from dataclasses import dataclass

from ..model.page import FrameRect, GridSpec, PageSpec

# Top of the ideographic em box above the baseline, in em (880/1000 in Noto
# CJK and most Chinese fonts): a character's box is centred in its grid line.
IDEOGRAPHIC_ASCENT_EM = 0.88


@dataclass(frozen=True)
class Box:
    """A rectangle on the page (pt from the trim's top-left, y down)."""
    left: float
    top: float
    right: float
    bottom: float

    def overlaps_x(self, left: float, right: float) -> bool:
        return left < self.right and self.left < right


@dataclass(frozen=True)
class PageGeometry:
    page: PageSpec
    grid: GridSpec

    def column_x(self, column: int) -> float:
        return self.page.left + self.grid.column_left(column)

    def column_right(self, column: int) -> float:
        return self.column_x(column) + self.grid.column_width

    def line_top(self, line: int) -> float:
        return self.page.top + self.grid.line_top(line)

    def box(self, rect: FrameRect) -> Box:
        """The page area of a grid rectangle: its columns' edges, its lines' bands."""
        return Box(self.column_x(rect.first_column), self.line_top(rect.first_line),
                   self.column_right(rect.last_column), self.line_top(rect.last_line + 1))

    def baseline(self, line: int, size: float | None = None) -> float:
        """Baseline of grid line ``line`` for type of ``size`` (default: body),
        with the em box centred in the line's band."""
        return baseline_in_box(self.line_top(line), self.grid.line_pitch, size or self.grid.body_size)

    @property
    def type_top(self) -> float:
        return self.page.top

    @property
    def type_bottom(self) -> float:
        return self.page.top + self.grid.height

    @property
    def type_left(self) -> float:
        return self.page.left

    @property
    def type_right(self) -> float:
        return self.page.left + self.grid.width


def baseline_in_box(top: float, height: float, size: float) -> float:
    """Baseline of type of ``size`` whose em box is centred in a box."""
    return top + (height - size) / 2 + IDEOGRAPHIC_ASCENT_EM * size
