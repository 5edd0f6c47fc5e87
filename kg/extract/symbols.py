"""Numbers and symbols of documents: "3380/QĐ-UBND", "13/2020/TT-BGDĐT", "29-NQ/TW", "66.4/2025/NQ-CP".

The one place that reads them: where a number/symbol is in a text, its canonical spelling, the type
its code stands for, the code that names its issuer, and the key two spellings of one identifier
share. Each pattern has a real example; tests/test_symbols.py reads real snippets of the corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from kg.extract.tables import agency_tables, doc_types

#: The number: "3380", "01814", "29".
NUMBER = r"(?P<number>\d{1,5}(?:\.\d{1,2})?[a-z]?)"  # "66.4/2025/NQ-CP" too
#: The year of a state document's number: "13/2020/TT-BGDĐT".
YEAR = r"(?:19|20)\d\d"
#: One part of a symbol: capitals and digits, with lower-case letters in the mixed forms: last
#: ("TTg", "CTr", "QĐi") or before a capital or a digit ("SNgV", "SoNNMT", "KTr2", "GDTrH"); never
#: followed by another letter ("Luật" is not a symbol part), so a symbol is never cut to a prefix.
#: A word glued to the symbol in poor copies ("QĐ-TTgcủa Thủ tướng") still ends it.
SYMBOL_PART = r"[A-ZĐ](?:[A-ZĐ0-9&]|[a-zđ](?=[A-ZĐ0-9]))*[a-zđ]?(?:(?![^\W\d_])|(?=(?:của|ngày|về)\b))"
#: Parts joined by hyphens, with stray spaces allowed around them ("QĐ-UBND", "NĐ -CP",
#: "TTLT-BGDĐT-BTC") and a line break after the hyphen in table cells ("NQ-\nHĐND").
SYMBOL = rf"{SYMBOL_PART}(?:[ \t]?-(?:[ \t]?|[ \t]*\n[ \t]*){SYMBOL_PART})*"
#: A state document: "3380/QĐ-UBND", "13/2020/TT-BGDĐT", "3131/UBND-VP", "72/2025/QH15", "4834 /TTr-SXD".
#: A slash may stand for a hyphen inside the symbol: "16/2006/TTLT/BLĐTBXH-BGD-ĐT-BTC".
#: The number may stand at a line's end, its slash and symbol on a later line ("Tờ trình số 409\n/TTr-SVHTTDL",
#: "Báo cáo thẩm tra số\n\n412\n\n/BC-UBPLTP15", 303.txt, 306.txt): a line never begins with a slash otherwise.
STATE_ID = (rf"{NUMBER}(?:[ \t]?/[ \t]?(?P<year>{YEAR}))?(?:[ \t]?|[ \t]*\n[ \t\n]*)/[ \t]?"
            rf"(?P<state_symbol>{SYMBOL}(?:/{SYMBOL})?)")
#: A Party document: "29-NQ/TW", "502-TB/VPTU", "51-CTr/TU", "57- NQ/TW".
PARTY_ID = rf"{NUMBER}[ \t]?-[ \t]?(?P<party_type>{SYMBOL})[ \t]?/[ \t]?(?P<party_issuer>{SYMBOL})"
# The two forms share group names, so they are compiled apart.
PARTY_NUMBER = re.compile(rf"(?<![\d/.,-]){PARTY_ID}")
STATE_NUMBER = re.compile(rf"(?<![\d/.,-]){STATE_ID}")


_MIXED_CASE = {"TTG": "TTg", "CTR": "CTr", "QĐI": "QĐi", "TTR": "TTr"}
#: A code printed in both cases, its small letters after capitals: "QTr", "KTr2", "SNgV", "SoNNMT".
_MIXED = re.compile(r"[A-ZĐ][A-ZĐ0-9&]*[a-z](?:[A-ZĐ0-9&]|[a-z](?=[A-ZĐ0-9]))*[a-z]?")


@lru_cache(maxsize=4096)  # the same few hundred symbols recur
def canonical_symbol(symbol: str) -> str:
    """"QĐ -TTG" -> "QĐ-TTg": no spaces, capitals except the known mixed-case codes, and a code
    printed in both cases kept as printed ("SNgV": Sở Ngoại vụ, "KTr2"); a hyphen dropped between a
    type code and an issuer code is put back ("QĐTTg" -> "QĐ-TTg")."""
    parts = re.split(r"\s*-\s*", symbol.strip())
    out = []
    for p in parts:
        up = p.upper()
        out.append(_MIXED_CASE.get(up, p if p in _MIXED_CASE.values() or _MIXED.fullmatch(p) else up))
    if len(out) == 1:
        glued = _split_glued(out[0])
        if glued:
            return glued
    return "-".join(out)


def _split_glued(code: str) -> str | None:
    up = code.upper()
    if up in _issuer_codes() or type_of_code(up):
        return None
    for cut in range(1, len(up)):
        head, tail = up[:cut], up[cut:]
        if doc_types().code_to_type.get(head) and tail in _issuer_codes():
            return f"{head}-{_MIXED_CASE.get(tail, tail)}"
    return None


@cache
def _issuer_codes() -> frozenset[str]:
    """Every code that names an issuer in a symbol ("TTg", "UBND", "BGDĐT", "SGDĐT")."""
    t = agency_tables()
    codes = {c.upper() for b in t.central for c in b.codes} | {c.upper() for b in t.local for c in b.codes}
    for s in t.sectors:
        for c in s.codes:
            codes |= {"B" + c.upper(), "S" + c.upper()}
    return frozenset(codes)


def type_of_code(code: str) -> str | None:
    """The type a symbol's first code stands for ("QĐ" Decision, "QH15" Law, "CTr" Program)."""
    table = doc_types().code_to_type
    up = code.upper()
    if up in table:
        return table[up]
    stripped = re.sub(r"\d+$", "", up)
    return table.get(stripped)


