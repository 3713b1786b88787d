"""Load the faces that set each role, register them with reportlab, and hand
their metrics to the text stage as plain data."""
from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from ..diskcache import CACHE_ROOT
from ..errors import SourceError
from ..model.page import ROLES
from ..source.bounds import oversized
from ..source.fields import shorten
from ..text.classes import CLOSING_BRACKETS, INTERPUNCTS, OPENING_BRACKETS, PAUSE_OR_STOP_MARKS
from ..text.metrics import FontMetrics, Ink
from . import facecache
from .convert import cached_truetype, is_cff

# The tables every face needs to set type (character map, metrics, names),
# and one of the outline tables.
REQUIRED_TABLES = ("cmap", "head", "hhea", "hmtx", "maxp", "name")
OUTLINE_TABLES = frozenset({"glyf", "CFF ", "CFF2"})

if TYPE_CHECKING:
    from reportlab.pdfbase.ttfonts import TTFont


def _fonts_dir() -> Path:
    """The shipped fonts/: $BROADSHEET_FONTS, else the checkout this package
    runs from (pip install -e .), else ./fonts (pip install . in a checkout)."""
    candidates = [Path(os.environ["BROADSHEET_FONTS"])] if "BROADSHEET_FONTS" in os.environ else []
    candidates += [Path(__file__).resolve().parents[3] / "fonts", Path.cwd() / "fonts"]
    return next((path for path in candidates if (path / "roles.yaml").is_file()), candidates[0])


FONTS_DIR = _fonts_dir()
ROLES_FILE = FONTS_DIR / "roles.yaml"
CACHE_DIR = CACHE_ROOT / "fonts"     # OpenType/CFF faces converted to TrueType
FACES_DIR = CACHE_ROOT / "faces"     # parsed faces (facecache)
_GLYF_HEADER = struct.Struct(">hhhhh")  # numberOfContours, xMin, yMin, xMax, yMax
# reportlab scales a face's advances to this many units per em.
REPORTLAB_UNITS_PER_EM = 1000.0


@dataclass
class LoadedFont:
    """A face registered with reportlab, with its metrics for the line breaker."""
    name: str           # reportlab font name
    path: Path
    metrics: FontMetrics
    dash_ink: tuple[float, float] | None  # horizontal ink of "—", em (joins 破折号 halves)


class FontSet:
    """The faces of one page, by role, each loaded when first asked for: a
    page that sets no subtitle never parses the subtitle face."""

    def __init__(self, paths: dict[str, Path], source: str, lines: dict[str, int] | None = None):
        self.paths = paths
        self.source = source
        self.used: dict[str, LoadedFont] = {}   # by reportlab name: the faces asked for so far
        self.lines = lines or {}   # the line of each role's key in the source, for errors

    def __getitem__(self, role: str) -> LoadedFont:
        if role not in self.paths:
            raise SourceError(self.source, None, "fonts", f"no font for role {role!r} (roles: {', '.join(ROLES)})")
        path, face = split_face(self.paths[role])
        font = load_font(path, face, source=self.source, field=f"fonts.{role}", line=self.lines.get(role))
        self.used[font.name] = font
        return font


def split_face(path: Path) -> tuple[Path, int]:
    """"fonts.ttc#2" names the third face of a collection; a plain path, the first."""
    name, _, face = path.name.rpartition("#")
    if name and face.isdigit():
        return path.with_name(name), int(face)
    return path, 0


_loaded: dict[tuple[Path, int], LoadedFont] = {}


def read_role_config(path: Path = ROLES_FILE) -> dict[str, str]:
    """The roles file's role → font file table (read again only when its bytes change)."""
    return dict(_role_table(path, path.read_bytes()))


@lru_cache(maxsize=8)
def _role_table(path: Path, contents: bytes) -> tuple[tuple[str, str], ...]:
    config = yaml.load(contents.decode("utf-8"), Loader=_YAML_LOADER) or {}
    return tuple(config.get("roles", {}).items())


# PyYAML's C parser when it has one (the same tables, parsed faster).
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_font_set(overrides: dict[str, Path] | None = None, *, source: str = "fonts/roles.yaml",
                  lines: dict[str, int] | None = None) -> FontSet:
    """Faces for every role: fonts/roles.yaml, with a layout's overrides on
    top (``lines``: where the layout names each, for errors)."""
    config = {role: FONTS_DIR / name for role, name in read_role_config().items()}
    config.update(overrides or {})
    missing = [role for role in ROLES if role not in config]
    if missing:
        raise SourceError(source, None, "roles", f"no font for role(s) {', '.join(missing)}")
    for role, path in config.items():
        if not split_face(path)[0].is_file():
            raise SourceError(source, None, f"fonts.{role}", f"font file not found: {path}")
    return FontSet(config, source, lines)


