"""Fonts: which face sets each typographic role, loaded for metrics and embedding."""
from .registry import FontSet, LoadedFont, ROLES, load_font_set

__all__ = ["FontSet", "LoadedFont", "ROLES", "load_font_set"]
