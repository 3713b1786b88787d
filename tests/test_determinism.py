"""Determinism under load: the sample page built 50 times in parallel
processes gives the same bytes every time.

Workers are spawned (not forked), each with its own hash seed, in several
rounds of fresh pools, so cold starts (fonts, word list, caches loaded from
nothing) mix with warm builds while two builds run at once.  (Python 3.11's
``max_tasks_per_child`` would renew workers too, but can hang the pool.)
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from project import ROOT, Project

BUILDS = 50
WORKERS = 2     # the CI machine has two cores
ROUNDS = 5      # a fresh pool each round: ten cold starts in all


def build_digest(number: int) -> str:
    """Build the sample page in this process; the SHA-256 of the PDF."""
    from broadsheet.build import build_layout
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / f"sample-{number}.pdf"
        build_layout(ROOT / "layouts" / "sample.yaml", pdf)
        return hashlib.sha256(pdf.read_bytes()).hexdigest()


def test_fifty_parallel_builds_give_identical_bytes(sample_build, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("PYTHONHASHSEED", raising=False)  # each spawned worker draws its own
    pdf, _, _ = sample_build
    expected = hashlib.sha256(pdf.read_bytes()).hexdigest()
    digests: list[str] = []
    per_round = BUILDS // ROUNDS
    for first in range(0, BUILDS, per_round):
        with ProcessPoolExecutor(WORKERS, mp_context=multiprocessing.get_context("spawn")) as pool:
            digests += pool.map(build_digest, range(first, first + per_round))
    assert len(digests) == BUILDS
    assert set(digests) == {expected}


def test_a_changed_source_changes_the_bytes(sample_build, tmp_path):
    """Negative control: the comparison above can see a one-character change."""
    from broadsheet.build import build_layout
    project = Project(tmp_path)
    project.replace("articles/chenzhou.md", "郴州是一座", "郴州是这座")
    pdf = tmp_path / "changed.pdf"
    build_layout(project.path("layouts/sample.yaml"), pdf)
    assert pdf.read_bytes() != sample_build[0].read_bytes()
    assert os.path.getsize(pdf) > 0
