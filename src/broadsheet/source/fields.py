"""Read YAML mappings field by field, so every error names file, line and key."""
from __future__ import annotations

import codecs
import datetime
import difflib
import math
import re
import reprlib
import sys
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, Callable

import yaml

from ..errors import SourceError
from .bounds import oversized

KeyPath = tuple  # a key path: ("blocks", 0, "title", "size")


# Guards against hostile YAML: nesting this deep would exhaust the parser's
# recursion, and aliases (*name) can expand a few lines into billions of values.
# A real layout nests about 6 levels and holds a few hundred values.
MAX_YAML_DEPTH = 32
MAX_YAML_VALUES = 10_000
# Error messages quote a bad value at most this long (characters).
MAX_QUOTED_CHARS = 60
# Byte-order marks of encodings that are not UTF-8, longest first (UTF-32 LE
# starts with UTF-16 LE's mark).
BYTE_ORDER_MARKS = ((codecs.BOM_UTF32_LE, "UTF-32 little-endian"), (codecs.BOM_UTF32_BE, "UTF-32 big-endian"),
                    (codecs.BOM_UTF16_LE, "UTF-16 little-endian"), (codecs.BOM_UTF16_BE, "UTF-16 big-endian"))
# The tags of the values a safe loader builds (text, numbers, booleans, null,
# dates, lists, mappings and their YAML variants).
SAFE_TAGS = frozenset(tag for tag in yaml.SafeLoader.yaml_constructors if tag is not None)
YAML_TAG_PREFIX = "tag:yaml.org,2002:"
# How close a misspelt key must be to a known one to be suggested (difflib's ratio).
SUGGESTION_CUTOFF = 0.6
FULLWIDTH_COLON = "\uff1a"
# A line that starts like a key (ASCII letters, as every key is) but is followed
# by the full-width colon Chinese input methods type, or by a colon with no space.
_FULLWIDTH_KEY = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*" + FULLWIDTH_COLON)
_UNSPACED_KEY = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][A-Za-z0-9_.]*):(?=[^\s/])")
_OPENING_TOKENS = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken, yaml.FlowMappingStartToken,
                   yaml.FlowSequenceStartToken)
_CLOSING_TOKENS = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


def did_you_mean(word: object, known) -> str:
    """': did you mean 'title'?' for a key close to one of ``known`` (else nothing)."""
    match = difflib.get_close_matches(str(word), [str(k) for k in known], n=1, cutoff=SUGGESTION_CUTOFF)
    return f": did you mean {match[0]!r}?" if match else ""


def check_colons(text: str, name: str, first_line: int = 1) -> None:
    """A key written with a full-width colon (title：…), as Chinese input
    methods type it, or with no space after its colon, is not a key to YAML:
    the line would be read as text or refused with a puzzling message."""
    for number, line in enumerate(text.split("\n"), first_line):
        if match := _FULLWIDTH_KEY.match(line):
            raise SourceError(name, number, match.group(1),
                              f"the colon after {match.group(1)!r} is a full-width colon '：' (U+FF1A), as Chinese "
                              f"input methods type it: write '{match.group(1)}: …' with an ASCII colon and a space")
        if match := _UNSPACED_KEY.match(line):
            raise SourceError(name, number, match.group(1),
                              f"no space after the colon of {match.group(1)!r}: write '{match.group(1)}: …'")


def read_source(path: Path, name: str, kind: str) -> str:
    """A source file's text, with Windows and old Mac line ends made plain;
    a file over the size a ``kind`` may be is refused before it is read."""
    try:
        too_large = oversized(path, kind)
        if too_large:
            raise SourceError(name, None, None, too_large)
        raw = path.read_bytes()
    except OSError as error:
        raise SourceError(name, None, None, f"cannot read {kind}: {error.strerror or error}") from error
    for mark, encoding in BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            raise SourceError(name, None, None, f"saved as {encoding} (it starts with that byte-order mark), "
                                                "not UTF-8: save it as UTF-8")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # A file in a 16- or 32-bit encoding is wrong throughout, not on a line.
        line = None if b"\x00" in raw else raw[: error.start].count(b"\n") + 1
        raise SourceError(name, line, None, f"not UTF-8 text ({_encoding_guess(raw, error)}): save it as UTF-8"
                          ) from error
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _encoding_guess(raw: bytes, error: UnicodeDecodeError) -> str:
    """What the bytes are, as far as they tell: NUL bytes in text mean UTF-16
    or UTF-32 without a byte-order mark; bytes that read as GB 18030 are
    probably GBK, the Chinese Windows default; otherwise the first bad byte."""
    if b"\x00" in raw:
        return "it holds NUL bytes: UTF-16 without a byte-order mark?"
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return f"byte 0x{raw[error.start]:02X} is not UTF-8"
    return "saved as GBK or GB 18030?"


