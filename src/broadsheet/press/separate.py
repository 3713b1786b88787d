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
# Guards a division where the black plate is solid (pt of tone, 0–1).
EPSILON = 1e-6


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
    """The default separation (module docstring): GCR, dot gain compensation."""
    red, green, blue = (ImageChops.invert(band).convert("F") for band in image.convert("RGB").split())

    def separate(args):
        c, m, y = args["c"] / BYTE_MAX, args["m"] / BYTE_MAX, args["y"] / BYTE_MAX
        grey = args["min"](c, args["min"](m, y))
        black = grey * (GCR_SHARE + (1 - GCR_SHARE) * grey)
        light = args["max"](1 - black, EPSILON)
        plates = [args["max"](1 - (1 - tone) / light, 0) for tone in (c, m, y)]
        return [plate * BYTE_MAX for plate in (*plates, black)]

    compensate = [round(compensated_tone(value / BYTE_MAX) * BYTE_MAX) for value in range(BYTE_MAX + 1)]
    plates = []
    for index in range(4):
        plate = ImageMath.lambda_eval(lambda args: separate(args)[index], c=red, m=green, y=blue)
        plates.append(plate.convert("L").point(compensate))
    return Image.merge("CMYK", plates)


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
    together where the total passes it, K untouched."""
    measured = max_coverage(image)
    limit = limit_percent * BYTE_MAX / PERCENT
    if measured <= limit_percent:
        return InkLimited(image, measured, False)
    c, m, y, k = (band.convert("F") for band in image.split())

    def scaled(args):
        colour = args["c"] + args["m"] + args["y"]
        room = args["limit"] - args["k"]
        factor = args["min"](args["max"](room, 0) / args["max"](colour, 1), 1)
        return args["int"](args["plate"] * factor)   # truncated: the total never passes the limit

    plates = [ImageMath.lambda_eval(scaled, c=c, m=m, y=y, k=k, plate=plate, limit=limit).convert("L")
              for plate in (c, m, y)]
    return InkLimited(Image.merge("CMYK", [*plates, k.convert("L")]), measured, True)
