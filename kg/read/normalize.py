"""Normalise Vietnamese text for matching, keeping a map back to the offsets of the text as read.

What changes (each seen in real documents):
- decomposed letters ("e" + U+0302 + U+0301) become NFC ("ế");
- "Ð" (U+00D0, Icelandic eth) written for "Đ" becomes "Đ";
- old tone placement at the end of a word becomes the new one ("hoà" -> "hòa", "Uỷ" -> "Ủy");
- typographic dashes become "-", exotic spaces become " ", zero-width characters disappear;
- CR LF line ends become LF; markdown bold markers ("**", "__") and heading marks ("## ") go;
- Cyrillic capitals that look like Latin ones become those ("NĐ-СР" with Cyrillic С and Р in 076,
  257 and 281 of the corpus is "NĐ-CP": a symbol is never cut where the script changes).
Line breaks are kept: the patterns allow any whitespace between words, and the header needs lines.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise

from kg.model import Span

_TONES = "\u0300\u0301\u0309\u0303\u0323"  # grave, acute, hook above, tilde, dot below


def _letters(upper: bool) -> str:
    """Every Latin letter a Vietnamese text uses, of one case, for regex character classes."""
    out = []
    for block in ((0x41, 0x5B), (0x61, 0x7B), (0xC0, 0x250), (0x1E00, 0x1F00)):
        for cp in range(*block):
            c = chr(cp)
            if c.isalpha() and (c.isupper() if upper else c.islower()):
                out.append(c)
    return "".join(out)


#: Upper-case and lower-case letters ("A-Z", "Đ", "Ộ", ...; "a-z", "đ", "ộ", ...), for [...] classes.
UPPER = _letters(True)
LOWER = _letters(False)


def _old_tone_pairs() -> dict[str, str]:
    """{"oà": "òa", "Uỷ": "Ủy", ...}: the tone moves from the second vowel to the first."""
    pairs: dict[str, str] = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for tone in _TONES:
            for f in (first, first.upper()):
                for s in (second, second.upper()):
                    old = f + unicodedata.normalize("NFC", s + tone)
                    new = unicodedata.normalize("NFC", f + tone) + s
                    pairs[old] = new
    return pairs


OLD_TONES = _old_tone_pairs()
_SIMPLE = {
    "\u00d0": "Đ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u202f": " ", "\u3000": " ", "\t": " ",
    "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "", "\u00ad": "",
    "\r\n": "\n", "\r": "\n",
    "**": "", "__": "",
    # Cyrillic look-alikes of Latin capitals (А В Е К М Н О Р С Т Х)
    "\u0410": "A", "\u0412": "B", "\u0415": "E", "\u041a": "K", "\u041c": "M", "\u041d": "H", "\u041e": "O",
    "\u0420": "P", "\u0421": "C", "\u0422": "T", "\u0425": "X",
}

_TONED_SECOND = "".join(sorted({k[1] for k in OLD_TONES}))
_SIMPLE_CHARS = "".join(k for k in _SIMPLE if len(k) == 1)


def _may_combine(text: str) -> bool:
    """Whether a combining mark (U+0300-U+036F) may be in the text: its UTF-8 form then holds the byte
    0xCC or 0xCD, which begin those and a few Greek letters only (twice as fast as a pattern)."""
    raw = text.encode("utf-8", "surrogatepass")
    return b"\xcc" in raw or b"\xcd" in raw


#: Each kind of change, with a cheap test of whether a text needs it at all: most texts need few
#: of them, and one pattern with fewer alternatives scans much faster.
_KINDS: list[tuple[str, Callable[[str], bool]]] = [
    (r"[^\u0300-\u036f][\u0300-\u036f]+", _may_combine),  # combining marks
    (r"\r\n?|\*\*|__", lambda t: "\r" in t or "**" in t or "__" in t),  # before the "\r" swapped alone
    # old tone placement, only at the end of a word ("hoà" but not "hoàn"), never "quý"; or a character
    # swapped for one: one class first, so that the engine skips to where either may start (measured
    # 1.6 times faster than the two apart)
    (rf"[oOuU{_SIMPLE_CHARS}](?:(?<=[oOuU])(?<![qQ][oOuU])[{_TONED_SECOND}](?![^\W\d_])|(?<=[{_SIMPLE_CHARS}]))",
     lambda t: True),
    (r"^[ \t]*#{1,6}[ \t]+", lambda t: "#" in t),  # markdown headings
    # a soft wrap at the hyphen of a ministry's name ("Bộ Lao động\n- Thương binh và Xã hội", 103.txt,
    # 123.txt), which would otherwise read as a new bullet
    (r"(?<=Lao động)[ \t]*\n(?=[ \t]*[-–][ \t]*Thương binh và Xã hội)", lambda t: "Thương binh" in t),
]


@cache
def _pattern(kinds: tuple[bool, ...]) -> re.Pattern[str]:
    return re.compile("|".join(p for (p, _), on in zip(_KINDS, kinds, strict=True) if on), re.MULTILINE)


@cache
def _kind_pattern(i: int) -> re.Pattern[str]:
    return re.compile(_KINDS[i][0], re.MULTILINE)


def _changes(text: str) -> list[re.Match[str]]:
    """The stretches to change, in text order: the matches of the union of the kinds the text needs.
    Each kind is scanned on its own, several times faster than their union; when no two kinds'
    stretches overlap, their matches are the union's (a match of the union at a position is that of
    its first kind matching there), else the union is scanned."""
    kinds = tuple(test(text) for _, test in _KINDS)
    found = sorted((m for i, on in enumerate(kinds) if on for m in _kind_pattern(i).finditer(text)),
                   key=lambda m: m.start())
    if any(a.end() > b.start() for a, b in pairwise(found)):
        return list(_pattern(kinds).finditer(text))
    return found


def _replacement(piece: str) -> str:
    if piece in _SIMPLE:
        return _SIMPLE[piece]
    if len(piece) == 2 and piece[0] in "oOuU" and piece[1] in _TONED_SECOND:
        return OLD_TONES.get(piece, piece)
    if piece.lstrip(" \t").startswith("#"):
        return ""
    if piece.endswith("\n"):
        return " " * len(piece)  # the wrapped name, joined (every offset kept)
    return unicodedata.normalize("NFC", piece)


@dataclass(frozen=True, slots=True)
class _Segment:
    norm: int  # start in the normalised text
    orig: int  # start in the original text
    norm_len: int
    orig_len: int


class NormalizedText:
    """The normalised text and the way back to the original offsets."""

    __slots__ = ("_identity", "_segments", "_starts", "original", "text")

    def __init__(self, original: str) -> None:
        self.original = original
        pieces: list[str] = []
        segments: list[_Segment] = []
        identity: list[bool] = []
        pos = norm = 0
        for m in _changes(original):
            if m.start() > pos:
                segments.append(_Segment(norm, pos, m.start() - pos, m.start() - pos))
                identity.append(True)
                pieces.append(original[pos : m.start()])
                norm += m.start() - pos
            new = _replacement(m.group())
            segments.append(_Segment(norm, m.start(), len(new), m.end() - m.start()))
            identity.append(len(new) == m.end() - m.start())  # a 1:1 swap keeps every offset
            pieces.append(new)
            norm += len(new)
            pos = m.end()
        if pos < len(original) or not segments:
            segments.append(_Segment(norm, pos, len(original) - pos, len(original) - pos))
            identity.append(True)
            pieces.append(original[pos:])
        self.text = "".join(pieces)
        self._segments = segments
        self._identity = identity
        self._starts = [s.norm for s in segments]

    def _segment(self, i: int) -> int:
        return max(0, bisect_right(self._starts, i) - 1)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the original text of the normalised stretch [start, end)."""
        k = self._segment(start)
        seg = self._segments[k]
        if self._identity[k] or start == seg.norm:
            o_start = seg.orig + (start - seg.norm if self._identity[k] else 0)
        else:
            o_start = seg.orig
        if end <= start:
            return o_start, o_start
        k = self._segment(end - 1)
        seg = self._segments[k]
        o_end = seg.orig + (end - seg.norm) if self._identity[k] else seg.orig + seg.orig_len
        return o_start, o_end

    def span(self, start: int, end: int) -> Span:
        """The original text of the normalised stretch [start, end), trimmed of outer whitespace."""
        o_start, o_end = self.to_original(start, end)
        raw = self.original[o_start:o_end]
        lead = len(raw) - len(raw.lstrip())
        trail = len(raw) - len(raw.rstrip())
        return Span(o_start + lead, o_end - trail, raw.strip())


def squash(text: str) -> str:
    """Collapse every run of whitespace (line breaks too) into one space."""
    return " ".join(text.split())


def new_tones(text: str) -> str:
    """NFC, "Đ" not "Ð", tone marks placed the new way, case kept: "Hoà Bình" -> "Hòa Bình"."""
    t = unicodedata.normalize("NFC", text).replace("\u00d0", "Đ")
    pieces, pos = [], 0
    for m in _changes(t):
        pieces += [t[pos : m.start()], _replacement(m.group())]
        pos = m.end()
    return "".join(pieces) + t[pos:]


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """A key for comparing names: NFC, lower case, new tone placement, one space, Đ not Ð. (Kept
    for the names asked again and again: a document names its few bodies hundreds of times.)"""
    return " ".join(new_tones(text).lower().split())


def strip_accents(text: str) -> str:
    """ASCII-folded lower case ("Quảng Ngãi" -> "quang ngai"), for lenient comparisons."""
    t = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d").replace("\u00d0", "D"))
    return "".join(c for c in t if not unicodedata.combining(c)).lower()
