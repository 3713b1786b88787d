"""Diagnostics: every error and warning a build reports, as plain data.

One ``Diagnostic`` names the file, line and key at fault, how bad it is, what
is wrong and (when it concerns one) the block.  The terminal prints it as
``file:line: [key] message``; ``--report`` writes it as a JSON object; the
proof viewer links it to its file and line.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"      # the page cannot be built (or, with --strict, is not written)
    WARNING = "warning"  # the page is built, but something may not come out as meant
    NOTE = "note"        # worth knowing, not a fault of this build (--strict lets it pass)


@dataclass(frozen=True)
class Diagnostic:
    file: str
    line: int | None
    key: str | None
    severity: Severity
    message: str
    block: str | None = None     # the block it concerns, if one

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        key = f" [{self.key}]" if self.key else ""
        return f"{where}:{key} {self.message}"

    def as_dict(self) -> dict:
        """JSON-ready: the severity as its name, every other field as it is."""
        return {**asdict(self), "severity": self.severity.value}


def warning(file: str, line: int | None, key: str | None, message: str, block: str | None = None) -> Diagnostic:
    return Diagnostic(str(file), line or None, key, Severity.WARNING, message, block)


def note(file: str, line: int | None, key: str | None, message: str, block: str | None = None) -> Diagnostic:
    return Diagnostic(str(file), line or None, key, Severity.NOTE, message, block)
