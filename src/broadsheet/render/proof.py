"""PNG proofs of a PDF's pages in colour (pypdfium2: no system packages needed):
a red masthead, a tinted box and the advertisements show as they will print.

A page proof also shows the copyfit, drawn on the image only, never in the
press PDF: the white a block leaves at its column feet shaded, a bar where
its text stops, and its figure (差 37 字 ≈ 3 行, 超 12 字 ≈ 1 行) beside it.
"""
from __future__ import annotations

from pathlib import Path

from ..fonts.registry import FONTS_DIR
from ..layout.copyfit import CopyFit, FitState
from ..layout.display import ComposedPage
from ..units import PT_PER_INCH
from .proofpng import BandedPNG

PROOF_DPI = 100
# Proof marks: white to fill shaded blue, text over in red; the figure in the
# project's sans face at this size (pt).
UNDERSET_FILL = (40, 110, 230, 70)       # RGBA
UNDERSET_EDGE = (40, 110, 230, 255)
OVER_COLOUR = (220, 30, 30, 255)
FULL_COLOUR = (20, 140, 60, 255)
LABEL_GROUND = (255, 255, 255, 220)
STOP_BAR_PT = 1.5
LABEL_SIZE_PT = 9.0
LABEL_FONT = FONTS_DIR / "BroadsheetSans-Bold.ttf"


# Freed image memory Pillow keeps for the next image, in blocks (16 MB
# each), in a warm process: a page image is 14 MB (RGB is stored four bytes
# a pixel), and fresh memory faults in page by page.  Measured in a warm
# rebuild of the sample page: the proof took 20 ms less (pdfium's bitmap to
# Pillow 13 → 4 ms, the encode's copy of the pixels 21 → 14 ms).
KEPT_IMAGE_BLOCKS = 4


class KeptProofs:
    """What a warm process (watch) keeps from one proof to the next: each
    page's PNG bands (only what changed is encoded again) and, in Pillow,
    the memory of the last images."""

    def __init__(self) -> None:
        from PIL import Image
        self.png = BandedPNG()
        # A Pillow setting of the process (PILLOW_BLOCKS_MAX, which is read at import).
        Image.core.set_blocks_max(max(Image.core.get_blocks_max(), KEPT_IMAGE_BLOCKS))


def proof_paths(out_dir: Path, stem: str, pages: int) -> list[Path]:
    """Where the proofs of a PDF of ``pages`` pages go: stem.png, or stem-1.png, stem-2.png, …"""
    return [out_dir / (f"{stem}.png" if pages == 1 else f"{stem}-{number}.png") for number in range(1, pages + 1)]


def render_png(pdf_path: Path, targets: list[Path], dpi: int = PROOF_DPI, *,
               pages: list[ComposedPage] | None = None, margin: float = 0.0,
               kept: KeptProofs | None = None) -> None:
    """Render page i of the PDF into ``targets[i]`` (one path per page); with
    ``pages`` (as composed, in the PDF's order) each block's copyfit is drawn
    on its proof.  ``margin`` is the sheet's edge to the trim (pt): bleed, and
    marks if any.  With what a warm process ``kept`` from its last proofs,
    only the parts of each page's image that changed are encoded again."""
    import pypdfium2  # only builds that ask for proofs pay for it

    encoder = kept.png if kept is not None else BandedPNG()
    document = pypdfium2.PdfDocument(str(pdf_path))
    try:
        for number, target in zip(range(len(document)), targets):
            image = document[number].render(scale=dpi / PT_PER_INCH, rev_byteorder=True).to_pil()
            if pages is not None:
                image = _with_copyfit(image, pages[number], dpi / PT_PER_INCH, margin)
            target.write_bytes(encoder.encode(image, number))
    finally:
        document.close()


def _with_copyfit(image, page: ComposedPage, scale: float, margin: float):
    """The marks drawn straight onto the page image (RGB): the translucent
    ones blend only the pixels they cover, so a rebuild allocates no second
    page-sized image (watch draws them on every rebuild)."""
    from PIL import ImageDraw, ImageFont

    def at(x: float, y: float) -> tuple[int, int]:
        return round((x + margin) * scale), round((y + margin) * scale)

    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(LABEL_FONT), round(LABEL_SIZE_PT * scale))
    for block in page.blocks:
        fit = block.copyfit
        if fit is None:
            continue
        for column in fit.columns:
            for left, top, right, bottom in column.boxes:
                box = (*at(left, top), *at(right, bottom))
                _shade(image, box, UNDERSET_FILL)
                draw.rectangle(box, outline=UNDERSET_EDGE[:3])
        if fit.stop is not None:
            x, top, bottom = fit.stop
            colour = _colour(fit)[:3]
            (x0, y0), (x1, y1) = at(x, top), at(x + STOP_BAR_PT, bottom)
            draw.rectangle([x0, y0, x1, y1], fill=colour)
            label = f"{block.name} {fit.summary()}"
            width = draw.textlength(label, font=font)
            # Beside the bar; where the page's edge would cut it, under the
            # line the text stops on, ending at the bar.
            spot = (x1 + scale, y0) if x1 + scale + width <= image.width else (x1 - width, y1)
            _shade(image, draw.textbbox(spot, label, font=font), LABEL_GROUND)
            draw.text(spot, label, font=font, fill=colour)
    return image


def _shade(image, box: tuple[float, float, float, float], colour: tuple[int, int, int, int]) -> None:
    """Lay ``colour`` (RGBA: its alpha the opacity) over the pixels of ``box``
    (left, top, right, bottom, inclusive as ImageDraw's rectangles are)."""
    from PIL import Image

    left, top = max(0, round(box[0])), max(0, round(box[1]))
    right, bottom = min(image.width, round(box[2]) + 1), min(image.height, round(box[3]) + 1)
    if right <= left or bottom <= top:
        return
    area = (left, top, right, bottom)
    under = image.crop(area)
    image.paste(Image.blend(under, Image.new("RGB", under.size, colour[:3]), colour[3] / 255), area)


def _colour(fit: CopyFit) -> tuple[int, int, int, int]:
    if fit.state is FitState.OVER:
        return OVER_COLOUR
    return UNDERSET_EDGE if fit.state is FitState.UNDER else FULL_COLOUR