def load_yaml(text: str, name: str, *, first_line: int = 1, plain_text: bool = False, field: str | None = None,
              ) -> tuple[Any, dict[KeyPath, int]]:
    """Parse YAML, keeping the 1-based line of every key and list item.

    ``first_line`` is the file line the text starts on (front matter starts on
    line 2); ``plain_text`` keeps every value as the text written (``1.50``
    stays "1.50", ``yes`` stays "yes"), as an article's fields are all text;
    ``field`` names the part of the file in errors about its YAML as a whole."""
    check_colons(text, name, first_line)
    if _LIBYAML:
        try:
            return _load_yaml(text, name, first_line - 1, plain_text, field, fast=True)
        except SourceError:
            pass   # say what is wrong as the Python parser says it (its line and wording), below
    return _load_yaml(text, name, first_line - 1, plain_text, field, fast=False)


# libyaml (PyYAML's C parser) reads a layout many times faster than PyYAML's
# own parser; it builds the same nodes, with the same line marks.  Errors are
# reported by the Python parser, whose messages the error tests pin down.
_LIBYAML = bool(getattr(yaml, "__with_libyaml__", False))


def _load_yaml(text: str, name: str, offset: int, plain_text: bool, field: str | None, *, fast: bool,
               ) -> tuple[Any, dict[KeyPath, int]]:
    if fast:
        loader_class = yaml.CBaseLoader if plain_text else yaml.CSafeLoader
    else:
        loader_class = yaml.BaseLoader if plain_text else yaml.SafeLoader
    loader = None
    try:
        loader = loader_class(text)
        _check_depth(text, name, offset, field, yaml.CSafeLoader if fast else yaml.SafeLoader)
        node = loader.get_single_node()
        if node is not None:
            _check_size(node, name, offset, field)
            _check_duplicates(node, name, offset, set())
            _check_tags(node, (), name, offset, field)
        data = loader.construct_document(node) if node is not None else None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow, such as a control
        line = text[: error.position].count("\n") + 1 + offset
        raise SourceError(name, line, field, f"character U+{error.character:04X} is not allowed in YAML; "
                                             "remove it") from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        raise SourceError(name, mark.line + 1 + offset if mark else None, field,
                          f"malformed YAML: {problem}") from error
    except ValueError as error:  # a whole number of more digits than Python converts
        where = _first(node, lambda item: item.tag.endswith(":int") and len(item.value) > sys.get_int_max_str_digits())
        if where is None:
            raise SourceError(name, None, field, f"malformed YAML: {shorten(str(error))}") from error
        raise SourceError(name, where.start_mark.line + 1 + offset, field,
                          f"a number of {len(where.value)} digits is too long") from error
    finally:
        if loader is not None:
            loader.dispose()
    lines: dict[KeyPath, int] = {}
    if node is not None:
        _record_lines(node, (), lines, offset, set())
    return data, lines


def _check_depth(text: str, name: str, offset: int, field: str | None, scanner: type) -> None:
    depth = 0
    for token in yaml.scan(text, Loader=scanner):
        if isinstance(token, _OPENING_TOKENS):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                raise SourceError(name, token.start_mark.line + 1 + offset, field,
                                  f"nested more than {MAX_YAML_DEPTH} levels deep")
        elif isinstance(token, _CLOSING_TOKENS):
            depth -= 1


def _check_size(root: yaml.Node, name: str, offset: int, field: str | None) -> None:
    """Count values as aliases expand them (each shared node counted once per use)."""
    sizes: dict[int, int] = {}

    def size(node: yaml.Node) -> int:
        if id(node) not in sizes:
            sizes[id(node)] = 1 + sum(size(child) for child in _children(node))
        return sizes[id(node)]

    total = size(root)
    if total > MAX_YAML_VALUES:
        raise SourceError(name, root.start_mark.line + 1 + offset, field,
                          f"holds {total} values once its aliases (*name) are expanded, more than the "
                          f"{MAX_YAML_VALUES} a source file may have")


