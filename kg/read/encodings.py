"""Bytes to Vietnamese text: Unicode (UTF-8, UTF-16, Windows-1258) and the legacy font encodings.

A document's bytes are tried as, in order: UTF-8/16/32 with a byte-order mark; UTF-16 without one
(every other byte zero); binary data (control bytes), refused; UTF-8; then Windows-1258, TCVN3 and
VNI, of which the reading that looks most like Vietnamese wins. Text that is already Unicode but
was copied out of a legacy font ("ñy ban nh©n d©n", "UÛy ban nhaân daân") is recognised the same
way and converted. Whatever is done, the result is the text as read: evidence offsets point into it.

"Looks like Vietnamese" is the share of a text's syllables that are among the 500 most frequent
ones of real administrative documents (data/vietnamese.toml): 0.76 or more in each document kg was
developed on, about 0.02 in English, 0.11 in French, low in a text decoded with the wrong table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.errors import NotVietnamese, ReadError
from kg.resources import load_table

#: Below this share of common syllables a text is not taken for Vietnamese (see the module's doc).
VIETNAMESE_SHARE = 0.35
#: A text with fewer syllables than this is too short to judge its language or its encoding.
SYLLABLES_TO_JUDGE = 30
#: How much of a text is looked at to judge it (the start of a document says enough).
JUDGED_CHARS = 12_000

_SYLLABLE = re.compile(r"[^\W\d_]{2,}")
# Bytes that no text file holds: C0 controls but tab, line feed, form feed, carriage return (and the
# old end-of-file mark 0x1A), and DEL.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1A), *range(0x1B, 0x20), 0x7F])
# Windows-1252 as the legacy fonts' files show in it; the five bytes it leaves undefined read as
# the Latin-1 control characters of the same number, so that no byte is lost.
_CP1252_TABLE = {b: c for b in range(0x80, 0xA0) if (c := bytes([b]).decode("cp1252", errors="ignore"))}


@cache
def common_syllables() -> frozenset[str]:
    return frozenset(load_table("vietnamese.toml")["syllables"].split())


def vietnamese_share(text: str) -> float | None:
    """The share of the syllables of ``text`` (its start) that are common Vietnamese ones, or None
    when it has too few syllables to tell."""
    words = _SYLLABLE.findall(text[:JUDGED_CHARS].lower())
    if len(words) < SYLLABLES_TO_JUDGE:
        return None
    common = common_syllables()
    return sum(w in common for w in words) / len(words)


@dataclass(frozen=True, slots=True)
class LegacyEncoding:
    """A legacy Vietnamese font encoding: its codes (as Windows-1252 characters) to Unicode."""

    name: str  # "tcvn3", "vni"
    to_unicode: dict[str, str]  # "©" -> "â" (TCVN3); "aâ" -> "â" (VNI)
    pattern: re.Pattern[str]  # any code, longest first
    lower_only: bool  # TCVN3 has no toned capitals: a line in capitals is read in capitals

    def convert(self, text: str) -> str:
        out = self.pattern.sub(lambda m: self.to_unicode[m.group()], text)
        return _capital_lines(out) if self.lower_only else out


@cache
def legacy_encodings() -> tuple[LegacyEncoding, ...]:
    table = load_table("legacy_encodings.toml")
    out = []
    for name in ("tcvn3", "vni"):
        codes: dict[str, str] = {}
        for pair in table[name]["letters"].split():
            letter, _, code = pair.partition("=")
            codes[code] = letter
            # a VNI mark typed in the other case than its vowel ("Uû") still marks that vowel
            if len(code) == 2 and code[1].swapcase() != code[1]:
                codes.setdefault(code[0] + code[1].swapcase(), letter)
        alternatives = "|".join(re.escape(c) for c in sorted(codes, key=len, reverse=True))
        out.append(LegacyEncoding(name, codes, re.compile(alternatives), lower_only=name == "tcvn3"))
    return tuple(out)


_WORD = re.compile(r"[^\W\d_]+")


def _capital_lines(text: str) -> str:
    """TCVN3 capitals: the encoding has no toned capitals, so in the .VnTimeH fonts a heading
    "KẾ HOẠCH" was typed with the lower-case codes ("KÕ HO¹CH") and converts to "Kế HOạCH". A line
    without a lower-case ASCII letter that has a word proving it is in capitals (two capitals or
    more and a vowel with a mark: "HOạCH", "NHÂN"; symbols such as "QĐ" and "UBND" have none) is
    put in capitals; "Số: 12/QĐ-UBND" stays as it is."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        words = _WORD.findall(line)
        if not words or any(c.isascii() and c.islower() for w in words for c in w):
            continue
        if any(sum(c.isupper() for c in w) >= 2 and any(c in _MARKED_VOWELS for c in w.lower()) for w in words):
            lines[i] = line.upper()
    return "\n".join(lines)


