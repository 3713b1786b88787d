"""Shared fixtures: the sample page built once per test session, snapshot options."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))


def pytest_addoption(parser):
    parser.addoption("--update-snapshots", action="store_true", default=False,
                     help="rewrite the reference images in tests/snapshots/ instead of comparing")


@pytest.fixture(scope="session")
def update_snapshots(request) -> bool:
    return request.config.getoption("--update-snapshots")


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """The sample page as a user builds it: (pdf path, BuildResult, report path)."""
    from broadsheet.build import build_layout
    out = tmp_path_factory.mktemp("sample")
    pdf = out / "sample.pdf"
    report = out / "sample.json"
    result = build_layout(ROOT / "layouts" / "sample.yaml", pdf, report=report)
    return pdf, result, report


@pytest.fixture(scope="session")
def edition_build(tmp_path_factory):
    """The three-page 江州日报 edition (layouts/edition.yaml), whose lead story
    jumps from page 1 to page 2: (combined pdf, BuildResult, report path)."""
    from broadsheet.build import build_layout
    out = tmp_path_factory.mktemp("edition")
    pdf = out / "edition.pdf"
    report = out / "edition.json"
    result = build_layout(ROOT / "layouts" / "edition.yaml", pdf, report=report)
    return pdf, result, report
