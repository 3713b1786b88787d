"""The proof PNG encoder: real rendered pages decode to exactly the pixels
encoded, and a kept encoder (watch) deflates again only the bands an edit
changed, giving the bytes a fresh encoder gives."""
from __future__ import annotations

import io

import pypdfium2
import pytest
from PIL import Image

from broadsheet.build import build_layout
from broadsheet.render.proof import PROOF_DPI
from broadsheet.render.proofpng import BAND_ROWS, BandedPNG
from broadsheet.units import PT_PER_INCH
from project import SAMPLE_LAYOUT, Project


def _page_image(pdf) -> Image.Image:
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return document[0].render(scale=PROOF_DPI / PT_PER_INCH, rev_byteorder=True).to_pil()
    finally:
        document.close()


def _decoded(data: bytes) -> Image.Image:
    Image.open(io.BytesIO(data)).verify()   # chunk CRCs and structure
    image = Image.open(io.BytesIO(data))
    image.load()                              # the zlib stream, its Adler-32 and every row's filter byte
    return image


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The sample page before and after a one-paragraph edit, rendered as the proof renders it."""
    folder = tmp_path_factory.mktemp("proofpng")
    project = Project(folder)
    build_layout(project.path(SAMPLE_LAYOUT), folder / "before.pdf")
    project.replace("articles/chenzhou.md", "郴州是一座", "郴州是一座有着两千多年历史的")
    build_layout(project.path(SAMPLE_LAYOUT), folder / "after.pdf")
    return _page_image(folder / "before.pdf"), _page_image(folder / "after.pdf")


def test_a_proof_decodes_to_exactly_the_pixels_encoded(pages):
    before, _ = pages
    decoded = _decoded(BandedPNG().encode(before))
    assert decoded.mode == "RGB" and decoded.size == before.size
    assert decoded.tobytes() == before.tobytes()


def test_a_kept_encoder_deflates_only_the_bands_an_edit_changed(pages):
    before, after = pages
    bands = -(-before.height // BAND_ROWS)
    encoder = BandedPNG()
    encoder.encode(before)
    assert (encoder.deflated, encoder.kept) == (bands, 0)
    warm = encoder.encode(after)
    changed = sum(before.crop((0, top, before.width, top + BAND_ROWS)).tobytes()
                  != after.crop((0, top, after.width, top + BAND_ROWS)).tobytes()
                  for top in range(0, before.height, BAND_ROWS))
    assert 0 < encoder.deflated == changed < bands and encoder.kept == bands - changed
    assert warm == BandedPNG().encode(after)              # the bytes of a fresh encode
    assert _decoded(warm).tobytes() == after.tobytes()
    encoder.encode(after)
    assert (encoder.deflated, encoder.kept) == (0, bands)


def test_one_changed_pixel_is_encoded_again(pages):
    """The negative control: a kept band is never taken for a band that differs."""
    before, _ = pages
    encoder = BandedPNG()
    encoder.encode(before)
    touched = before.copy()
    x, y = touched.width // 2, BAND_ROWS * 5 + 3
    red, green, blue = touched.getpixel((x, y))
    touched.putpixel((x, y), (red ^ 1, green, blue))
    data = encoder.encode(touched)
    assert encoder.deflated == 1
    assert _decoded(data).getpixel((x, y)) == (red ^ 1, green, blue)
    assert data == BandedPNG().encode(touched)


def test_pages_are_kept_apart_and_other_modes_are_refused(pages):
    before, after = pages
    encoder = BandedPNG()
    encoder.encode(before, 0)
    encoder.encode(after, 1)
    assert encoder.deflated == -(-after.height // BAND_ROWS)   # page 1 has no bands of page 0's
    with pytest.raises(ValueError, match="RGB"):
        encoder.encode(before.convert("RGBA"))
