"""Jumps (转版): the text a block hands on to its continuation on a later page."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Article
from .flow import FlowPosition
from .setting import BodySetter

# The jump lines, as Chinese papers set them at the two ends of a jump.
JUMP_OUT = "（下转第{page}版）"
JUMP_IN = "（上接第{page}版）"
# Grid lines each jump line takes.
JUMP_LINES = 1
# A continuation of fewer lines sends the reader to another page for nothing.
MIN_JUMP_LINES = 2


@dataclass
class Carry:
    """What a first part could not hold, waiting for its continuation."""
    setter: BodySetter          # the article's pieces, already set lines cached
    article: Article
    article_display: str
    position: FlowPosition      # the first character the first part did not set
    from_page: int


@dataclass
class JumpBook:
    """The jumps of one build: the page of every block, and what waits for each continuation."""
    pages: dict[str, int]
    carried: dict[str, Carry] = field(default_factory=dict)
