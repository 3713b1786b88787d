"""Errors a user sees: each names the file, the line and the field at fault."""
from __future__ import annotations


class BroadsheetError(Exception):
    """Base of every error broadsheet reports to the user (exit status 1)."""


class SourceError(BroadsheetError):
    """Bad input: an article, a layout or a font the page cannot be built from."""

    def __init__(self, path: str, line: int | None, field: str | None, message: str):
        self.path, self.line, self.field, self.message = str(path), line, field, message
        super().__init__(str(self))

    def __reduce__(self):
        """Rebuilt from its parts when a worker process hands it back (an edition's page)."""
        return type(self), (self.path, self.line, self.field, self.message)

    def __str__(self) -> str:
        where = self.path + (f":{self.line}" if self.line else "")
        field = f" [{self.field}]" if self.field else ""
        return f"{where}:{field} {self.message}"


class BuildError(BroadsheetError):
    """The page could not be made (a warning promoted by --strict, a failed write)."""
