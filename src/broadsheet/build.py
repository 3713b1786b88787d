"""The pipeline end to end: sources → model → text → layout → render → files."""
from __future__ import annotations

import json
import os
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

from .diagnostics import Diagnostic, Severity
from .errors import BuildError
from .fonts import load_font_set
from .layout.display import BlockReport, ComposedPage
from .layout.page import compose_pages
from .model.page import LayoutSpec
from .render.output import replaced_on_success
from .render.pdf import draw_pages, sheet
from .render.pdfx import finish_pdfx
from .render.proof import render_png
from .source.edition import read_pages

# Told each step of a build as it starts: (steps done, steps in all, what).
Progress = Callable[[int, int, str], None]

# Without --date or SOURCE_DATE_EPOCH, files carry this fixed date, so the
# same sources always give the same bytes.
DEFAULT_MOMENT = datetime(2000, 1, 1, tzinfo=timezone.utc)


@dataclass
class BuildResult:
    pages: list[ComposedPage]
    warnings: list[Diagnostic] = field(default_factory=list)
    pngs: list[Path] = field(default_factory=list)
    page_pdfs: list[Path] = field(default_factory=list)   # an edition's one-page PDFs

    @property
    def overset(self) -> int:
        """Characters that found no room, on every page."""
        return sum(block.characters_overset for page in self.pages for block in page.blocks)

    def report(self) -> dict:
        """What --report writes: per-block figures, the overset total, the warnings."""
        return {
            "pages": [{"number": page.number, "blocks": [_block_figures(block) for block in page.blocks]}
                      for page in self.pages],
            "overset": self.overset,
            "warnings": [warning.as_dict() for warning in self.warnings],
        }


def _block_figures(block: BlockReport) -> dict:
    """A block's figures for the report; its copyfit also as editors say it (差 37 字 ≈ 3 行)."""
    figures = asdict(block)
    figures["warnings"] = [warning.as_dict() for warning in block.warnings]
    if block.copyfit is not None:
        figures["copyfit"].update(summary=block.copyfit.summary(), lines=block.copyfit.lines)
    return figures


def build_moment(date: str | None = None, issue_date: str | None = None) -> datetime:
    """The PDF's dates: --date, else SOURCE_DATE_EPOCH, else the layout's issue
    date, else a fixed date (never the clock, so rebuilds give the same bytes)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if date:
        return _iso_moment(date, "--date")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise BuildError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not {epoch!r}") from None
    if issue_date:
        return _iso_moment(issue_date, "issue_date")
    return DEFAULT_MOMENT


def _iso_moment(value: str, what: str) -> datetime:
    try:
        return datetime.fromisoformat(str(value)).replace(tzinfo=timezone.utc)
    except ValueError:
        raise BuildError(f"{what} must be an ISO date such as 2023-03-07, not {str(value)!r}") from None


def write_pdf(pages: list[ComposedPage], out: Path, title: str, moment: datetime, *, marks: bool = False) -> None:
    """Draw, finish as PDF/X, and move into place only when all of it worked;
    ``marks`` adds crop and registration marks outside the bleed."""
    body_font = load_font_set()["body"].name
    with replaced_on_success(out) as finished:
        raw = finished.with_suffix(".raw")
        try:
            draw_pages(pages, raw, body_font, title, marks=marks)
            finish_pdfx(raw, finished, title, moment)
        finally:
            raw.unlink(missing_ok=True)


def page_pdf_path(out: Path, page_number: int) -> Path:
    """Where an edition's page goes: beside the combined PDF, named by 版次."""
    return out.with_name(f"{out.stem}-{page_number}{out.suffix}")


def build_layout(layout_path: Path, out: Path, *, report: Path | None = None, png_dir: Path | None = None,
                 strict: bool = False, date: str | None = None, progress: Progress | None = None,
                 marks: bool = False) -> BuildResult:
    """Build a page layout into ``out``, or an edition (a file listing pages)
    into ``out`` (all pages) and one PDF per page beside it.  Every page is
    composed before any file is written, and with ``strict`` none is written
    if the build has a warning."""
    spec = read_pages(layout_path)
    layouts = [spec] if isinstance(spec, LayoutSpec) else spec.pages
    moment = build_moment(date, spec.issue_date)
    _refuse_overwriting_sources(layout_path, layouts, [out, report])
    edition = not isinstance(spec, LayoutSpec)
    steps = len(layouts) * (2 if edition else 1) + 1
    done = 0

    def step(what: str) -> None:
        nonlocal done
        if progress is not None:
            progress(done, steps, what)
        done += 1

    notes: list[Diagnostic] = []
    pages = compose_pages(layouts, notes, lambda path: step(f"composing {path}"))
    result = BuildResult(pages, notes + [warning for page in pages for warning in page.warnings])
    faults = [diagnostic for diagnostic in result.warnings if diagnostic.severity is not Severity.NOTE]
    if strict and faults:
        raise BuildError(f"--strict: {len(faults)} warning(s), so {out} was not written:\n  "
                         + "\n  ".join(map(str, faults)),
                         [replace(fault, severity=Severity.ERROR) for fault in faults])
    title = spec.title or layout_path.stem
    # The report is written first, beside its target, and moved into place
    # only once the PDFs are: a report that cannot be written stops the build
    # before any PDF is replaced.
    with _report_written(report, result):
        step(f"writing {out}")
        with _writing(out):
            write_pdf(result.pages, out, title, moment, marks=marks)
        if edition:
            for page, layout in zip(pages, layouts):
                path = page_pdf_path(out, page.number)
                step(f"writing {path}")
                with _writing(path):
                    write_pdf([page], path, layout.title or f"{title} 第{page.number}版", moment, marks=marks)
                result.page_pdfs.append(path)
    if progress is not None:
        progress(steps, steps, "done")
    if png_dir is not None:
        with _writing(png_dir):
            result.pngs = render_png(out, png_dir, out.stem, pages=result.pages,
                                     margin=sheet(result.pages[0], marks).margin)
    return result


@contextmanager
def _report_written(report: Path | None, result: BuildResult) -> Iterator[None]:
    """Write the JSON report to a temporary file on entry; move it into place
    when the block (writing the PDFs) ends without an error."""
    if report is None:
        yield
        return
    with _writing(report), replaced_on_success(report) as temporary:
        temporary.write_text(json.dumps(result.report(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        yield


def _refuse_overwriting_sources(layout_path: Path, layouts: list[LayoutSpec], outputs: list[Path | None]) -> None:
    """A slip of the -o argument must not replace the layout or an article."""
    sources = {layout_path.resolve(), *(Path(layout.path).resolve() for layout in layouts),
               *(block.article.resolve() for layout in layouts for block in layout.blocks
                 if block.article is not None)}
    for output in outputs:
        if output is not None and output.resolve() in sources:
            raise BuildError(f"{output} is one of the page's sources; refusing to write over it")


@contextmanager
def _writing(target: Path) -> Iterator[None]:
    """A file-system failure while writing becomes an error that names the file."""
    try:
        yield
    except OSError as error:
        # A missing or misplaced folder is named; a rename's temporary file is not.
        named = error.filename and not error.filename2 and Path(error.filename) != target
        culprit = f" ({error.filename})" if named else ""
        raise BuildError(f"cannot write {target}: {error.strerror or error}{culprit}") from error
