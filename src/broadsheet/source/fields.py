"""Read YAML mappings field by field, so every error names file, line and key."""
from __future__ import annotations

from typing import Any, Callable

import yaml

from ..errors import SourceError

Path_ = tuple  # a key path: ("blocks", 0, "title", "size")


def load_yaml(text: str, name: str) -> tuple[Any, dict[Path_, int]]:
    """Parse YAML, keeping the 1-based line of every key and list item."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        raise SourceError(name, mark.line + 1 if mark else None, None, f"malformed YAML: {problem}") from error
    lines: dict[Path_, int] = {}
    if node is not None:
        _record_lines(node, (), lines)
    return data, lines


def _record_lines(node, path: Path_, lines: dict[Path_, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = path + (key.value,)
            _record_lines(value, child, lines)
            lines[child] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, path + (index,), lines)


class Fields:
    """One YAML mapping of a source file, read with its line numbers."""

    def __init__(self, data: Any, lines: dict[Path_, int], name: str, path: Path_ = ()):
        self.name, self.lines, self.path = name, lines, path
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
        """Reject unknown keys: a typo must not be silently ignored."""
        for key in self.data:
            if key not in known:
                raise self.error(key, f"unknown key (known here: {', '.join(known)})")

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def get(self, key: str, parse: Callable[[Any], Any] = lambda value: value, default: Any = ...,
            ) -> Any:
        if self.data.get(key) is None:
            if default is ...:
                raise self.error(key, "required")
            return default
        try:
            return parse(self.data[key])
        except (ValueError, TypeError) as error:
            raise self.error(key, str(error)) from error

    def section(self, key: str) -> "Fields":
        return Fields(self.data.get(key), self.lines, self.name, self.path + (key,))

    def items(self, key: str) -> list["Fields"]:
        value = self.data.get(key) or []
        if not isinstance(value, list):
            raise self.error(key, "must be a list")
        return [Fields(item, self.lines, self.name, self.path + (key, index)) for index, item in enumerate(value)]


def positive_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"must be a whole number ≥ 1, not {value!r}")
    return value


def text(value: Any) -> str:
    if isinstance(value, (dict, list)):
        raise ValueError("must be text")
    return str(value)


def span(value: Any) -> tuple[int, int]:
    """[first, last] of columns or lines (1-based, inclusive)."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = [value, value]
    if not (isinstance(value, list) and len(value) == 2):
        raise ValueError(f"must be [first, last], not {value!r}")
    first, last = (positive_int(item) for item in value)
    if last < first:
        raise ValueError(f"last ({last}) comes before first ({first})")
    return first, last
