"""What the blocks of one page share while they are composed."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, Severity
from ..fonts import FontSet
from ..model.page import BlockSpec, PressSettings
from ..text.classes import Prohibition
from .display import ComposedPage
from .geometry import PageGeometry
from .jumps import JumpBook


@dataclass
class BlockContext:
    """What the blocks of one page share."""
    fonts: FontSet
    geometry: PageGeometry
    page: ComposedPage
    prohibition: Prohibition
    layout_path: str
    jumps: JumpBook
    column_rules: bool = False
    press: PressSettings = field(default_factory=PressSettings)   # for a raster column logo


def block_warning(context: BlockContext, spec: BlockSpec, key: str, message: str,
                  severity: Severity = Severity.WARNING) -> Diagnostic:
    """A warning about one of the block's settings, at the line of the layout
    that gives the key (else the block's line)."""
    return Diagnostic(context.layout_path, spec.key_lines.get(key.split(".")[0]) or spec.line or None,
                      f"block {spec.name}: {key}", severity, message, spec.name)
