"""Lines of rich copy on the grid: list items' hanging labels, 导读 entries
with dot leaders and a flush-right page reference, and table rows.

Each is built from set lines of the text stage (glyph positions in em), so
every row and entry line takes one grid line and draws like body text.
"""
from __future__ import annotations

import math
from dataclasses import replace

from ..errors import SourceError
from ..model import Alignment, Origin, Table
from ..text.classes import Prohibition
from ..text.faces import Faces
from ..text.justify import Glyph, SetLine, set_paragraph
from ..text.linebreak import Measure
from ..text.metrics import FontMetrics
from .flow import FlowLine

# 导读: the leader is a row of ellipses, one per em on whole-em positions (so
# leaders line up from entry to entry), with at least this much of them.
LEADER = "…"
MIN_LEADER_EM = 2.0
# White (em) kept between an entry's text and its leader, and between the
# leader and the page reference.
LEADER_GAP_EM = 0.5
# An entry's text needs at least this much of its line beside leader and reference.
MIN_ENTRY_TEXT_EM = 4.0
# Rounding allowance when positions (em) are compared.
ROUNDING_EM = 1e-9
# A list item's label keeps this much white before its text; each level of
# nesting indents two more ems.
LABEL_GAP_EM = 0.5
LIST_LEVEL_EM = 2.0
# Tables: at least one em between columns.
MIN_COLUMN_GAP_EM = 1.0
# Wide enough for any one cell: cells never wrap.
UNBOUNDED_EM = 1e6
DECIMAL_POINT = "."
# The face of a 导读 page reference and a table header: the piece's face 1,
# its strong face (黑体).
STRONG_FACE = 1


def shifted(line: SetLine, dx: float, prefix: tuple[Glyph, ...] = ()) -> SetLine:
    """The line moved ``dx`` em to the right, with ``prefix`` glyphs (a list
    item's label) set in the room this leaves."""
    glyphs = tuple(replace(glyph, x=glyph.x + dx, box_left=glyph.box_left + dx, box_right=glyph.box_right + dx)
                   for glyph in line.glyphs)
    return replace(line, glyphs=prefix + glyphs, indent=line.indent + dx, width=line.width + dx)


def natural_line(text: str, metrics: FontMetrics, faces: Faces | None = None) -> SetLine:
    """``text`` on one line at its natural width (a label, a table cell)."""
    return set_paragraph(text, metrics, Measure(UNBOUNDED_EM), faces=faces)[0]


def label_glyphs(label: str, metrics: FontMetrics) -> tuple[Glyph, ...]:
    """A list item's label at the line start, in the item's face."""
    return natural_line(label, metrics).glyphs


def hanging_indent(label: str, metrics: FontMetrics, level: int) -> float:
    """Whole ems a list item's lines are indented: the label and a space after
    it (two ems for "1." or "●"), two more for each level of nesting."""
    label_em = natural_line(label, metrics).width if label else 0.0
    return LIST_LEVEL_EM * (level - 1) + max(LIST_LEVEL_EM, float(math.ceil(label_em + LABEL_GAP_EM - ROUNDING_EM)))


def entry_lines(text: str, metrics: FontMetrics, strong: FontMetrics, page: str, offset: int,
                measure_em: float, prohibition: Prohibition, origin: Origin) -> tuple[FlowLine, ...]:
    """A 导读 entry from character ``offset``: its text broken clear of the
    page-reference column, the last line carrying the leader and the page
    reference flush right.  A column too narrow to hold a few characters of
    text beside them is an error naming the entry."""
    faces = Faces((metrics, strong), (STRONG_FACE,) * len(page))
    reference = natural_line(page, metrics, faces)
    page_x = measure_em - reference.width
    text_measure = page_x - MIN_LEADER_EM - 2 * LEADER_GAP_EM
    if text_measure < MIN_ENTRY_TEXT_EM:
        raise SourceError(origin.path, origin.line, origin.field,
                          f"the 导读 entry's column holds {measure_em:.1f} characters: too narrow for its text, "
                          f"leader and page reference “{page}”; set the 导读 in a wider column (body_columns: 1)")
    lines = set_paragraph(text[offset:], metrics, Measure(text_measure), prohibition)
    result = []
    for number, line in enumerate(lines):
        if number == len(lines) - 1:
            first_leader = math.ceil(line.width + LEADER_GAP_EM - ROUNDING_EM)
            last_end = math.floor(page_x - LEADER_GAP_EM + ROUNDING_EM)
            leaders = tuple(Glyph(LEADER, float(x), float(x), float(x + 1), line.end)
                            for x in range(first_leader, last_end))
            tail = shifted(reference, page_x).glyphs
            line = replace(line, glyphs=line.glyphs + leaders + tail, width=measure_em)
        result.append(FlowLine(line, offset + line.start, offset + line.end))
    return tuple(result)


