"""Rebuild whenever a source is saved, one terminal line per rebuild.

File events come from watchfiles (inotify on Linux, FSEvents on macOS).
Folders are watched rather than files, because editors save by writing a new
file and renaming it over the old one; events are kept only for the files
the last good build read.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable, TextIO

import watchfiles

from .rebuild import Attempt, DeskState

# After the first event, watchfiles waits this long for more before it
# reports them together (an editor's save is several events, microseconds
# apart).  It is the proof's delay after every save: at 30 ms it made about
# 40 ms of each edit's time in bench/watch.py, at 5 ms about 5.  A save still
# going on when a build starts is caught by the sources' stamps
# (DeskState.rebuild builds again).  The watcher also wakes this often while
# idle: 0.7% of a core at 5 ms (0.3% at 30), measured over 10 s.
SETTLE_MS = 5
# With nothing changing, the watcher reports an empty batch this often (ms):
# the first report says that it is watching, and each is a chance to look
# at the sources' stamps (about 15 stat calls for the sample page).
IDLE_MS = 250


def watch(state: DeskState, out: TextIO, stop: threading.Event, *, shown: Callable[[str], str] = str) -> None:
    """Build, then again on every change to a source, until ``stop`` is set.

    Each build starts only once the watcher is in place, so a save made after
    a build has begun is never missed.  What decides a rebuild is the
    sources' stamps (``DeskState.stale``), looked at on every batch of
    events and on every idle report (IDLE_MS): file events make a rebuild
    prompt, and a change no event reported (a folder watched late, a network
    drive) is still built within IDLE_MS; a batch that changed no source
    builds nothing."""
    while not stop.is_set():
        folders = _folders(state)
        changes = watchfiles.watch(*folders, watch_filter=lambda _change, path: Path(path) in state.sources,
                                   stop_event=stop, step=SETTLE_MS, rust_timeout=IDLE_MS, yield_on_timeout=True,
                                   recursive=False)
        for _batch in changes:
            if state.stale():
                print(describe(state, state.rebuild(), shown), file=out, flush=True)
            if _folders(state) != folders:
                break  # a new article in another folder: watch that folder too


def _folders(state: DeskState) -> list[Path]:
    return sorted({path.parent for path in state.sources if path.parent.is_dir()})


def describe(state: DeskState, attempt: Attempt, shown: Callable[[str], str] = str) -> str:
    """One line per rebuild: the time, each block's fit, the warnings; or the
    error, and which proof is kept."""
    if attempt.error is not None:
        kept = f"kept the proof of {state.proof.finished}" if state.proof is not None else "no proof yet"
        return shown(f"{attempt.finished} error: {diagnostic_text(attempt.error)} ({kept})")
    proof = state.proof
    figures = [f"{block['name']}: {fit(block)}" for page in proof.pages for block in page["blocks"]]
    warnings = len(proof.diagnostics)
    line = f"{attempt.finished} rebuilt in {attempt.seconds:.2f} s · " + " · ".join(figures)
    if warnings:
        line += f" · {warnings} warning{'s' if warnings > 1 else ''}"
    details = [f"  warning: {diagnostic_text(diagnostic)}" for diagnostic in proof.diagnostics]
    return shown("\n".join([line, *details]))


def fit(block: dict) -> str:
    """A block's copyfit as editors say it (超 12 字 ≈ 1 行, 差 37 字 ≈ 3 行, 满)."""
    if block["fit"]:
        return block["fit"]
    if block["characters_overset"]:
        return f"{block['characters_overset']} characters over ({block['lines_overset']} lines)"
    if block["underset_lines"]:
        return f"{block['underset_lines']} lines short"
    return "fits"


def diagnostic_text(diagnostic: dict) -> str:
    """file:line: [key] message, as the build prints it."""
    where = ":".join(str(part) for part in (diagnostic["file"], diagnostic["line"]) if part)
    key = f" [{diagnostic['key']}]" if diagnostic["key"] else ""
    return f"{where}:{key} {diagnostic['message']}" if where else diagnostic["message"]
