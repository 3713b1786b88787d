"""What a check reports: one finding per fault, and the report that sums them up."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field

from ..diagnostics import Severity  # error: the printer will reject the page; warning: it prints, maybe not as meant
from ..units import to_mm


@dataclass(frozen=True)
class Finding:
    severity: Severity
    check: str             # short stable name, e.g. "rgb-colour", for scripts and tests
    message: str
    page: int | None = None  # 1-based; None for the whole document

    def line(self) -> str:
        where = f"page {self.page}" if self.page is not None else "document"
        return f"{self.severity.value}: {where}: {self.check}: {self.message}"


@dataclass(frozen=True)
class Place:
    """A point on the page, reported as an editor measures: mm from the trim's top-left."""
    x: float
    y: float

    def __str__(self) -> str:
        return f"{to_mm(self.x):.1f} mm, {to_mm(self.y):.1f} mm from the trim's top-left"


class PageTally:
    """Collects repeated faults on one page so that each kind is reported once,
    with a count and where it first occurs."""

    def __init__(self, page: int):
        self.page = page
        self._counts: Counter[tuple[Severity, str, str]] = Counter()
        self._first: dict[tuple[Severity, str, str], Place | None] = {}

    def add(self, severity: Severity, check: str, message: str, place: Place | None = None) -> None:
        key = (severity, check, message)
        self._counts[key] += 1
        self._first.setdefault(key, place)

    def findings(self) -> list[Finding]:
        found = []
        for key, count in self._counts.items():
            severity, check, message = key
            place = self._first[key]
            detail = []
            if count > 1:
                detail.append(f"{count} times")
            if place is not None:
                detail.append(("first " if count > 1 else "") + f"at {place}")
            suffix = f" ({', '.join(detail)})" if detail else ""
            found.append(Finding(severity, check, message + suffix, self.page))
        return found


@dataclass
class Report:
    path: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(finding.severity is Severity.ERROR for finding in self.findings)

    @property
    def warnings(self) -> int:
        return sum(finding.severity is Severity.WARNING for finding in self.findings)

    def summary(self) -> str:
        return f"preflight: {self.errors} errors, {self.warnings} warnings"

    def text(self) -> str:
        return "\n".join([finding.line() for finding in self.findings] + [self.summary()])

    def json(self) -> str:
        findings = [{**asdict(finding), "severity": finding.severity.value} for finding in self.findings]
        return json.dumps({"file": self.path, "errors": self.errors, "warnings": self.warnings,
                           "findings": findings}, ensure_ascii=False, indent=2)
