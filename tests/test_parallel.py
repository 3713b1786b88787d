"""Editions built page by page by an executor: the same bytes, report and
errors as a serial build, whatever executor runs the page tasks."""
from __future__ import annotations

import multiprocessing
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from broadsheet.build import build_layout
from broadsheet.errors import SourceError

ROOT = Path(__file__).resolve().parent.parent
EDITION = ROOT / "layouts" / "edition.yaml"   # page 1's lead story jumps (转版) to page 2


class CountingPool(ProcessPoolExecutor):
    """The standard process pool, counting the page tasks handed to it, as a
    cluster's executor (Dask's ``Client.get_executor()``) would be handed them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.tasks = 0

    def submit(self, fn, /, *args, **kwargs):
        self.tasks += 1
        return super().submit(fn, *args, **kwargs)


def _outputs(out: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(out.parent.glob(f"{out.stem}*.pdf"))}


def test_an_edition_from_a_pluggable_executor_has_the_bytes_of_a_serial_build(tmp_path):
    serial = build_layout(EDITION, tmp_path / "serial" / "edition.pdf", jobs=1)
    # Spawned workers start from nothing, as a cluster's do: tasks and answers cross by pickling.
    with CountingPool(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        pooled = build_layout(EDITION, tmp_path / "pooled" / "edition.pdf", executor=pool)
    assert pool.tasks == len(serial.pages) >= 2      # one task a page
    assert serial.worker_memory == {} and len(pooled.worker_memory) >= 1
    assert all(peak > 0 for peak in pooled.worker_memory.values())
    serial_files = _outputs(tmp_path / "serial" / "edition.pdf")
    assert list(serial_files) == [*(f"edition-{page.number}.pdf" for page in serial.pages), "edition.pdf"]
    assert _outputs(tmp_path / "pooled" / "edition.pdf") == serial_files
    assert pooled.report() == serial.report()
    assert any(block.characters_continued for page in pooled.pages for block in page.blocks)


def test_the_default_pool_builds_the_same_edition(tmp_path):
    build_layout(EDITION, tmp_path / "serial" / "edition.pdf", jobs=1)
    build_layout(EDITION, tmp_path / "jobs" / "edition.pdf", jobs=2)
    assert _outputs(tmp_path / "jobs" / "edition.pdf") == _outputs(tmp_path / "serial" / "edition.pdf")


def test_an_error_on_a_worker_is_the_serial_error(tmp_path):
    shutil.copytree(ROOT / "layouts", tmp_path / "layouts")
    shutil.copytree(ROOT / "articles", tmp_path / "articles")
    article = tmp_path / "articles" / "farm-comment.md"   # set on page 2
    article.write_text(article.read_text(encoding="utf-8").replace("。", "。\U000F0001", 1), encoding="utf-8")
    messages = []
    for jobs in (1, 2):
        with pytest.raises(SourceError) as error:
            build_layout(tmp_path / "layouts" / "edition.yaml", tmp_path / f"out-{jobs}" / "edition.pdf", jobs=jobs)
        messages.append(str(error.value))
        assert not (tmp_path / f"out-{jobs}").exists() or not list((tmp_path / f"out-{jobs}").iterdir())
    assert messages[0] == messages[1] and "farm-comment.md" in messages[0]
