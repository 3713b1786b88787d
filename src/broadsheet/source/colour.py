"""ICC profiles a layout names, read with Pillow's ImageCms (LittleCMS)."""
from __future__ import annotations

from pathlib import Path

# ICC header fields: the device class of a printer's output profile and the
# colour space of its device side.
OUTPUT_CLASS = "prtr"
CMYK_SPACE = "CMYK"
DEVICE_CLASSES = {"scnr": "an input (scanner or camera)", "mntr": "a display", "prtr": "an output (printer)",
                  "link": "a device link", "spac": "a colour space", "abst": "an abstract", "nmcl": "a named colour"}


def cmyk_output_problem(path: Path) -> str | None:
    """Why the file cannot stand for a CMYK press in a PDF/X OutputIntent, or None."""
    from PIL import ImageCms  # only layouts that name a profile pay for it

    try:
        profile = ImageCms.ImageCmsProfile(str(path)).profile
    except (OSError, ImageCms.PyCMSError) as error:
        return f"not an ICC profile ({error})"
    space = profile.xcolor_space.strip()
    if profile.device_class != OUTPUT_CLASS or space != CMYK_SPACE:
        kind = DEVICE_CLASSES.get(profile.device_class, f"a {profile.device_class!r}")
        return (f"{kind} profile for {space} (“{profile.profile_description}”); the OutputIntent needs the "
                "printer's CMYK output profile")
    return None


def profile_description(path: Path) -> str:
    """The profile's own name for its printing condition."""
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(str(path)).profile.profile_description.strip()
