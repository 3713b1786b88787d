"""QR codes and their captions stay inside the grid lines they are given."""
from __future__ import annotations

import pytest

from broadsheet.fonts import load_font_set
from broadsheet.layout.display import ComposedPage
from broadsheet.layout.geometry import PageGeometry
from broadsheet.layout.qr import QUIET_ZONE_MODULES, place_qr
from broadsheet.model import Origin, QRCode
from broadsheet.model.page import GridSpec, PageSpec

CAPTION_SIZE = 7.5
LINES = 8


@pytest.fixture
def geometry() -> PageGeometry:
    grid = GridSpec(columns=2, column_chars=13, gutter_chars=1, body_size=9.0, line_pitch=13.5, lines=40)
    return PageGeometry(PageSpec(300.0, 700.0, 0.0, 20.0, 20.0), grid)


@pytest.mark.parametrize("caption", ["相关报道请扫描二维码", "扫描二维码观看本报记者在春耕现场拍摄的全部视频报道"])
def test_code_and_caption_stay_within_their_lines(geometry, caption):
    page = ComposedPage(1, "", 300.0, 700.0, 0.0)
    qr = QRCode("https://example.com/broadsheet/qr", caption, Origin("a.md", 5, "qr.url"), Origin("a.md", 6, "qr.caption"))
    first = 3
    place_qr(page, qr, geometry.column_x(1), geometry.grid.column_width, geometry, first, LINES,
             load_font_set()["caption"], CAPTION_SIZE)
    mark, = page.qr_codes
    area_top, area_bottom = geometry.line_top(first), geometry.line_top(first + LINES)
    code_bottom = mark.y + mark.size + QUIET_ZONE_MODULES * mark.module
    caption_tops = [run.baseline - CAPTION_SIZE for run in page.runs]
    assert "".join(run.text for run in page.runs) == caption
    assert mark.y - QUIET_ZONE_MODULES * mark.module >= area_top - 1e-6
    assert max(run.baseline for run in page.runs) <= area_bottom
    assert code_bottom <= min(caption_tops) + 1e-6, "the caption runs into the code"
