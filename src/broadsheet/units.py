"""Units of the page: points, millimetres, Chinese type sizes (号), body characters.

All layout arithmetic is done in points (pt); sources may give millimetres,
points or a Chinese size name.
"""
from __future__ import annotations

import re

PT_PER_INCH = 72.0
MM_PER_INCH = 25.4
PT_PER_MM = PT_PER_INCH / MM_PER_INCH

# Chinese type sizes (字号), in points.
CHINESE_SIZES_PT = {
    "特大号": 63.0, "特号": 54.0,
    "初号": 42.0, "小初": 36.0, "一号": 26.0, "小一": 24.0, "二号": 22.0, "小二": 18.0,
    "三号": 16.0, "小三": 15.0, "四号": 14.0, "小四": 12.0, "五号": 10.5, "小五": 9.0,
    "六号": 7.5, "小六": 6.5, "七号": 5.5, "八号": 5.0,
}
LENGTH_PATTERN = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(mm|pt|cm)?\s*$")
_UNIT_PT = {"mm": PT_PER_MM, "cm": 10 * PT_PER_MM, "pt": 1.0, None: 1.0}


def mm(value: float) -> float:
    """Millimetres to points."""
    return value * PT_PER_MM


def to_mm(points: float) -> float:
    """Points to millimetres, for messages an editor reads."""
    return points / PT_PER_MM


def parse_length(value: object) -> float:
    """'390mm', '12pt', '1.5cm' or a bare number of points → points."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    match = LENGTH_PATTERN.match(str(value))
    if not match:
        raise ValueError(f"not a length: {value!r} (write e.g. 390mm or 12pt)")
    return float(match.group(1)) * _UNIT_PT[match.group(2)]


def parse_size(value: object) -> float:
    """A type size: a Chinese size name (小五, 一号 …) or a length → points."""
    if isinstance(value, str) and value.strip() in CHINESE_SIZES_PT:
        return CHINESE_SIZES_PT[value.strip()]
    try:
        size = parse_length(value)
    except ValueError:
        raise ValueError(f"not a type size: {value!r} (write 小五, 一号, … or e.g. 9pt)") from None
    if size <= 0:
        raise ValueError(f"type size must be positive: {value!r}")
    return size
