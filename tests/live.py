"""Helpers for tests of the live loop: watch running in a thread, bounded waits, the served page."""
from __future__ import annotations

import io
import os
import queue
import subprocess
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from broadsheet.live.rebuild import DeskState
from broadsheet.live.watch import watch

# A cold first build in a test process takes about a second; on a loaded CI
# machine allow many times that before calling the loop stuck.
FIRST_BUILD_S = 60.0
REBUILD_S = 30.0
# A paragraph that overfills the sample page's first block (8 lines short of full).
LONG_PARAGRAPH = "郴州把招商引资作为“一号工程”，一批新的增长点正在加速形成。" * 12


class Lines(io.TextIOBase):
    """What watch prints, kept line by line (written from watch's thread)."""

    def __init__(self):
        self.text = ""
        self.lock = threading.Lock()

    def write(self, text: str) -> int:
        with self.lock:
            self.text += text
        return len(text)

    def lines(self) -> list[str]:
        with self.lock:
            return self.text.splitlines()


def save_as_editors_do(path: Path, text: str) -> None:
    """Write a new file and rename it over the old one, as most editors save
    (one file event, so each save is one rebuild)."""
    temporary = path.with_name(f".{path.name}.swp-save")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def edit(project, relative: str, old: str, new: str) -> None:
    """Change ``old`` (which must be there) to ``new`` in a source of a tests/project.py Project, saved as editors save."""
    text = project.read(relative)
    assert old in text, f"{old!r} not in {relative}"
    save_as_editors_do(project.path(relative), text.replace(old, new, 1))


@contextmanager
def watching(layout: Path, out_dir: Path) -> Iterator[tuple[DeskState, Lines]]:
    """Run ``watch`` on ``layout`` until the block ends; yields once the first
    build is done (the watcher is then in place)."""
    state = DeskState(layout, out_dir / f"{layout.stem}.pdf", out_dir)
    lines, stop = Lines(), threading.Event()
    thread = threading.Thread(target=watch, args=(state, lines, stop), daemon=True)
    thread.start()
    try:
        assert state.wait_after(0, FIRST_BUILD_S), "watch made no first build"
        yield state, lines
    finally:
        stop.set()
        thread.join(REBUILD_S)
        assert not thread.is_alive(), "watch did not stop"


def rebuilt(state: DeskState, after: int) -> None:
    """Wait for the rebuild after attempt ``after`` (never a fixed sleep)."""
    assert state.wait_after(after, REBUILD_S), f"no rebuild after attempt {after} within {REBUILD_S} s"


@contextmanager
def running(command: list[str], folder: Path) -> Iterator[tuple[subprocess.Popen, Callable[..., str]]]:
    """Run a command in ``folder``; yields it and a function that returns its
    next line of output (skipping indented warnings and lines that start with
    any of its arguments), failing after FIRST_BUILD_S; the process is ended after."""
    process = subprocess.Popen(command, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [output.put(line) for line in process.stdout], daemon=True)
    reader.start()

    def next_line(*skipped: str) -> str:
        while True:
            try:
                line = output.get(timeout=FIRST_BUILD_S)
            except queue.Empty:
                raise AssertionError(f"{command[3:]} printed nothing for {FIRST_BUILD_S} s") from None
            if not line.startswith(("  ", *skipped)):
                return line

    try:
        yield process, next_line
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        reader.join(REBUILD_S)
        process.stdout.close()
