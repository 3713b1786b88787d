"""Progress on a terminal: a huge article's long step says how far it has got."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from broadsheet import activity
from broadsheet.build import build_layout
from project import Project

TENFOLD = 10


@pytest.fixture
def project(tmp_path, monkeypatch) -> Project:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(activity, "INTERVAL_SECONDS", 0.0)   # every report, not one in 0.2 s
    return Project(tmp_path)


def _build(project: Project) -> list[tuple[int, int, str]]:
    told: list[tuple[int, int, str]] = []
    build_layout(Path("layouts/sample.yaml"), Path("out/page.pdf"),
                 progress=lambda done, total, what: told.append((done, total, what)))
    return told


def test_counting_a_huge_overset_reports_each_paragraph(project):
    front, body = project.read("articles/chenzhou.md").split("\n---\n", 1)
    project.write("articles/chenzhou.md", front + "\n---\n" + (body.strip() + "\n\n") * TENFOLD)
    told = _build(project)
    counting = [re.fullmatch(r"composing layouts/sample\.yaml \(counting overset lines, paragraph (\d+) of (\d+)\)",
                             what) for _, _, what in told]
    numbers = [(int(match[1]), int(match[2])) for match in counting if match]
    assert len(numbers) > 10
    assert [number for number, _ in numbers] == sorted(number for number, _ in numbers)
    assert {total for _, total in numbers} == {numbers[0][1]} and numbers[-1][0] == numbers[-1][1]
    assert told[-1][2] == "done"


def test_a_page_without_overset_reports_only_its_steps(project):
    told = _build(project)
    assert [what for _, _, what in told] == ["composing layouts/sample.yaml", "writing out/page.pdf", "done"]
