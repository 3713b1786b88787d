"""All or nothing: a build replaces every output it writes, or none of them.

Driven through the command line as a user meets it, on a copy of the
project's layouts and articles with the last good outputs already in place:
each failure must leave every previous output byte for byte as it was and no
temporary file beside them.  Ctrl-C, SIGTERM and SIGKILL are sent to a real
build process at a known point: when every output is staged and the build
waits before moving them into place (the test hook ``HOLD_VARIABLE``).
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from broadsheet.cli import main
from broadsheet.render import output
from broadsheet.render.output import HOLD_NOTICE, HOLD_VARIABLE, TEMPORARY_MARK, Transaction
from project import ROOT

# Stand-ins for the last good outputs: a failed build must leave them exactly so.
PREVIOUS = {
    "out/page.pdf": b"%PDF-1.4\n% the last good page\n",
    "out/page.json": b'{"the last good": "report"}\n',
    "out/proofs/page.png": b"\x89PNG the last good proof\n",
}
EDITION_PREVIOUS = {
    "out/edition.pdf": b"%PDF-1.4\n% the last good edition\n",
    "out/edition-1.pdf": b"%PDF-1.4\n% the last good page 1\n",
    "out/edition-2.pdf": b"%PDF-1.4\n% the last good page 2\n",
    "out/edition.json": b'{"the last good": "edition report"}\n',
}
SAMPLE_ARGUMENTS = ["layouts/sample.yaml", "-o", "out/page.pdf", "--report", "out/page.json", "--png", "out/proofs"]
# A hold far longer than any test waits: the signal always comes first.
HOLD_SECONDS = "60"
# Generous bounds for a build process (start-up and the sample page take about 2 s).
PROCESS_SECONDS = 60


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """The project's layouts and articles, and the last good outputs in out/."""
    for folder in ("layouts", "articles"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    for name, content in {**PREVIOUS, **EDITION_PREVIOUS}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(content)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def outputs(project: Path) -> dict[str, bytes]:
    """Every file under out/, temporaries included, by name."""
    return {str(path.relative_to(project)): path.read_bytes() for path in sorted((project / "out").rglob("*"))
            if path.is_file()}


def previous() -> dict[str, bytes]:
    return {**PREVIOUS, **EDITION_PREVIOUS}


def build(capsys, *arguments: str) -> tuple[int, str]:
    capsys.readouterr()
    status = main(["build", *arguments])
    return status, capsys.readouterr().err


def test_negative_control_a_good_build_replaces_every_output(project, capsys):
    status, err = build(capsys, *SAMPLE_ARGUMENTS)
    assert (status, err) == (0, "")
    after = outputs(project)
    assert all(after[name] != content for name, content in PREVIOUS.items())
    assert after["out/page.pdf"].startswith(b"%PDF-1.4") and after["out/proofs/page.png"].startswith(b"\x89PNG")


def test_an_edition_whose_second_page_cannot_be_written_changes_no_file(project, capsys):
    (project / "out/edition-2.pdf").unlink()
    (project / "out/edition-2.pdf").mkdir()   # a folder where page 2's PDF goes
    before = outputs(project)
    status, err = build(capsys, "layouts/edition.yaml", "-o", "out/edition.pdf", "--report", "out/edition.json")
    assert (status, err) == (1, "broadsheet: error: cannot write out/edition-2.pdf: Is a directory\n")
    assert outputs(project) == before


def test_png_proofs_into_a_file_change_no_file(project, capsys):
    (project / "out/proofs.png").write_bytes(b"a file, not a folder")
    before = outputs(project)
    status, err = build(capsys, "layouts/sample.yaml", "-o", "out/page.pdf", "--report", "out/page.json",
                        "--png", "out/proofs.png")
    assert (status, err) == (1, "broadsheet: error: cannot write out/proofs.png: File exists\n")
    assert outputs(project) == before


def test_a_rename_that_fails_while_committing_is_undone(project, monkeypatch, capsys):
    """The last line of defence: outputs already moved into place are put back."""
    replace = os.replace

    def fail_on_the_proof(source, target):
        if str(target).endswith(".png"):
            raise PermissionError(13, "Permission denied")
        replace(source, target)
    monkeypatch.setattr(os, "replace", fail_on_the_proof)
    status, err = build(capsys, *SAMPLE_ARGUMENTS)
    assert (status, err) == (1, "broadsheet: error: cannot write out/proofs/page.png: Permission denied\n")
    assert outputs(project) == previous()


@pytest.mark.parametrize("arguments, message", [
    (["-o", "fonts/title.ttf"],
     "-o fonts/title.ttf is one of the build's sources (the font for title); refusing to write over it"),
    (["-o", str(ROOT / "fonts" / "BroadsheetSerif-Regular.ttf")],
     f"-o {ROOT / 'fonts' / 'BroadsheetSerif-Regular.ttf'} is one of the build's sources (the font for body); "
     "refusing to write over it"),
    (["-o", str(ROOT / "fonts" / "roles.yaml")],
     f"-o {ROOT / 'fonts' / 'roles.yaml'} is one of the build's sources (the font roles file); refusing to write "
     "over it"),
    (["-o", "out/page.pdf", "--report", "articles/chenzhou.md"],
     "--report articles/chenzhou.md is one of the build's sources (the article of block 'chenzhou'); refusing to "
     "write over it"),
    (["-o", "out/page.pdf", "--report", "out/page.pdf"],
     "--report out/page.pdf is the same file as -o out/page.pdf; each output needs a file of its own"),
    (["-o", "out/page.pdf", "--report", "out/../out/page.pdf"],
     "--report out/../out/page.pdf is the same file as -o out/page.pdf; each output needs a file of its own"),
    (["-o", "out/page.png", "--png", "out"],
     "--png out/page.png is the same file as -o out/page.png; each output needs a file of its own"),
    (["-o", "out/page.pdf", "--png", "layouts/sample.yaml"],
     "--png layouts/sample.yaml is one of the build's sources (the layout layouts/sample.yaml); refusing to "
     "write over it"),
    (["-o", "out/hardlink.md"],
     "-o out/hardlink.md is one of the build's sources (the article of block 'chenzhou'); refusing to write "
     "over it"),
])
def test_no_output_over_a_source_or_another_output(arguments, message, project, capsys):
    shutil.copy(ROOT / "fonts" / "BroadsheetSans-Black.ttf", project / "fonts-title.ttf")
    (project / "fonts").mkdir()
    os.replace(project / "fonts-title.ttf", project / "fonts/title.ttf")
    layout = project / "layouts/sample.yaml"
    layout.write_text(layout.read_text(encoding="utf-8").replace("blocks:", "fonts:\n  title: fonts/title.ttf\n"
                                                                             "blocks:"), encoding="utf-8")
    os.link(project / "articles/chenzhou.md", project / "out/hardlink.md")
    sources = {path: path.read_bytes() for path in [*(project / "articles").glob("*.md"), layout,
                                                    project / "fonts/title.ttf", *(ROOT / "fonts").glob("*.*")]}
    before = outputs(project)
    status, err = build(capsys, "layouts/sample.yaml", *arguments)
    assert (status, err) == (1, f"broadsheet: error: {message}\n")
    assert {path: path.read_bytes() for path in sources} == sources
    assert outputs(project) == before


def _held_build(project: Path, *arguments: str) -> subprocess.Popen:
    """A build process that has staged every output and waits before committing."""
    environment = {**os.environ, HOLD_VARIABLE: HOLD_SECONDS, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen([sys.executable, "-m", "broadsheet.cli", "build", *arguments], cwd=project,
                               env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stderr.readline() == HOLD_NOTICE + "\n"
    return process


def _temporaries(project: Path) -> list[str]:
    return sorted(path.name for path in (project / "out").rglob(f".*{TEMPORARY_MARK}*"))


@pytest.mark.parametrize("number, status, message", [
    (signal.SIGINT, 130, "broadsheet: interrupted (Ctrl-C); no output was replaced\n"),
    (signal.SIGTERM, 143, "broadsheet: stopped (SIGTERM); no output was replaced\n"),
])
def test_ctrl_c_and_sigterm_leave_every_output_as_it_was(number, status, message, project):
    process = _held_build(project, *SAMPLE_ARGUMENTS)
    assert len(_temporaries(project)) == 3   # the PDF, the report and the proof, staged
    process.send_signal(number)
    _, err = process.communicate(timeout=PROCESS_SECONDS)
    assert (process.returncode, err) == (status, message)
    assert outputs(project) == previous()


def test_a_build_killed_outright_leaves_named_temporaries_that_the_next_build_removes(project, capsys):
    process = _held_build(project, *SAMPLE_ARGUMENTS)
    process.kill()
    process.communicate(timeout=PROCESS_SECONDS)
    pid = process.pid
    assert _temporaries(project) == sorted([f".page.pdf.{TEMPORARY_MARK}-{pid}", f".page.json.{TEMPORARY_MARK}-{pid}",
                                            f".page.png.{TEMPORARY_MARK}-{pid}"])
    assert {name: content for name, content in outputs(project).items() if TEMPORARY_MARK not in name} == previous()

    status, _ = build(capsys, *SAMPLE_ARGUMENTS)
    assert status == 0 and _temporaries(project) == []


def test_a_temporary_of_a_build_still_running_is_left_alone(project):
    """Ten editors may build into one folder at once: only the dead's leftovers go."""
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        theirs = project / "out" / f".page.pdf.{TEMPORARY_MARK}-{running.pid}"
        theirs.write_bytes(b"another build's page, half written")
        with Transaction() as transaction:
            transaction.stage(project / "out/page.pdf").write_bytes(b"%PDF-1.4 new")
        assert theirs.exists() and (project / "out/page.pdf").read_bytes() == b"%PDF-1.4 new"
    finally:
        running.kill()
        running.wait()
    assert output.remove_stale_temporaries(project / "out") == [theirs]


def test_an_interruption_while_writing_removes_the_temporaries(project):
    """Ctrl-C before the commit (here, while the second output is written)."""
    with pytest.raises(KeyboardInterrupt):
        with Transaction() as transaction:
            transaction.stage(project / "out/page.pdf").write_bytes(b"new")
            transaction.stage(project / "out/page.json")
            raise KeyboardInterrupt
    assert outputs(project) == previous()

