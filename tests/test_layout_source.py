"""Layout and edition files are validated: every error names the file, the
line and the key at fault."""
from __future__ import annotations

from pathlib import Path

import pytest

from broadsheet.errors import SourceError
from broadsheet.source.edition import read_edition, read_pages
from broadsheet.source.layout import read_layout

ARTICLE = "---\ntitle: 标题\n---\n\n正文第一段。\n"
GRID = "grid: {columns: 8, column_chars: 13, gutter_chars: 1, body_size: 小五, line_pitch: 1.5, lines: 102}\n"


def project(tmp_path: Path, **layouts: str) -> Path:
    """A project folder with one article and the given layouts (name → YAML)."""
    (tmp_path / "articles").mkdir(exist_ok=True)
    (tmp_path / "layouts").mkdir(exist_ok=True)
    (tmp_path / "articles" / "a.md").write_text(ARTICLE, encoding="utf-8")
    for name, text in layouts.items():
        (tmp_path / "layouts" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return tmp_path / "layouts"


def error_of(path: Path, reader=read_layout) -> SourceError:
    with pytest.raises(SourceError) as caught:
        reader(path)
    return caught.value


def block(extra: str = "", name: str = "a", frame: str = "{columns: [1, 4], lines: [1, 20]}") -> str:
    return f"  - name: {name}\n    article: articles/a.md\n    frame: {frame}\n{extra}"


def test_a_good_layout_reads(tmp_path):
    folder = project(tmp_path, page=GRID + "blocks:\n" + block() + block(name="b", frame="{columns: [5, 8], lines: [1, 20]}"))
    layout = read_layout(folder / "page.yaml")
    assert [b.name for b in layout.blocks] == ["a", "b"]


@pytest.mark.parametrize("body, line, key, words", [
    (GRID + "blocks:\n" + block("    colour: red\n"), 6, "blocks[0].colour", "unknown key"),
    (GRID + "blocks:\n" + block(frame="{columns: [7, 9], lines: [1, 20]}"), 5, "blocks[0].frame.columns",
     "outside the grid"),
    (GRID + "blocks:\n" + block(frame="{columns: [1, 2], lines: [90, 103]}"), 5, "blocks[0].frame.lines",
     "outside the grid"),
    (GRID + "blocks:\n" + block() + block(name="b", frame="{columns: [4, 6], lines: [20, 30]}"), 8,
     "blocks[1].frame", "overlaps block 'a'"),
    (GRID + "blocks:\n" + block(frame="{columns: [1, 2], lines: [1, 20], body_columns: 5}"), 5,
     "blocks[0].frame.body_columns", "at least 5"),
    (GRID + "blocks:\n" + block("    head: {columns: 5}\n"), 6, "blocks[0].head.columns", "the block has 4"),
    (GRID + "blocks:\n" + block("    head: {vertical: true, lines: 10}\n"), 6, "blocks[0].head.lines",
     "vertical title"),
    (GRID + "blocks:\n" + block("    head: {vertical: true, columns: 4}\n"), 6, "blocks[0].head.columns",
     "no column for the body"),
    (GRID + "blocks:\n" + block("    continued_from: x\n"), 4, "blocks[0].article", "names no article"),
    (GRID + "blocks:\n" + block("    continued_to: b\n") + block(name="b", frame="{columns: [5, 8], lines: [1, 9]}"),
     6, "blocks[0].continued_to", "on this page"),
    (GRID + "masthead: {paper: 报, columns: 5, lines: 12}\nrunning_head: {paper: 报}\nblocks: []\n", 2, "masthead",
     "not both"),
    (GRID + "masthead: {paper: 报, columns: 5, lines: 12}\nblocks:\n" + block(), 6, "blocks[0].frame",
     "overlaps the masthead"),
    (GRID + "blocks:\n" + block("    byline: {at: foot}\n"), 6, "blocks[0].byline.at", "body, head"),
    (GRID + "blocks:\n" + block("    qr: {place: middle}\n"), 6, "blocks[0].qr.place", "foot, head"),
    (GRID + "blocks:\n" + block("    qr: {lines: 1}\n"), 6, "blocks[0].qr.lines", "at least 4 grid lines"),
    (GRID + "blocks:\n" + block(frame="{columns: [1, 4], lines: [1, 20]}\n    frames: []"), 6, "blocks[0].frames",
     "not both"),
])
def test_a_bad_layout_is_refused_naming_file_line_and_key(tmp_path, body, line, key, words):
    folder = project(tmp_path, page=body)
    error = error_of(folder / "page.yaml")
    assert error.path.endswith("page.yaml")
    assert (error.line, error.field) == (line, key)
    assert words in error.message


def test_a_stepped_block_whose_rectangles_overlap_is_refused(tmp_path):
    frames = "    frames:\n      - {columns: [1, 4], lines: [1, 20]}\n      - {columns: [3, 6], lines: [15, 30]}\n"
    folder = project(tmp_path, page=GRID + "blocks:\n  - name: a\n    article: articles/a.md\n" + frames)
    error = error_of(folder / "page.yaml")
    assert (error.line, error.field) == (7, "blocks[0].frames[1].lines")


def test_a_title_may_run_across_two_rectangles_that_start_on_its_line(tmp_path):
    frames = "    frames:\n      - {columns: [1, 3], lines: [1, 40]}\n      - {columns: [4, 8], lines: [1, 20]}\n"
    folder = project(tmp_path, page=GRID + "blocks:\n  - name: a\n    article: articles/a.md\n" + frames
                     + "    head: {columns: 8}\n")
    assert read_layout(folder / "page.yaml").blocks[0].head.columns == 8


def _edition(tmp_path: Path, first: str, second: str, pages: str = "  - layouts/one.yaml\n  - layouts/two.yaml\n"):
    folder = project(tmp_path, one="page_number: 1\n" + GRID + "blocks:\n" + first,
                     two="page_number: 2\n" + GRID + "blocks:\n" + second)
    (folder / "edition.yaml").write_text("title: 报\npages:\n" + pages, encoding="utf-8")
    return folder / "edition.yaml"


CONTINUATION = "  - name: b\n    continued_from: a\n    frame: {columns: [1, 4], lines: [1, 20]}\n"


def test_an_edition_reads_its_pages_in_order_and_resolves_its_jump(tmp_path):
    edition = read_pages(_edition(tmp_path, block("    continued_to: b\n"), CONTINUATION))
    assert [page.page_number for page in edition.pages] == [1, 2]
    assert edition.pages[1].blocks[0].article is None


@pytest.mark.parametrize("first, second, pages, where, line, key, words", [
    (block("    continued_to: c\n"), CONTINUATION, None, "one.yaml", 7, "blocks[0].continued_to",
     "no block named 'c'"),
    (block("    continued_to: b\n"), CONTINUATION.replace("continued_from: a", "continued_from: z"), None,
     "two.yaml", 5, "blocks[0].continued_from", "write continued_from: a"),
    (block(), CONTINUATION, None, "two.yaml", 5, "blocks[0].continued_from", "names 'b' in its continued_to"),
    (block("    continued_to: b\n"), CONTINUATION, "  - layouts/two.yaml\n  - layouts/one.yaml\n", "one.yaml", 7,
     "blocks[0].continued_to", "an earlier page"),
    (block(), block(name="a"), None, "edition.yaml", 4, "pages[1]", "same name"),
    (block(), block(name="b"), "  - layouts/one.yaml\n  - layouts/one.yaml\n", "edition.yaml", 4, "pages[1]",
     "both page 1"),
    (block(), block(name="b"), "  - layouts/one.yaml\n  - layouts/missing.yaml\n", "edition.yaml", 4, "pages[1]",
     "not found"),
    (block(), block(name="b"), "  - ../../etc/passwd\n", "edition.yaml", 3, "pages[0]", "outside the project"),
])
def test_a_bad_edition_is_refused_naming_file_line_and_key(tmp_path, first, second, pages, where, line, key, words):
    path = _edition(tmp_path, first, second, *([pages] if pages else []))
    error = error_of(path, read_edition)
    assert error.path.endswith(where)
    assert (error.line, error.field) == (line, key)
    assert words in error.message


def test_an_editions_issue_date_is_checked_like_a_layouts(tmp_path):
    path = _edition(tmp_path, block(), block(name="b"))
    path.write_text("title: 报\nissue_date: 3月7日\npages:\n  - layouts/one.yaml\n  - layouts/two.yaml\n",
                    encoding="utf-8")
    error = error_of(path, read_edition)
    assert (error.line, error.field) == (2, "issue_date")
    assert "2023-03-07" in error.message


def test_libyaml_and_the_python_parser_read_every_shipped_source_alike():
    """The C parser is the fast path; the Python parser reports errors.  Both
    must give the same values and the same key lines for every layout,
    edition and article front matter in the repository."""
    from pathlib import Path

    from broadsheet.source import fields
    root = Path(__file__).resolve().parent.parent
    sources = [*sorted((root / "layouts").glob("*.yaml")), root / "fonts" / "roles.yaml"]
    read = 0
    for path in sources:
        text = path.read_text(encoding="utf-8")
        assert (fields._load_yaml(text, path.name, 0, False, None, fast=True)
                == fields._load_yaml(text, path.name, 0, False, None, fast=False)), path
        read += 1
    for path in sorted((root / "articles").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if not text.startswith("---\n"):
            continue
        front = text[4:text.index("\n---", 4) + 1]
        assert (fields._load_yaml(front, path.name, 1, True, None, fast=True)
                == fields._load_yaml(front, path.name, 1, True, None, fast=False)), path
        read += 1
    assert read > 10
