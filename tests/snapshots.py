"""Compare rendered pages with reference images in tests/snapshots/.

Pages are rendered with pdfium at SNAPSHOT_DPI in grey.  A pixel differs when
its grey level moves by more than PIXEL_TOLERANCE; a page matches when at most
MAX_DIFFERING_PIXELS differ (anti-aliasing noise), so one reflowed line — a
changed break, a compressed mark — fails.  `pytest --update-snapshots`
rewrites the references; the tests never do it by themselves.
"""
from __future__ import annotations

from pathlib import Path

import pypdfium2
from PIL import Image, ImageChops

SNAPSHOT_DIR = Path(__file__).resolve().parent / "snapshots"
OUTPUT_DIR = Path(__file__).resolve().parent / "output"
SNAPSHOT_DPI = 60
POINTS_PER_INCH = 72
PIXEL_TOLERANCE = 48
MAX_DIFFERING_PIXELS = 40


def render_pages(pdf: Path) -> list[Image.Image]:
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return [document[n].render(scale=SNAPSHOT_DPI / POINTS_PER_INCH, grayscale=True).to_pil().convert("L")
                for n in range(len(document))]
    finally:
        document.close()


def differing_pixels(expected: Image.Image, actual: Image.Image) -> tuple[int, Image.Image]:
    diff = ImageChops.difference(expected, actual)
    mask = diff.point(lambda value: 255 if value > PIXEL_TOLERANCE else 0)
    return mask.histogram()[255], mask


def check_snapshot(name: str, pdf: Path, update: bool) -> None:
    """Assert every page of ``pdf`` matches tests/snapshots/{name}-{n}.png."""
    pages = render_pages(pdf)
    problems = []
    for number, actual in enumerate(pages, start=1):
        reference = SNAPSHOT_DIR / f"{name}-{number}.png"
        if update:
            SNAPSHOT_DIR.mkdir(exist_ok=True)
            actual.save(reference, optimize=True)
            continue
        if not reference.exists():
            problems.append(f"{reference} is missing (run pytest --update-snapshots to create it)")
            continue
        expected = Image.open(reference).convert("L")
        if expected.size != actual.size:
            problems.append(f"{name} page {number}: size {actual.size} differs from reference {expected.size}")
            continue
        count, mask = differing_pixels(expected, actual)
        if count > MAX_DIFFERING_PIXELS:
            OUTPUT_DIR.mkdir(exist_ok=True)
            actual_path = OUTPUT_DIR / f"{name}-{number}.actual.png"
            diff_path = OUTPUT_DIR / f"{name}-{number}.diff.png"
            actual.save(actual_path)
            mask.save(diff_path)
            problems.append(f"{name} page {number}: {count} pixels differ (allowed {MAX_DIFFERING_PIXELS}); "
                            f"see {actual_path} and {diff_path}")
    if not update:
        stale = sorted(p for p in SNAPSHOT_DIR.glob(f"{name}-*.png") if int(p.stem.rsplit("-", 1)[1]) > len(pages))
        problems += [f"{p} has no page any more" for p in stale]
    assert not problems, "\n".join(problems)
