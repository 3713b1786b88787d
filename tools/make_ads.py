"""Make the sample advertisements in articles/ads/ as an agency would deliver
them, and the column logo (题花) in articles/logos/ as a designer would.

Each is a one-page PDF made to the rate card's size in mm (not to our grid),
its TrimBox that size, with its own vector art (curves, panels, a border), its
own typefaces embedded as subsets, CMYK only, black type 100% K overprinting:
what a newspaper's ad desk receives.  Run from the repository:

    python tools/make_ads.py

The files are committed; this script says how they were made.  Fictional
advertisers, invented for the samples.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import CMYKColor
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "fonts"
OUT = ROOT / "articles" / "ads"
LOGOS = ROOT / "articles" / "logos"
PT_PER_MM = 72 / 25.4

BLACK = CMYKColor(0, 0, 0, 1)
PAPER = CMYKColor(0, 0, 0, 0)
RED = CMYKColor(0, 1, 1, 0)
GREEN = CMYKColor(0.8, 0, 1, 0.2)
WHEAT = CMYKColor(0, 0.25, 0.9, 0)
PALE = CMYKColor(0.06, 0, 0.16, 0)
BLUE = CMYKColor(1, 0.45, 0, 0)
SKY = CMYKColor(0.25, 0.05, 0, 0)


@dataclass(frozen=True)
class Ad:
    file: str
    width_mm: float
    height_mm: float
    brand: str
    headline: str
    subline: str
    details: tuple[str, ...]
    kind: str = "bank"   # "bank" (wheat emblem) or "water" (public service, water drop)


ADS = (
    Ad("jiangzhou-bank-350x228.pdf", 350, 228, "江州农商银行", "春耕贷 助农忙",
       "种粮大户、家庭农场、农民合作社　最高可贷三百万元", ("随借随还　按日计息　线上申请　当日放款",
                                             "服务热线：96518　　网点：全市一百二十八个营业网点",
                                             "贷款额度及利率以审批结果为准")),
    Ad("spring-fair-350x165.pdf", 350, 165, "江州农资大市场", "春季农资展销会",
       "3月15日至3月24日　江州国际会展中心", ("良种、化肥、农机具一站购齐　凭本报广告到场领取种子样品",
                                 "咨询电话：0716-8812345")),
    Ad("huinong-card-350x165.pdf", 350, 165, "江州农商银行", "惠农卡 一卡通",
       "存取款、转账、补贴发放一卡办理　村村有服务点", ("农户办卡免年费、免小额账户管理费", "客服热线：96518")),
    Ad("water-130x90.pdf", 130, 90, "江州市水务局　宣", "节约用水", "从我做起　从点滴做起",
       ("一水多用　随手关龙头",), kind="water"),
    Ad("subscribe-350x100.pdf", 350, 100, "江州日报社", "2024年度报刊征订", "全年订价360元　邮局、报社发行站均可订阅",
       ("订报热线：0716-8123456",), kind="water"),
    Ad("farm-machinery-350x214.pdf", 350, 214, "丰收农机", "新一代插秧机 上市",
       "省工省时　一天插秧八十亩", ("购机补贴政策详询各县农机站", "江州市丰收农机销售有限公司　电话：0716-8867890",
                           "地址：江州市开发区创业大道88号"), kind="bank"),
)


def register_fonts() -> None:
    for name, file in (("AdBlack", "BroadsheetSans-Black.ttf"), ("AdBold", "BroadsheetSans-Bold.ttf"),
                       ("AdSong", "BroadsheetSerif-Bold.ttf"), ("AdKai", "BroadsheetKai-Regular.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(FONTS / file)))


def fitted_size(text: str, font: str, width: float, largest: float) -> float:
    return min(largest, width / (pdfmetrics.stringWidth(text, font, 1) or 1))


def wheat(canvas: Canvas, cx: float, cy: float, r: float) -> None:
    """The bank's emblem: a green disc, an ear of wheat in curves."""
    canvas.setFillColor(GREEN)
    canvas.circle(cx, cy, r, stroke=0, fill=1)
    canvas.setFillColor(WHEAT)
    canvas.setStrokeColor(WHEAT)
    canvas.setLineWidth(r * 0.05)
    canvas.line(cx, cy - r * 0.75, cx, cy + r * 0.55)
    for step in range(5):
        y = cy - r * 0.35 + step * r * 0.2
        for side in (-1, 1):
            path = canvas.beginPath()
            path.moveTo(cx, y)
            path.curveTo(cx + side * r * 0.15, y + r * 0.02, cx + side * r * 0.32, y + r * 0.12,
                         cx + side * r * 0.3, y + r * 0.25)
            path.curveTo(cx + side * r * 0.12, y + r * 0.22, cx + side * r * 0.02, y + r * 0.12, cx, y)
            canvas.drawPath(path, stroke=0, fill=1)
    path = canvas.beginPath()
    path.moveTo(cx, cy + r * 0.55)
    path.curveTo(cx + r * 0.08, cy + r * 0.62, cx + r * 0.06, cy + r * 0.75, cx, cy + r * 0.8)
    path.curveTo(cx - r * 0.06, cy + r * 0.75, cx - r * 0.08, cy + r * 0.62, cx, cy + r * 0.55)
    canvas.drawPath(path, stroke=0, fill=1)


