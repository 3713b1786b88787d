"""The pipeline end to end: sources → model → text → layout → render → files."""
from __future__ import annotations

import functools
import io
import json
import os
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Callable, Iterable, Iterator

from . import activity
from .checks.findings import Finding
from .checks.supplied import check_supplied
from .diagnostics import Diagnostic, Severity, warning
from .errors import BuildError
from .fonts import load_font_set
from .fonts.registry import ROLES_FILE, split_face
from .layout.display import BlockReport, ComposedPage
from .layout.page import Composer, compose_pages
from .model.page import EditionSpec, LayoutSpec, Supplied
from .render.forms import PageFinish, completed, needs_completing, page_finish
from .render.output import Transaction, is_temporary
from .render.pdf import draw_pages, sheet
from .render.pdfx import write_pdfx
from .render.proof import KeptProofs, proof_paths, render_png
from .source.edition import read_pages
from .source.reader import SourceReader, read_articles

if TYPE_CHECKING:
    from concurrent.futures import Executor

# Told each step of a build as it starts: (steps done, steps in all, what).
Progress = Callable[[int, int, str], None]

# Without --date or SOURCE_DATE_EPOCH, files carry this fixed date, so the
# same sources always give the same bytes.
DEFAULT_MOMENT = datetime(2000, 1, 1, tzinfo=timezone.utc)
# Supplied files whose preflight a warm process keeps (an edition's ads and logos).
SUPPLIED_FILES_KEPT = 256


