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


def test_a_galley_sets_rich_copy_as_a_block_does(tmp_path):
    """Bold lead-ins in the bold face, the 导读's page references kept with
    their entries, a table's cells in their columns."""
    from pdfread import page_chars
    out = tmp_path / "galley.pdf"
    assert main(["galley", str(ROOT / "articles" / "mayor-interview.md"), "-o", str(out)]) == 0
    chars = [c for n in range(page_count(out)) for c in page_chars(out, n) if not c.char.isspace()]
    text = "".join(c.char for c in chars)
    lead_in = text.index("记者：今年")
    assert all(c.font.endswith("BroadsheetSansSC-Bold") for c in chars[lead_in:lead_in + 3])
    assert chars[lead_in + 3].font.endswith("BroadsheetSerifSC-Regular")
    digest = tmp_path / "digest.pdf"
    assert main(["galley", str(ROOT / "articles" / "digest.md"), "-o", str(digest), "--measure", "30"]) == 0
    index = all_text(digest).replace(" ", "")
    assert "江州港吞吐量首季增长12.3%…" in index and "…2版稳住工业基本盘" in index
