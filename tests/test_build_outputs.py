"""What a build leaves behind when one of its outputs cannot be written."""
from __future__ import annotations

from pathlib import Path

from broadsheet.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_a_report_that_cannot_be_written_leaves_the_last_pdf_untouched(tmp_path, capsys):
    pdf = tmp_path / "page.pdf"
    pdf.write_bytes(b"%PDF-1.4 the last good page")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the report's folder should be", encoding="utf-8")
    status = main(["build", str(ROOT / "layouts" / "sample.yaml"), "-o", str(pdf),
                   "--report", str(blocker / "report.json")])
    assert status == 1
    assert "report.json" in capsys.readouterr().err
    assert pdf.read_bytes() == b"%PDF-1.4 the last good page"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-folder", "page.pdf"]


def test_report_and_pdf_are_both_written_when_all_goes_well(tmp_path):
    pdf, report = tmp_path / "page.pdf", tmp_path / "page.json"
    assert main(["build", str(ROOT / "layouts" / "sample.yaml"), "-o", str(pdf), "--report", str(report)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF-1.4") and report.stat().st_size > 100
