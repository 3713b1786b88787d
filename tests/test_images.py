"""The image press pipeline (render/images.py) on files made here, one trait each."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from broadsheet.press.images import (DEFAULT_PRESS, Fit, ImageError, PressSettings, TARGET_PPI, prepare_image)
from broadsheet.press.separate import max_coverage

FRAME = (144.0, 96.0)   # 2 × 1⅓ inches


def decoded(prepared) -> Image.Image:
    return Image.open(io.BytesIO(prepared.data))


def saved(tmp_path: Path, image: Image.Image, name: str, **options) -> Path:
    path = tmp_path / name
    image.save(path, **options)
    return path


def test_exif_orientation_is_honoured(tmp_path):
    # Stored 300 × 200 with a red left half; EXIF 6 says: turn it a quarter clockwise to view.
    image = Image.new("RGB", (300, 200), "white")
    image.paste((255, 0, 0), (0, 0, 150, 200))
    exif = Image.Exif()
    exif[0x0112] = 6
    path = saved(tmp_path, image, "turned.jpg", exif=exif, quality=95)
    prepared = prepare_image(path, 100, 150, Fit.FIT)
    assert prepared.source_size == (200, 300)
    assert (prepared.pixel_width, prepared.pixel_height) == (200, 300)
    pixels = decoded(prepared)
    top, bottom = pixels.getpixel((100, 20)), pixels.getpixel((100, 280))
    assert top[1] > 150 and bottom[1] < 30     # the red left half (magenta plate) now stands at the top


def test_alpha_is_flattened_on_white(tmp_path):
    image = Image.new("RGBA", (300, 200), (0, 0, 0, 0))
    image.paste((0, 0, 0, 255), (0, 0, 100, 200))
    prepared = prepare_image(saved(tmp_path, image, "alpha.png"), *FRAME)
    pixels = decoded(prepared)
    assert prepared.mode == "CMYK"
    assert sum(pixels.getpixel((250, 100))) < 8          # transparent: paper white, no ink
    assert pixels.getpixel((20, 100))[3] > 200            # opaque black: black ink


def test_grey_stays_grey_and_sixteen_bit_grey_is_read(tmp_path):
    grey = Image.linear_gradient("L").resize((300, 200))
    assert prepare_image(saved(tmp_path, grey, "grey.png"), *FRAME).mode == "L"
    deep = grey.convert("I").point(lambda value: value * 256).convert("I;16")
    prepared = prepare_image(saved(tmp_path, deep, "deep.png"), *FRAME)
    assert prepared.mode == "L"
    column = [decoded(prepared).getpixel((10, y)) for y in (5, 195)]
    assert column[0] < 20 and column[1] > 235             # scaled to 8 bits, not clipped white


def test_palette_and_progressive_and_tiff_are_read(tmp_path):
    photo = Image.radial_gradient("L").resize((300, 200)).convert("RGB")
    for path in (saved(tmp_path, photo.convert("P"), "palette.png"),
                 saved(tmp_path, photo, "progressive.jpg", progressive=True),
                 saved(tmp_path, photo, "photo.tif", compression="tiff_lzw")):
        assert prepare_image(path, *FRAME).mode == "CMYK", path.name


def test_adobe_inverted_cmyk_jpeg_is_read_right_way_round(tmp_path):
    cmyk = Image.new("CMYK", (300, 200), (0, 0, 0, 0))
    cmyk.paste((0, 255, 255, 0), (0, 0, 150, 200))       # red at the left, paper at the right
    path = saved(tmp_path, cmyk, "adobe.jpg", quality=95)  # Pillow writes CMYK JPEGs Adobe-inverted
    pixels = decoded(prepare_image(path, *FRAME))
    assert pixels.getpixel((10, 50))[1] > 240 and pixels.getpixel((250, 50))[1] < 10


def test_fill_crops_around_the_focus_and_fit_letterboxes(tmp_path):
    image = Image.new("L", (600, 200), 255)
    image.paste(0, (0, 0, 100, 200))                       # a black band at the far left
    path = saved(tmp_path, image, "wide.png")
    left = decoded(prepare_image(path, 96, 96, Fit.FILL, (0.0, 0.5)))
    centre = decoded(prepare_image(path, 96, 96, Fit.FILL))
    assert left.getpixel((10, 100)) < 10 and centre.getpixel((10, 100)) > 245
    fitted = prepare_image(path, 96, 96, Fit.FIT)
    assert fitted.width == pytest.approx(96) and fitted.height == pytest.approx(32)
    assert fitted.y == pytest.approx(32)


def test_low_resolution_is_named_with_the_size_it_needs(tmp_path):
    path = saved(tmp_path, Image.new("RGB", (300, 200), (90, 120, 160)), "small.jpg")
    prepared = prepare_image(path, 369, 246, display="images/small.jpg")
    assert prepared.ppi == pytest.approx(300 / (369 / 72))
    [warning] = prepared.warnings
    assert "images/small.jpg" in warning and "59 ppi" in warning and "769×513 px" in warning


def test_far_too_many_pixels_are_resampled_to_the_target(tmp_path):
    path = saved(tmp_path, Image.new("RGB", (2400, 1600), (90, 120, 160)), "sharp.jpg")
    prepared = prepare_image(path, *FRAME)          # 1200 ppi
    assert prepared.pixel_width == round(FRAME[0] / 72 * TARGET_PPI)
    assert prepared.ppi == pytest.approx(TARGET_PPI)


def test_over_limit_cmyk_is_brought_under_it_with_a_warning(tmp_path):
    path = saved(tmp_path, Image.new("CMYK", (300, 200), (250, 250, 250, 250)), "heavy.tif")
    prepared = prepare_image(path, *FRAME, press=PressSettings(ink_limit=240), display="ads/heavy.tif")
    assert max_coverage(decoded(prepared)) <= 240 + 1          # JPEG rounding
    [warning] = prepared.warnings
    assert "ads/heavy.tif" in warning and "392%" in warning


def test_rgb_conversion_holds_the_limit_silently(tmp_path):
    path = saved(tmp_path, Image.new("RGB", (300, 200), (0, 0, 0)), "black.png")
    prepared = prepare_image(path, *FRAME, press=PressSettings(ink_limit=220))
    assert max_coverage(decoded(prepared)) <= 221 and not prepared.warnings


@pytest.mark.parametrize("content, message", [
    (None, "not found"), (b"not a picture at all", "not an image"), ("truncated", "truncated or corrupt"),
    ("gif", "GIF"),
])
def test_bad_files_are_refused_naming_the_file(tmp_path, content, message):
    path = tmp_path / "bad.jpg"
    if content == "truncated":
        whole = io.BytesIO()
        Image.radial_gradient("L").resize((400, 400)).save(whole, "JPEG")
        path.write_bytes(whole.getvalue()[:len(whole.getvalue()) // 2])
    elif content == "gif":
        Image.new("P", (40, 40)).save(path, "GIF")
    elif content is not None:
        path.write_bytes(content)
    with pytest.raises(ImageError, match=message) as error:
        prepare_image(path, *FRAME, display="images/bad.jpg")
    assert "images/bad.jpg" in str(error.value)


def test_same_file_same_bytes(tmp_path):
    path = saved(tmp_path, Image.radial_gradient("L").resize((300, 200)).convert("RGB"), "photo.png")
    assert prepare_image(path, *FRAME).data == prepare_image(path, *FRAME).data


def test_a_cmyk_profile_that_is_not_cmyk_is_refused(tmp_path):
    from PIL import ImageCms
    profile = tmp_path / "srgb.icc"
    profile.write_bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    path = saved(tmp_path, Image.new("RGB", (300, 200), (90, 120, 160)), "photo.jpg")
    with pytest.raises(ImageError, match="not CMYK"):
        prepare_image(path, *FRAME, press=PressSettings(cmyk_profile=profile))
    assert DEFAULT_PRESS.cmyk_profile is None


def _png_rgb16(path: Path, width: int, height: int) -> None:
    """A 16-bit-per-channel RGB PNG, written by hand (Pillow cannot write one):
    red rising across, blue falling."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    row = lambda: b"\x00" + b"".join(struct.pack(">HHH", x * 65535 // (width - 1), 30000, 65535 - x * 65535 // (width - 1))
                                     for x in range(width))
    header = struct.pack(">IIBBBBB", width, height, 16, 2, 0, 0, 0)   # 16 bits, RGB
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
                     + chunk(b"IDAT", zlib.compress(b"".join(row() for _ in range(height)))) + chunk(b"IEND", b""))


def test_sixteen_bit_rgb_is_read_and_other_pixel_kinds_refused(tmp_path):
    path = tmp_path / "deep-rgb.png"
    _png_rgb16(path, 300, 200)
    pixels = decoded(prepare_image(path, *FRAME))
    left, right = pixels.getpixel((5, 100)), pixels.getpixel((295, 100))
    assert left[0] > 200 and right[0] < 40        # blue at the left prints cyan; red at the right does not
    floating = saved(tmp_path, Image.new("F", (300, 200), 0.5), "float.tif")
    with pytest.raises(ImageError, match="mode F cannot be printed"):
        prepare_image(floating, *FRAME)
