"""Pictures for the press: read a JPEG, PNG or TIFF and make it what the plate needs.

``prepare_image`` takes a file and the frame it fills (pt) and returns the
pixels to place, already cropped (``fill``, around the focus) or letterboxed
(``fit``), oriented as the camera's EXIF says, flattened on paper white,
resampled to what the frame needs (never more than ``MAX_PPI_FACTOR`` × the
target resolution), in DeviceGray (a greyscale photo prints on the black
plate only) or DeviceCMYK within the ink limit, and encoded as a baseline
JPEG (same input, same bytes).  What the press should know about it (low
resolution, ink over the limit, a huge file) comes back as warnings naming
the file; what cannot be printed at all is an ``ImageError``.

The ads use it for raster advertisements as the pictures do for photographs.
"""
from __future__ import annotations

import io
import math
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageCms, UnidentifiedImageError

from ..checks.limits import DEFAULT_ERROR_PPI
from ..errors import BroadsheetError
from ..model.page import CENTRE_FOCUS, Fit, PressSettings
from ..units import PT_PER_INCH
from .separate import ColourError, InkLimited, limit_ink, load_cmyk_profile, max_coverage, to_cmyk

# The resolution a newspaper halftone wants (2 × a 150 lpi screen, more than
# newsprint's 85–120 lpi need); images are resampled to it when they have
# more than ``MAX_PPI_FACTOR`` times as many pixels.
TARGET_PPI = 300.0
MAX_PPI_FACTOR = 2.0
# Under this the dots show: warn (the preflight's error threshold, so the
# build names what the preflight would refuse).
MIN_PPI = DEFAULT_ERROR_PPI
# Formats a photographer or agency delivers.
FORMATS = ("JPEG", "PNG", "TIFF")
# Over this many pixels a photo takes noticeable time and memory: its size and
# decoding time are reported.  JPEGs are decoded at a reduced scale (draft),
# so memory stays bounded by what the frame needs; other formats are
# decoded whole, and Pillow's decompression-bomb limit (about 179 MP)
# refuses anything larger.
LARGE_PIXELS = 50_000_000
JPEG_QUALITY = 92
# Re-limiting after JPEG rounding: each try aims this much further under the limit (%).
JPEG_STEP_PERCENT = 1.0
ENCODE_TRIES = 4
# EXIF tag 0x0112: how the camera was held.
EXIF_ORIENTATION = 0x0112
ORIENTATIONS = {
    2: (Image.Transpose.FLIP_LEFT_RIGHT,), 3: (Image.Transpose.ROTATE_180,), 4: (Image.Transpose.FLIP_TOP_BOTTOM,),
    5: (Image.Transpose.TRANSPOSE,), 6: (Image.Transpose.ROTATE_270,), 7: (Image.Transpose.TRANSVERSE,),
    8: (Image.Transpose.ROTATE_90,),
}
TURNED = (5, 6, 7, 8)    # orientations that swap width and height
SIXTEEN_BIT = ("I;16", "I;16B", "I;16L", "I;16N", "I")
PAPER_WHITE = 255


class ImageError(BroadsheetError):
    """An image that cannot be printed; the message names the file."""


DEFAULT_PRESS = PressSettings()


@dataclass(frozen=True)
class PreparedImage:
    """Pixels ready to place: ``data`` is a JPEG in ``mode`` (``"L"`` → DeviceGray,
    ``"CMYK"`` → DeviceCMYK), to be drawn at ``x``, ``y`` (pt from the frame's
    top-left) over ``width`` × ``height`` pt."""
    file: str
    data: bytes
    mode: str
    pixel_width: int
    pixel_height: int
    x: float
    y: float
    width: float
    height: float
    ppi: float                  # effective resolution of the placed pixels
    source_size: tuple[int, int]
    coverage_percent: float     # highest C+M+Y+K of a pixel as placed (K for grey)
    warnings: list[str] = field(default_factory=list)


