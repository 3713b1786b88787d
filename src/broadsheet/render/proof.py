"""PNG proofs of a PDF's pages in colour (pypdfium2: no system packages needed):
a red masthead, a tinted box and the advertisements show as they will print."""
from __future__ import annotations

from pathlib import Path

from ..units import PT_PER_INCH

PROOF_DPI = 100


def render_png(pdf_path: Path, out_dir: Path, stem: str, dpi: int = PROOF_DPI) -> list[Path]:
    import pypdfium2  # only builds that ask for proofs pay for it

    out_dir.mkdir(parents=True, exist_ok=True)
    document = pypdfium2.PdfDocument(str(pdf_path))
    written = []
    try:
        for number in range(len(document)):
            image = document[number].render(scale=dpi / PT_PER_INCH).to_pil()
            target = out_dir / (f"{stem}.png" if len(document) == 1 else f"{stem}-{number + 1}.png")
            image.save(target, optimize=False)
            written.append(target)
    finally:
        document.close()
    return written
