"""Colour spaces as the press sees them: which inks a colour puts on which plate.

A colour resolves to ``{ink: tint}`` with tints from 0 to 1: the process inks
Cyan, Magenta, Yellow and Black, or a spot colour's own name.  RGB has no inks
of its own; for coverage it is separated naively (C = 1 − R …, no black
generation), the most ink a careless conversion would lay down — RGB is an
error anyway.
"""
from __future__ import annotations

from dataclasses import dataclass

import pikepdf

CYAN, MAGENTA, YELLOW, BLACK = "Cyan", "Magenta", "Yellow", "Black"
PROCESS_INKS = (CYAN, MAGENTA, YELLOW, BLACK)
# Separation /All is registration colour: every plate.  /None marks nothing.
ALL_INKS = "All"
NO_INK = "None"
# Tints within this of each other are the same on a plate (8-bit data is 1/255 apart).
TINT_TOLERANCE = 0.002
BYTE_MAX = 255

Inks = dict[str, float]

_DEVICE = {"/DeviceGray": "DeviceGray", "/G": "DeviceGray", "/DeviceRGB": "DeviceRGB", "/RGB": "DeviceRGB",
           "/DeviceCMYK": "DeviceCMYK", "/CMYK": "DeviceCMYK", "/Pattern": "Pattern"}
_COMPONENTS = {"DeviceGray": 1, "CalGray": 1, "DeviceRGB": 3, "CalRGB": 3, "Lab": 3, "DeviceCMYK": 4, "Pattern": 0}
# Colour spaces PDF/X-1a forbids besides RGB: device-independent colour needs a
# colour-managed workflow that X-1a (CMYK and spot only) leaves out.
MANAGED_FAMILIES = {"ICCBased", "CalGray", "CalRGB", "Lab"}
# Colour spaces refer to others (Indexed → base); a loop must not hang us.
_MAX_NESTING = 8


class ColourSpaceError(ValueError):
    """A colour space that cannot be read (missing resource, malformed array)."""


@dataclass(frozen=True)
class ColourSpace:
    family: str                         # DeviceCMYK, ICCBased, Separation, Indexed …
    components: int
    colourants: tuple[str, ...] = ()    # Separation and DeviceN ink names
    base: ColourSpace | None = None     # Indexed base; ICCBased and Pattern underlying space
    palette: bytes = b""                # Indexed lookup table

    @property
    def device(self) -> str:
        """The device family this space prints as (ICCBased by its component count)."""
        if self.family == "ICCBased" or self.family in ("CalGray", "CalRGB"):
            return {1: "DeviceGray", 3: "DeviceRGB", 4: "DeviceCMYK"}.get(self.components, self.family)
        return self.family

    @property
    def is_rgb(self) -> bool:
        if self.family == "Indexed" and self.base is not None:
            return self.base.is_rgb
        return self.device == "DeviceRGB"

    @property
    def is_managed(self) -> bool:
        if self.family == "Indexed" and self.base is not None:
            return self.base.is_managed
        return self.family in MANAGED_FAMILIES

    def initial(self) -> tuple[float, ...]:
        """The colour a ``cs``/``CS`` sets (PDF: black, or tint 1, or index 0)."""
        if self.family == "DeviceCMYK":
            return (0.0, 0.0, 0.0, 1.0)
        if self.family in ("Separation", "DeviceN"):
            return (1.0,) * self.components
        return (0.0,) * self.components

    def inks(self, values: tuple[float, ...]) -> Inks | None:
        """Tint per ink, or None when the colour cannot be separated (Lab, patterns)."""
        device = self.device
        if device == "DeviceGray":
            return {BLACK: 1.0 - values[0]}
        if device == "DeviceRGB":
            return {CYAN: 1.0 - values[0], MAGENTA: 1.0 - values[1], YELLOW: 1.0 - values[2]}
        if device == "DeviceCMYK":
            return dict(zip(PROCESS_INKS, values))
        if device in ("Separation", "DeviceN"):
            inks: Inks = {}
            for name, tint in zip(self.colourants, values):
                if name == ALL_INKS:
                    for ink in PROCESS_INKS:
                        inks[ink] = max(inks.get(ink, 0.0), tint)
                elif name != NO_INK:
                    inks[name] = max(inks.get(name, 0.0), tint)
            return inks
        if device == "Indexed" and self.base is not None:
            index = int(values[0])
            width = self.base.components
            entry = self.palette[index * width:(index + 1) * width]
            if len(entry) < width:
                return None
            return self.base.inks(tuple(byte / BYTE_MAX for byte in entry))
        return None

    def spot_inks(self) -> set[str]:
        """Inks of their own (spot plates) this space needs."""
        if self.family == "Indexed" and self.base is not None:
            return self.base.spot_inks()
        return {name for name in self.colourants if name not in (ALL_INKS, NO_INK, *PROCESS_INKS)}


