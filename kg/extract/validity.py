"""When a document takes effect, and which documents it ends, whole or in part.

The constructions are data (data/validity.toml, each with a real sentence of the corpus). They run
on the normalised text after the references are known: a construction names a stretch of text, and
the references whose mentions stand at the head of that stretch are the documents it ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from kg.extract import dates
from kg.extract.scan import LowerText, WordScan
from kg.extract.tables import doc_types, spaced_pattern
from kg.model import CHANGES, Change, EntryIntoForce, Mention, Reference, Span
from kg.read.normalize import NormalizedText
from kg.resources import load_table

#: A document printed after the words of a construction may follow "toàn bộ", "các".
_LEAD_GAP = re.compile(r"[\s:]*(?:toàn bộ\s+|các\s+)?", re.IGNORECASE)
#: The words naming part of a document between "bãi bỏ" and the document ("khoản 1 Điều 3").
_PART = re.compile(r"(?:điểm|khoản|điều|chương|mục|phần|phụ lục|mẫu|cụm từ|một số)\b", re.IGNORECASE)
#: Words after a part that join it to its document.
_PART_TAIL = re.compile(r"[\s,]*(?:(?:của|tại|trong|thuộc)\s*)?$", re.IGNORECASE)
#: Where a clause begins: a paragraph after a full stop, a numbered clause, a lettered item.
_CLAUSE_BREAK = re.compile(r"[.;:]\s*\n|\n\s*(?:\d+\.|[a-zđ]\)|-|\+)\s|\n\s*Điều\s+\d+", re.IGNORECASE)
#: What may stand before a document at the head of an item of a list.
_ITEM_HEAD = re.compile(r"[\s\-+*•]*(?:[a-zđ]\)|\d+[.)])?\s*(?:và\s+)?(?:{doc}\s*)?", re.IGNORECASE)
#: What may precede a cue at the head of a clause: numbering, bullets, "Điều 2.".
_CLAUSE_HEAD = re.compile(r"(?:\s|[-+*•]|\d+(?:\.\d+)*\.?\)?|[a-zđ]\)|[IVXLC]+\.|Điều\s+\d+\s*[.:]?)*", re.IGNORECASE)
#: "Quyết định này bãi bỏ ...": the document speaking of itself.
_SELF = re.compile(r"này\s*(?:được\s+)?$", re.IGNORECASE)
#: Where a sentence ends: a full stop, ";", a blank line, the next numbered clause, the first "Căn
#: cứ" after a title.
_SENTENCE_END = re.compile(r"\.(?:\s|$)|;|\n\s*\n|\n\s*(?:\d+\.|[a-zđ]\)|Căn cứ\b|Điều\s+\d)")
#: How far a list of ended documents reaches at most.
_LIST_REACH = 6000


@dataclass(frozen=True, slots=True)
class Construction:
    kind: str  # entry_into_force, ends_list, ends_single, replaces, repeals
    scan: WordScan  # the pattern, found from the words it begins with
    before: re.Pattern[str] | None  # what the text right before a match must end with
    example: str
    source: str  # the corpus file the example is from
    expect: str


@dataclass(frozen=True, slots=True)
class Validity:
    """What a document says of its own force and of the force of the documents it cites."""

    entry_into_force: EntryIntoForce | None
    changes: tuple[Change, ...]


@cache
def constructions() -> tuple[Construction, ...]:
    date = dates.ANY_DATE.pattern.replace("?P<", "?P<_").replace("(?P=", "(?P=_")  # its groups are not ours

    def compiled(pattern: str) -> re.Pattern[str]:
        text = spaced_pattern(pattern).replace("{doc}", f"(?:{doc_types().words_pattern})")
        return re.compile(text.replace("{date}", date), re.IGNORECASE)

    return tuple(Construction(row["kind"], WordScan.of(compiled(row["pattern"])),
                              compiled(row["before"]) if "before" in row else None,
                              row["example"], row["source"], row["expect"])
                 for row in load_table("validity.toml")["construction"])


def read_validity(norm: NormalizedText, mentions: list[Mention], references: tuple[Reference, ...],
                  signed: str | None) -> Validity:
    """The document's own day of effect and the changes it makes, read off ``norm`` whose
    ``mentions`` (normalised offsets) gave ``references``; ``signed``: the day it was signed."""
    text = norm.text
    index = _reference_index(norm, mentions, references)
    placed = [(m, index[k]) for k, m in enumerate(mentions) if k in index]
    entry: EntryIntoForce | None = None
    changes: dict[tuple[str, int], Change] = {}
    lowered = LowerText.of(text)
    for c in _distinct(constructions()):
        for match in c.scan.finditer(lowered):
            if c.before is not None and not c.before.search(text, max(0, match.start() - 60), match.start()):
                continue
            if c.kind == "entry_into_force":
                if entry is None:
                    entry = _entry(norm, match, signed)
                continue
            for change in _changes(norm, c.kind, match, placed):
                changes.setdefault((change.relation, change.target), change)
    return Validity(entry, tuple(sorted(changes.values(), key=lambda ch: (ch.evidence[-1].start, ch.target))))


def _distinct(table: tuple[Construction, ...]) -> list[Construction]:
    """One of the rows that differ only in their example ("bãi bỏ" of a whole and of a part)."""
    seen: dict[tuple[str, str, str | None], Construction] = {}
    for c in table:
        seen.setdefault((c.kind, c.scan.pattern.pattern, c.before.pattern if c.before else None), c)
    return list(seen.values())


def with_changes(references: tuple[Reference, ...], changes: tuple[Change, ...],
                 original: str) -> tuple[Reference, ...]:
    """The references, each one ended whole stating the relation of its change, with the change's
    sentence as evidence (``original``: the text as read). The construction is more specific than
    a cue word ("có hiệu lực thi hành ..., thay thế Nghị quyết số ..." is no "thi hành" of it)."""
    out = list(references)
    for ch in changes:
        ref = out[ch.target]
        if ch.part is not None or ref.relation == ch.relation:
            continue  # a partial change leaves the document as the text otherwise relates to it
        relations = ref.evidence_relations or (ref.relation,) * len(ref.evidence)
        start, end = ch.evidence[0].start, ch.evidence[-1].end
        sentence = Span(start, end, original[start:end])
        out[ch.target] = replace(ref, relation=ch.relation, evidence=(*ref.evidence, sentence),
                                 evidence_relations=(*relations, ch.relation))
    return tuple(out)


def _reference_index(norm: NormalizedText, mentions: list[Mention],
                     references: tuple[Reference, ...]) -> dict[int, int]:
    """Mention index -> reference index (a reference's evidence ends where one of its mentions does)."""
    by_end = {span.end: i for i, ref in enumerate(references) for span in ref.evidence}
    out = {}
    for k, m in enumerate(mentions):
        end = norm.to_original(m.start, m.end)[1]
        if end in by_end:
            out[k] = by_end[end]
    return out


def _entry(norm: NormalizedText, match: re.Match[str], signed: str | None) -> EntryIntoForce:
    if match.group("signing"):
        return EntryIntoForce(signed, True, norm.span(*_sentence(norm.text, match)))
    return EntryIntoForce(dates.parse(match.group("date")), False, norm.span(*_sentence(norm.text, match)))


def _sentence(text: str, match: re.Match[str]) -> tuple[int, int]:
    """The sentence of a match: from the start of its clause to the next full stop or line end."""
    start = _clause_start(text, match.start())
    end = match.end()
    stop = _SENTENCE_END.search(text, end, min(len(text), end + 400))
    return start, stop.start() if stop else min(len(text), end + 400)


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence of ``pos`` begins: its clause, or after a full stop within it."""
    start = _clause_start(text, pos)
    stops = [m.end() for m in re.finditer(r"\.\s+(?=[A-ZĐÀ-Ỹ])", text[start:pos])]
    return start + stops[-1] if stops else start


def _clause_start(text: str, pos: int) -> int:
    back = max(0, pos - 1500)
    starts = [m.end() for m in _CLAUSE_BREAK.finditer(text, back, pos)]
    return starts[-1] if starts else back


def _changes(norm: NormalizedText, kind: str, match: re.Match[str],
             placed: list[tuple[Mention, int]]) -> list[Change]:
    text = norm.text
    date = dates.parse(match.group("date")) if "date" in match.re.groupindex and match.group("date") else None
    if kind == "ends_list":
        end = _list_end(text, match.end())
        heads = [(m, i) for m, i in placed if match.end() <= m.start < end and _at_item_head(text, m, match.end())]
        head = norm.span(_clause_start(text, match.start()), match.end())
        return [Change("repeals", i, None, date, (head, norm.span(_item_start(text, m, match.end()), m.end)))
                for m, i in heads]
    if kind == "ends_single":
        if text.startswith(":", match.end()) or text[match.end(): match.end() + 3].strip().startswith(":"):
            return []  # a list: ends_list reads it
        start = _sentence_start(text, match.start())
        inside = [(m, i) for m, i in placed if start <= m.start < match.start()]
        heads = _heads(text, start, inside)
        quote = (norm.span(start, match.end()),)
        if heads or not inside:
            return [Change("repeals", i, None, date, quote) for _, i in heads]
        # "Các thủ tục hành chính ... ban hành kèm theo Quyết định số X ... hết hiệu lực": a part of X
        m, i = inside[0]
        named = _PART_TAIL.sub("", re.sub(r"\s+", " ", text[start : m.start]).strip())
        named = re.sub(r"\s*(?:được\s+)?ban hành kèm theo$", "", named).strip(" ,")
        return [Change("repeals", i, named, date, quote)] if named and len(named) <= 400 else []
    if kind in CHANGES:
        if not _speaks_for_itself(text, match):
            return []
        after = [(m, i) for m, i in placed if m.start >= match.end()]
        if not after:
            return []
        m, i = after[0]
        gap = text[match.end() : m.start]
        part: str | None
        if _LEAD_GAP.fullmatch(gap):
            part = None
        elif len(gap) <= 150 and "\n" not in gap.strip() and _PART.match(gap.strip()):
            part = _PART_TAIL.sub("", gap.strip()).strip(" ,")
        else:
            return []
        start, end = _sentence(text, match)
        start = max(start, text.rfind("\n", 0, match.start()) + 1)  # a title's words begin their line
        return [Change(kind, i, part, date, (norm.span(start, max(end, m.end)),))]
    return []


def _speaks_for_itself(text: str, match: re.Match[str]) -> bool:
    """The words act for the document being read: at the head of a clause or after "... này"."""
    if "này" in match.group().lower():
        return True
    line = text.rfind("\n", 0, match.start()) + 1
    before = text[line : match.start()]
    return bool(_CLAUSE_HEAD.fullmatch(before) or _SELF.search(before))


def _list_end(text: str, start: int) -> int:
    """Where a list of documents after a colon ends: the next article, or the next numbered clause."""
    stop = re.compile(r"\n\s*(?:Điều\s+\d+|\d+\.\s)", re.IGNORECASE).search(text, start, start + _LIST_REACH)
    return stop.start() if stop else min(len(text), start + _LIST_REACH)


def _item_start(text: str, m: Mention, list_start: int) -> int:
    return max(list_start, *(text.rfind(ch, list_start, m.start) + 1 for ch in "\n;:,"))


def _at_item_head(text: str, m: Mention, list_start: int) -> bool:
    """The mention opens an item of the list (after its letter, a line break, ";" or ","), not
    inside another item's description."""
    return bool(_item_head().fullmatch(text, _item_start(text, m, list_start), m.start))


@cache
def _item_head() -> re.Pattern[str]:
    return re.compile(_ITEM_HEAD.pattern.replace("{doc}", f"(?:{doc_types().words_pattern})"), re.IGNORECASE)


def _heads(text: str, start: int, inside: list[tuple[Mention, int]]) -> list[tuple[Mention, int]]:
    """The documents at the head of a sentence: its first, and those joined to it by "và" or ","
    that have its type (the documents their descriptions cite follow "theo", "tại", ...)."""
    if not inside or not _item_head().fullmatch(text, start, inside[0][0].start):
        return []
    first = inside[0]
    out = [first]
    for m, i in inside[1:]:
        before = text[max(start, m.start - 8) : m.start]
        if m.type == first[0].type and re.search(r"(?:\bvà|,|;)\s*$", before) and i != first[1]:
            out.append((m, i))
    return out
