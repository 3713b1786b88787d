"""Errors a user sees: each names the file, the line and the field at fault."""
from __future__ import annotations

from .diagnostics import Diagnostic, Severity


class BroadsheetError(Exception):
    """Base of every error broadsheet reports to the user (exit status 1)."""

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """What went wrong, as data (empty when the error names no source)."""
        return []


class SourceError(BroadsheetError):
    """Bad input: an article, a layout or a font the page cannot be built from."""

    def __init__(self, path: str, line: int | None, field: str | None, message: str, block: str | None = None):
        self.path, self.line, self.field, self.message, self.block = str(path), line, field, message, block
        super().__init__(str(self))

    @property
    def diagnostic(self) -> Diagnostic:
        return Diagnostic(self.path, self.line or None, self.field, Severity.ERROR, self.message, self.block)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [self.diagnostic]

    def __reduce__(self):
        """Rebuilt from its parts when a worker process hands it back (an edition's page)."""
        return type(self), (self.path, self.line, self.field, self.message, self.block)

    def __str__(self) -> str:
        return str(self.diagnostic)


class BuildError(BroadsheetError):
    """The page could not be made (a warning promoted by --strict, a failed write)."""

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None):
        super().__init__(message)
        self._diagnostics = list(diagnostics or [])

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """The warnings --strict refused, as errors."""
        return self._diagnostics
