"""The shipped fonts and the font loader: coverage, licences, conversion, errors."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.ttLib import TTFont

import broadsheet.fonts.registry as registry
from broadsheet.errors import SourceError
from broadsheet.fonts import load_font_set
from broadsheet.fonts.convert import is_cff

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "fonts"
SHIPPED = sorted(FONTS.glob("*.ttf"))
RESERVED_NAMES = ("LXGW", "霞鹜", "Source")


def charset() -> list[int]:
    lines = (FONTS / "charset.txt").read_text(encoding="utf-8").splitlines()
    return [int(line, 16) for line in lines if line and not line.startswith("#")]


def gb2312() -> set[int]:
    points = set()
    for high in range(0xB0, 0xF8):  # the Han rows of GB 2312
        for low in range(0xA1, 0xFF):
            try:
                points.add(ord(bytes([high, low]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return points


def test_five_faces_ship_with_their_licences():
    assert len(SHIPPED) == 5
    for licence in ("OFL.txt", "LICENSE-Noto-CJK.txt", "LICENSE-WenKai.txt"):
        assert (FONTS / licence).stat().st_size > 500
    assert "SIL OPEN FONT LICENSE Version 1.1" in (FONTS / "OFL.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_face_is_truetype_and_covers_the_character_set(path):
    font = TTFont(path, lazy=True)
    assert "glyf" in font and "CFF " not in font
    cmap = font.getBestCmap()
    han = [p for p in charset() if unicodedata.name(chr(p), "").startswith("CJK UNIFIED IDEOGRAPH")]
    missing = [chr(p) for p in han if p not in cmap]
    assert len(han) >= 8105 and not missing, f"{len(missing)} Han missing, e.g. {missing[:10]}"
    assert gb2312() <= set(cmap)
    for char in "，。、：；！？“”‘’（）《》——……·%０ABCabc123":
        assert ord(char) in cmap, char


# Symbols Chinese news copy uses daily (issue 12): unit squares, ℃ ‰ №,
# Roman numerals, circled numbers, plus the units set in Latin.
NEWS_SYMBOLS = "㎡㎞㎏㎎㎜㎝㏄㎥㎖ℓ℃‰№ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫⅰⅱⅲⅳⅴ①②③④⑤⑥⑦⑧⑨⑩⑪⑳㉑㊿❶❿⑴⒈㈠²³×÷±∶"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_face_sets_the_symbols_of_news_copy(path):
    cmap = TTFont(path, lazy=True).getBestCmap()
    missing = [char for char in NEWS_SYMBOLS if ord(char) not in cmap]
    assert not missing, f"{path.name} lacks {''.join(missing)}"


def test_a_character_no_face_has_is_still_refused(tmp_path):
    """Negative control for the wider set: an emoji is in no shipped face."""
    from broadsheet.errors import SourceError
    from broadsheet.galley import build_galley

    article = tmp_path / "emoji.md"
    article.write_text("---\ntitle: 测试\n---\n面积3.5㎡，气温28℃😀。\n", encoding="utf-8")
    with pytest.raises(SourceError, match="U\\+1F600"):
        build_galley(article, tmp_path / "emoji.pdf", measure=13)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_modified_faces_do_not_use_reserved_font_names(path):
    """SIL OFL §3: a subset is a Modified Version and may not carry a Reserved
    Font Name; the copyright notice (name ID 0) must be kept."""
    names = TTFont(path, lazy=True)["name"]
    for record in names.names:
        if record.nameID in (1, 2, 3, 4, 6, 16, 17):
            assert not any(reserved in record.toUnicode() for reserved in RESERVED_NAMES), record.toUnicode()
    assert names.getDebugName(0), "copyright notice dropped"


def test_quotes_are_full_width_in_the_noto_faces():
    for path in FONTS.glob("BroadsheetS*.ttf"):
        font = TTFont(path, lazy=True)
        cmap, hmtx = font.getBestCmap(), font["hmtx"]
        for char in "“”‘’":
            assert hmtx[cmap[ord(char)]][0] == font["head"].unitsPerEm, (path.name, char)


def tiny_cff_font(path: Path) -> None:
    """A two-glyph OpenType/CFF font: the kind a paper's own fonts often are."""
    builder = FontBuilder(1000, isTTF=False)
    order = [".notdef", "space", "zhong", "wen"]
    builder.setupGlyphOrder(order)
    builder.setupCharacterMap({0x20: "space", ord("中"): "zhong", ord("文"): "wen"})
    charstrings = {}
    for name in order:
        pen = T2CharStringPen(1000, None)
        if name != "space":
            pen.moveTo((100, -80))
            pen.lineTo((900, -80))
            pen.curveTo((920, 300), (920, 500), (900, 820))
            pen.lineTo((100, 820))
            pen.closePath()
        charstrings[name] = pen.getCharString()
    builder.setupCFF("TinyCFF", {"FullName": "Tiny CFF"}, charstrings, {})
    builder.setupHorizontalMetrics({name: (1000 if name != "space" else 250, 100) for name in order})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": "Tiny CFF", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    builder.setupPost()
    builder.save(path)