def drop(canvas: Canvas, cx: float, cy: float, r: float) -> None:
    """A water drop in curves, with a highlight."""
    canvas.setFillColor(BLUE)
    path = canvas.beginPath()
    path.moveTo(cx, cy + r * 1.6)
    path.curveTo(cx + r * 0.3, cy + r * 0.9, cx + r, cy + r * 0.5, cx + r, cy)
    path.arcTo(cx - r, cy - r, cx + r, cy + r, startAng=0, extent=-180)
    path.curveTo(cx - r, cy + r * 0.5, cx - r * 0.3, cy + r * 0.9, cx, cy + r * 1.6)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.setFillColor(PAPER)
    canvas.setFillOverprint(False)
    canvas.ellipse(cx - r * 0.55, cy - r * 0.1, cx - r * 0.25, cy + r * 0.5, stroke=0, fill=1)


def black_text(canvas: Canvas, font: str, size: float, x: float, y: float, text: str, centre: bool = False) -> None:
    canvas.setFillColor(BLACK)
    canvas.setFillOverprint(True)
    canvas.setFont(font, size)
    (canvas.drawCentredString if centre else canvas.drawString)(x, y, text)


def make(ad: Ad) -> Path:
    width, height = ad.width_mm * PT_PER_MM, ad.height_mm * PT_PER_MM
    target = OUT / ad.file
    canvas = Canvas(str(target), pagesize=(width, height), invariant=1, initialFontName="AdSong",
                    enforceColorSpace="cmyk")
    canvas.setTitle(f"{ad.brand} {ad.headline}")
    canvas.setAuthor("江州华文广告公司")
    canvas.setTrimBox((0, 0, width, height))
    canvas.setOverprintMask(1)
    margin = min(width, height) * 0.06
    canvas.setFillColor(SKY if ad.kind == "water" else PALE)
    canvas.rect(0, 0, width, height, stroke=0, fill=1)
    band = height * 0.2
    canvas.setFillColor(BLUE if ad.kind == "water" else GREEN)
    canvas.rect(0, 0, width, band, stroke=0, fill=1)
    emblem_r = min(height * 0.28, width * 0.16)
    emblem_x = margin + emblem_r
    emblem_y = band + (height - band) / 2
    (drop if ad.kind == "water" else wheat)(canvas, emblem_x, emblem_y - (emblem_r * 0.3 if ad.kind == "water" else 0),
                                            emblem_r * (0.7 if ad.kind == "water" else 1))
    left = emblem_x + emblem_r + margin
    room = width - left - margin
    headline = fitted_size(ad.headline, "AdBlack", room, (height - band) * 0.32)
    canvas.setFillColor(RED)
    canvas.setFillOverprint(False)
    canvas.setFont("AdBlack", headline)
    top = height - margin - headline * 0.88
    canvas.drawString(left, top, ad.headline)
    sub = fitted_size(ad.subline, "AdSong", room, headline * 0.4)
    black_text(canvas, "AdSong", sub, left, top - headline * 0.35 - sub, ad.subline)
    detail = min(sub * 0.75, 22)
    y = top - headline * 0.35 - sub * 2.4
    for line in ad.details[:-1] if len(ad.details) > 1 else ():
        black_text(canvas, "AdKai", fitted_size(line, "AdKai", room, detail), left, y, line)
        y -= detail * 1.6
    canvas.setFillColor(PAPER)
    canvas.setFillOverprint(False)
    brand = fitted_size(ad.brand, "AdBold", width * 0.45, band * 0.45)
    canvas.setFont("AdBold", brand)
    canvas.drawString(margin, band / 2 - brand * 0.35, ad.brand)
    small = min(band * 0.22, 12)
    canvas.setFont("AdKai", small)
    canvas.drawRightString(width - margin, band / 2 - small * 0.35, ad.details[-1])
    canvas.setStrokeColor(BLACK)
    canvas.setStrokeOverprint(False)   # over the coloured band it would lay 300% ink
    canvas.setLineWidth(1)
    canvas.rect(0.5, 0.5, width - 1, height - 1, stroke=1, fill=0)
    canvas.showPage()
    canvas.save()
    return target


def make_logo(target: Path, words: str, size_mm: float = 16) -> Path:
    """A 栏目标识 for the comment column: two characters reversed out of a red
    seal (a rounded square), an ear of wheat beside them: vectors and one
    embedded face, in M+Y and paper white."""
    side = size_mm * PT_PER_MM
    width = side * 1.6
    canvas = Canvas(str(target), pagesize=(width, side), invariant=1, initialFontName="AdBlack",
                    enforceColorSpace="cmyk")
    canvas.setTitle(f"栏目标识 {words}")
    canvas.setTrimBox((0, 0, width, side))
    canvas.setFillColor(RED)
    canvas.roundRect(0, 0, side, side, side * 0.12, stroke=0, fill=1)
    canvas.setFillColor(PAPER)
    size = side * 0.4
    canvas.setFont("AdBlack", size)
    for row, char in enumerate(words[:2]):
        canvas.drawCentredString(side / 2, side - (row + 1) * side * 0.45 + side * 0.02, char)
    wheat(canvas, side + (width - side) / 2, side / 2, (width - side) * 0.45)
    canvas.showPage()
    canvas.save()
    return target


def main() -> None:
    register_fonts()
    OUT.mkdir(parents=True, exist_ok=True)
    for ad in ADS:
        path = make(ad)
        print(f"{path.relative_to(ROOT)}: {ad.width_mm:g} × {ad.height_mm:g} mm, {path.stat().st_size} bytes")
    LOGOS.mkdir(parents=True, exist_ok=True)
    path = make_logo(LOGOS / "sannong.pdf", "三农")
    print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
