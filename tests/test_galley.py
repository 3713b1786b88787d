"""The galley command as an editor runs it: every character set, page after page."""
from __future__ import annotations

from pathlib import Path

from broadsheet.cli import main
from broadsheet.source.article import read_article
from pdfread import all_text, page_count

ROOT = Path(__file__).resolve().parent.parent


def test_a_galley_sets_the_whole_article_over_as_many_pages_as_it_needs(tmp_path, capsys):
    out = tmp_path / "galley.pdf"
    assert main(["galley", str(ROOT / "articles" / "chenzhou.md"), "-o", str(out), "--measure", "10"]) == 0
    assert "page(s)" in capsys.readouterr().out
    article = read_article(ROOT / "articles" / "chenzhou.md")
    text = all_text(out).replace(" ", "")
    body = "".join(p.text for p in article.paragraphs).replace(" ", "")
    assert body in "".join(text.split())
    assert page_count(out) >= 3


def test_a_galley_reports_what_cleaning_removed(tmp_path, capsys):
    source = tmp_path / "article.md"
    source.write_text("---\ntitle: 测试\n---\n今天\u200b天气很好。\n", encoding="utf-8")
    assert main(["galley", str(source), "-o", str(tmp_path / "out.pdf")]) == 0
    err = capsys.readouterr().err
    assert f"{source}:4: [body] removed invisible character U+200B ZERO WIDTH SPACE" in err
