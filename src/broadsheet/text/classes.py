"""Character classes of W3C clreq (Requirements for Chinese Text Layout), as tables.

Every rule of the line breaker asks a question of these tables, never of
literal characters scattered through the code.  Names follow clreq §3 and
GB/T 15834-2011.
"""
from __future__ import annotations

from enum import Enum
from functools import lru_cache


class CharClass(Enum):
    OPENING_BRACKET = "opening bracket"      # 开始类标点: “ ‘ （ 〔 ［ ｛ 《 〈 「 『 【 〖
    CLOSING_BRACKET = "closing bracket"      # 结束类标点: ” ’ ） 〕 ］ ｝ 》 〉 」 』 】 〗
    PAUSE_OR_STOP = "pause or stop"          # 点号: 。 ． ， 、 ： ； ！ ？
    INTERPUNCT = "interpunct"                # 间隔号: ·
    CONNECTOR = "connector"                  # 连接号: ～ – — (single)
    SOLIDUS = "solidus"                      # 分隔号: ／ (an ASCII / belongs to its Western word or URL)
    INSEPARABLE = "inseparable"              # 破折号 ——, 省略号 …… (2-em units)
    IDEOGRAPHIC_SPACE = "ideographic space"  # U+3000
    HAN = "han"                              # 汉字 and other full-width letters
    WESTERN = "western"                      # Latin letters, digits, ASCII signs
    SPACE = "space"                          # Western word space
    POSTFIX = "postfix unit"                 # % ‰ ° ℃ ′ ″: never start a line after a number
    PREFIX = "prefix sign"                   # ￥ $ € £ ¥ №: never end a line before a number
    RATIO = "ratio sign"                     # ∶ of a score (3∶1): never starts a line, never leaves its digits

    # Members are singletons, so identity is a sound hash; Enum's own hashes
    # the name in Python, and the breaker asks "is this class in that set?"
    # for every character of every candidate line.
    __hash__ = object.__hash__


OPENING_BRACKETS = frozenset("“‘（〔［｛《〈「『【〖(")
CLOSING_BRACKETS = frozenset("”’）〕］｝》〉」』】〗)")
PAUSE_OR_STOP_MARKS = frozenset("。．，、：；！？")
# Within the pause/stop marks, clreq compresses ，、； before 。？！：
COMMA_LIKE = frozenset("，、；")
INTERPUNCTS = frozenset("·・•‧")
CONNECTORS = frozenset("～–—〜")
SOLIDI = frozenset("／")
INSEPARABLES = frozenset("—…⋯⸺⸻")
# CJK compatibility squares for units (㎡ ㎞ ㎏ ㎎ ㎜ ㎝ ㏄ …, U+3380–U+33DF) follow
# their number as % and ℃ do.
UNIT_SQUARES = frozenset(chr(code) for code in range(0x3380, 0x33E0))
POSTFIXES = frozenset("%‰°℃′″％℉") | UNIT_SQUARES
PREFIXES = frozenset("￥$€£¥＄№")
IDEOGRAPHIC_SPACE = "\u3000"
RATIO_SIGNS = frozenset("∶")
# Marks drawn centred in a full em, a quarter em blank on each side that line
# compression may take, as JLREQ's cl-05 (・：；) has: the ratio sign of a
# score, a mathematical sign symmetric by construction (its ink measured in
# every shipped face: tests/test_text_engine.py).
CENTRED_MARKS = RATIO_SIGNS
# Hyphens: one joining two words (汉斯-彼得, Hans-Peter) is a connector, which
# a line may end with but never start with; before a digit it is a sign (-5℃).
HYPHENS = frozenset("-\u2010\u2011")
# Chinese large-number units that belong to the digits before them (1,320万, 2,861.04亿).
NUMBER_UNITS = frozenset("万亿")
# Superscripts, subscripts and Latin-1 signs belong to the Western word or
# number they stand in (km², H₂O, §3): never a break of their own.
WESTERN_SIGN_RANGES = (range(0x00A0, 0x00C0), range(0x2070, 0x20A0))
# Quotes are full width in Chinese text even when a font draws them narrow.
FULL_WIDTH_QUOTES = frozenset("“”‘’")

