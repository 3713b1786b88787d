"""Colour for the press: RGB photographs into CMYK, and every image within the ink limit.

Two ways from RGB to CMYK:

- the printer's ICC profile (``press: {cmyk_profile: …}``), through LittleCMS
  (Pillow's ImageCms), perceptual intent, from the image's own embedded
  profile or sRGB;
- without one, the documented default newsprint separation below: no CMYK
  profile we know of may ship in the repository (docs/press.md says which
  were examined and why each was refused).

The default separation, on sRGB values (an image with another embedded
profile is first brought to sRGB by LittleCMS):

1. tones: c = 1 − r, m = 1 − g, y = 1 − b (0–1);
2. grey component replacement (GCR): of the grey part g = min(c, m, y),
   black takes K = g·(0.85 + 0.15·g) (85 % in the light greys, all of it in
   the shadows), and each colour keeps what the black does not already
   print, c' = 1 − (1 − c)/(1 − K) (inks multiply their light): greys print
   mostly on the black plate, which keeps them neutral on a press whose
   colour drifts, and saves ink;
3. dot gain: newsprint (ISO 12647-3) prints a 50 % dot as about 76 %
   (26 % tone value increase); each plate's value t is replaced by the value
   that prints as t under the parabola gain(t) = 4·0.26·t·(1 − t) (a 96 %
   plate value already prints solid);
4. the ink limit (``limit_ink``): where C + M + Y + K passes the limit, C, M
   and Y are scaled down together (K kept), so shadows keep their depth.
"""
from __future__ import annotations

import io
import math
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageCms, ImageMath

BYTE_MAX = 255
PERCENT = 100.0
# Share of the grey component printed as black (heavy GCR, as newspapers use).
GCR_SHARE = 0.85
# Tone value increase at the 50 % dot on coldset newsprint (ISO 12647-3).
NEWSPRINT_DOT_GAIN = 0.26


class ColourError(Exception):
    """A profile or image colour that cannot be used (the caller names file and key)."""


@dataclass(frozen=True)
class InkLimited:
    image: Image.Image
    measured_percent: float     # the highest C + M + Y + K of any pixel before limiting
    limited: bool


def load_cmyk_profile(path: Path) -> ImageCms.ImageCmsProfile:
    """A printer's output profile: an ICC file whose colour space is CMYK."""
    try:
        profile = ImageCms.getOpenProfile(str(path))
    except (OSError, ImageCms.PyCMSError) as error:
        raise ColourError(f"{path.name} is not an ICC profile ({error})") from None
    space = profile.profile.xcolor_space.strip()
    if space != "CMYK":
        raise ColourError(f"{path.name} is an ICC profile for {space}, not CMYK: name the printer's CMYK "
                          "(output) profile")
    return profile


def to_cmyk(image: Image.Image, profile: ImageCms.ImageCmsProfile | None) -> Image.Image:
    """An RGB image in CMYK: through ``profile``, else the default newsprint separation."""
    source = _embedded_profile(image)
    if profile is not None:
        transform = ImageCms.buildTransform(source or ImageCms.createProfile("sRGB"), profile, "RGB", "CMYK",
                                            renderingIntent=ImageCms.Intent.PERCEPTUAL)
        return ImageCms.applyTransform(image, transform)
    if source is not None:
        image = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode="RGB")
    return newsprint_separation(image)


def _embedded_profile(image: Image.Image) -> ImageCms.ImageCmsProfile | None:
    data = image.info.get("icc_profile")
    if not data:
        return None
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(data))
    except (OSError, ImageCms.PyCMSError):
        return None   # a damaged embedded profile: the pixels are taken as sRGB
    return profile if profile.profile.xcolor_space.strip() == "RGB" else None


def newsprint_separation(image: Image.Image) -> Image.Image:
    """The default separation (module docstring): GCR, dot gain compensation.

    Worked in 8-bit planes and integer arithmetic, one plate at a time, so
    memory stays a few frames' worth: black from the lightest channel through
    a table, then each colour's light divided by black's."""
    red, green, blue = image.convert("RGB").split()
    lightest = ImageChops.lighter(ImageChops.lighter(red, green), blue)   # 255 − grey component
    black = ImageChops.invert(lightest).point(
        [round(BYTE_MAX * black_share(grey / BYTE_MAX)) for grey in range(BYTE_MAX + 1)])
    light = ImageChops.invert(black).convert("I")
    compensate = [round(compensated_tone(value / BYTE_MAX) * BYTE_MAX) for value in range(BYTE_MAX + 1)]

    def colour(args):   # c' = 1 − (1 − c)/(1 − K), with 1 − c the channel's own light
        kept = args["channel"] * BYTE_MAX / args["max"](args["light"], 1)
        return BYTE_MAX - args["min"](kept, BYTE_MAX)

    plates = [ImageMath.lambda_eval(colour, channel=channel.convert("I"), light=light).convert("L").point(compensate)
              for channel in (red, green, blue)]
    return Image.merge("CMYK", [*plates, black.point(compensate)])


def black_share(grey: float) -> float:
    """Black for a grey component (0–1): ``GCR_SHARE`` of it in the light
    greys, all of it in the shadows."""
    return grey * (GCR_SHARE + (1 - GCR_SHARE) * grey)


def compensated_tone(tone: float, gain: float = NEWSPRINT_DOT_GAIN) -> float:
    """The plate value that prints as ``tone`` when a dot t prints as
    t + 4·gain·t·(1 − t): the smaller root of that quadratic."""
    if gain == 0 or tone <= 0:
        return max(tone, 0.0)
    a, b = 4 * gain, -(1 + 4 * gain)
    return (-b - math.sqrt(b * b - 4 * a * tone)) / (2 * a)


def ink_total(image: Image.Image) -> Image.Image:
    """C + M + Y + K of each pixel, 0–1020 (mode I)."""
    c, m, y, k = (band.convert("I") for band in image.split())
    return ImageMath.lambda_eval(lambda args: args["c"] + args["m"] + args["y"] + args["k"], c=c, m=m, y=y, k=k)


def max_coverage(image: Image.Image) -> float:
    """The highest total area coverage of any pixel, in percent."""
    return ink_total(image).getextrema()[1] * PERCENT / BYTE_MAX


def limit_ink(image: Image.Image, limit_percent: float) -> InkLimited:
    """Bring every pixel within ``limit_percent``: C, M and Y scaled down
    together where the total passes it, K untouched (integer arithmetic,
    rounded down, so the total never passes the limit)."""
    measured = max_coverage(image)
    if measured <= limit_percent:
        return InkLimited(image, measured, False)
    cyan, magenta, yellow, black = image.split()
    colour = ImageMath.lambda_eval(lambda args: args["c"] + args["m"] + args["y"], c=cyan.convert("I"),
                                   m=magenta.convert("I"), y=yellow.convert("I"))
    room = ImageMath.lambda_eval(lambda args: args["max"](args["limit"] - args["k"], 0), k=black.convert("I"),
                                 limit=math.floor(limit_percent * BYTE_MAX / PERCENT))

    def scaled(args):   # unchanged where the colour fits in the room black leaves
        return args["min"](args["plate"], args["plate"] * args["room"] / args["max"](args["colour"], 1))

    plates = [ImageMath.lambda_eval(scaled, plate=plate.convert("I"), room=room, colour=colour).convert("L")
              for plate in (cyan, magenta, yellow)]
    return InkLimited(Image.merge("CMYK", [*plates, black]), measured, True)
