"""What a long step is doing now, for the progress line on a terminal.

A build tells its steps to its ``Progress`` callback (a page composed, a file
written).  Inside one step a huge input can take seconds (the overset rest of
a 4 MB article is broken line by line only to be counted): code deep in the
pipeline reports how far it has got with ``report``, and whoever asked with
``reporting`` hears it, at most every ``INTERVAL_SECONDS``.  Nobody asking
(a test, a worker process) costs one lookup.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

INTERVAL_SECONDS = 0.2

_listener: ContextVar[tuple[Callable[[str], None], list[float]] | None] = ContextVar("activity", default=None)


@contextmanager
def reporting(listener: Callable[[str], None]) -> Iterator[None]:
    """Within the block, ``report`` calls reach ``listener``."""
    token = _listener.set((listener, [0.0]))
    try:
        yield
    finally:
        _listener.reset(token)


def report(done: int, total: int, what: str) -> None:
    """``done`` of ``total`` units of ``what`` are done, the next begins
    (told at most every INTERVAL_SECONDS)."""
    current = _listener.get()
    if current is None:
        return
    listener, last = current
    now = time.monotonic()
    if now - last[0] >= INTERVAL_SECONDS:
        last[0] = now
        listener(f"{what} {done + 1} of {total}")