def prepare_image(path: Path, frame_width: float, frame_height: float, fit: Fit = Fit.FILL,
                  focus: tuple[float, float] = CENTRE_FOCUS, press: PressSettings = DEFAULT_PRESS,
                  display: str | None = None) -> PreparedImage:
    """The picture at ``path`` made ready for a frame of ``frame_width`` ×
    ``frame_height`` pt (module docstring); ``display`` names it in messages."""
    name = display or str(path)
    notes: list[str] = []
    started = time.perf_counter()
    image = _open(path, name)
    with image:
        orientation = _orientation(image)
        width, height = image.size
        if orientation in TURNED:
            width, height = height, width
        crop, placed = _frame(width, height, frame_width, frame_height, fit, focus)
        ppi = (crop[2] - crop[0]) / (placed[2] / PT_PER_INCH)
        target = _target_pixels(crop, placed, ppi)
        scale = _decode_scale(image, target, crop)
        try:
            image.load()
        except (OSError, SyntaxError, ValueError) as error:
            raise ImageError(f"{name}: the image is truncated or corrupt ({error})") from None
        pixels = _oriented(image, orientation)
        loaded_scale = pixels.size[0] / width
        box = tuple(round(edge * loaded_scale) for edge in crop)
        pixels = _flattened(pixels.crop(box), name)
        if pixels.size != target:
            pixels = pixels.resize(target, Image.Resampling.LANCZOS)
        pixels.info = dict(image.info)
    if width * height > LARGE_PIXELS:
        notes.append(f"{name}: {width}×{height} px ({width * height / 1e6:.0f} MP) for a frame that needs "
                     f"{target[0]}×{target[1]}; decoded at 1/{scale} in {time.perf_counter() - started:.1f} s "
                     "(supply it smaller to save time)")
    if ppi < MIN_PPI:
        notes.append(_low_resolution(name, ppi, crop, placed))
    inked = _press_colour(pixels, press, name, notes)
    data, coverage = _encode_within(inked.image, press.ink_limit)
    return PreparedImage(
        file=name, data=data, mode=inked.image.mode, pixel_width=target[0], pixel_height=target[1],
        x=placed[0], y=placed[1], width=placed[2], height=placed[3], ppi=ppi * target[0] / (crop[2] - crop[0]),
        source_size=(width, height), coverage_percent=coverage, warnings=notes)


def _low_resolution(name: str, ppi: float, crop: tuple[int, int, int, int],
                    placed: tuple[float, float, float, float]) -> str:
    """The warning for a picture whose dots would show: its ppi and the pixels it needs."""
    need = [math.ceil(placed[index] / PT_PER_INCH * MIN_PPI) for index in (2, 3)]
    good = [math.ceil(placed[index] / PT_PER_INCH * TARGET_PPI) for index in (2, 3)]
    return (f"{name}: {ppi:.0f} ppi as placed ({crop[2] - crop[0]}×{crop[3] - crop[1]} px over "
            f"{placed[2]:.0f}×{placed[3]:.0f} pt); under {MIN_PPI:g} ppi the pixels show: supply at least "
            f"{need[0]}×{need[1]} px ({good[0]}×{good[1]} for {TARGET_PPI:g} ppi)")


def _open(path: Path, name: str) -> Image.Image:
    """Open lazily (only the header is read) and check what the file is."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(path)
    except FileNotFoundError:
        raise ImageError(f"{name}: image file not found") from None
    except IsADirectoryError:
        raise ImageError(f"{name}: is a folder, not an image file") from None
    except Image.DecompressionBombError as error:
        raise ImageError(f"{name}: too many pixels to read safely ({error})") from None
    except UnidentifiedImageError:
        raise ImageError(f"{name}: not an image Pillow can read (JPEG, PNG or TIFF expected)") from None
    except OSError as error:
        raise ImageError(f"{name}: cannot be read ({error.strerror or error})") from None
    if image.format not in FORMATS:
        image.close()
        raise ImageError(f"{name}: a {image.format} image; the press takes {', '.join(FORMATS)}")
    if getattr(image, "n_frames", 1) > 1:
        image.seek(0)   # a multi-page TIFF: its first page, as with a PDF ad
    return image


def _orientation(image: Image.Image) -> int:
    try:
        return int(image.getexif().get(EXIF_ORIENTATION, 1))
    except (OSError, ValueError, SyntaxError):
        return 1   # unreadable EXIF: the pixels as stored


def _frame(width: int, height: int, frame_width: float, frame_height: float, fit: Fit,
           focus: tuple[float, float]) -> tuple[tuple[int, int, int, int], tuple[float, float, float, float]]:
    """The pixels used (crop box, oriented image) and where they go in the
    frame (x, y, width, height in pt)."""
    if fit is Fit.FIT:
        scale = min(frame_width / width, frame_height / height)
        placed_width, placed_height = width * scale, height * scale
        return ((0, 0, width, height),
                ((frame_width - placed_width) / 2, (frame_height - placed_height) / 2, placed_width, placed_height))
    frame_aspect = frame_width / frame_height
    if width / height > frame_aspect:   # wider than the frame: crop the sides
        crop_width, crop_height = max(1, round(height * frame_aspect)), height
    else:
        crop_width, crop_height = width, max(1, round(width / frame_aspect))
    left = _around(focus[0], width, crop_width)
    top = _around(focus[1], height, crop_height)
    return (left, top, left + crop_width, top + crop_height), (0.0, 0.0, frame_width, frame_height)


def _around(centre: float, whole: int, part: int) -> int:
    """Start of ``part`` pixels centred on ``centre`` (0–1) of ``whole``, kept inside it."""
    return min(max(round(centre * whole - part / 2), 0), whole - part)


def _target_pixels(crop: tuple[int, int, int, int], placed: tuple[float, float, float, float],
                   ppi: float) -> tuple[int, int]:
    """The crop's own pixels, or ``TARGET_PPI`` when it has more than
    ``MAX_PPI_FACTOR`` times that."""
    width, height = crop[2] - crop[0], crop[3] - crop[1]
    if ppi <= TARGET_PPI * MAX_PPI_FACTOR:
        return width, height
    return (max(1, round(placed[2] / PT_PER_INCH * TARGET_PPI)),
            max(1, round(placed[3] / PT_PER_INCH * TARGET_PPI)))


def _decode_scale(image: Image.Image, target: tuple[int, int], crop: tuple[int, int, int, int]) -> int:
    """A JPEG is decoded at 1/2, 1/4 or 1/8 when the crop still keeps the
    target's pixels: memory follows the frame, not the file."""
    if image.format != "JPEG":
        return 1
    reduction = min((crop[2] - crop[0]) / target[0], (crop[3] - crop[1]) / target[1])
    if reduction < 2:
        return 1
    stored_width = image.size[0]
    image.draft(image.mode, (math.ceil(image.size[0] / reduction), math.ceil(image.size[1] / reduction)))
    return max(1, round(stored_width / image.size[0]))