@dataclass(frozen=True)
class Colour:
    space: ColourSpace
    values: tuple[float, ...]
    pattern: str = ""   # the pattern's resource name: a pattern paints its own colours

    def inks(self) -> Inks | None:
        return None if self.pattern else self.space.inks(self.values)

    def is_solid_black(self) -> bool:
        """100% K and nothing else: how black type must print."""
        inks = self.inks()
        if not inks:
            return False
        return all(abs(tint - (1.0 if ink == BLACK else 0.0)) <= TINT_TOLERANCE
                   for ink, tint in inks.items()) and BLACK in inks

    def is_paper(self) -> bool:
        """No ink at all: white type reversed out of a background."""
        inks = self.inks()
        return inks is not None and all(tint <= TINT_TOLERANCE for tint in inks.values())

    def describe(self) -> str:
        if self.pattern:
            return f"pattern {self.pattern}"
        if self.space.device == "DeviceCMYK":
            numbers = " ".join(f"{letter}={value * 100:g}" for letter, value in zip("CMYK", self.values))
        else:
            numbers = " ".join(f"{value:g}" for value in self.values)
        return f"{self.space.family} {numbers}".rstrip()


DEVICE_GRAY = ColourSpace("DeviceGray", 1)
DEVICE_CMYK = ColourSpace("DeviceCMYK", 4)
DEVICE_RGB = ColourSpace("DeviceRGB", 3)
BLACK_GRAY = Colour(DEVICE_GRAY, (0.0,))


def resolve_space(spec: pikepdf.Object, resources: pikepdf.Dictionary | None, depth: int = 0) -> ColourSpace:
    """A colour space from its content-stream name or its array, looked up in ``resources``."""
    if depth > _MAX_NESTING:
        raise ColourSpaceError("colour spaces nest too deeply")
    if isinstance(spec, pikepdf.Name):
        name = str(spec)
        if name in _DEVICE:
            family = _DEVICE[name]
            return ColourSpace(family, _COMPONENTS[family])
        named = resources.get("/ColorSpace", {}) if resources is not None else {}
        if name not in named:
            raise ColourSpaceError(f"colour space {name} is not in the page resources")
        return resolve_space(named[name], resources, depth + 1)
    if isinstance(spec, pikepdf.Array) and len(spec) > 0:
        return _space_from_array(spec, resources, depth)
    raise ColourSpaceError(f"unreadable colour space {spec!r}")


def _space_from_array(spec: pikepdf.Array, resources, depth: int) -> ColourSpace:
    family = str(spec[0]).lstrip("/")
    if family in _COMPONENTS and len(spec) == 1:
        return ColourSpace(family, _COMPONENTS[family])
    if family in ("CalGray", "CalRGB", "Lab"):
        return ColourSpace(family, _COMPONENTS[family])
    if family == "ICCBased":
        return ColourSpace(family, int(spec[1].get("/N", 0)))
    if family in ("Indexed", "I"):
        base = resolve_space(spec[1], resources, depth + 1)
        lookup = spec[3]
        palette = lookup.read_bytes() if isinstance(lookup, pikepdf.Stream) else bytes(lookup)
        return ColourSpace("Indexed", 1, base=base, palette=palette)
    if family == "Separation":
        return ColourSpace(family, 1, colourants=(str(spec[1]).lstrip("/"),))
    if family == "DeviceN":
        names = tuple(str(name).lstrip("/") for name in spec[1])
        return ColourSpace(family, len(names), colourants=names)
    if family == "Pattern":
        base = resolve_space(spec[1], resources, depth + 1) if len(spec) > 1 else None
        return ColourSpace(family, base.components if base else 0, base=base)
    if family in ("DeviceGray", "DeviceRGB", "DeviceCMYK"):
        return ColourSpace(family, _COMPONENTS[family])
    raise ColourSpaceError(f"unknown colour space family /{family}")
