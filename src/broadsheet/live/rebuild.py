"""One warm rebuild, and the last good proof kept while a source is broken.

``rebuild_pages`` is the single step watch repeats; everything the desk sees
(the terminal line, the browser page) is read from a ``DeskState`` that only a
successful build replaces, so a broken file leaves the last good proof, PDF
and figures in place and shows its error beside them.
"""
from __future__ import annotations

import threading
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable

from ..build import BuildResult, build_layout, build_sources
from ..diagnostics import Diagnostic, Severity
from ..errors import BroadsheetError
from ..layout.geometry import PageGeometry
from ..layout.page import Composer
from ..model.page import EditionSpec, LayoutSpec
from ..source.reader import SourceReader
from ..source.layout import project_root

DEFAULT_EDITOR_LINK = "vscode://file{path}:{line}"


# A file as it stands: (inode, size, modified in ns), None when it is missing.
FileStamp = tuple[int, int, int] | None


def stamp(path: Path) -> FileStamp:
    """Enough to tell that a file was saved again (an editor's rename gives a new inode)."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_ino, status.st_size, status.st_mtime_ns


@dataclass(frozen=True)
class Rebuilt:
    """What one rebuild produced: the layout as read, the files it read, the build."""
    spec: EditionSpec | LayoutSpec
    sources: frozenset[Path]
    result: BuildResult


def rebuild_pages(layout_path: Path, out: Path, png_dir: Path, composer: Composer, reader: SourceReader,
                  sources_found: Callable[[frozenset[Path]], None] = lambda sources: None) -> Rebuilt:
    """Read the sources and build the PDF and its PNG proofs: the one step a
    warm process repeats.  ``composer`` keeps the blocks of the last build and
    recomposes only those whose inputs changed, ``reader`` the sources as last
    read; an edition's pages are
    composed here, in turn, so that it can.  ``sources_found`` is told the
    files the layout names as soon as it is read, before a broken article
    can stop the build."""
    spec = reader.pages(layout_path)
    sources = frozenset(path.resolve() for path, _what in build_sources(spec)) | {layout_path.resolve()}
    sources_found(sources)
    result = build_layout(layout_path, out, png_dir=png_dir, spec=spec, composer=composer, reader=reader, jobs=1)
    return Rebuilt(spec, sources, result)


@dataclass
class Proof:
    """The last good build as the desk sees it: pages (PNG bytes, block
    outlines and figures) and diagnostics, ready for JSON."""
    version: int
    finished: str
    seconds: float
    pages: list[dict]
    diagnostics: list[dict]
    pngs: list[bytes] = field(repr=False)


@dataclass
class Attempt:
    """The outcome of the latest rebuild: a fresh proof, or an error beside the last good one."""
    version: int
    finished: str
    seconds: float
    error: dict | None = None


class DeskState:
    """What watch and the browser page share: the latest attempt and the last
    good proof.  Readers wait on ``changed`` for the next version."""

    def __init__(self, layout_path: Path, out: Path, png_dir: Path, editor_link: str = DEFAULT_EDITOR_LINK):
        self.layout_path, self.out, self.png_dir = layout_path, out, png_dir
        self.root = project_root(layout_path)
        self.editor_link = editor_link
        self.composer = Composer()
        self.reader = SourceReader()
        self.sources: frozenset[Path] = frozenset({layout_path.resolve()})
        self.read_as: dict[Path, FileStamp] = {}   # each source as the latest build read it
        self.proof: Proof | None = None
        self.attempt: Attempt | None = None
        self.changed = threading.Condition()

    @property
    def version(self) -> int:
        return self.attempt.version if self.attempt else 0

    def stale(self) -> bool:
        """Has a source changed since the latest build read it?"""
        return self.attempt is None or any(stamp(path) != read for path, read in self.read_as.items())

    def rebuild(self) -> Attempt:
        """Rebuild once; on success replace the proof, on an error keep it."""
        started = time.perf_counter()
        before = {path: stamp(path) for path in self.sources}
        version = self.version + 1
        error = None
        found: list[frozenset[Path]] = []
        try:
            rebuilt = rebuild_pages(self.layout_path, self.out, self.png_dir, self.composer, self.reader,
                                    found.append)
        except BroadsheetError as failure:
            error = self._error(failure)
        except Exception as failure:  # a fault of ours must not end the desk's session: say it, keep the proof
            error = self._diagnostic(Diagnostic("", None, None, Severity.ERROR,
                                                f"internal error, please report it: {failure!r}"))
        seconds = time.perf_counter() - started
        finished = datetime.now().strftime("%H:%M:%S")
        with self.changed:
            if found:  # the layout was read: follow what it names, even if an article then broke the build
                self.sources = found[0]
            if error is None:
                self.proof = self._proof(version, finished, seconds, rebuilt)
            # A file saved again during the build keeps its stamp from before, so it counts as changed.
            self.read_as = {path: before[path] if path in before else stamp(path) for path in self.sources}
            self.attempt = Attempt(version, finished, seconds, error)
            self.changed.notify_all()
        return self.attempt

    def wait_after(self, version: int, timeout: float) -> bool:
        """Block until an attempt newer than ``version`` exists (False on timeout)."""
        with self.changed:
            return self.changed.wait_for(lambda: self.version > version, timeout)

    def snapshot(self) -> dict:
        """The state as the browser page reads it (no image bytes: those are served by URL)."""
        with self.changed:
            attempt, proof = self.attempt, self.proof
        return {
            "layout": self._shown(self.layout_path),
            "attempt": asdict(attempt) if attempt else None,
            "proof": None if proof is None else {key: value for key, value in asdict(proof).items()
                                                 if key != "pngs"},
        }

    def png(self, version: int, page_index: int) -> bytes | None:
        with self.changed:
            proof = self.proof
        if proof is None or proof.version != version or not 0 <= page_index < len(proof.pngs):
            return None
        return proof.pngs[page_index]

    def _proof(self, version: int, finished: str, seconds: float, rebuilt: Rebuilt) -> Proof:
        layouts = [rebuilt.spec] if isinstance(rebuilt.spec, LayoutSpec) else rebuilt.spec.pages
        result = rebuilt.result
        pages = []
        for index, (layout, page) in enumerate(zip(layouts, result.pages)):
            geometry = PageGeometry(layout.page, layout.grid)
            sheet = _Sheet(page.trim_width + 2 * page.bleed, page.trim_height + 2 * page.bleed, page.bleed)
            blocks = []
            for spec, report in zip(layout.blocks, page.blocks):
                fit = report.copyfit
                boxes = [geometry.box(rect) for rect in spec.rects]
                blocks.append({
                    **asdict(report),
                    "fit": fit.summary() if fit is not None else "",
                    "warnings": [self._diagnostic(warning) for warning in report.warnings],
                    "boxes": [sheet.box(box.left, box.top, box.right, box.bottom) for box in boxes],
                    # The underset area of each column and where the text stops, as on the proof.
                    "white": [{"box": sheet.box(*box), "column": column.column,
                               "lines": column.white_lines, "characters": column.characters,
                               "reason": column.reason}
                              for column in (fit.columns if fit else []) for box in column.boxes],
                    "stop": sheet.box(fit.stop[0], fit.stop[1], fit.stop[0], fit.stop[2])
                    if fit is not None and fit.stop else None,
                    "link": self._link(spec.article_display or layout.path, None),
                })
            pages.append({"number": page.number, "title": page.title,
                          "png": f"/proof/{version}/{index + 1}.png",
                          "aspect": sheet.width / sheet.height, "blocks": blocks})
        diagnostics = [self._diagnostic(warning) for warning in result.warnings]
        return Proof(version, finished, seconds, pages, diagnostics,
                     [path.read_bytes() for path in result.pngs])

    def _diagnostic(self, diagnostic: Diagnostic) -> dict:
        """A diagnostic as the page shows it: its fields and a link into the editor."""
        return {**diagnostic.as_dict(), "link": self._link(diagnostic.file, diagnostic.line)}

    def _error(self, failure: BroadsheetError) -> dict:
        """The first thing that went wrong (an error that names no source is shown as its message)."""
        if failure.diagnostics:
            return self._diagnostic(failure.diagnostics[0])
        return self._diagnostic(Diagnostic("", None, None, Severity.ERROR, str(failure)))

    def _link(self, shown: str, line: int | None) -> str | None:
        """An editor URL for a file as messages name it (relative to the project or the working folder)."""
        if not shown:
            return None
        path = Path(shown)
        candidates = [path] if path.is_absolute() else [Path.cwd() / path, self.root / path]
        found = next((candidate for candidate in candidates if candidate.is_file()), None)
        if found is None:
            return None
        return self.editor_link.format(path=found.resolve(), line=line or 1)

    def _shown(self, path: Path) -> str:
        try:
            return str(path.resolve().relative_to(self.root))
        except ValueError:
            return str(path)


@dataclass(frozen=True)
class _Sheet:
    """A page's sheet (trim and bleed), to place boxes on its proof image."""
    width: float
    height: float
    bleed: float

    def box(self, left: float, top: float, right: float, bottom: float) -> list[float]:
        """A box in pt from the trim's top-left, as fractions of the image: [left, top, width, height]."""
        return [(self.bleed + left) / self.width, (self.bleed + top) / self.height,
                (right - left) / self.width, (bottom - top) / self.height]