def _oriented(image: Image.Image, orientation: int) -> Image.Image:
    pixels = image
    for step in ORIENTATIONS.get(orientation, ()):
        pixels = pixels.transpose(step)
    return pixels


def _flattened(image: Image.Image, name: str) -> Image.Image:
    """L, RGB or CMYK, with any transparency laid on paper white (PDF/X-1a
    has none) and 16-bit grey scaled to 8 bits."""
    mode = image.mode
    if mode in ("L", "RGB", "CMYK"):
        return image
    if mode == "1":
        return image.convert("L")
    if mode in SIXTEEN_BIT:
        return image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if mode in ("P", "PA"):
        return _flattened(image.convert("RGBA" if mode == "PA" or "transparency" in image.info else "RGB"), name)
    if mode in ("RGBA", "RGBa", "LA", "La"):
        base = "L" if mode.startswith("L") else "RGB"
        paper = Image.new(base, image.size, PAPER_WHITE if base == "L" else (PAPER_WHITE,) * 3)
        paper.paste(image.convert(base), mask=image.getchannel("A"))
        return paper
    if mode in ("YCbCr", "LAB"):
        return image.convert("RGB")
    raise ImageError(f"{name}: pixels in mode {mode} cannot be printed; save it as 8-bit RGB, greyscale or CMYK")


def _press_colour(image: Image.Image, press: PressSettings, name: str, notes: list[str]) -> InkLimited:
    """Grey stays grey (the black plate alone); RGB goes to CMYK; CMYK within the limit."""
    if image.mode == "L":
        darkest = image.getextrema()[0]
        return InkLimited(image, (PAPER_WHITE - darkest) * 100.0 / PAPER_WHITE, False)
    if image.mode == "RGB":
        profile = None
        if press.cmyk_profile is not None:
            try:
                profile = load_cmyk_profile(press.cmyk_profile)
            except ColourError as error:
                raise ImageError(f"press.cmyk_profile: {error}") from None
        try:
            cmyk = to_cmyk(image, profile)
        except ImageCms.PyCMSError as error:
            raise ImageError(f"{name}: colour conversion failed ({error})") from None
        return limit_ink(cmyk, press.ink_limit)   # part of the conversion: no warning
    inked = limit_ink(image, press.ink_limit)
    if inked.limited:
        notes.append(f"{name}: CMYK ink up to {inked.measured_percent:.0f}%, over the {press.ink_limit:g}% limit; "
                     f"brought under it (C, M and Y reduced, K kept): ask for a file separated for newsprint")
    return inked


def _encode_within(image: Image.Image, limit_percent: float) -> tuple[bytes, float]:
    """Encode, and measure the ink of the pixels the press will decode: JPEG's
    rounding can lift a pixel a few percent over the limit, so a CMYK image is
    limited again below it by the excess until the decoded file holds it."""
    data = _encode(image)
    if image.mode != "CMYK":
        return data, (PAPER_WHITE - image.getextrema()[0]) * 100.0 / PAPER_WHITE
    target = limit_percent
    for _ in range(ENCODE_TRIES):
        coverage = max_coverage(Image.open(io.BytesIO(data)))
        if coverage <= limit_percent:
            return data, coverage
        target -= coverage - limit_percent + JPEG_STEP_PERCENT
        data = _encode(limit_ink(image, target).image)
    return data, max_coverage(Image.open(io.BytesIO(data)))


def _encode(image: Image.Image) -> bytes:
    """A baseline JPEG, no metadata: the same pixels always give the same bytes."""
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=False, progressive=False, subsampling=0)
    return out.getvalue()
