"""Snapshot tests: the pages we print, compared pixel by pixel with references."""
from __future__ import annotations

from pathlib import Path

import pytest

from broadsheet.build import build_layout
from snapshots import SNAPSHOT_DIR, check_snapshot

ROOT = Path(__file__).resolve().parent.parent
# The customer's sample page, and a three-page edition (front page with masthead,
# L-shaped lead story, vertical title, 五破三; page 2 with the jump's continuation;
# page 3 with an interview, a 导读 and a data table).
LAYOUTS = ["sample", "edition"]


@pytest.mark.parametrize("name", LAYOUTS)
def test_layout_matches_its_snapshot(name, tmp_path, update_snapshots):
    pdf = tmp_path / f"{name}.pdf"
    build_layout(ROOT / "layouts" / f"{name}.yaml", pdf)
    check_snapshot(name, pdf, update_snapshots)


def test_a_changed_break_fails_the_comparison(tmp_path, monkeypatch):
    """Negative control: the sample page with the line breaker's output
    changed (every paragraph's first line one character shorter) must not
    match the stored reference."""
    import broadsheet.text.linebreak as linebreak

    assert (SNAPSHOT_DIR / "sample-1.png").exists()
    original = linebreak.Measure.available
    monkeypatch.setattr(linebreak.Measure, "available",
                        lambda self, start: original(self, start) - (1.0 if start == 0 else 0.0))
    pdf = tmp_path / "changed.pdf"
    build_layout(ROOT / "layouts" / "sample.yaml", pdf)
    with pytest.raises(AssertionError, match="pixels differ"):
        check_snapshot("sample", pdf, update=False)