def row_offsets(table: Table) -> list[int]:
    """Where each row (header first) starts in the table's text, and its end."""
    offsets = [0]
    for row in (table.header, *table.rows):
        offsets.append(offsets[-1] + len("".join(row)))
    return offsets


def table_text(table: Table) -> str:
    """The characters a table prints, row by row (what the report counts)."""
    return "".join("".join(row) for row in (table.header, *table.rows))


def table_lines(table: Table, metrics: FontMetrics, strong: FontMetrics, offset: int, measure_em: float,
                origin: Origin) -> tuple[FlowLine, ...]:
    """The table's rows from character ``offset``, one grid line each: the
    header in the strong face, columns as wide as their widest cell, the
    white shared between them across the measure.  A table wider than its
    measure is an error naming it."""
    header_faces = [Faces((metrics, strong), (STRONG_FACE,) * len(cell)) for cell in table.header]
    rows = [[natural_line(cell, metrics, faces) if cell else None for cell, faces in zip(table.header, header_faces)]]
    rows += [[natural_line(cell, metrics) if cell else None for cell in row] for row in table.rows]
    columns = len(table.header)
    widths = []
    points = []     # per column: where the decimal point stands in it (decimal columns)
    for column in range(columns):
        cells = [row[column] for row in rows if column < len(row) and row[column] is not None]
        if table.alignment[column] is Alignment.DECIMAL:
            figures = [row[column] for row in rows[1:] if row[column] is not None]
            before = max((_before_point(cell) for cell in figures), default=0.0)
            after = max((cell.width - _before_point(cell) for cell in figures), default=0.0)
            header = rows[0][column].width if rows[0][column] is not None else 0.0
            widths.append(max(before + after, header))
            points.append(widths[-1] - after)
        else:
            points.append(0.0)
            widths.append(max((cell.width for cell in cells), default=0.0))
    needed = sum(widths) + MIN_COLUMN_GAP_EM * (columns - 1)
    if needed > measure_em + ROUNDING_EM:
        raise SourceError(origin.path, origin.line, "table",
                          f"the table ({columns} columns, header “{' '.join(table.header)}”) needs {needed:.1f} "
                          f"characters across and its column holds {measure_em:.1f}: shorten its cells, drop a "
                          "column or set it in a wider column (body_columns: 1)")
    gap = (measure_em - sum(widths)) / (columns - 1) if columns > 1 else 0.0
    lefts = [sum(widths[:column]) + gap * column for column in range(columns)]
    offsets = row_offsets(table)
    result = []
    for number, row in enumerate(rows):
        if offsets[number + 1] <= offset:
            continue
        glyphs: list[Glyph] = []
        for column, cell in enumerate(row):
            if cell is None:
                continue
            x = lefts[column] + _cell_offset(cell, table.alignment[column], widths[column], points[column],
                                             header=number == 0)
            glyphs.extend(shifted(cell, x).glyphs)
        line = SetLine(tuple(glyphs), offsets[number], offsets[number + 1], 0.0, measure_em, overfull=False)
        result.append(FlowLine(line, offsets[number], offsets[number + 1]))
    return tuple(result)


def _before_point(cell: SetLine) -> float:
    """Width of a figure up to its decimal point (all of it if it has none)."""
    for glyph in cell.glyphs:
        if glyph.char == DECIMAL_POINT:
            return glyph.box_left
    return cell.width


def _cell_offset(cell: SetLine, alignment: Alignment, width: float, point: float, header: bool) -> float:
    """Where a cell starts inside its column (em)."""
    if alignment is Alignment.LEFT:
        return 0.0
    if alignment is Alignment.CENTER:
        return (width - cell.width) / 2
    if alignment is Alignment.DECIMAL and not header:
        return point - _before_point(cell)
    return width - cell.width
