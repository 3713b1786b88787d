"""PNG proofs of a PDF's pages in colour (pypdfium2: no system packages needed):
a red masthead, a tinted box and the advertisements show as they will print."""
from __future__ import annotations

from pathlib import Path

from ..units import PT_PER_INCH

PROOF_DPI = 100
# zlib level for proofs, which are looked at, not archived: level 1 saves the
# sample page in about half the time of the default 6 (85 vs 150–195 ms
# measured) for 15% more bytes (338 vs 294 kB), and watch saves one on every rebuild.
PROOF_PNG_COMPRESSION = 1


def proof_paths(out_dir: Path, stem: str, pages: int) -> list[Path]:
    """Where the proofs of a PDF of ``pages`` pages go: stem.png, or stem-1.png, stem-2.png, …"""
    return [out_dir / (f"{stem}.png" if pages == 1 else f"{stem}-{number}.png") for number in range(1, pages + 1)]


def render_png(pdf_path: Path, targets: list[Path], dpi: int = PROOF_DPI) -> None:
    """Render page i of the PDF into ``targets[i]`` (one path per page)."""
    import pypdfium2  # only builds that ask for proofs pay for it

    document = pypdfium2.PdfDocument(str(pdf_path))
    try:
        for number, target in zip(range(len(document)), targets):
            image = document[number].render(scale=dpi / PT_PER_INCH).to_pil()
            image.save(target, format="PNG", compress_level=PROOF_PNG_COMPRESSION)
    finally:
        document.close()