def test_an_opentype_cff_font_is_converted_once_into_the_cache(tmp_path, monkeypatch):
    source = tmp_path / "TinyCFF.otf"
    tiny_cff_font(source)
    assert is_cff(source)
    monkeypatch.setattr(registry, "CACHE_DIR", tmp_path / "cache")
    monkeypatch.setattr(registry, "_loaded", {})
    font = registry.load_font(source)
    assert font.path.parent == tmp_path / "cache" and not is_cff(font.path)
    assert "glyf" in TTFont(font.path)
    assert font.metrics.advance("中") == pytest.approx(1.0)
    stamp = font.path.stat().st_mtime_ns
    monkeypatch.setattr(registry, "_loaded", {})
    again = registry.load_font(source)
    assert again.path == font.path and again.path.stat().st_mtime_ns == stamp  # not converted twice


def test_a_layout_may_name_a_face_of_a_collection(tmp_path, monkeypatch):
    from fontTools.ttLib import TTCollection
    collection = TTCollection()
    collection.fonts = [TTFont(FONTS / "BroadsheetSans-Bold.ttf"), TTFont(FONTS / "BroadsheetKai-Regular.ttf")]
    path = tmp_path / "pair.ttc"
    collection.save(path)
    monkeypatch.setattr(registry, "_loaded", {})
    fonts = load_font_set({"kicker": Path(f"{path}#1")})
    assert fonts["kicker"].metrics.advances["“"] < 0.5   # WenKai's narrow quote: the second face


def test_a_missing_font_file_is_an_error_naming_the_role(tmp_path):
    with pytest.raises(SourceError, match=r"fonts\.title.*not found"):
        load_font_set({"title": tmp_path / "nowhere.ttf"}, source="layouts/x.yaml")


@pytest.fixture
def empty_face_cache(tmp_path, monkeypatch):
    """A fresh parsed-face cache, and no face loaded in this process yet."""
    monkeypatch.setattr(registry, "FACES_DIR", tmp_path / "faces")
    monkeypatch.setattr(registry, "_loaded", {})
    return tmp_path / "faces"


def _count_parses(monkeypatch) -> list[Path]:
    parsed: list[Path] = []
    original = registry._parsed

    def counting(name, truetype, subfont):
        parsed.append(truetype)
        return original(name, truetype, subfont)
    monkeypatch.setattr(registry, "_parsed", counting)
    return parsed


def test_a_cached_face_builds_the_same_bytes_without_parsing_the_font(empty_face_cache, tmp_path, monkeypatch):
    from broadsheet.build import build_layout
    parsed = _count_parses(monkeypatch)
    first = tmp_path / "parsed.pdf"
    build_layout(ROOT / "layouts" / "sample.yaml", first)
    assert parsed and len(list(empty_face_cache.glob("*.face"))) == len(set(parsed))
    parsed.clear()
    monkeypatch.setattr(registry, "_loaded", {})   # a new process: only the disk cache is left
    second = tmp_path / "cached.pdf"
    build_layout(ROOT / "layouts" / "sample.yaml", second)
    assert parsed == []
    assert second.read_bytes() == first.read_bytes()


