"""Read an article: Markdown body with YAML front matter (the article contract).

    ---
    kicker: 全国人大代表、郴州市市长阙保勇：   # 引题, optional
    title: 一座“富矿”老城如何塑造高质量发展新动能  # 主题, required
    subtitle: …                             # 副题, optional
    byline: 本报记者 何芳                     # optional
    qr: {url: https://…, caption: 相关报道请扫描二维码}  # optional
    ---
    Body paragraphs separated by blank lines.

    ## 一批新的增长点正在加速形成。          ← a section lead (小标题)

The body is Markdown: markdown.py lists what is set and what warns.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..diagnostics import Diagnostic, warning
from ..errors import SourceError
from ..model import Article, Headline, Origin, Paragraph, QRCode
from .fields import TEXT, Key, Keys, did_you_mean, load_yaml, read_source
from .markdown import parse_body
from .text import LINE_SEPARATOR, PARAGRAPH_SEPARATOR, clean, remove_controls

FRONT_MATTER_FENCE = "---"
# The front matter's fields (all read as text), for the reader and the JSON Schema.
QR_KEYS: Keys = {
    "url": Key("the address the code carries", TEXT, required=True),
    "caption": Key("说明: the line under the code", TEXT),
}
FRONT_MATTER_KEYS: Keys = {
    "kicker": Key("引题, over the title (' / ' or a new line breaks it by hand)", TEXT),
    "title": Key("主题 (' / ' or a new line breaks it by hand)", TEXT, required=True),
    "subtitle": Key("副题, under the title (' / ' or a new line breaks it by hand)", TEXT),
    "byline": Key("署名, e.g. 本报记者 何芳", TEXT),
    "qr": Key("二维码", section=QR_KEYS),
}
HEADLINE_FIELDS = tuple(key for key, spec in FRONT_MATTER_KEYS.items() if spec.value is not None)
# Fields whose lines the editor may break by hand, and how.
BREAKABLE_FIELDS = ("kicker", "title", "subtitle")
MANUAL_BREAK = re.compile(r"\s*\n\s*| / ")
KNOWN_FIELDS = frozenset(FRONT_MATTER_KEYS)
QR_FIELDS = frozenset(QR_KEYS)


def read_article(path: Path, *, display: str | None = None, notes: list[Diagnostic] | None = None) -> Article:
    """Parse an article file; ``notes`` collects warnings about cleaned text."""
    name = display or str(path)
    source = read_source(path, name, "article")
    if not source.strip():
        raise SourceError(name, None, None, "the article file is empty")
    lines = _split_lines(source)
    if not _is_fence(lines[0]):
        raise SourceError(name, 1, None, "no front matter: an article starts with a '---' line, "
                                          "its fields (title: …), and another '---' line")
    try:
        closing = next(i for i in range(1, len(lines)) if _is_fence(lines[i]))
    except StopIteration:
        raise SourceError(name, 1, None, "front matter is not closed by a '---' line") from None
    front_matter = [_without_controls(line, name, number, notes) for number, line in enumerate(lines[1:closing], 2)]
    fields, field_lines = load_yaml("\n".join(front_matter), name, first_line=2, plain_text=True,
                                    field="front matter")
    article = _article_from_fields(name, fields, field_lines, notes)
    article.paragraphs = _body(name, lines, closing + 1, notes)
    if not article.paragraphs:
        raise SourceError(name, closing + 1, "body", "the article has no body text after its front matter")
    return article


def _is_fence(line: str) -> bool:
    """A '---' line, whatever invisible characters a paste left on it."""
    return clean(line)[0].strip() == FRONT_MATTER_FENCE


def _without_controls(line: str, name: str, number: int, notes) -> str:
    """A front-matter line without control characters, which YAML refuses
    (the body loses them too, with the same warning)."""
    kept, changes = remove_controls(line)
    _note(notes, name, number, "front matter", changes)
    return kept


def _split_lines(source: str) -> list[str]:
    """Lines, also where word processors paste Unicode's line (U+2028) and
    paragraph (U+2029) separators."""
    return source.replace(PARAGRAPH_SEPARATOR, "\n\n").replace(LINE_SEPARATOR, "\n").split("\n")


def _article_from_fields(name: str, fields, field_lines: dict[tuple, int], notes) -> Article:
    if fields is None:
        fields = {}
    if not isinstance(fields, dict):
        raise SourceError(name, 2, "front matter", "front matter must be 'field: value' lines")
    for key in fields:
        if key not in KNOWN_FIELDS:
            raise SourceError(name, field_lines.get((key,)), str(key),
                              f"unknown field{did_you_mean(key, KNOWN_FIELDS)} "
                              f"(known: {', '.join(sorted(KNOWN_FIELDS))})")
    headlines = {}
    for key in HEADLINE_FIELDS:
        value = fields.get(key)
        if value is None:
            continue
        line = field_lines[(key,)]
        if not isinstance(value, str):
            raise SourceError(name, line, key, "must be a line of text")
        if key in BREAKABLE_FIELDS:
            text, breaks = _headline_lines(value, name, line, key, notes)
        else:
            text, breaks = _clean_field(value, name, line, key, notes), ()
        if text:
            headlines[key] = Headline(text, Origin(name, line, key), breaks)
    if "title" not in headlines:
        raise SourceError(name, field_lines.get(("title",), 2), "title", "an article needs a title")
    qr = None
    if fields.get("qr"):
        qr = _qr(name, fields["qr"], field_lines, notes)
    return Article(path=name, title=headlines["title"], kicker=headlines.get("kicker"),
                   subtitle=headlines.get("subtitle"), byline=headlines.get("byline"), qr=qr)


def _qr(name: str, value, field_lines: dict[tuple, int], notes) -> QRCode:
    line = field_lines[("qr",)]
    if not isinstance(value, dict):
        raise SourceError(name, line, "qr", "must hold 'url:' and optionally 'caption:'")
    for key in value:
        if key not in QR_FIELDS:
            raise SourceError(name, field_lines.get(("qr", key), line), f"qr.{key}",
                              f"unknown field{did_you_mean(key, QR_FIELDS)} (known: {', '.join(sorted(QR_FIELDS))})")
    url = value.get("url")
    url_line = field_lines.get(("qr", "url"), line)
    if not isinstance(url, str) or not url.strip():
        raise SourceError(name, url_line, "qr.url", "a QR code needs a url")
    caption = value.get("caption") or ""
    caption_line = field_lines.get(("qr", "caption"), line)
    if not isinstance(caption, str):
        raise SourceError(name, caption_line, "qr.caption", "must be a line of text")
    caption = _clean_field(caption, name, caption_line, "qr.caption", notes)
    return QRCode(url.strip(), caption, Origin(name, url_line, "qr.url"), Origin(name, caption_line, "qr.caption"))


def _headline_lines(text: str, name: str, line: int, field: str, notes) -> tuple[str, tuple[int, ...]]:
    """A kicker, title or subtitle and the editor's line breaks in it: a
    newline (a YAML block scalar, ``title: |``) or a spaced slash `` / ``."""
    parts = [_clean_field(part, name, line, field, notes) for part in MANUAL_BREAK.split(text.strip())]
    parts = [part for part in parts if part]
    breaks = []
    joined = ""
    for part in parts:
        if joined:
            breaks.append(len(joined))
        joined += part
    return joined, tuple(breaks)


def _clean_field(text: str, name: str, line: int, field: str, notes) -> str:
    cleaned, changes = clean(" ".join(text.split("\n")))
    _note(notes, name, line, field, changes)
    return cleaned.strip()


def _note(notes: list[Diagnostic] | None, name: str, line: int, field: str, changes: list[str]) -> None:
    """Warnings about what cleaning removed, each at its file, line and field."""
    if notes is not None:
        notes.extend(warning(name, line, field, change) for change in changes)


def _body(name: str, lines: list[str], first: int, notes) -> list[Paragraph]:
    """The body after the front matter (``first``: its index in ``lines``),
    read as the Markdown subset in markdown.py."""
    return parse_body(name, lines[first:], first + 1, notes)
