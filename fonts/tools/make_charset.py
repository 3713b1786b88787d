"""Write fonts/charset.txt: the code points every shipped face is subset to.

The set is GB 2312 ∪ 通用规范汉字表 (8,105, Unihan kTGH) ∪ CJK symbols and
punctuation ∪ half/full-width forms ∪ ASCII ∪ the Latin-1 and general
punctuation marks and the symbol ranges Chinese news copy uses daily (units
as CJK squares ㎡ ㎞, ℃ ‰ №, Roman numerals, circled numbers).  Run once by a
maintainer; needs Debian's unicode-data package for Unihan (the result is
committed).
"""
from __future__ import annotations

import bz2
import sys
from pathlib import Path

UNIHAN_OTHER = Path("/usr/share/unicode/Unihan_OtherMappings.txt.bz2")
OUT = Path(__file__).resolve().parent.parent / "charset.txt"

RANGES = {
    "ASCII printable": (0x20, 0x7E),
    "Latin-1 punctuation and signs": (0xA0, 0xFF),
    "General punctuation": (0x2010, 0x205E),
    "Superscripts and subscripts (⁰ ⁴ ₂, for units and formulas)": (0x2070, 0x209F),
    "Currency symbols (€ ₩ ₹ ₽)": (0x20A0, 0x20CF),
    "Letterlike symbols (℃ № ℉ ℡ …)": (0x2100, 0x214F),
    "Number forms (Roman numerals Ⅰ–Ⅻ ⅰ–ⅻ, fractions ⅓ ⅔)": (0x2150, 0x218F),
    "Arrows": (0x2190, 0x21FF),
    "Math operators used in copy (× ÷ ≤ ≥ ± ∶ ⋯)": (0x2200, 0x22FF),
    "Misc technical (⌀ ⌒ …)": (0x2300, 0x23FF),
    "Enclosed alphanumerics (① ⑴ ⒈ Ⓐ …)": (0x2460, 0x24FF),
    "Box drawing (─ …)": (0x2500, 0x257F),
    "Geometric shapes (■ □ ▲ ◆ ○ ● …)": (0x25A0, 0x25FF),
    "Misc symbols (★ ☆ ☎ ☑ …)": (0x2600, 0x26FF),
    "Dingbats (✓ ✕ ❶–❿ negative circled numbers …)": (0x2700, 0x27BF),
    "Supplemental punctuation (⸺ two-em dash)": (0x2E3A, 0x2E3B),
    "CJK symbols and punctuation": (0x3000, 0x303F),
    "Enclosed CJK letters and months (㈠ ㈱ ㉑–㉟ ㊀ ㊣ …)": (0x3200, 0x32FF),
    "CJK compatibility squares: units (㎡ ㎞ ㎏ ㎎ ㎜ ㎝ ㏄ ㏑ …)": (0x3380, 0x33FF),
    "CJK compatibility forms (︵ ︶ …)": (0xFE30, 0xFE4F),
    "Halfwidth and fullwidth forms": (0xFF01, 0xFFEF),
}


def gb2312() -> set[int]:
    """Every code point of GB 2312, by decoding each two-byte code."""
    points: set[int] = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                points.add(ord(bytes([high, low]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return points


def tongyong_guifan() -> set[int]:
    """The 8,105 characters of 通用规范汉字表 (2013), from Unihan's kTGH."""
    points = set()
    with bz2.open(UNIHAN_OTHER, "rt", encoding="utf-8") as lines:
        for line in lines:
            fields = line.split("\t")
            if len(fields) == 3 and fields[1] == "kTGH":
                points.add(int(fields[0][2:], 16))
    return points


def main() -> int:
    table = tongyong_guifan()
    if len(table) != 8105:
        print(f"expected 8105 kTGH entries, found {len(table)}", file=sys.stderr)
        return 1
    points = gb2312() | table
    for low, high in RANGES.values():
        points.update(range(low, high + 1))
    header = [
        "# broadsheet font character set: one code point per line (hex).",
        "# GB 2312 ∪ 通用规范汉字表 (Unihan kTGH, 8105) ∪ these ranges:",
        *(f"#   U+{lo:04X}–U+{hi:04X} {name}" for name, (lo, hi) in RANGES.items()),
        f"# {len(points)} code points. Regenerate: python fonts/tools/make_charset.py",
    ]
    OUT.write_text("\n".join(header + [f"{p:04X}" for p in sorted(points)]) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(points)} code points")
    return 0


if __name__ == "__main__":
    sys.exit(main())
