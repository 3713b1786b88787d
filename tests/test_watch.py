"""broadsheet watch: real file changes in a throwaway project, rebuilt by the warm loop."""
from __future__ import annotations

import json
import signal
import sys
from http.client import HTTPConnection
from pathlib import Path

import pytest
from live import LONG_PARAGRAPH, REBUILD_S, edit, rebuilt, running, save_as_editors_do, watching
from project import SAMPLE_LAYOUT, Project

from broadsheet.build import build_layout
from broadsheet.fonts.registry import ROLES_FILE
from broadsheet.live.serve import DeskServer


def _block(state, name: str) -> dict:
    return next(block for page in state.proof.pages for block in page["blocks"] if block["name"] == name)


@pytest.fixture
def project(tmp_path, monkeypatch) -> Project:
    monkeypatch.chdir(tmp_path)
    return Project(tmp_path)


def test_an_edit_to_an_article_rebuilds_the_page(project, tmp_path):
    out = tmp_path / "out"
    with watching(Path(SAMPLE_LAYOUT), out) as (state, lines):
        first, neighbour = _block(state, "chenzhou"), _block(state, "xianning")
        assert {ROLES_FILE.resolve(), project.path("articles/xianning.md").resolve()} <= state.sources
        assert first["characters_overset"] == 0 and first["underset_lines"] > 0
        pdf_before = (out / "sample.pdf").read_bytes()
        png_before = (out / "sample.png").read_bytes()
        article = project.path("articles/chenzhou.md")
        save_as_editors_do(article, article.read_text(encoding="utf-8") + "\n" + LONG_PARAGRAPH + "\n")
        rebuilt(state, 1)
        assert state.attempt.error is None
        after = _block(state, "chenzhou")
        assert after["characters_overset"] > 0
        assert after["characters_set"] > first["characters_set"]
        assert _block(state, "xianning")["characters_set"] == neighbour["characters_set"]
        # Only the edited article's block was composed again; its neighbour came from the last build.
        assert (state.composer.composed, state.composer.reused) == (1, 1)
        assert (out / "sample.pdf").read_bytes() != pdf_before
        assert (out / "sample.png").read_bytes() != png_before
        assert state.png(state.proof.version, 0) == (out / "sample.png").read_bytes()
        # The proof encoder kept the bands the edit left alone, and wrote the bytes a cold build writes.
        assert 0 < state.proofs.png.deflated and 0 < state.proofs.png.kept
        build_layout(Path(SAMPLE_LAYOUT), tmp_path / "cold" / "sample.pdf", png_dir=tmp_path / "cold")
        assert (tmp_path / "cold" / "sample.png").read_bytes() == (out / "sample.png").read_bytes()
        shown = lines.rebuild_lines(2)
        assert len(shown) == 2, shown
        assert f"chenzhou: 超 {after['copyfit']['over']} 字 ≈ {after['fit'].split('≈ ')[1]}" in shown[1]
        assert after["fit"].startswith(f"超 {after['copyfit']['over']} 字")
        assert "xianning: " in shown[1] and "rebuilt in" in shown[1]


def test_a_broken_file_shows_its_error_and_keeps_the_last_good_proof(project, tmp_path):
    out = tmp_path / "out"
    with watching(Path(SAMPLE_LAYOUT), out) as (state, lines):
        good = state.proof
        pdf, png = (out / "sample.pdf").read_bytes(), (out / "sample.png").read_bytes()
        layout = project.read(SAMPLE_LAYOUT)
        edit(project, SAMPLE_LAYOUT, "  columns: 8\n", "  columns: [8\n")
        rebuilt(state, 1)
        error = state.attempt.error
        assert error["file"] == SAMPLE_LAYOUT and error["line"] and "malformed YAML" in error["message"]
        assert state.proof is good
        assert (out / "sample.pdf").read_bytes() == pdf and (out / "sample.png").read_bytes() == png
        assert f"error: {SAMPLE_LAYOUT}:{error['line']}:" in lines.rebuild_lines(2)[-1]
        assert f"kept the proof of {good.finished}" in lines.rebuild_lines(2)[-1]

        # A broken article names its file and field; the proof stays.
        save_as_editors_do(project.path(SAMPLE_LAYOUT), layout)
        rebuilt(state, 2)
        assert state.attempt.error is None
        edit(project, "articles/xianning.md", "title:", "titel:")
        rebuilt(state, 3)
        error = state.attempt.error
        assert (error["file"], error["key"]) == ("articles/xianning.md", "titel")
        assert "error: articles/xianning.md:" in lines.rebuild_lines(4)[-1]
        assert state.proof.version == 3


