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
"""
from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import SourceError
from ..model import Article, Headline, Origin, Paragraph, ParagraphKind, QRCode
from .text import clean, join_lines

FRONT_MATTER_FENCE = "---"
LEAD_MARKER = "## "
HEADLINE_FIELDS = ("kicker", "title", "subtitle", "byline")
KNOWN_FIELDS = frozenset({*HEADLINE_FIELDS, "qr"})
QR_FIELDS = frozenset({"url", "caption"})


def read_article(path: Path, *, display: str | None = None, notes: list[str] | None = None) -> Article:
    """Parse an article file; ``notes`` collects warnings about cleaned text."""
    name = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise SourceError(name, None, None, f"cannot read article: {error.strerror}") from error
    try:
        source = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise SourceError(name, line, None, "not UTF-8 text") from error
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    lines = source.split("\n")
    if not lines or lines[0].strip() != FRONT_MATTER_FENCE:
        raise SourceError(name, 1, None, "no front matter: an article starts with a '---' line, "
                                          "its fields (title: …), and another '---' line")
    try:
        closing = next(i for i in range(1, len(lines)) if lines[i].strip() == FRONT_MATTER_FENCE)
    except StopIteration:
        raise SourceError(name, 1, None, "front matter is not closed by a '---' line") from None
    fields, field_lines = _front_matter(name, lines[1:closing])
    article = _article_from_fields(name, fields, field_lines, notes)
    article.paragraphs = _body(name, lines, closing + 1, notes)
    if not article.paragraphs:
        raise SourceError(name, closing + 2, "body", "the article has no body text")
    return article


def _front_matter(name: str, lines: list[str]) -> tuple[dict, dict[str, int]]:
    text = "\n".join(lines)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        fields = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        problem = getattr(error, "problem", None) or str(error)
        raise SourceError(name, line, "front matter", f"malformed YAML: {problem}") from error
    if not isinstance(fields, dict):
        raise SourceError(name, 2, "front matter", "front matter must be 'field: value' lines")
    field_lines = {}
    if isinstance(node, yaml.MappingNode):
        for key, _value in node.value:
            field_lines[str(key.value)] = key.start_mark.line + 2
    return fields, field_lines


def _article_from_fields(name: str, fields: dict, field_lines: dict[str, int], notes) -> Article:
    for key in fields:
        if key not in KNOWN_FIELDS:
            raise SourceError(name, field_lines.get(str(key)), str(key),
                              f"unknown field (known: {', '.join(sorted(KNOWN_FIELDS))})")
    headlines = {}
    for key in HEADLINE_FIELDS:
        value = fields.get(key)
        if value is None:
            continue
        if not isinstance(value, (str, int, float)):
            raise SourceError(name, field_lines.get(key), key, "must be a line of text")
        text = _clean_field(str(value), name, field_lines.get(key, 0), key, notes)
        if text:
            headlines[key] = Headline(text, Origin(name, field_lines.get(key, 0), key))
    if "title" not in headlines:
        raise SourceError(name, field_lines.get("title", 1), "title", "an article needs a title")
    qr = None
    if fields.get("qr") is not None:
        qr = _qr(name, fields["qr"], field_lines.get("qr", 0), notes)
    return Article(path=name, title=headlines["title"], kicker=headlines.get("kicker"),
                   subtitle=headlines.get("subtitle"), byline=headlines.get("byline"), qr=qr)


def _qr(name: str, value, line: int, notes) -> QRCode:
    if not isinstance(value, dict):
        raise SourceError(name, line, "qr", "must hold 'url:' and optionally 'caption:'")
    for key in value:
        if key not in QR_FIELDS:
            raise SourceError(name, line, f"qr.{key}", "unknown field (known: caption, url)")
    url = value.get("url")
    if not isinstance(url, str) or not url.strip():
        raise SourceError(name, line, "qr.url", "a QR code needs a url")
    caption = _clean_field(str(value.get("caption") or ""), name, line, "qr.caption", notes)
    return QRCode(url.strip(), caption, Origin(name, line, "qr.caption"))


def _clean_field(text: str, name: str, line: int, field: str, notes) -> str:
    cleaned, changes = clean(" ".join(text.split("\n")))
    if notes is not None:
        notes.extend(f"{name}:{line}: [{field}] {change}" for change in changes)
    return cleaned.strip()


def _body(name: str, lines: list[str], first: int, notes) -> list[Paragraph]:
    """Paragraphs separated by blank lines; '## ' starts a section lead."""
    paragraphs = []
    block: list[str] = []
    block_start = first

    def flush() -> None:
        if not block:
            return
        kind = ParagraphKind.BODY
        joined = join_lines(block)
        if joined.startswith(LEAD_MARKER.strip()):
            kind = ParagraphKind.LEAD
            joined = joined.lstrip("#").strip()
        text = _clean_field(joined, name, block_start + 1, kind.value, notes)
        if text:
            paragraphs.append(Paragraph(kind, text, Origin(name, block_start + 1, kind.value)))

    for index in range(first, len(lines)):
        line = lines[index]
        if not line.strip():
            flush()
            block = []
            continue
        is_lead = line.lstrip().startswith(LEAD_MARKER)
        if block and is_lead:
            flush()
            block = []
        if not block:
            block_start = index
        block.append(line)
        if is_lead:  # a section lead is one line: what follows starts a paragraph
            flush()
            block = []
    flush()
    return paragraphs