def _check_tags(node: yaml.Node, path: KeyPath, name: str, offset: int, field: str | None) -> None:
    """Only YAML's plain kinds of value: a tag such as ``!!python/object``
    asks a full loader to run code, and is refused by name where it stands."""
    if node.tag not in SAFE_TAGS:
        tag = node.tag.replace(YAML_TAG_PREFIX, "!!", 1)
        label = Fields(None, {}, name, path).label() or field
        raise SourceError(name, node.start_mark.line + 1 + offset, label,
                          f"the YAML tag {shorten(tag)} is refused: a source holds only text, numbers, true/false, "
                          "dates, lists and mappings")
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _check_tags(key, path, name, offset, field)
            _check_tags(value, path + (key.value,), name, offset, field)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _check_tags(item, path + (index,), name, offset, field)


def _check_duplicates(node: yaml.Node, name: str, offset: int, seen: set[int]) -> None:
    """A key given twice is an error: YAML would silently keep the last one."""
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        first_lines: dict[str, int] = {}
        for key, value in node.value:
            line = key.start_mark.line + 1 + offset
            if isinstance(key, yaml.ScalarNode):
                if key.value in first_lines:
                    raise SourceError(name, line, str(key.value),
                                      f"given twice (first on line {first_lines[key.value]}); remove one")
                first_lines[key.value] = line
            _check_duplicates(value, name, offset, seen)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_duplicates(item, name, offset, seen)


def _record_lines(node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int], offset: int, seen: set[int]) -> None:
    """Lines of keys and items; an aliased node is walked once (its other uses
    fall back to the line of the key that names the alias)."""
    lines[path] = node.start_mark.line + 1 + offset
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = path + (key.value,)
            _record_lines(value, child, lines, offset, seen)
            lines[child] = key.start_mark.line + 1 + offset
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, path + (index,), lines, offset, seen)


def _first(node: yaml.Node | None, wanted: Callable[[yaml.ScalarNode], bool]) -> yaml.ScalarNode | None:
    """The first scalar under ``node``, in file order, that is ``wanted``."""
    if isinstance(node, yaml.ScalarNode):
        return node if wanted(node) else None
    return next((found for child in _children(node) if (found := _first(child, wanted)) is not None), None)


def _children(node: yaml.Node | None) -> list[yaml.Node]:
    """A mapping's keys and values, a sequence's items, in file order."""
    if isinstance(node, yaml.MappingNode):
        return [child for pair in node.value for child in pair]
    return node.value if isinstance(node, yaml.SequenceNode) else []


def shorten(message: str) -> str:
    """A message quoting a hostile value stays readable."""
    return message if len(message) <= MAX_QUOTED_CHARS * 2 else message[:MAX_QUOTED_CHARS * 2] + "…"


def quoted(value: Any) -> str:
    """A value as the user wrote it, cut short."""
    shown = repr(value) if not isinstance(value, (list, dict)) else reprlib.repr(value)
    return shown if len(shown) <= MAX_QUOTED_CHARS else shown[:MAX_QUOTED_CHARS] + "…"


@dataclass(frozen=True)
class ValueType:
    """A kind of value a source may give: the parser the loader checks it
    with, and the same rule as JSON Schema for editors (source/schema.py)."""
    parse: Callable[[Any], Any]
    schema: dict


@dataclass(frozen=True)
class Key:
    """One key a mapping may hold: a value, a mapping of its own keys
    (``section``), or a list of such mappings or values (``items``)."""
    about: str
    value: ValueType | None = None
    section: "Keys | None" = None
    items: "Keys | ValueType | None" = None
    required: bool = False


# The keys a mapping may hold, in the order messages and docs list them.
Keys = dict[str, Key]


