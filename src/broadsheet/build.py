"""The pipeline end to end: sources → model → text → layout → render → files."""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .errors import BuildError
from .fonts import load_font_set
from .layout.display import ComposedPage
from .layout.page import compose_page
from .render.output import replaced_on_success
from .render.pdf import draw_pages
from .render.pdfx import finish_pdfx
from .render.proof import render_png
from .source.layout import read_layout

# Without --date or SOURCE_DATE_EPOCH, files carry this fixed date, so the
# same sources always give the same bytes.
DEFAULT_MOMENT = datetime(2000, 1, 1, tzinfo=timezone.utc)


@dataclass
class BuildResult:
    pages: list[ComposedPage]
    warnings: list[str] = field(default_factory=list)
    pngs: list[Path] = field(default_factory=list)

    def report(self) -> dict:
        return {
            "pages": [{"number": page.number, "blocks": [asdict(block) for block in page.blocks]}
                      for page in self.pages],
            "overset": sum(block.characters_overset for page in self.pages for block in page.blocks),
            "warnings": self.warnings,
        }


def build_moment(date: str | None = None, issue_date: str | None = None) -> datetime:
    """The PDF's dates: --date, else SOURCE_DATE_EPOCH, else the layout's issue date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if date:
        return datetime.fromisoformat(str(date)).replace(tzinfo=timezone.utc)
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    if issue_date:
        return datetime.fromisoformat(str(issue_date)).replace(tzinfo=timezone.utc)
    return DEFAULT_MOMENT


def write_pdf(pages: list[ComposedPage], out: Path, title: str, moment: datetime) -> None:
    """Draw, finish as PDF/X, and move into place only when all of it worked."""
    body_font = load_font_set()["body"].name
    with replaced_on_success(out) as finished:
        raw = finished.with_suffix(".raw")
        try:
            draw_pages(pages, raw, body_font, title)
            finish_pdfx(raw, finished, title, moment)
        finally:
            raw.unlink(missing_ok=True)


def build_layout(layout_path: Path, out: Path, *, report: Path | None = None, png_dir: Path | None = None,
                 strict: bool = False, date: str | None = None) -> BuildResult:
    layout = read_layout(layout_path)
    notes: list[str] = []
    page = compose_page(layout, notes)
    result = BuildResult([page], notes + page.warnings)
    if strict and result.warnings:
        raise BuildError("--strict: " + "; ".join(result.warnings))
    title = layout.title or layout_path.stem
    write_pdf(result.pages, out, title, build_moment(date, layout.issue_date))
    if report is not None:
        with replaced_on_success(report) as temporary:
            temporary.write_text(json.dumps(result.report(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if png_dir is not None:
        result.pngs = render_png(out, png_dir, out.stem)
    return result