@dataclass
class BuildResult:
    pages: list[ComposedPage]
    warnings: list[Diagnostic] = field(default_factory=list)
    pngs: list[Path] = field(default_factory=list)
    page_pdfs: list[Path] = field(default_factory=list)   # an edition's one-page PDFs
    worker_memory: dict[int, int] = field(default_factory=dict)   # page worker's process id → peak bytes

    @property
    def overset(self) -> int:
        """Characters that found no room, on every page."""
        return (sum(block.characters_overset for page in self.pages for block in page.blocks)
                + sum(picture.characters_overset for page in self.pages for picture in page.pictures))

    def report(self) -> dict:
        """What --report writes: per-block figures, the overset total, the warnings."""
        return {
            "pages": [{"number": page.number, "blocks": [_block_figures(block) for block in page.blocks],
                       "pictures": [asdict(picture) for picture in page.pictures]}
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


def write_pdf(pages: Iterable[ComposedPage], out: Path, title: str, moment: datetime, *, marks: bool = False,
              transaction: Transaction | None = None, output_profile: Path | None = None) -> None:
    """Draw, place supplied files and finish as PDF/X into ``out``, as one
    output of ``transaction`` (or on its own: moved into place only when all
    of it worked); ``marks`` adds crop and registration marks outside the
    bleed; ``output_profile`` is embedded in the OutputIntent."""
    if transaction is None:
        with Transaction() as alone:
            write_pdf(pages, out, title, moment, marks=marks, transaction=alone, output_profile=output_profile)
        return
    with _writing(out):
        finished = transaction.stage(out)
        raw = io.BytesIO()   # reportlab's file, in memory: a scratch file cost 4 ms to free (ext4 discard)
        finishing = _draw(pages, raw, title, marks=marks)
        with completed(raw, finishing) as pdf:   # one open and one save: placing and PDF/X together
            write_pdfx(pdf, finished, title, moment, output_profile)


def _draw(pages: Iterable[ComposedPage], raw: BinaryIO, title: str, *, marks: bool, proof: bool = False,
          ) -> list[PageFinish]:
    """Draw the pages into ``raw`` with reportlab; what placing their supplied files needs."""
    finishing: list[PageFinish] = []

    def noted(pages: Iterable[ComposedPage]) -> Iterator[ComposedPage]:
        for page in pages:   # an edition's pages stream through: keep only what finishing needs
            finishing.append(page_finish(page, marks))
            yield page

    draw_pages(noted(pages), raw, load_font_set()["body"].name, title, marks=marks, proof=proof)
    return finishing


def page_pdf_path(out: Path, page_number: int) -> Path:
    """Where an edition's page goes: beside the combined PDF, named by 版次."""
    return out.with_name(f"{out.stem}-{page_number}{out.suffix}")


def build_layout(layout_path: Path, out: Path, *, report: Path | None = None, png_dir: Path | None = None,
                 strict: bool = False, date: str | None = None, progress: Progress | None = None,
                 marks: bool = False, composer: Composer | None = None, reader: SourceReader | None = None,
                 jobs: int | None = None, executor: Executor | None = None,
                 spec: EditionSpec | LayoutSpec | None = None, sources: list[tuple[Path, str]] | None = None,
                 proofs: KeptProofs | None = None) -> BuildResult:
    """Build a page layout into ``out``, or an edition (a file listing pages)
    into ``out`` (all pages) and one PDF per page beside it.  Every page is
    composed before any file is written; every output is written as one
    transaction (all replaced or none), and with ``strict`` none is written
    if the build has a warning.  A ``composer`` kept from build to build (a
    warm process) recomposes only the blocks whose inputs changed, and a
    ``reader`` kept with it parses only the files that changed; an
    edition is then built here, page after page.  Otherwise an edition's
    pages are composed and written by ``executor``, else by ``jobs`` worker
    processes (default: one a core; 1 builds them here, in turn).
    ``spec``: the layout already read from ``layout_path`` (watch reads it
    to learn which files to watch), and ``sources``: its ``build_sources``
    (watch has them too).  ``proofs``: what a warm process keeps from its
    last PNG proofs (only what changed on a page is encoded again)."""
    reader = reader or SourceReader()
    if spec is None:
        spec = reader.pages(layout_path)
    layouts = [spec] if isinstance(spec, LayoutSpec) else spec.pages
    moment = build_moment(date, spec.issue_date)
    edition = not isinstance(spec, LayoutSpec)
    page_pdfs = [page_pdf_path(out, layout.page_number) for layout in layouts] if edition else []
    pngs = proof_paths(png_dir, out.stem, len(layouts)) if png_dir is not None else []
    outputs = [("-o", out), *((f"page {layout.page_number}'s PDF", path) for layout, path in zip(layouts, page_pdfs)),
               *([("--report", report)] if report is not None else []), *(("--png", path) for path in pngs)]
    refuse_overwriting_sources(build_sources(spec) if sources is None else sources, outputs, png_dir)
    profile = _one_output_profile(layouts)
    steps = len(layouts) * (2 if edition else 1) + 1 + (1 if png_dir is not None else 0)
    done = 0

    current = ""

    def step(what: str) -> None:
        nonlocal done, current
        current = what
        if progress is not None:
            progress(done, steps, what)
        done += 1

    def within_step(what: str) -> None:
        """How far a long step has got, told by the pipeline (activity.report)."""
        if progress is not None:
            progress(done - 1, steps, f"{current} ({what})")

    notes: list[Diagnostic] = supplied_warnings(layouts)
    title = spec.title or layout_path.stem
    page_titles = [layout.title or f"{title} 第{layout.page_number}版" for layout in layouts]
    run = None
    if edition and len(layouts) > 1 and composer is None:   # a kept composer works here, in turn
        from .parallel import build_edition, in_parallel   # process pools only for editions
        if in_parallel(jobs, executor):
            run = build_edition(layouts, page_titles, title, moment, marks=marks, notes=notes, executor=executor,
                                jobs=jobs, starting=lambda path: step(f"composing {path}"), output_profile=profile)
    if run is not None:
        pages = run.pages
    else:
        with activity.reporting(within_step):
            articles = reader.articles(layouts, notes)
            pages = (composer or Composer()).compose_pages(layouts, articles,
                                                           lambda path: step(f"composing {path}"))
    result = _with_warnings(pages, notes)
    if run is not None:
        result.worker_memory = run.peak_memory
    faults = [diagnostic for diagnostic in result.warnings if diagnostic.severity is not Severity.NOTE]
    if strict and faults:
        raise BuildError(f"--strict: {len(faults)} warning(s), so {out} was not written:\n  "
                         + "\n  ".join(map(str, faults)),
                         [replace(fault, severity=Severity.ERROR) for fault in faults])
    with Transaction() as transaction:
        if report is not None:
            with _writing(report):
                transaction.stage(report).write_text(json.dumps(result.report(), ensure_ascii=False, indent=2)
                                                     + "\n", encoding="utf-8")
        step(f"writing {out}")
        if run is not None:
            _write_bytes(out, run.combined, transaction)
        else:
            write_pdf(result.pages, out, title, moment, marks=marks, transaction=transaction, output_profile=profile)
        for index, (page, page_title, path) in enumerate(zip(pages, page_titles, page_pdfs)):
            step(f"writing {path}")
            if run is not None:
                _write_bytes(path, run.page_pdfs[index], transaction)
            else:
                write_pdf([page], path, page_title, moment, marks=marks, transaction=transaction,
                          output_profile=profile)
        if pngs:
            step(f"writing PNG proofs in {png_dir}")
            with _writing(png_dir):
                render_png(_proof_source(pages, out, title, marks, transaction),
                           [transaction.stage(path) for path in pngs], pages=result.pages,
                           margin=sheet(result.pages[0], marks).margin, kept=proofs)
    result.page_pdfs, result.pngs = page_pdfs, pngs
    if progress is not None:
        progress(steps, steps, "done")
    return result


def _one_output_profile(layouts: list[LayoutSpec]) -> Path | None:
    """The press profile of every page: one PDF has one OutputIntent, so the
    pages of an edition must agree."""
    profiles = {layout.press.output_profile for layout in layouts}
    if len(profiles) > 1:
        named = ", ".join(f"{layout.path}: {layout.press.output_profile or 'none (IFRA26)'}" for layout in layouts)
        raise BuildError(f"the pages name different press output profiles ({named}); a PDF has one OutputIntent, "
                         "so give every page the same press: output_profile")
    return profiles.pop()


def _proof_source(pages: list[ComposedPage], out: Path, title: str, marks: bool, transaction: Transaction) -> Path:
    """The PDF the PNG proofs are drawn from: the press PDF, or, when a page
    has what only proofs show (an empty space's outline and label), a proof
    PDF of its own, a scratch file of the build (never an output)."""
    if not any(item.proof_only for page in pages for item in [*page.outlines, *page.runs]):
        return transaction.staged[out]
    proof = transaction.scratch(out, "proof")
    raw = io.BytesIO()
    finishing = _draw(pages, raw, title, marks=marks, proof=True)
    if needs_completing(finishing):
        with completed(raw, finishing) as pdf:
            pdf.save(proof)
    else:
        proof.write_bytes(raw.getvalue())
    return proof


def supplied_warnings(layouts: list[LayoutSpec]) -> list[Diagnostic]:
    """Each supplied file preflighted as it is placed: what in it would break
    the press file (RGB, a font not embedded, transparency), at its layout line."""
    warnings = []
    for supplied in _supplied_files(layouts):
        if supplied.raster:
            continue   # the press image pipeline converts it and reports what it did
        origin = supplied.origin
        warnings += [warning(origin.path, origin.line, origin.field,
                             f"{supplied.display}: {finding.check}: {finding.message}")
                     for finding in _supplied_findings(supplied.path)]
    return warnings


def _supplied_findings(path: Path) -> tuple[Finding, ...]:
    """``check_supplied``, kept while the file's size and modification time
    stay the same (a warm rebuild places the same ads: 1.1 ms each)."""
    try:
        status = path.stat()
    except OSError:
        return tuple(check_supplied(path))
    return _kept_findings(path, status.st_size, status.st_mtime_ns)


@functools.lru_cache(maxsize=SUPPLIED_FILES_KEPT)
def _kept_findings(path: Path, size: int, modified: int) -> tuple[Finding, ...]:
    return tuple(check_supplied(path))


def _supplied_files(layouts: list[LayoutSpec]) -> list[Supplied]:
    files = [ad.file for layout in layouts for ad in layout.ads if ad.file is not None]
    files += [block.head.logo for layout in layouts for block in layout.blocks if block.head.logo is not None]
    return files


def _write_bytes(target: Path, data: bytes, transaction: Transaction) -> None:
    """A file a worker made, staged as ``write_pdf`` stages its own."""
    with _writing(target):
        transaction.stage(target).write_bytes(data)


def check_layout(layout_path: Path) -> BuildResult:
    """Read and compose a layout or edition as a build would, writing nothing:
    errors are raised, warnings and per-block figures returned."""
    spec = read_pages(layout_path)
    notes: list[Diagnostic] = []
    layouts = [spec] if isinstance(spec, LayoutSpec) else spec.pages
    pages = compose_pages(layouts, read_articles(layouts, notes))
    return _with_warnings(pages, notes)


def _with_warnings(pages: list[ComposedPage], notes: list[Diagnostic]) -> BuildResult:
    """The composed pages, with the notes of reading the sources before the pages' own warnings."""
    return BuildResult(pages, notes + [warning for page in pages for warning in page.warnings])


def build_sources(spec: LayoutSpec | EditionSpec) -> list[tuple[Path, str]]:
    """Every file a build reads: what the layouts name (``sources()``), and
    the shipped faces of the roles a layout does not set, with their table."""
    found = spec.sources()
    for layout in [spec] if isinstance(spec, LayoutSpec) else spec.pages:
        found += font_sources(layout.fonts, layout.path)
    return found


def font_sources(overrides: dict[str, Path] | None = None, source: str = "fonts/roles.yaml",
                 ) -> list[tuple[Path, str]]:
    """The face of every role (the shipped ones, or a layout's ``overrides``)
    and the roles table: sources no output may replace."""
    faces = load_font_set(overrides, source=source).paths
    return [*((split_face(path)[0], f"the font for {role}") for role, path in faces.items()),
            (ROLES_FILE, "the font roles file")]


def refuse_overwriting_sources(sources: list[tuple[Path, str]], outputs: list[tuple[str, Path]],
                               png_dir: Path | None = None) -> None:
    """A slip of -o, --report or --png must not replace a source of the build,
    nor two outputs the same file."""
    by_identity: dict[object, str] = {}
    for path, what in sources:
        for identity in _identities(path):
            by_identity.setdefault(identity, what)
    named = [("--png", png_dir)] if png_dir is not None else []
    for option, path in [*named, *outputs]:
        for identity in _identities(path):
            if identity in by_identity:
                raise BuildError(f"{option} {path} is one of the build's sources ({by_identity[identity]}); "
                                 "refusing to write over it")
    written: dict[object, str] = {}
    for option, path in outputs:
        for identity in _identities(path):
            if identity in written:
                raise BuildError(f"{option} {path} is the same file as {written[identity]}; each output needs "
                                 "a file of its own")
        for identity in _identities(path):
            written[identity] = f"{option} {path}" if option.startswith("-") else f"{option} ({path})"
    for identity in _identities(png_dir) if png_dir is not None else []:
        if identity in written:
            raise BuildError(f"--png {png_dir} is the file of {written[identity]}; --png names the folder the "
                             "proofs go in")


def _identities(path: Path) -> list[object]:
    """What makes two paths one file: the same place once links are followed,
    or (for files that exist) the same inode, which also catches hard links."""
    found: list[object] = [path.resolve()]
    try:
        status = path.stat()
    except OSError:
        return found
    found.append((status.st_dev, status.st_ino))
    return found


@contextmanager
def _writing(target: Path) -> Iterator[None]:
    """A file-system failure while writing becomes an error that names the file."""
    try:
        yield
    except OSError as error:
        # A missing or misplaced folder is named; the target's temporary file is not.
        named = (error.filename and not error.filename2 and Path(error.filename) != target
                 and not is_temporary(Path(error.filename)))
        culprit = f" ({error.filename})" if named else ""
        raise BuildError(f"cannot write {target}: {error.strerror or error}{culprit}") from error