def load_font(path: Path, face_index: int = 0, *, source: str = "", field: str = "",
              line: int | None = None) -> LoadedFont:
    """Register a TrueType face (converting OpenType/CFF once into the cache),
    from its parsed record in the cache when there is one (see facecache).  A
    file too large, without the tables a face needs, or that the font readers
    fail on is an error at the line and key that name it."""
    key = (path, face_index)
    if key in _loaded:
        return _loaded[key]
    if not path.is_file():
        raise SourceError(source, line, field, f"font file not found: {path}")
    shown = _shown_path(path)
    too_large = oversized(path, "font")
    if too_large:
        raise SourceError(source, line, field, f"{shown}: {too_large}")
    entry = facecache.entry_path(FACES_DIR, path, face_index)
    record = facecache.read_record(entry)
    if record is None:  # a face read back was checked when it was parsed
        problem = _unusable(path, face_index)
        if problem:
            raise SourceError(source, line, field, f"{shown} is not a usable font: {problem}")
    from reportlab.pdfbase import pdfmetrics
    try:
        converted = is_cff(path, face_index)
        truetype = cached_truetype(path, face_index, CACHE_DIR) if converted else path
        name = f"{truetype.stem}-{face_index}" if face_index and not converted else truetype.stem
        # A converted face is saved as a font of its own, not a collection.
        subfont = 0 if converted else face_index
        if record is None:
            record = _parsed(name, truetype, subfont)
            facecache.write_record(entry, record)
        ttfont = facecache.restored(record, name, truetype, entry)
    except Exception as error:  # fontTools/reportlab raise many kinds for a bad file
        raise SourceError(source, line, field, f"cannot read {shown} as a font ({type(error).__name__}: "
                                               f"{shorten(str(error))})") from error
    pdfmetrics.registerFont(ttfont)
    metrics = FontMetrics(name, record.metrics.advances, record.metrics.punctuation_ink)
    font = LoadedFont(name, truetype, metrics, record.dash_ink)
    _loaded[key] = font
    return font


def _unusable(path: Path, face_index: int) -> str | None:
    """Why the file cannot set type, read from its table directory alone
    (fontTools reads tables lazily), or None."""
    from fontTools import ttLib
    try:
        with ttLib.TTFont(path, fontNumber=face_index, lazy=True) as face:
            tables = set(face.keys())
    except Exception as error:  # noqa: BLE001 — fontTools raises many kinds for a bad file
        return f"{type(error).__name__}: {shorten(str(error))}"
    missing = [table for table in REQUIRED_TABLES if table not in tables]
    if not OUTLINE_TABLES & tables:
        missing.append("glyf or CFF")
    return f"it has no {', '.join(missing)} table{'s' if len(missing) > 1 else ''}" if missing else None


def _shown_path(path: Path) -> str:
    """A font's path as the user gave it: relative to the working folder where it can be."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _parsed(name: str, truetype: Path, subfont: int) -> facecache.FaceRecord:
    """Parse a face with reportlab: its tables and the line breaker's metrics."""
    from reportlab.pdfbase.ttfonts import TTFont
    ttfont = TTFont(name, str(truetype), subfontIndex=subfont)
    dash = _ink(ttfont.face, ord("—"))
    return facecache.record_of(ttfont, _metrics(name, ttfont), (dash.left, dash.right) if dash else None)


def _metrics(name: str, ttfont: TTFont) -> FontMetrics:
    face = ttfont.face
    scale = 1.0 / REPORTLAB_UNITS_PER_EM
    advances = {chr(code): width * scale for code, width in face.charWidths.items()}
    return FontMetrics(name, advances, _punctuation_ink(face))


# The marks whose blank side compression needs to know.
_COMPRESSIBLE_MARKS = tuple(OPENING_BRACKETS | CLOSING_BRACKETS | PAUSE_OR_STOP_MARKS | INTERPUNCTS)


def _punctuation_ink(face) -> dict[str, Ink]:
    """Horizontal ink extent of each full-width punctuation mark."""
    ink = {}
    for char in _COMPRESSIBLE_MARKS:
        extent = _ink(face, ord(char))
        if extent is not None:
            ink[char] = extent
    return ink


def _ink(face, code: int) -> Ink | None:
    """A glyph's horizontal ink, read from its glyf header (reportlab keeps the
    loca offsets, so no second font parser is needed)."""
    glyph = face.charToGlyph.get(code)
    if glyph is None:
        return None
    start, end = face.glyphPos[glyph], face.glyphPos[glyph + 1]
    if end <= start:
        return None
    _, x_min, _, x_max, _ = _GLYF_HEADER.unpack_from(face._ttf_data, face.table["glyf"]["offset"] + start)
    return Ink(x_min / face.unitsPerEm, x_max / face.unitsPerEm)