@dataclass(frozen=True, slots=True)
class Identifier:
    start: int
    end: int
    number: str
    symbol: str  # "QĐ-UBND", "NQ/TW", "2020/TT-BGDĐT" is split: year goes in the identifier only
    identifier: str
    type_code: str  # the code that says the type ("QĐ", "NQ"), or "" for an official letter
    issuer_code: str  # the code that names the issuer ("UBND", "TW", "TTg")
    party: bool


#: Where a number/symbol may start: digits then "/" or "-" (the full patterns run only there).
#: (No lookbehind in it: the engine scans twice as fast; the character before is checked by hand.)
_CANDIDATE = re.compile(r"\d{1,5}(?:\.\d{1,2})?[a-z]?(?:[ \t]?(?P<sep>[-/])|[ \t]*\n[ \t\n]*(?P<wrapped>/))")


_SEPARATOR = re.compile(r"[-/]")
_NOT_BEFORE_A_NUMBER = "0123456789/.,-:"  # not "QCVN 06:2022/BXD", nor the "2022" of it


def candidates(text: str) -> list[re.Match[str]]:
    """The matches of ``_CANDIDATE.finditer(text)`` not preceded by a digit or ``_NOT_BEFORE_A_NUMBER``.
    Found back from each "-" and "/" (the engine finds those twice as fast as it tries every digit):
    over spaces and line ends, one small letter, then digits and dots to where a candidate may start.
    A candidate starts there or nowhere before its separator: any later start follows a digit or a dot."""
    out = []
    for sep in _SEPARATOR.finditer(text):
        i = sep.start()
        while i > 0 and text[i - 1] in " \t\n":
            i -= 1
        if i > 0 and "a" <= text[i - 1] <= "z":
            i -= 1
        start = i
        while start > 0 and text[start - 1] in "0123456789.":
            start -= 1
        if start == i or (start > 0 and text[start - 1] in _NOT_BEFORE_A_NUMBER):
            continue
        m = _CANDIDATE.match(text, start)
        if m is not None:
            out.append(m)
    return out


def find_identifiers(text: str) -> list[Identifier]:
    """Every number/symbol in the text, Party and state forms."""
    found: dict[int, Identifier] = {}
    starts = [(c.start(), c.group("sep") or c.group("wrapped")) for c in candidates(text)]
    party = (m for m in (PARTY_NUMBER.match(text, s) for s, sep in starts if sep == "-") if m)
    state = [m for m in (STATE_NUMBER.match(text, s) for s, sep in starts if sep == "/") if m]
    for m in party:
        ptype = canonical_symbol(m.group("party_type"))
        pissuer = canonical_symbol(m.group("party_issuer"))
        symbol = f"{ptype}/{pissuer}"
        found[m.start()] = Identifier(m.start(), m.end(), m.group("number"), symbol,
                                      f"{m.group('number')}-{symbol}", ptype.split("-")[0], pissuer, True)
    for m in state:
        if m.start() in found:
            continue
        symbol = canonical_symbol(m.group("state_symbol"))
        year = m.group("year")
        ident = f"{m.group('number')}/{year}/{symbol}" if year else f"{m.group('number')}/{symbol}"
        parts = re.split(r"[-/]", symbol)
        if type_of_code(parts[0]) is not None and (len(parts) > 1 or re.match(r"QH\d*$", parts[0])):
            type_code, issuer_code = parts[0], "-".join(parts[1:]) or parts[0]
        else:  # "3131/UBND-VP": an official letter carries no type code, the issuer comes first
            type_code, issuer_code = "", parts[0]
        found[m.start()] = Identifier(m.start(), m.end(), m.group("number"), symbol, ident, type_code,
                                      issuer_code, False)
    return [found[k] for k in sorted(found)]