class Prohibition(str, Enum):
    """How strictly lines are kept from starting or ending with a mark (禁则,
    clreq §3.1.7).  A member equals its word ("gb"), as a layout writes it."""
    NONE = "none"
    BASIC = "basic"     # 点号, closing brackets and ∶ never start a line, opening brackets never end one
    GB = "gb"           # GB/T 15834: also connectors, interpuncts, units; solidi and prefix signs
    STRICT = "strict"   # GB, and —— …… never start a line either


# Marks that a line may not start with, or end with, at each prohibition level
# (clreq §3.1.7; GB/T 15834-2011 §5.1.6–5.1.9).
LINE_START_PROHIBITED: dict[Prohibition, frozenset[CharClass]] = {
    Prohibition.NONE: frozenset(),
    Prohibition.BASIC: frozenset({CharClass.PAUSE_OR_STOP, CharClass.CLOSING_BRACKET, CharClass.RATIO}),
    Prohibition.GB: frozenset({CharClass.PAUSE_OR_STOP, CharClass.CLOSING_BRACKET, CharClass.RATIO,
                               CharClass.CONNECTOR, CharClass.INTERPUNCT, CharClass.POSTFIX}),
    Prohibition.STRICT: frozenset({CharClass.PAUSE_OR_STOP, CharClass.CLOSING_BRACKET, CharClass.RATIO,
                                   CharClass.CONNECTOR, CharClass.INTERPUNCT, CharClass.POSTFIX,
                                   CharClass.INSEPARABLE}),
}
LINE_END_PROHIBITED: dict[Prohibition, frozenset[CharClass]] = {
    Prohibition.NONE: frozenset(),
    Prohibition.BASIC: frozenset({CharClass.OPENING_BRACKET}),
    Prohibition.GB: frozenset({CharClass.OPENING_BRACKET, CharClass.SOLIDUS, CharClass.PREFIX}),
    Prohibition.STRICT: frozenset({CharClass.OPENING_BRACKET, CharClass.SOLIDUS, CharClass.PREFIX}),
}
DEFAULT_PROHIBITION = Prohibition.GB

# Classes whose members are full-width punctuation with a blank half that
# compression may take away (标点挤压).
COMPRESSIBLE = frozenset({CharClass.OPENING_BRACKET, CharClass.CLOSING_BRACKET,
                          CharClass.PAUSE_OR_STOP, CharClass.INTERPUNCT})
# Classes that are not "characters" when counting a lone last line (孤字).
PUNCTUATION = frozenset({CharClass.OPENING_BRACKET, CharClass.CLOSING_BRACKET,
                         CharClass.PAUSE_OR_STOP, CharClass.INTERPUNCT, CharClass.CONNECTOR,
                         CharClass.SOLIDUS, CharClass.SPACE, CharClass.IDEOGRAPHIC_SPACE,
                         CharClass.POSTFIX, CharClass.PREFIX, CharClass.RATIO})


@lru_cache(maxsize=None)   # a paragraph asks about the same few hundred characters again and again
def classify(char: str) -> CharClass:
    """The clreq class of one character (inseparables are classed per character;
    a lone — is a connector, two in a row are a 破折号: see prepare)."""
    if char in PAUSE_OR_STOP_MARKS:
        return CharClass.PAUSE_OR_STOP
    if char in OPENING_BRACKETS:
        return CharClass.OPENING_BRACKET
    if char in CLOSING_BRACKETS:
        return CharClass.CLOSING_BRACKET
    if char in INSEPARABLES and char != "—":
        return CharClass.INSEPARABLE
    if char in CONNECTORS:
        return CharClass.CONNECTOR
    if char in INTERPUNCTS:
        return CharClass.INTERPUNCT
    if char in SOLIDI:
        return CharClass.SOLIDUS
    if char in POSTFIXES:
        return CharClass.POSTFIX
    if char in PREFIXES:
        return CharClass.PREFIX
    if char == " ":
        return CharClass.SPACE
    if char == IDEOGRAPHIC_SPACE:
        return CharClass.IDEOGRAPHIC_SPACE
    if char in RATIO_SIGNS:
        return CharClass.RATIO
    if char.isascii() or "\u00c0" <= char <= "\u024f" or "\u0370" <= char <= "\u04ff":
        return CharClass.WESTERN
    if any(ord(char) in signs for signs in WESTERN_SIGN_RANGES):
        return CharClass.WESTERN
    return CharClass.HAN
