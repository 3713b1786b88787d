"""Editions on every core: each page composed and written by a worker.

The page is the unit of work.  Pages are independent but for one thing: the
text a block hands on at a jump (转版) to its continuation on a later page.
So an edition is built in three steps:

1. In print order, in this process, only the blocks that hand text on are
   composed (on scratch pages): that gives each page the text jumped into it.
   This is the only sequential part, and a jump is a block or two an edition.
2. Each page, with the text jumped into it, is a ``PageTask``, run by any
   ``concurrent.futures.Executor``: a process pool here, or a cluster's
   executor (a Dask ``Client.get_executor()``).  The worker composes the whole
   page and writes its one-page PDF/X file, and hands back the composed page
   and the file's bytes (so a worker on another machine needs the sources and
   fonts at the same paths, and writes nothing the build relies on).
3. This process draws the combined PDF from the composed pages as they come
   back, in print order (one document, its font subsets shared by all pages),
   while the workers go on with later pages.

The bytes are those of a serial build: every step runs the serial code.
"""
from __future__ import annotations

import os
import pickle
import resource
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from .diagnostics import Diagnostic
from .layout.display import ComposedPage
from .layout.jumps import Carry, JumpBook
from .layout.page import compose_page
from .model.page import LayoutSpec
from .render.output import DEFERRED_SIGNALS, signals_held
from .source.reader import read_articles

# ru_maxrss is in kilobytes on Linux, in bytes on macOS.
_RSS_UNIT = 1 if sys.platform == "darwin" else 1024


def available_cores() -> int:
    """The cores this process may run on: the default for ``--jobs``."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def in_parallel(jobs: int | None, executor: Executor | None) -> bool:
    """Whether an edition's pages go to workers: an executor was given, or
    more than one job (by default, one a core)."""
    return executor is not None or (jobs or available_cores()) > 1


@dataclass(frozen=True)
class PageTask:
    """Everything a worker needs to compose and write one page."""
    layout: LayoutSpec
    block_pages: dict[str, int]         # every block of the edition → its page number
    carried: dict[str, Carry]           # text jumped into this page's continuations
    title: str                          # the one-page PDF's title
    moment: datetime                    # the PDF's dates
    marks: bool


@dataclass
class PageDone:
    """A worker's answer: the composed page, its one-page PDF/X file, and what it cost."""
    page: ComposedPage
    notes: list[Diagnostic]             # warnings about cleaned article text
    pdf: bytes
    worker: int                         # process id
    peak_memory: int                    # the worker's peak resident memory so far, bytes


def run_page(task: PageTask) -> PageDone:
    """Compose a page and write its PDF/X file (in a worker process)."""
    from .build import write_pdf
    notes: list[Diagnostic] = []
    page = compose_page(task.layout, read_articles([task.layout], notes),
                        JumpBook(dict(task.block_pages), dict(task.carried)))
    with tempfile.TemporaryDirectory(prefix="broadsheet-page-") as folder:
        path = Path(folder) / f"page-{page.number}.pdf"
        write_pdf([page], path, task.title, task.moment, marks=task.marks,
                  output_profile=task.layout.press.output_profile)
        pdf = path.read_bytes()
    peak = _peak_memory()
    return PageDone(page, notes, pdf, os.getpid(), peak)


def _peak_memory() -> int:
    """This worker's peak resident memory, bytes: /proc's VmHWM where there is
    one (ru_maxrss survives exec, so a spawned worker would report its
    parent's peak), else ru_maxrss."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * _RSS_UNIT


def _leave_signals_to_the_build() -> None:
    """In a worker: Ctrl-C, which the terminal sends to every process of the
    build, is the build's to answer (one line, exit 130, its transaction
    discarded); the worker finishes its page quietly instead of printing a
    traceback.  SIGTERM ends a worker at once, as by default."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, DEFERRED_SIGNALS)   # held while the pool forked it


def page_tasks(layouts: list[LayoutSpec], titles: list[str], moment: datetime, marks: bool) -> list[PageTask]:
    """One task a page, each with the text jumped into it (step 1 above)."""
    block_pages = {block.name: layout.page_number for layout in layouts for block in layout.blocks}
    jumps = JumpBook(dict(block_pages))
    tasks = []
    for layout, title in zip(layouts, titles):
        waiting = {spec.name: jumps.carried[spec.name] for spec in layout.blocks if spec.name in jumps.carried}
        # A copy, as it is before this page's own blocks set any of it.
        tasks.append(PageTask(layout, block_pages, pickle.loads(pickle.dumps(waiting)), title, moment, marks))
        handing_on = [spec for spec in layout.blocks if spec.continued_to is not None]
        if handing_on:
            handing_on_page = replace(layout, blocks=handing_on, ads=[], running_head=None, masthead=None,
                                      block_rules=False)
            compose_page(handing_on_page, read_articles([handing_on_page]), jumps)
    return tasks


@dataclass
class EditionRun:
    """An edition's pages built by an executor: the composed pages, each page's
    PDF/X bytes, and the combined PDF/X drawn here as the pages came back."""
    pages: list[ComposedPage] = field(default_factory=list)
    page_pdfs: list[bytes] = field(default_factory=list)
    combined: bytes = b""
    peak_memory: dict[int, int] = field(default_factory=dict)   # worker process id → peak bytes


def build_edition(layouts: list[LayoutSpec], titles: list[str], title: str, moment: datetime, *,
                  marks: bool = False, notes: list[Diagnostic] | None = None, executor: Executor | None = None,
                  jobs: int | None = None, starting: Callable[[str], None] | None = None,
                  output_profile: Path | None = None) -> EditionRun:
    """Compose and write every page with ``executor`` (else a pool of ``jobs``
    processes, default one a core), drawing the combined PDF here meanwhile.
    Nothing is written where the build's outputs go: the caller moves the
    bytes into place once the whole build has succeeded."""
    from .build import write_pdf
    from .fonts import load_font_set
    tasks = page_tasks(layouts, titles, moment, marks)
    load_font_set()["body"]     # loaded here once, before any worker starts (a forked one inherits it)
    run = EditionRun()
    pool = None
    if executor is None:
        pool = executor = ProcessPoolExecutor(max(1, min(jobs or available_cores(), len(tasks))),
                                              initializer=_leave_signals_to_the_build)
    try:
        # The pool forks its workers as the tasks are handed over: a Ctrl-C
        # then would reach a child before it can ignore it, or the parent
        # inside a fork hook (which swallows the exception).  It waits.
        with signals_held():
            results = executor.map(run_page, tasks)

        def arriving() -> Iterator[ComposedPage]:
            for layout, done in zip(layouts, results):
                if starting is not None:
                    starting(layout.path)
                if notes is not None:
                    notes.extend(done.notes)
                run.pages.append(done.page)
                run.page_pdfs.append(done.pdf)
                run.peak_memory[done.worker] = max(done.peak_memory, run.peak_memory.get(done.worker, 0))
                yield done.page

        with tempfile.TemporaryDirectory(prefix="broadsheet-edition-") as folder:
            combined = Path(folder) / "edition.pdf"
            write_pdf(arriving(), combined, title, moment, marks=marks, output_profile=output_profile)
            run.combined = combined.read_bytes()
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return run
