"""QR codes: vector modules from the qrcode package's matrix, with a caption."""
from __future__ import annotations

from functools import lru_cache

from ..diskcache import entry_path, package_stamp, read_json, write_json
from ..errors import SourceError
from ..fonts import LoadedFont
from ..model import Origin, QRCode
from ..text.justify import set_paragraph
from ..text.linebreak import Measure
from ..units import mm, to_mm
from .display import ComposedPage, QRMark
from .geometry import PageGeometry
from .runs import line_runs

# ISO/IEC 18004 asks for a quiet zone of four modules on every side.
QUIET_ZONE_MODULES = 4
# Newsprint dot gain fills in small modules: below this a phone no longer
# reads the code reliably from the printed page.
MIN_MODULE_SIZE = mm(0.5)
# The caption takes this many grid lines under the code.
CAPTION_LINES = 1
# QR modules kept on disk (diskcache.py), a row a string of these.
QR_CACHE = "qr"
QR_FORMAT = 1
DARK, LIGHT = "1", "0"


def qr_matrix(url: str, origin: Origin) -> tuple[tuple[bool, ...], ...]:
    """The code's dark modules, row by row, without its quiet zone; ``origin``
    is where the url stands, for the error when it is too long for any code."""
    matrix = _matrix(url)
    if matrix is None:
        raise SourceError(origin.path, origin.line, "qr.url",
                          f"URL of {len(url)} characters is too long for a QR code")
    return matrix


@lru_cache(maxsize=64)   # a warm process (watch) recomposes a block without recoding its unchanged URL
def _matrix(url: str) -> tuple[tuple[bool, ...], ...] | None:
    """The code's modules, or None when no QR code holds the URL; read back
    from the disk cache when this qrcode coded the URL before (its mask
    search is most of a page's QR time)."""
    entry = entry_path(QR_CACHE, QR_FORMAT, package_stamp("qrcode"), url)
    kept = read_json(entry)
    if isinstance(kept, list) and kept and all(isinstance(row, str) and len(row) == len(kept) for row in kept):
        return tuple(tuple(cell == DARK for cell in row) for row in kept)
    matrix = _coded(url)
    if matrix is not None:
        write_json(entry, ["".join(DARK if cell else LIGHT for cell in row) for row in matrix])
    return matrix


def _coded(url: str) -> tuple[tuple[bool, ...], ...] | None:
    import qrcode  # only pages with a QR code pay for it (it pulls in Pillow's drawing modules)
    import qrcode.exceptions
    from qrcode.constants import ERROR_CORRECT_M
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(url)
    try:
        code.make(fit=True)
    except (qrcode.exceptions.DataOverflowError, ValueError):
        return None
    return tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())


def place_qr(page: ComposedPage, qr: QRCode, column_x: float, column_width: float, geometry: PageGeometry,
             first_line: int, lines: int, caption_font: LoadedFont, caption_size: float) -> None:
    """The code centred in the column over ``lines`` grid lines, its caption
    on the last (or, when it wraps, the last few: the code gives way)."""
    pitch = geometry.grid.line_pitch
    modules = qr_matrix(qr.url, qr.origin)
    count = len(modules) + 2 * QUIET_ZONE_MODULES
    caption = set_paragraph(qr.caption, caption_font.metrics, Measure(column_width / caption_size)) \
        if qr.caption else []
    caption_lines = max(CAPTION_LINES, len(caption))
    side = min(column_width, (lines - caption_lines) * pitch)
    module = side / count
    if module < MIN_MODULE_SIZE:
        raise SourceError(qr.origin.path, qr.origin.line, "qr.url",
                          f"URL of {len(qr.url)} characters needs a {len(modules)}-module QR code: at "
                          f"{to_mm(side):.0f} mm its modules would be {to_mm(module):.2f} mm, under the "
                          f"{to_mm(MIN_MODULE_SIZE):.1f} mm newsprint minimum; shorten the URL")
    top = geometry.line_top(first_line)
    x = column_x + (column_width - side) / 2 + QUIET_ZONE_MODULES * module
    y = top + QUIET_ZONE_MODULES * module
    page.qr_codes.append(QRMark(x, y, module, modules, qr.url))
    for offset, line in enumerate(caption):
        baseline = geometry.baseline(first_line + lines - caption_lines + offset, caption_size)
        left = column_x + (column_width - line.width * caption_size) / 2
        page.runs.extend(line_runs(line, caption_font.metrics, caption_font.name, caption_size, left, baseline))
