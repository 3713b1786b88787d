"""The JSON Schema editors complete against, and `broadsheet check`: both say what the loader says."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from project import SAMPLE_LAYOUT, Project

from broadsheet.cli import main
from broadsheet.errors import SourceError
from broadsheet.source.edition import read_pages
from broadsheet.source.schema import SCHEMA_KINDS, article_schema, layout_schema, schema_text

ROOT = Path(__file__).resolve().parent.parent


def _as_an_editor_reads(text: str):
    """YAML as a language server sees it (dates stay text)."""
    return json.loads(json.dumps(yaml.safe_load(text), default=str))


def _front_matter(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---\n")[1]


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_the_shipped_schema_is_the_generated_one(kind):
    shipped = ROOT / "docs" / "schema" / f"{kind}.schema.json"
    assert shipped.read_text(encoding="utf-8") == schema_text(kind), (
        f"regenerate it: broadsheet schema {kind} > docs/schema/{kind}.schema.json")
    jsonschema.Draft7Validator.check_schema(json.loads(shipped.read_text(encoding="utf-8")))


def test_every_shipped_layout_and_article_is_valid():
    layouts = jsonschema.Draft7Validator(layout_schema())
    for path in sorted((ROOT / "layouts").glob("*.yaml")):
        assert not list(layouts.iter_errors(_as_an_editor_reads(path.read_text(encoding="utf-8")))), path
    articles = jsonschema.Draft7Validator(article_schema())
    for path in sorted((ROOT / "articles").glob("*.md")):
        assert not list(articles.iter_errors(_as_an_editor_reads(_front_matter(path)))), path


# (what the edit does, old text of layouts/sample.yaml, new text, valid?)
LAYOUT_EDITS = [
    ("a misspelt grid key", "  columns: 8\n", "  colums: 8\n", False),
    ("a misspelt block key", "    qr: {column: 8, lines: 10}\n  - name: xian", "    qrcode: {}\n  - name: xian", False),
    ("an unknown alignment", "kicker: {size: 小二}", "kicker: {size: 小二, align: middle}", False),
    ("an alignment", "kicker: {size: 小二}", "kicker: {size: 小二, align: left}", True),
    ("zero columns", "  columns: 8\n", "  columns: 0\n", False),
    ("a page of one length", "trim: [390mm, 550mm]", "trim: [390mm]", False),
    ("a size in points", "body_size: 小五", "body_size: 9pt", True),
    ("a size that is no size", "body_size: 小五", "body_size: big", False),
    ("spans of one number", "ads:\n", "ads:\n  - {columns: 1, lines: 54, label: 启事}\n", True),
    ("a QR column given as a span", "qr: {column: 8, lines: 10}\n  - name: xian",
     "qr: {column: [8, 8], lines: 10}\n  - name: xian", False),
    ("a span of one item", "frame: {columns: [1, 8], lines: [1, 26]}", "frame: {columns: [1], lines: [1, 26]}",
     False),
    ("an unknown prohibition level", "issue_date: 2023-03-07\n", "issue_date: 2023-03-07\nprohibition: loose\n",
     False),
    ("a running head without its paper", "  paper: 中国企业报\n", "", False),
    ("a block without a frame's lines", "frame: {columns: [1, 8], lines: [1, 26]}", "frame: {columns: [1, 8]}",
     False),
]


@pytest.mark.parametrize("what, old, new, valid", LAYOUT_EDITS, ids=[edit[0] for edit in LAYOUT_EDITS])
def test_the_schema_and_the_loader_agree(tmp_path, what, old, new, valid):
    project = Project(tmp_path)
    project.replace(SAMPLE_LAYOUT, old, new)
    text = project.read(SAMPLE_LAYOUT)
    schema_errors = list(jsonschema.Draft7Validator(layout_schema()).iter_errors(_as_an_editor_reads(text)))
    try:
        read_pages(project.path(SAMPLE_LAYOUT))
        loader_error = None
    except SourceError as error:
        loader_error = error
    assert (loader_error is None) == valid, f"{what}: the loader said {loader_error}"
    assert (not schema_errors) == valid, f"{what}: the schema said {[e.message for e in schema_errors]}"


def test_check_validates_without_writing(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    project = Project(tmp_path)
    before = sorted(path for path in tmp_path.rglob("*"))
    assert main(["check", SAMPLE_LAYOUT]) == 0
    out = capsys.readouterr().out
    assert "chenzhou: " in out and "underset lines: 8" in out and out.endswith(f"{SAMPLE_LAYOUT}: ok\n")
    assert main(["check", "articles/chenzhou.md"]) == 0
    assert sorted(path for path in tmp_path.rglob("*")) == before

    project.replace("articles/chenzhou.md", "郴州是一座", "郴州是一座" * 200)
    assert main(["check", SAMPLE_LAYOUT]) == 0
    assert main(["check", SAMPLE_LAYOUT, "--strict"]) == 1
    assert "characters overset" in capsys.readouterr().err

    project.replace(SAMPLE_LAYOUT, "  columns: 8\n", "  colums: 8\n")
    assert main(["check", SAMPLE_LAYOUT]) == 1
    assert f"{SAMPLE_LAYOUT}:17: [grid.colums] unknown key" in capsys.readouterr().err
    assert sorted(path for path in tmp_path.rglob("*")) == before