@dataclass(frozen=True, slots=True)
class PrintedNumber:
    """A document's own number/symbol after its "Số:", the number perhaps left blank ("Số: /KH-UBND")."""

    number: str | None
    symbol: str
    identifier: str | None  # None when the number is blank
    start: int
    end: int
    type_code: str  # "QĐ" in "QĐ-UBND", "NQ" in "NQ/TU"; the issuer's code in a letter's "UBND-VP"


_BLANK_STATE = re.compile(rf"[.…_ \t]*/[ \t]?(?:(?P<year>(?:19|20)\d\d)[ \t]?/[ \t]?)?(?P<symbol>{SYMBOL})")
_BLANK_PARTY = re.compile(rf"[.…_ \t]*-[ \t]?(?P<ptype>{SYMBOL})[ \t]?/[ \t]?(?P<pissuer>{SYMBOL})")


def number_at(text: str, pos: int) -> PrintedNumber | None:
    """The number/symbol printed at ``pos`` (a header's "Số:" just read), blank or not."""
    p = PARTY_NUMBER.match(text, pos)
    if p:
        ptype, pissuer = canonical_symbol(p.group("party_type")), canonical_symbol(p.group("party_issuer"))
        number, symbol = p.group("number"), f"{ptype}/{pissuer}"
        return PrintedNumber(number, symbol, f"{number}-{symbol}", p.start(), p.end(), ptype)
    st = STATE_NUMBER.match(text, pos)
    if st and not re.match(r"[ \t]?[A-ZĐ][ \t]", text[st.end():st.end() + 3]):
        number, symbol = st.group("number"), canonical_symbol(st.group("state_symbol"))
        year = st.group("year")
        identifier = f"{number}/{year}/{symbol}" if year else f"{number}/{symbol}"
        return PrintedNumber(number, symbol, identifier, st.start(), st.end(), symbol.split("-")[0])
    b = _BLANK_PARTY.match(text, pos)
    if b:
        symbol = f"{canonical_symbol(b.group('ptype'))}/{canonical_symbol(b.group('pissuer'))}"
        return PrintedNumber(None, symbol, None, b.start(), b.end(), symbol.split("/")[0])
    b = _BLANK_STATE.match(text, pos)
    if b:
        symbol = canonical_symbol(b.group("symbol"))
        return PrintedNumber(None, symbol, None, b.start(), b.end(), symbol.split("-")[0])
    return None


_YEAR_IN_NUMBER = re.compile(r"/((?:19|20)\d\d)/")


def year_of_number(identifier: str | None) -> str | None:
    """The year a state document's number carries: "2025" of "43/2025/QH15"; none in "3380/QĐ-UBND"."""
    m = _YEAR_IN_NUMBER.search(identifier or "")
    return m.group(1) if m else None


def type_of_symbol(symbol: str | None) -> str | None:
    """The type a symbol's first code names: Circular for "TTLT-BCA-BLĐTBXH-BTC", none for "UBND-VP"."""
    first = re.split(r"[-/]", symbol or "")[0]
    return type_of_code(first) if first else None


def issuer_code(symbol: str | None) -> str | None:
    """The code of a symbol that names its issuer: "TU" in "CT/TU", "UBND" in "QĐ-UBND" and in the
    letter's "UBND-VP", "BGDĐT" in "TT-BGDĐT"."""
    if not symbol:
        return None
    if "/" in symbol and not symbol[:1].isdigit():
        return symbol.split("/")[-1].split("-")[0]
    parts = symbol.split("-")
    if len(parts) > 1 and type_of_code(parts[0]):
        return parts[1]
    return parts[0]


def identifier_key(identifier: str) -> str:
    """One key for the spellings of one identifier: "3380/qđ-ubnd", "3380/QĐ- UBND", "3380/QĐ-UBND"."""
    return identifier.upper().replace(" ", "")