class Fields:
    """One YAML mapping of a source file, read with its line numbers; with
    ``keys``, the only keys it may hold and how each value is parsed."""

    def __init__(self, data: Any, lines: dict[KeyPath, int], name: str, path: KeyPath = (),
                 keys: Keys | None = None):
        self.name, self.lines, self.path, self.keys = name, lines, path, keys
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise self.error(None, "must be a mapping of 'key: value' lines")
        self.data = data

    def label(self, key: object | None = None) -> str:
        parts = [*self.path, key] if key is not None else list(self.path)
        text = ""
        for part in parts:
            text += f"[{part}]" if isinstance(part, int) else (("." if text else "") + str(part))
        return text

    def line(self, key: object | None = None) -> int | None:
        path = self.path + ((key,) if key is not None else ())
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path)

    def error(self, key: object | None, message: str) -> SourceError:
        return SourceError(self.name, self.line(key), self.label(key) or None, message)

    def only(self, *known: str) -> None:
        """Reject unknown keys (by default, those not in ``keys``): a typo must not be silently ignored."""
        known = known or tuple(self.keys or ())
        for key in self.data:
            if key not in known:
                raise self.error(key, f"unknown key{did_you_mean(key, known)} (known here: {', '.join(known)})")

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def get(self, key: str, parse: Callable[[Any], Any] | None = None, default: Any = ...) -> Any:
        """A value parsed by ``parse``, or by its type in ``keys``; ``default``
        when it is missing (``...``: required)."""
        if parse is None:
            parse = self._declared(key).value.parse
        if self.data.get(key) is None:
            if default is ...:
                raise self.error(key, "required")
            return default
        try:
            return parse(self.data[key])
        except (ValueError, TypeError) as error:
            raise self.error(key, shorten(str(error))) from error

    def section(self, key: str) -> "Fields":
        keys = self._declared(key).section if self.keys is not None else None
        return Fields(self.data.get(key), self.lines, self.name, self.path + (key,), keys)

    def items(self, key: str) -> list["Fields"]:
        value = self.data.get(key) or []
        if not isinstance(value, list):
            raise self.error(key, "must be a list")
        keys = self._declared(key).items if self.keys is not None else None
        return [Fields(item, self.lines, self.name, self.path + (key, index), keys)
                for index, item in enumerate(value)]

    def _declared(self, key: str) -> Key:
        """A key the loader reads must be declared, or the schema would not offer it."""
        if self.keys is None or key not in self.keys:
            raise LookupError(f"{self.label(key)} is read but not declared in the loader's keys")
        return self.keys[key]


def positive_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"must be a whole number ≥ 1, not {quoted(value)}")
    return value


def boolean(value: Any) -> bool:
    """true or false only: Python would take the text "no" for true."""
    if not isinstance(value, bool):
        raise ValueError(f"must be true or false, not {quoted(value)}")
    return value


def number(value: Any) -> float:
    """A plain finite number (true/false and text are refused)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"must be a number, not {quoted(value)}")
    return float(value)


def iso_date(value: Any) -> str:
    """A date as YYYY-MM-DD (YAML may already have read it as a date)."""
    try:
        return datetime.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ValueError(f"must be a date such as 2023-03-07, not {quoted(value)}") from None


def text(value: Any) -> str:
    if isinstance(value, (dict, list)):
        raise ValueError("must be text")
    return str(value)


def span(value: Any) -> tuple[int, int]:
    """[first, last] of columns or lines (1-based, inclusive)."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = [value, value]
    if not (isinstance(value, list) and len(value) == 2):
        raise ValueError(f"must be [first, last], not {quoted(value)}")
    first, last = (positive_int(item) for item in value)
    if last < first:
        raise ValueError(f"last ({last}) comes before first ({first})")
    return first, last


def choice(*values: str) -> ValueType:
    """One of a few words (a font role, a level)."""
    def parse(value: Any) -> str:
        if value not in values:
            raise ValueError(f"must be one of {', '.join(values)}, not {quoted(value)}{did_you_mean(value, values)}")
        return value
    return ValueType(parse, {"enum": list(values)})


def enum_choice(kind: type[Enum]) -> ValueType:
    """One of a fixed choice's words (an alignment, a place), read as its member."""
    words = choice(*(member.value for member in kind))
    return ValueType(lambda value: kind(words.parse(value)), words.schema)


SCALAR_TYPES = ["string", "number", "boolean"]
POSITIVE_INT = ValueType(positive_int, {"type": "integer", "minimum": 1})
BOOLEAN = ValueType(boolean, {"type": "boolean"})
NUMBER = ValueType(number, {"type": "number"})
ISO_DATE = ValueType(iso_date, {"type": "string", "format": "date"})
# A line of text; YAML may read a bare 5 or 2023-03-07 as a number or date, and the loader takes those as written.
TEXT = ValueType(text, {"type": SCALAR_TYPES})
SPAN = ValueType(span, {"anyOf": [POSITIVE_INT.schema, {"type": "array", "items": POSITIVE_INT.schema,
                                                        "minItems": 2, "maxItems": 2}]})
