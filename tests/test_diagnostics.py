"""Diagnostics as data: every warning and error a build reports is one
``Diagnostic`` (file, line, key, severity, message, block), printed on the
terminal as ``file:line: [key] message`` and written to --report as an object."""
from __future__ import annotations

import json

import pytest

from broadsheet.build import build_layout
from broadsheet.diagnostics import Diagnostic, Severity
from broadsheet.errors import BuildError, SourceError
from project import Project

ARTICLE = "articles/chenzhou.md"


@pytest.fixture
def project(tmp_path, monkeypatch) -> Project:
    monkeypatch.chdir(tmp_path)
    return Project(tmp_path)


def test_a_cleaning_warning_is_data_in_the_report_and_a_line_on_the_terminal(project, capsys):
    project.replace(ARTICLE, "郴州", "郴\u200b州")
    status, _, err = project.build(capsys, "-o", "out/page.pdf", "--report", "out/page.json")
    assert status == 0
    [warning] = json.loads(project.read("out/page.json"))["warnings"]
    line = warning["line"]
    assert warning == {"file": ARTICLE, "line": line, "key": warning["key"], "severity": "warning",
                       "message": "removed invisible character U+200B ZERO WIDTH SPACE", "block": "chenzhou"}
    assert project.read(ARTICLE).split("\n")[line - 1].count("\u200b") == 1
    assert err == f"broadsheet: warning: {ARTICLE}:{line}: [{warning['key']}] {warning['message']}\n"


def test_strict_refuses_with_the_warnings_as_errors(project):
    project.replace(ARTICLE, "郴州", "郴\u200b州")
    with pytest.raises(BuildError) as refused:
        build_layout(project.path("layouts/sample.yaml"), project.path("out/page.pdf"), strict=True)
    [diagnostic] = refused.value.diagnostics
    assert diagnostic.severity is Severity.ERROR and diagnostic.block == "chenzhou"
    assert str(diagnostic) in str(refused.value)


def test_a_source_error_carries_its_diagnostic():
    error = SourceError("layouts/a.yaml", 7, "grid.columns", "must be a whole number ≥ 1, not 'x'")
    assert error.diagnostic == Diagnostic("layouts/a.yaml", 7, "grid.columns", Severity.ERROR,
                                          "must be a whole number ≥ 1, not 'x'")
    assert str(error) == "layouts/a.yaml:7: [grid.columns] must be a whole number ≥ 1, not 'x'"
    assert json.loads(json.dumps(error.diagnostic.as_dict()))["severity"] == "error"