_MARKED_VOWELS = frozenset("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ")


def _legacy_markers(text: str) -> bool:
    """Whether ``text`` holds characters the legacy encodings show as (a cheap test before trying
    them): Latin-1 letters and signs, in a text with few letters of Unicode Vietnamese."""
    sample = text[:JUDGED_CHARS]
    legacy = sum(1 for c in sample if "\u00a1" <= c <= "\u00ff")
    vietnamese = sum(1 for c in sample if "\u1ea0" <= c <= "\u1ef9" or c in "ăĂđĐơƠưƯ")
    return legacy > vietnamese


def settle(text: str, encoding: str, path: str) -> tuple[str, str]:
    """``text`` as Vietnamese: as it is, or converted from the legacy encoding it was copied out of
    ("utf-8" becomes "utf-8+tcvn3"). ReadError when it is not Vietnamese in any reading."""
    share = vietnamese_share(text)
    if share is None or share >= VIETNAMESE_SHARE:
        return text, encoding
    if _legacy_markers(text):
        best = max(((vietnamese_share(t) or 0.0, t, e.name)
                    for e in legacy_encodings() for t in (e.convert(text),)), key=lambda x: x[0])
        if best[0] >= VIETNAMESE_SHARE:
            return best[1], f"{encoding}+{best[2]}"
    raise NotVietnamese(path, f"not Vietnamese text ({share:.0%} of its syllables are common Vietnamese ones, "
                              f"{VIETNAMESE_SHARE:.0%} needed): another language, or an encoding kg does not know",
                        text)


def decode(data: bytes, path: str) -> tuple[str, str]:
    """The text of ``data`` and the encoding it was read with ("utf-8", "utf-16", "windows-1258",
    "tcvn3", "vni"). ReadError with the reason when it is not text. Unicode is taken as it is: then
    ``settle`` says whether it is Vietnamese (or legacy text copied into Unicode)."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                       (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as e:
                raise ReadError(path, f"not {codec} text although it starts as such (byte {e.start})") from e
    head = data[:65536]
    unmarked_utf16 = _unmarked_utf16(head)
    if unmarked_utf16:
        try:
            return data.decode(unmarked_utf16), "utf-16"
        except UnicodeDecodeError:
            pass
    if b"\x00" in head or sum(head.count(b) for b in _CONTROL_BYTES) > len(head) // 100:
        raise ReadError(path, "binary data, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    readings = [(data.decode("cp1258", errors="replace"), "windows-1258")]
    latin = data.decode("latin-1").translate(_CP1252_TABLE)
    readings += [(e.convert(latin), e.name) for e in legacy_encodings()]
    scored = [(vietnamese_share(t), t, name) for t, name in readings]
    best = max(scored, key=lambda x: x[0] or 0.0)
    if best[0] is None:
        raise ReadError(path, "not UTF-8 text, and too short to tell whether it is Windows-1258, TCVN3 or VNI")
    if best[0] >= VIETNAMESE_SHARE:
        return best[1], best[2]
    raise ReadError(path, "not UTF-8 text, and no reading as Windows-1258, TCVN3 or VNI looks like Vietnamese "
                          f"(best {best[0]:.0%} of common syllables, {VIETNAMESE_SHARE:.0%} needed)")


def _unmarked_utf16(head: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" for UTF-16 without a byte-order mark (most of a Vietnamese text is
    ASCII, so every other byte is zero), else None."""
    pairs = len(head) // 2
    if pairs < 8:
        return None
    even = head[0:pairs * 2:2].count(0)
    odd = head[1:pairs * 2:2].count(0)
    if odd > pairs * 0.3 and even < pairs * 0.05:
        return "utf-16-le"
    if even > pairs * 0.3 and odd < pairs * 0.05:
        return "utf-16-be"
    return None