def test_a_corrupt_cache_entry_is_parsed_again_and_rewritten(empty_face_cache, monkeypatch):
    parsed = _count_parses(monkeypatch)
    body = registry.load_font(FONTS / "BroadsheetSerif-Regular.ttf")
    (entry,) = empty_face_cache.glob("*.face")
    entry.write_bytes(entry.read_bytes()[:1000])   # a write cut short, or a disk error
    monkeypatch.setattr(registry, "_loaded", {})
    again = registry.load_font(FONTS / "BroadsheetSerif-Regular.ttf")
    assert len(parsed) == 2
    assert again.metrics.advances == body.metrics.advances and again.dash_ink == body.dash_ink
    monkeypatch.setattr(registry, "_loaded", {})
    registry.load_font(FONTS / "BroadsheetSerif-Regular.ttf")
    assert len(parsed) == 2   # the rewritten entry is read
    assert [path.name for path in empty_face_cache.iterdir()] == [entry.name]   # no temporary file left


def test_a_changed_font_file_is_parsed_afresh(empty_face_cache, tmp_path, monkeypatch):
    font = tmp_path / "Body.ttf"
    font.write_bytes((FONTS / "BroadsheetSerif-Regular.ttf").read_bytes())
    parsed = _count_parses(monkeypatch)
    registry.load_font(font)
    font.write_bytes((FONTS / "BroadsheetKai-Regular.ttf").read_bytes())   # another face, same name
    monkeypatch.setattr(registry, "_loaded", {})
    kai = registry.load_font(font)
    assert len(parsed) == 2
    assert kai.metrics.advances["“"] < 0.5   # WenKai's narrow quote, not the serif's


def _count_cuts(monkeypatch) -> list[int]:
    from reportlab.pdfbase.ttfonts import TTFontFace
    cuts: list[int] = []
    cut = TTFontFace.makeSubset

    def counting(face, subset):
        cuts.append(len(subset))
        return cut(face, subset)
    monkeypatch.setattr(TTFontFace, "makeSubset", counting)
    return cuts


def _as_a_new_process(monkeypatch) -> None:
    """No face loaded, none registered with reportlab (which keeps the first
    font registered under a name): only the disk cache is left."""
    from reportlab.pdfbase import pdfmetrics
    monkeypatch.setattr(registry, "_loaded", {})
    monkeypatch.setattr(pdfmetrics, "_fonts", {name: font for name, font in pdfmetrics._fonts.items()
                                               if not font._dynamicFont})
    monkeypatch.setattr(pdfmetrics, "_dynFaceNames", {})


def test_a_new_process_reads_the_subsets_the_last_one_cut(empty_face_cache, tmp_path, monkeypatch):
    """Subset font programs are kept compressed beside the face records: a
    new process building the same page cuts none, and one kept file that is
    damaged is cut again; the PDF is the same bytes each time."""
    from broadsheet.build import build_layout
    cuts = _count_cuts(monkeypatch)
    _as_a_new_process(monkeypatch)
    build_layout(ROOT / "layouts" / "sample.yaml", tmp_path / "first.pdf")
    kept = sorted(empty_face_cache.glob("*.subset"))
    assert cuts and len(kept) == len(cuts)
    cuts.clear()
    _as_a_new_process(monkeypatch)
    build_layout(ROOT / "layouts" / "sample.yaml", tmp_path / "again.pdf")
    assert cuts == []
    assert (tmp_path / "again.pdf").read_bytes() == (tmp_path / "first.pdf").read_bytes()
    kept[0].write_bytes(kept[0].read_bytes()[:kept[0].stat().st_size // 2])   # cut short, or a disk error
    _as_a_new_process(monkeypatch)
    build_layout(ROOT / "layouts" / "sample.yaml", tmp_path / "damaged.pdf")
    assert len(cuts) == 1
    assert (tmp_path / "damaged.pdf").read_bytes() == (tmp_path / "first.pdf").read_bytes()
