"""Regenerate the TrueType fonts in fonts/ from the upstream OpenType files.

reportlab embeds only TrueType (glyf) outlines, while Noto Serif/Sans CJK ship
as OpenType/CFF.  For each face this script:

1. maps “ ” ‘ ’ — … to their full-width forms (the font's own ``fwid``
   substitution), because Chinese text sets quotes and dashes on the em grid;
2. subsets to fonts/charset.txt (GB 2312 ∪ 通用规范汉字表 ∪ punctuation ∪ ASCII),
   dropping OpenType layout tables reportlab never reads;
3. converts cubic CFF outlines to quadratic glyf outlines (cu2qu);
4. renames the family: a subset is a Modified Version under the SIL OFL, and
   LXGW WenKai reserves the names "LXGW" and "霞鹜".

Maintainer-only: the upstream files come from Debian's fonts-noto-cjk and
fonts-lxgw-wenkai packages (or the upstream releases).  The results are
committed, so nobody else ever runs this.

    python fonts/tools/build_fonts.py [FACE ...]
"""
from __future__ import annotations

import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
from broadsheet.fonts.convert import cff_to_glyf  # noqa: E402

FONTS_DIR = Path(__file__).resolve().parent.parent
NOTO = Path("/usr/share/fonts/opentype/noto")
WENKAI = Path("/usr/share/fonts/truetype/lxgw-wenkai")
SIMPLIFIED_CHINESE_FACE = 2  # index of the SC face inside the Noto CJK .ttc collections
FULL_WIDTH_IN_CHINESE = "“”‘’—…"


@dataclass(frozen=True)
class Face:
    output: str  # file name in fonts/
    family: str
    style: str
    source: Path
    face_index: int = 0


FACES = [
    Face("BroadsheetSerif-Regular.ttf", "Broadsheet Serif SC", "Regular", NOTO / "NotoSerifCJK-Regular.ttc", SIMPLIFIED_CHINESE_FACE),
    Face("BroadsheetSerif-Bold.ttf", "Broadsheet Serif SC", "Bold", NOTO / "NotoSerifCJK-Bold.ttc", SIMPLIFIED_CHINESE_FACE),
    Face("BroadsheetSans-Bold.ttf", "Broadsheet Sans SC", "Bold", NOTO / "NotoSansCJK-Bold.ttc", SIMPLIFIED_CHINESE_FACE),
    Face("BroadsheetSans-Black.ttf", "Broadsheet Sans SC", "Black", NOTO / "NotoSansCJK-Black.ttc", SIMPLIFIED_CHINESE_FACE),
    Face("BroadsheetKai-Regular.ttf", "Broadsheet Kai", "Regular", WENKAI / "LXGWWenKai-Regular.ttf"),
]


def read_charset() -> list[int]:
    lines = (FONTS_DIR / "charset.txt").read_text(encoding="utf-8").splitlines()
    return [int(line, 16) for line in lines if line and not line.startswith("#")]


def use_full_width_forms(font: TTFont) -> None:
    """Point the cmap of quotes and dashes at the font's ``fwid`` glyphs."""
    if "GSUB" not in font:
        return
    gsub = font["GSUB"].table
    substitutions: dict[str, str] = {}
    for record in gsub.FeatureList.FeatureRecord:
        if record.FeatureTag != "fwid":
            continue
        for index in record.Feature.LookupListIndex:
            for sub in gsub.LookupList.Lookup[index].SubTable:
                if hasattr(sub, "ExtSubTable"):
                    sub = sub.ExtSubTable
                substitutions.update(getattr(sub, "mapping", {}) or {})
    for table in font["cmap"].tables:
        if not table.isUnicode():
            continue
        for char in FULL_WIDTH_IN_CHINESE:
            glyph = table.cmap.get(ord(char))
            if glyph in substitutions:
                table.cmap[ord(char)] = substitutions[glyph]


def rename(font: TTFont, face: Face) -> None:
    """Give the Modified Version its own names (SIL OFL §3), keeping the credit."""
    name = font["name"]
    copyright_notice = name.getDebugName(0) or ""
    ps_name = face.family.replace(" ", "") + "-" + face.style
    keep = {0: copyright_notice, 13: name.getDebugName(13) or "", 14: name.getDebugName(14) or ""}
    name.names = []
    fields = {
        **keep,
        1: face.family if face.style in ("Regular", "Bold") else f"{face.family} {face.style}",
        2: face.style if face.style in ("Regular", "Bold") else "Regular",
        3: f"broadsheet:{ps_name}",
        4: f"{face.family} {face.style}",
        5: "Version 1.0; subset and TrueType conversion by broadsheet (see fonts/README.md)",
        6: ps_name,
        16: face.family,
        17: face.style,
    }
    for name_id, text in fields.items():
        if text:
            name.setName(text, name_id, 3, 1, 0x409)


def build(face: Face) -> str:
    started = time.perf_counter()
    font = TTFont(face.source, fontNumber=face.face_index)
    use_full_width_forms(font)
    options = subset.Options()
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx", "DSIG", "meta"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=read_charset())
    subsetter.subset(font)
    if "CFF " in font:
        cff_to_glyf(font)
    rename(font, face)
    out = FONTS_DIR / face.output
    font.save(out)
    return f"{face.output}: {out.stat().st_size / 1e6:.1f} MB in {time.perf_counter() - started:.0f} s"


def main(selected: list[str]) -> int:
    faces = [face for face in FACES if not selected or face.output in selected]
    with ProcessPoolExecutor() as pool:
        for line in pool.map(build, faces):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
