"""Colours a layout may name: process CMYK in percent, a spot ink with its
process look-alike, a tint of either laid under type (底纹, 反白), and a
box's ground.  Each reader takes a YAML value and raises ValueError with
what was wrong; ``Fields`` adds the file, line and key."""
from __future__ import annotations

from typing import Any

from ..model.colour import BLACK, FULL_TINT, Swatch
from .fields import ValueType, boolean, number, quoted, text

PERCENT = 100.0
PROCESS_COMPONENTS = 4


def swatch(value: Any) -> Swatch:
    """A colour: ``[c, m, y, k]`` in percent, or ``{spot: name, cmyk: [c, m, y, k]}``
    (a spot ink and its process look-alike)."""
    if isinstance(value, dict):
        unknown = set(value) - {"spot", "cmyk"}
        if unknown or "spot" not in value or "cmyk" not in value:
            raise ValueError("a spot colour is {spot: name, cmyk: [c, m, y, k]}, not " + quoted(value))
        name = text(value["spot"]).strip()
        if not name or name in ("All", "None", "Cyan", "Magenta", "Yellow", "Black"):
            raise ValueError(f"{quoted(value['spot'])} cannot name a spot ink")
        return Swatch(cmyk(value["cmyk"]), spot=name)
    return Swatch(cmyk(value))


def cmyk(value: Any) -> tuple[float, float, float, float]:
    """``[c, m, y, k]`` in percent, as fractions."""
    if not (isinstance(value, list) and len(value) == PROCESS_COMPONENTS):
        raise ValueError(f"a colour is [c, m, y, k] in percent, e.g. [0, 100, 100, 0], not {quoted(value)}")
    parts = tuple(percent(part) for part in value)
    return parts  # type: ignore[return-value]


def percent(value: Any) -> float:
    """0–100 as a fraction."""
    share = number(value)
    if not 0 <= share <= PERCENT:
        raise ValueError(f"must be 0 to 100 (percent), not {quoted(value)}")
    return share / PERCENT


def ground(value: Any) -> Swatch:
    """A colour laid under type: ``true`` (solid black), or ``{colour, tint}``."""
    if value is True:
        return BLACK
    if not isinstance(value, dict) or set(value) - {"colour", "tint"}:
        raise ValueError(f"must be true or {{colour: [c, m, y, k], tint: percent}}, not {quoted(value)}")
    colour = swatch(value["colour"]) if value.get("colour") is not None else BLACK
    tint = percent(value["tint"]) if value.get("tint") is not None else FULL_TINT
    if tint == 0:
        raise ValueError("a tint of 0 lays down no ink")
    return colour.at(tint)


def box(value: Any) -> bool | tuple[Swatch | None, bool]:
    """框: ``true``/``false``, or ``{tint: percent, colour: …, rule: true}``:
    a box with a tinted ground (底纹), with or without its rule."""
    if isinstance(value, bool):
        return value
    if not isinstance(value, dict) or set(value) - {"colour", "tint", "rule"}:
        raise ValueError(f"must be true, false or {{tint: percent, colour: [c, m, y, k], rule: true}}, "
                         f"not {quoted(value)}")
    rule = boolean(value["rule"]) if "rule" in value else True
    laid = ground({key: value[key] for key in ("colour", "tint") if key in value}) if (
        "tint" in value or "colour" in value) else None
    return laid, rule


# The same readers as value types, with the JSON Schema each one checks.
_CMYK_SCHEMA = {"type": "array", "items": {"type": "number", "minimum": 0, "maximum": 100},
                "minItems": PROCESS_COMPONENTS, "maxItems": PROCESS_COMPONENTS}
_SWATCH_SCHEMA = {"anyOf": [_CMYK_SCHEMA, {"type": "object", "properties": {"spot": {"type": "string"},
                                                                            "cmyk": _CMYK_SCHEMA},
                                           "required": ["spot", "cmyk"], "additionalProperties": False}]}
_TINT_SCHEMA = {"type": "number", "minimum": 0, "maximum": 100}
SWATCH = ValueType(swatch, _SWATCH_SCHEMA)
GROUND = ValueType(ground, {"anyOf": [{"const": True}, {"type": "object", "properties": {
    "colour": _SWATCH_SCHEMA, "tint": _TINT_SCHEMA}, "additionalProperties": False}]})
BOX = ValueType(box, {"anyOf": [{"type": "boolean"}, {"type": "object", "properties": {
    "colour": _SWATCH_SCHEMA, "tint": _TINT_SCHEMA, "rule": {"type": "boolean"}}, "additionalProperties": False}]})
