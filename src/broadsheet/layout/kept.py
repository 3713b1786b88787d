"""What a warm process keeps from one build for the next, by key.

A store holds what the last build made and what this one has made so far;
at the end of a build only what it used is kept, so memory does not grow.
While its ``build()`` runs the store is the active one of its kind: the
functions that consult it are called deep inside composition, and a cold
build, with no store active, makes everything afresh.
"""
from __future__ import annotations

from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import ClassVar, Generic, TypeVar

Value = TypeVar("Value")


class KeptByBuild(Generic[Value]):
    """Values by key from the last build and this one (this one's first)."""

    _active: ClassVar[ContextVar]

    def __init_subclass__(cls, **options) -> None:
        super().__init_subclass__(**options)
        cls._active = ContextVar(cls.__name__, default=None)

    def __init__(self) -> None:
        self._last: dict[Hashable, Value] = {}
        self._now: dict[Hashable, Value] = {}

    @classmethod
    def active(cls):
        """The store whose build is running, or None (a cold build)."""
        return cls._active.get()

    def _find(self, key: Hashable) -> Value | None:
        return self._now.get(key) or self._last.get(key)

    def _keep(self, key: Hashable, value: Value) -> None:
        self._now[key] = value

    @contextmanager
    def build(self) -> Iterator[None]:
        """Make this the active store for the length of one build."""
        token = self._active.set(self)
        try:
            yield
        finally:
            self._active.reset(token)
            self._last, self._now = self._now, {}
