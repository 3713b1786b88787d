"""The press's limits, shared by the build (rules we draw) and the preflight.

Defaults are for coldset offset on newsprint.  A printer's own figures win:
every limit but the sizes under which black text should overprint and
coloured text should be one ink is a ``broadsheet preflight`` option.
"""
from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from ..units import mm

# ISOnewspaper26v4 (the IFRA26 characterisation) allows 240% total area
# coverage; WAN-IFRAnewspaper26v5 plants ask for 220%.
DEFAULT_TAC_PERCENT = 240.0
# A rule thinner than this is a hairline: it breaks up or vanishes on plate and
# newsprint.  0.25 pt is the usual prepress hairline threshold for a solid
# single-ink rule; plants that want more (0.5 pt, 1 pt for multi-ink rules) set
# --min-rule.
DEFAULT_MIN_RULE_PT = 0.25
# 八号 (5 pt) is the smallest Chinese type size.
DEFAULT_MIN_TYPE_PT = 5.0
# Effective image resolution: under 200 ppi a halftone at newspaper screen
# rulings (85–120 lpi) starts to show pixels; under 150 ppi it does.
DEFAULT_WARN_PPI = 200.0
DEFAULT_ERROR_PPI = 150.0
# Text this close to the trim risks the knife.
DEFAULT_SAFE_MARGIN_MM = 5.0
# Black text under this size should overprint: a white halo from misregister
# shows around small type.
DEFAULT_OVERPRINT_BELOW_PT = 20.0
# Coloured type printed in two or more inks is only as sharp as the plates
# register: under 小四 (12 pt) on newsprint the misregister shows.
DEFAULT_MULTI_INK_TYPE_PT = 12.0
# Black type whose black ink is at least this strong, with any other ink, is
# rich black: as black to the eye, but blurred by misregister.
RICH_BLACK_K = 0.9


@dataclass(frozen=True)
class Limits:
    tac_percent: float = DEFAULT_TAC_PERCENT
    min_rule_pt: float = DEFAULT_MIN_RULE_PT
    min_type_pt: float = DEFAULT_MIN_TYPE_PT
    warn_ppi: float = DEFAULT_WARN_PPI
    error_ppi: float = DEFAULT_ERROR_PPI
    safe_margin_pt: float = mm(DEFAULT_SAFE_MARGIN_MM)
    overprint_below_pt: float = DEFAULT_OVERPRINT_BELOW_PT
    multi_ink_type_pt: float = DEFAULT_MULTI_INK_TYPE_PT


DEFAULT_LIMITS = Limits()


def add_preflight_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``broadsheet preflight`` options (kept here so cli.py stays small)."""
    parser.add_argument("pdf", type=Path, help="the PDF to check")
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    parser.add_argument("--tac", type=float, default=DEFAULT_TAC_PERCENT, metavar="PERCENT",
                        help=f"total area coverage limit (default {DEFAULT_TAC_PERCENT:g})")
    parser.add_argument("--min-rule", type=float, default=DEFAULT_MIN_RULE_PT, metavar="PT",
                        help=f"thinnest rule allowed (default {DEFAULT_MIN_RULE_PT:g} pt)")
    parser.add_argument("--min-type", type=float, default=DEFAULT_MIN_TYPE_PT, metavar="PT",
                        help=f"smallest type size allowed (default {DEFAULT_MIN_TYPE_PT:g} pt)")
    parser.add_argument("--warn-ppi", type=float, default=DEFAULT_WARN_PPI, metavar="PPI",
                        help=f"warn below this effective image resolution (default {DEFAULT_WARN_PPI:g})")
    parser.add_argument("--min-ppi", type=float, default=DEFAULT_ERROR_PPI, metavar="PPI",
                        help=f"error below this effective image resolution (default {DEFAULT_ERROR_PPI:g})")
    parser.add_argument("--safe-margin", type=float, default=DEFAULT_SAFE_MARGIN_MM, metavar="MM",
                        help=f"text keeps this far inside the trim (default {DEFAULT_SAFE_MARGIN_MM:g} mm)")


def limits_from_arguments(args: argparse.Namespace) -> Limits:
    return Limits(tac_percent=args.tac, min_rule_pt=args.min_rule, min_type_pt=args.min_type,
                  warn_ppi=args.warn_ppi, error_ppi=args.min_ppi, safe_margin_pt=mm(args.safe_margin))

