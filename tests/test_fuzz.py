"""Random articles through the whole path: source → model → text → layout → PDF.

Hypothesis writes article files of random structure (optional fields, leads,
paragraphs split over source lines) and random text (Chinese, punctuation,
quotes, Latin words, digits) into a copy of the sample project and builds the
page in-process.  Nothing may escape but broadsheet's own errors, and every
printed character of the article is accounted for: set on the page or
reported overset.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from broadsheet.build import build_layout
from broadsheet.errors import BroadsheetError, SourceError
from broadsheet.fonts import ROLES, load_font_set
from project import ROOT, Project

ARTICLE = "articles/chenzhou.md"
BLOCK = "chenzhou"
EXAMPLES = 25
# Derandomized so that CI runs the same examples every time; no explain phase
# (it re-runs failing cases for minutes to annotate source lines).
FUZZ_SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                         phases=[Phase.explicit, Phase.generate, Phase.shrink],
                         suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

PUNCTUATION = "，。、；：？！…—·（）《》“”‘’"
LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
DIGITS = "0123456789"
# Hostile additions: invisible and control characters the reader removes (with
# a warning), characters outside every font, line ends of every system, YAML
# and Markdown syntax.
INVISIBLE = "\u200b\u200d\u2060\ufeff\u00ad\u202e\x07\x00"
OUTSIDE_FONTS = "😀𠀀\ue000\ufffd"
SYNTAX = "#-:*&!|>%@`[]{}'\"\\ \t"
# The sample block holds about 2,600 characters: this many copies of the
# drawn paragraphs nearly always overfill it.
OVERFILL_COPIES = 30


def _printable_everywhere() -> str:
    """Characters every role's face has, from the sample articles and the marks above."""
    fonts = load_font_set()
    pool = set(PUNCTUATION + LATIN + DIGITS)
    for name in ("chenzhou.md", "xianning.md"):
        pool.update(char for char in (ROOT / "articles" / name).read_text(encoding="utf-8") if ord(char) > 0x2000)
    return "".join(sorted(char for char in pool if all(fonts[role].metrics.has(char) for role in ROLES)))


ALPHABET = _printable_everywhere()
HAN = "".join(char for char in ALPHABET if "\u4e00" <= char <= "\u9fff")
assert len(HAN) > 500, "the sample articles should give a broad choice of characters"


def printed(text: str) -> int:
    """Characters that print (what the report counts)."""
    return sum(1 for char in text if not char.isspace())


han_run = st.text(alphabet=HAN, min_size=1, max_size=30)
latin_word = st.text(alphabet=LATIN, min_size=1, max_size=12)
number = st.text(alphabet=DIGITS, min_size=1, max_size=8)
quoted = st.builds(lambda text: f"“{text}”", st.text(alphabet=HAN, min_size=1, max_size=12))
title_of_book = st.builds(lambda text: f"《{text}》", st.text(alphabet=HAN, min_size=1, max_size=10))
mark = st.sampled_from(list(PUNCTUATION) + ["——", "……"])
token = st.one_of(han_run, han_run, han_run, latin_word.map(lambda word: f" {word} "), number, quoted, title_of_book,
                  mark)


def sentence(max_tokens: int) -> st.SearchStrategy[str]:
    return st.lists(token, min_size=1, max_size=max_tokens).map(lambda parts: "".join(parts).strip()).filter(bool)


@st.composite
def articles(draw, copies: int = 1) -> tuple[str, int]:
    """(article file text, printed characters it holds); ``copies`` repeats
    the drawn paragraphs, to overfill the block."""
    fields = {}
    for key, tokens, optional in (("kicker", 6, True), ("title", 8, False), ("subtitle", 6, True),
                                  ("byline", 3, True)):
        if not optional or draw(st.booleans()):
            fields[key] = draw(sentence(tokens))
    count = sum(printed(text) for text in fields.values())
    lines = ["---", *(f"{key}: {json.dumps(text, ensure_ascii=False)}" for key, text in fields.items())]
    if draw(st.booleans()):
        caption = draw(st.one_of(st.just(""), sentence(3)))
        path = draw(st.text(alphabet=LATIN + DIGITS, min_size=1, max_size=40))
        lines += ["qr:", f"  url: https://example.com/{path}", f"  caption: {json.dumps(caption, ensure_ascii=False)}"]
        count += printed(caption)
    lines += ["---", ""]
    paragraphs = draw(st.lists(st.tuples(st.sampled_from(["body", "body", "body", "lead"]), sentence(40)),
                               min_size=1, max_size=12))
    for kind, text in paragraphs * copies:
        if kind == "lead":
            lines.append(f"## {text}")
        else:
            # A paragraph may run over several source lines (never breaking before a '#').
            cuts = sorted(draw(st.sets(st.integers(1, max(1, len(text) - 1)), max_size=3)))
            pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]
            lines += [piece for piece in pieces if piece.strip()]
        lines.append("")
        count += printed(text)
    return "\n".join(lines), count


@st.composite
def hostile_articles(draw) -> str:
    """A valid article salted with invisible, unprintable and syntax characters,
    with random line ends and perhaps a byte-order mark."""
    text, _ = draw(articles())
    salt = st.text(alphabet=INVISIBLE + OUTSIDE_FONTS + SYNTAX + "\r\n\u2028\u2029", min_size=1, max_size=3)
    for _ in range(draw(st.integers(0, 6))):
        position = draw(st.integers(0, len(text)))
        text = text[:position] + draw(salt) + text[position:]
    line_end = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return draw(st.sampled_from(["", "\ufeff"])) + text.replace("\n", line_end)


@pytest.fixture(scope="module")
def project():
    with tempfile.TemporaryDirectory() as folder:
        yield Project(Path(folder))


def build(project: Project, article: str):
    project.write(ARTICLE, article)
    return build_layout(project.path("layouts/sample.yaml"), project.path("out/page.pdf"))


def check_accounting(project: Project, text: str, source_characters: int) -> None:
    """Set + overset = the article's printed characters, and overset is reported."""
    result = build(project, text)
    block = next(block for block in result.pages[0].blocks if block.name == BLOCK)
    event("overset" if block.characters_overset else "all set")
    assert block.characters_set + block.characters_overset == source_characters
    overset_warnings = [warning for warning in result.warnings if "overset" in warning.message]
    expected = f"{block.characters_overset} characters overset ({block.lines_overset} lines) in block '{BLOCK}'"
    assert len(overset_warnings) == (1 if block.characters_overset else 0)
    assert all(warning.file == ARTICLE and warning.block == BLOCK and warning.message.startswith(expected)
               for warning in overset_warnings)


@FUZZ_SETTINGS
@given(article=articles())
def test_every_character_is_set_or_reported_overset(project, article):
    check_accounting(project, *article)


@FUZZ_SETTINGS
@given(article=articles(copies=OVERFILL_COPIES))
def test_overset_is_counted_exactly(project, article):
    check_accounting(project, *article)


@FUZZ_SETTINGS
@given(article=hostile_articles())
def test_hostile_text_builds_or_fails_with_our_error(project, article):
    try:
        build(project, article)
        event("built")
    except SourceError as error:
        event(f"refused: {error.field}")
        assert error.path == ARTICLE and error.message
    except BroadsheetError as error:
        event(f"refused: {type(error).__name__}")
