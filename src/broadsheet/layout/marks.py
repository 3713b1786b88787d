"""Marks at a block's ends: jump lines (转版) and the overset mark ▲超版N字."""
from __future__ import annotations

from ..diagnostics import Diagnostic, Severity
from ..fonts import LoadedFont
from ..model import Origin
from ..model.page import BlockSpec, LineAlign
from ..text.justify import set_paragraph
from ..text.linebreak import Measure
from .characters import check_characters
from .context import BlockContext
from .display import BlockReport
from .flow import Slot
from .head import align_offset
from .reading import BlockText
from .runs import line_runs
from .setting import TextStyle

# The mark for text that found no room, at the foot of the block's last column.
OVERSET_MARK = "▲超版{count}字"
MARK_LINES = 1
# Jump lines and the overset mark are set in this role at body size.
MARK_ROLE = "caption"
JUMP_ROLE = "byline"


def draw_mark(context: BlockContext, text: str, role: str, slot: Slot, line: int, align: LineAlign) -> None:
    """A one-line note in a body column (a jump line, the overset mark), on the grid."""
    font: LoadedFont = context.fonts[role]
    size = context.geometry.grid.body_size
    check_characters(text, font, Origin(context.layout_path, 0, role))
    lines = set_paragraph(text, font.metrics, Measure(slot.measure / size))
    if not lines:
        return
    style = TextStyle(font, size, align)
    x = slot.x + align_offset(lines[0], style, slot.measure)
    context.page.runs.extend(line_runs(lines[0], font.metrics, font.name, size, x,
                                       context.geometry.baseline(line, size)))


def mark_overset(spec: BlockSpec, text: BlockText, context: BlockContext, report: BlockReport, slot: Slot,
                 line: int, where: tuple[str, int | None, str | None, str] | None = None,
                 severity: Severity = Severity.WARNING) -> None:
    """Warn of the block's overset text (``where``: file, line, key and first
    words of what was left over) and mark ▲超版N字 on grid line ``line`` of
    ``slot``.  N counts what the page does not hold, the mark's own line
    included; the warning adds the copyfit: the characters to cut for all to fit."""
    file, source_line, key, words = where if where is not None else (text.display, None, None, "")
    fit = report.copyfit
    cut = f": cut {fit.over} to fit ({fit.summary()})" if fit is not None and fit.over else ""
    report.warnings.append(Diagnostic(file, source_line, key, severity,
                                      f"{report.characters_overset} characters overset ({report.lines_overset} "
                                      f"lines) in block {spec.name!r}{words}{cut}", spec.name))
    draw_mark(context, OVERSET_MARK.format(count=report.characters_overset), MARK_ROLE, slot, line, LineAlign.RIGHT)