def test_the_served_page_streams_every_rebuild(project, tmp_path):
    """Without a browser: /events sends the state now and after each rebuild;
    the proof image is served by version."""
    with watching(Path(SAMPLE_LAYOUT), tmp_path / "out") as (state, _lines):
        server = DeskServer(state, port=0)
        server.start()
        try:
            connection = HTTPConnection("127.0.0.1", server.server_address[1], timeout=REBUILD_S)
            connection.request("GET", "/events")
            stream = connection.getresponse()
            assert stream.getheader("Content-Type") == "text/event-stream"
            first = _next_event(stream)
            assert first["proof"]["version"] == 1
            edit(project, "articles/chenzhou.md", "郴州是一座", LONG_PARAGRAPH + "\n\n郴州是一座")
            second = _next_event(stream)
            assert second["proof"]["version"] == 2
            chenzhou = next(block for block in second["proof"]["pages"][0]["blocks"] if block["name"] == "chenzhou")
            assert chenzhou["characters_overset"] > 0
            connection.close()

            page = HTTPConnection("127.0.0.1", server.server_address[1], timeout=REBUILD_S)
            page.request("GET", second["proof"]["pages"][0]["png"])
            image = page.getresponse()
            assert image.status == 200 and image.read() == (tmp_path / "out" / "sample.png").read_bytes()
            page.request("GET", first["proof"]["pages"][0]["png"])
            stale = page.getresponse()
            stale.read()
            assert stale.status == 404
            page.close()
        finally:
            server.close()


def _next_event(stream) -> dict:
    """The data of the next server-sent event (comments skipped)."""
    data = []
    while True:
        line = stream.fp.readline().decode("utf-8")
        assert line, "the event stream ended"
        if line.startswith("data: "):
            data.append(line[len("data: "):].rstrip("\n"))
        elif line == "\n" and data:
            return json.loads("".join(data))


def test_the_watch_command_prints_a_line_per_rebuild_and_stops_on_ctrl_c(project, tmp_path):
    command = [sys.executable, "-m", "broadsheet.cli", "watch", SAMPLE_LAYOUT, "-o", "out/sample.pdf"]
    with running(command, tmp_path) as (process, next_line):
        assert next_line().startswith(f"watching {SAMPLE_LAYOUT}")
        assert "rebuilt in" in next_line()
        edit(project, "articles/chenzhou.md", "郴州是一座", LONG_PARAGRAPH + "\n\n郴州是一座")
        assert "chenzhou: 超 " in next_line()
        process.send_signal(signal.SIGINT)
        assert process.wait(REBUILD_S) == 0
    assert (tmp_path / "out" / "sample.pdf").is_file() and (tmp_path / "out" / "sample.png").is_file()


def test_an_article_the_layout_takes_up_is_watched_too(project, tmp_path):
    """Pointing a block at an article in a folder not watched before: that
    folder is watched from the next build on."""
    out = tmp_path / "out"
    with watching(Path(SAMPLE_LAYOUT), out) as (state, _lines):
        moved = project.path("desk/today/xianning.md")
        moved.parent.mkdir(parents=True)
        moved.write_text(project.read("articles/xianning.md"), encoding="utf-8")
        edit(project, SAMPLE_LAYOUT, "article: articles/xianning.md", "article: desk/today/xianning.md")
        rebuilt(state, 1)
        assert state.attempt.error is None and moved.resolve() in state.sources
        before = _block(state, "xianning")["characters_set"]
        save_as_editors_do(moved, moved.read_text(encoding="utf-8") + "\n" + LONG_PARAGRAPH + "\n")
        rebuilt(state, 2)
        assert _block(state, "xianning")["characters_set"] > before


def test_a_page_broken_from_the_start_is_built_once_its_article_is_put_right(project, tmp_path):
    edit(project, "articles/xianning.md", "title:", "titel:")
    with watching(Path(SAMPLE_LAYOUT), tmp_path / "out") as (state, lines):
        assert state.attempt.error["key"] == "titel" and state.proof is None
        assert "(no proof yet)" in lines.rebuild_lines(1)[-1]
        edit(project, "articles/xianning.md", "titel:", "title:")
        rebuilt(state, 1)
        assert state.attempt.error is None and state.proof.version == 2


def test_an_error_met_while_a_file_is_still_being_saved_is_not_shown(project, tmp_path, monkeypatch):
    """An editor that writes in place truncates the file, then writes it: a
    build that reads it in between fails, and is built again, not reported."""
    import broadsheet.live.rebuild as rebuild
    from broadsheet.live.rebuild import DeskState
    state = DeskState(Path(SAMPLE_LAYOUT), tmp_path / "out" / "sample.pdf", tmp_path / "out")
    assert state.rebuild().error is None
    article = project.path("articles/chenzhou.md")
    saved = article.read_text(encoding="utf-8").replace("郴州是一座", "郴州是这座")
    builds = []
    real = rebuild.rebuild_pages

    def saving_during_the_build(*args, **kwargs):
        builds.append(article.read_text(encoding="utf-8"))
        try:
            return real(*args, **kwargs)
        finally:
            if len(builds) == 1:   # the editor's write lands while the first build runs
                article.write_text(saved, encoding="utf-8")
    article.write_text("", encoding="utf-8")   # truncated, not yet written
    monkeypatch.setattr(rebuild, "rebuild_pages", saving_during_the_build)
    attempt = state.rebuild()
    assert builds == ["", saved] and attempt.error is None and attempt.version == 2
    assert not state.stale()
    # A file that stays broken is shown at once: one build, its error.
    builds.clear()
    article.write_text("", encoding="utf-8")
    monkeypatch.setattr(rebuild, "rebuild_pages", lambda *args, **kwargs: builds.append(1) or real(*args, **kwargs))
    attempt = state.rebuild()
    assert builds == [1] and "the article file is empty" in attempt.error["message"]
