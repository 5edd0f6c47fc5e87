"""How the document relates to each reference, and what it says about how two others relate.

The text is cut into clauses (clauses.py), and each reference (mention) gets a description: its
words from its number, date and issuer to the next member of its list or the end of its clause.
One state object per mention (_State) is then filled by small passes over a _Reading of the
document:

- _nest: the innermost earlier mention whose description names it, and the cue there that relates
  the two ("Kế hoạch số 224-KH/TU ... về thực hiện Kết luận số 51-KL/TW": implements);
- _act: what the document does to it, from the nearest cue before it in its own clause, the article
  on entry into force, or the line that introduces its list ("Điều 1. Bãi bỏ toàn bộ ...:");
- _expire: "Quyết định số ... hết hiệu lực kể từ ngày Quyết định này có hiệu lực".

The mentions of one document are then grouped (group.py) into a reference with the strongest
relation its mentions give.

The cues and what they mean are the table data/relation_cues.toml. Where nothing settles a
relation, the reference is only cited: unknown before wrong.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import cache

from kg.extract.agencies import Context, joint_issuer
from kg.extract.cite import catalog_alias, catalog_entry, issuer_from_symbol
from kg.extract.clauses import PASSIVE_GOES_ON, Clauses, Cue, clauses, find_cues
from kg.extract.group import Groups, group_mentions, of_the_legislature
from kg.extract.scan import LowerText, WordScan
from kg.extract.symbols import PARTY_NUMBER, issuer_code, year_of_number
from kg.extract.tables import doc_types
from kg.model import Agency, Mention, Reference, Relation, Span, stronger
from kg.read.normalize import NormalizedText, squash

#: Words between a repeal and the document that name a part of it ("khoản 2 Điều 1", "một số cụm từ"),
#: not "toàn bộ" and not the documents of a list ("thay thế các Quyết định: số 23/2016/QĐ-UBND").
_PART_OF = re.compile(r"\s*(?!(?:toàn\s+bộ\s+)?\S+\s*$)(?!(?:các|những)\s+(?:văn\s+bản|quyết\s+định|nghị\s+quyết|"
                      r"thông\s+tư|nghị\s+định|chỉ\s+thị)\s*(?:sau(?:\s+đây)?\s*)?:?\s*(?:số\s*)?$)(?:\S+\s+){2,}",
                      re.IGNORECASE)
_EXPIRES = re.compile(r"(?:hết|chấm\s+dứt)\s+hiệu\s+lực(?:\s+thi\s+hành)?\s+(?:kể\s+)?từ", re.IGNORECASE)
_JOINED = re.compile(r"(?:\bvà|;)\s*$", re.IGNORECASE)
_ACTIVE = {"promulgated_by": "promulgates", "amended_by": "amends", "replaced_by": "replaces"}
#: Between a cue and the document it governs: a few words, or the part of it acted on (see _PART_GAP).
_SHORT_GAP = re.compile(r"[ \t\n]*(?:[^\s,;.()]+[ \t\n]+){0,4}?[“\"]?$")
#: "hướng dẫn thi hành một số nội dung của Nghị định số 118/2025/NĐ-CP": a part named, then "của".
#: Also "sửa đổi, bổ sung tiêu đề và một số nội dung Quyết định số ...", "thực hiện khoản 2 Điều 28 Luật ...".
_PART_GAP = re.compile(r"[ \t\n]*(?:[^\s;.()]+[ \t\n]+){0,10}?"
                       r"(?:của|tại|vào|nội\s+dung|(?:điều|khoản|điểm|mục|chương)\s+\S+)[ \t\n]+[“\"]?$", re.IGNORECASE)
#: A change to what a document states, however long its name: "bổ sung tiêu chuẩn, định mức sử dụng máy
#: móc, thiết bị chuyên dùng quy định tại Quyết định số 09/2019/QĐ-UBND" (109.txt) amends that decision.
_CHANGED_WHERE_STATED = re.compile(r"[ \t\n]*(?:[^\s;.()]+[ \t\n]+){0,30}?quy[ \t]+định[ \t]+tại[ \t\n]+"
                                   r"(?:(?:điều|khoản|điểm|mục|chương)[ \t]+\S+[ \t\n]+(?:của[ \t\n]+)?)*[“\"]?$",
                                   re.IGNORECASE)
# "Quyết định số 06/QĐ-TTg ... và Kế hoạch tổng thể ban hành kèm Quyết định số 3103/QĐ-BTC": after
# "và" and a document's name, the cue speaks of that unnumbered document, not of the one before.
# Also "... theo Luật số 32/2009/QH12 và các văn bản hướng dẫn thi hành Luật Di sản văn hóa" (320.txt):
# the documents that guide the law are others, unnamed.
_ANOTHER_DOCUMENT = re.compile(r"\bvà\s+(?:các\s+)?(?:Kế hoạch|Quyết định|Đề án|Chương trình|Quy định|Quy chế|"
                               r"Nghị quyết|Thông tư|Chỉ thị|Kết luận|Hướng dẫn|Công văn|Chiến lược|văn bản)\b")


@dataclass(frozen=True, slots=True)
class Related:
    """The outcome of this stage for one document."""

    references: tuple[Reference, ...]
    relations: tuple[Relation, ...]


#: What may precede a cue at the head of a clause: numbering, bullets, "Điều 2.".
_CLAUSE_HEAD = re.compile(r"(?:\s|[-+*•]|\d+(?:\.\d+)*\.?\)?|[a-zđ]\)|[IVXLC]+\.|(?:Điều|Khoản)\s+\d+\s*[.:]?)*")
#: "Quyết định này thay thế ...": the document speaking of itself.
_SELF = re.compile(r"(?:này|nay)\s*(?:được\s+)?$", re.IGNORECASE)


@cache
def _in_force() -> re.Pattern[str]:
    """The article on entry into force, which speaks for the document wherever it stands: "Quyết
    định này có hiệu lực thi hành kể từ ngày ký ban hành và thay thế Quyết định số ..."."""
    return re.compile(rf"{_CLAUSE_HEAD.pattern}(?:{doc_types().words_pattern})(?:\s+(?:này|nay))?"
                      r"(?:,[^.;:\n]{0,80}?)?\s+có\s+hiệu\s+lực"  # "Hướng dẫn này, các phụ lục ... có hiệu lực"
                      r"[^.;:]*?(?:,|;|\bvà|\bđồng\s+thời)\s*", re.IGNORECASE)


#: How many cues back the search for the governing one goes at most: in the 144 real documents kg
#: was developed on, the cue found never had more than 11 others after it, while a clause of endless
#: references would make each search walk back to its start.
_CUES_LOOKED_AT = 100


@dataclass(slots=True)
class _State:
    """What this stage learns about one mention, pass by pass."""

    mention: Mention
    description_end: int  # where the words describing it stop (its date, issuer and subject)
    holder: int | None = None  # the mention whose description names this one
    nested_cue: Cue | None = None  # the cue in the holder's description that relates the two
    relation: str = "cites"  # what the document being read does to it
    evidence_start: int = 0

    @property
    def parent(self) -> int | None:
        """The holder, when a cue relates it to this mention."""
        return self.holder if self.nested_cue is not None else None

    def nested_as(self, *relations: str) -> bool:
        return self.nested_cue is not None and self.nested_cue.nested in relations


@dataclass(slots=True)
class _Reading:
    """One document's text, its clauses and cues, and the state of each of its mentions."""

    text: str
    clauses: Clauses
    cues: list[Cue]
    cue_starts: list[int]
    mention_starts: list[int]  # mentions come in text order
    states: list[_State]
    # how far past its start a description reaches at most: no mention starting further back than
    # that can hold another (the backward searches stay short, whatever the number of mentions)
    reach: int
    title_span: tuple[int, int] | None
    # the cues of each line that introduces a list, found once for all its items
    intro_cues: dict[tuple[int, int], list[Cue]] = field(default_factory=dict)

    def mention(self, i: int) -> Mention:
        return self.states[i].mention

    def last_cue(self, lo: int, hi: int, skip: set[int], nested: bool) -> Cue | None:
        """The nearest cue in [lo, hi) that lies outside other mentions and their descriptions."""
        k = bisect_left(self.cue_starts, hi) - 1
        first = bisect_left(self.mention_starts, lo)
        looked_at = 0
        while k >= 0 and self.cues[k].start >= lo and looked_at < _CUES_LOOKED_AT:
            c = self.cues[k]
            k -= 1
            looked_at += 1
            if c.end > hi or (c.nested if nested else c.relation) == "":
                continue
            if not self._inside_another(c, first, skip):
                return c
        return None

    def _inside_another(self, c: Cue, first: int, skip: set[int]) -> bool:
        # only mentions inside the window count (the parent and its ancestors start before it), and
        # of those only the ones that start before the cue and whose description can reach it
        for j in range(bisect_right(self.mention_starts, c.start) - 1, first - 1, -1):
            if self.mention_starts[j] + self.reach <= c.start:
                return False
            s = self.states[j]
            if j not in skip and c.start < max(s.mention.end, s.description_end):
                return True
        return False

    def speaks_for_document(self, cue: Cue, clause_start: int) -> bool:
        """Whether a cue says what the document being read does (see ``lead_only`` in the table), or
        says again what an earlier cue of its clause said it does ("Nghị định này quy định chi tiết
        ... và các biện pháp thi hành Pháp lệnh số 02/2020/UBTVQH", 371.txt)."""
        if self._speaks(cue, clause_start):
            return True
        k = bisect_left(self.cue_starts, cue.start) - 1
        while k >= 0 and self.cues[k].start >= clause_start:
            earlier = self.cues[k]
            k -= 1
            if earlier.relation == cue.relation and self._speaks(earlier, clause_start):
                return True
        return False

    def _speaks(self, cue: Cue, clause_start: int) -> bool:
        if not cue.lead_only:
            return True
        if self.title_span and self.title_span[0] <= cue.start < self.title_span[1]:
            return True
        if _CLAUSE_HEAD.fullmatch(self.text, clause_start, cue.start):
            return True
        if _in_force().fullmatch(self.text, clause_start, cue.start):
            return True
        line_start = self.text.rfind("\n", clause_start, cue.start) + 1  # under "Điều 2. Hiệu lực thi hành"
        if line_start > clause_start and _in_force().fullmatch(self.text, line_start, cue.start):
            return True
        return bool(_SELF.search(self.text[max(clause_start, cue.start - 40) : cue.start]))


def relate(norm: NormalizedText, mentions: list[Mention], ctx: Context, own_identifier: str | None,
           extra_boundaries: list[int] | None = None, title_span: tuple[int, int] | None = None) -> Related:
    reading = _read(norm.text, mentions, extra_boundaries or [], title_span)
    _nest(reading)
    _act(reading)
    _expire(reading)
    for i, relation in _fixed_relations(mentions).items():
        reading.states[i].relation = relation
    groups = group_mentions(mentions, own_identifier)
    own_code = issuer_code(own_identifier.split("/", 1)[-1]) if own_identifier and "/" in own_identifier else None
    references = _references(norm, reading.states, groups, ctx, own_code)
    stated = _quoted_bases(reading) + _changes_listed_below(reading)
    relations = _relations(norm, reading.states, groups, own_identifier, stated)
    return Related(references, relations)


#: A consolidated text (VBHN) quotes, in a note on each document it consolidates, that document's own
#: preamble: "[1] Nghị định số 55/2023/NĐ-CP ... sửa đổi, bổ sung một số điều của Nghị định số 75/2021/NĐ-CP
#: ..., có căn cứ ban hành như sau:\n\n“Căn cứ ...;\n\nCăn cứ Nghị quyết số 142/2024/QH15 ...”" (369.txt).
_QUOTED_PREAMBLE = WordScan.of(re.compile(r"có\s+căn\s+cứ\s+ban\s+hành\s+như\s+sau\s*:\s*(?P<open>[“\"])?",
                                          re.IGNORECASE))
_QUOTE_CLOSE = re.compile(r"[”\"]")


def _quoted_bases(r: _Reading) -> list[tuple[int, str, int]]:
    """(document, "basedOn", basis) for each basis of a quoted preamble: the document is the first one
    its note's line names; the bases are what the quote (up to its closing mark) cites as "Căn cứ"."""
    stated: list[tuple[int, str, int]] = []
    for m in _QUOTED_PREAMBLE.finditer(LowerText.of(r.text)):
        if m.group("open") is None:
            continue
        close = _QUOTE_CLOSE.search(r.text, m.end())
        first = _first_on_the_line(r, m.start())
        if close is None or first is None:
            continue
        for k in range(bisect_left(r.mention_starts, m.end()), bisect_left(r.mention_starts, close.start())):
            if r.states[k].relation == "basedOn" and r.states[k].holder is None:
                stated.append((first, "basedOn", k))
    return stated


#: A consolidated text opens with the document it consolidates, "..., có hiệu lực kể từ ngày 11 tháng
#: 02 năm 2020, được sửa đổi, bổ sung bởi:", then one paragraph for each document that changed it
#: ("Thông tư số 101/2025/TT-BQP ... sửa đổi, bổ sung một số điều các Thông tư về ...", 324.txt).
_CHANGED_BY_THESE = WordScan.of(re.compile(
    r"được\s+(?P<verb>sửa\s+đổi|bổ\s+sung|thay\s+thế)[^.;:\n]{0,40}?\s+(?:bởi|theo|tại)[ \t]*:[ \t]*\n", re.IGNORECASE))
_LIST_ITEM_LEAD = re.compile(r"\s*(?:\d+[.)]|[-+*•])?[ \t]*")


def _changes_listed_below(r: _Reading) -> list[tuple[int, str, int]]:
    """(changing document, "amends" or "replaces", changed one) for each paragraph under such a line
    that opens with a document, up to the first that does not."""
    stated: list[tuple[int, str, int]] = []
    for m in _CHANGED_BY_THESE.finditer(LowerText.of(r.text)):
        changed = _first_on_the_line(r, m.start())
        if changed is None:
            continue
        relation = "replaces" if "thay" in m.group("verb").lower() else "amends"
        at = m.end()
        while (k := bisect_left(r.mention_starts, at)) < len(r.states):
            lead = _LIST_ITEM_LEAD.match(r.text, at)
            if lead is None or r.mention(k).start != lead.end() or not r.mention(k).identifier:
                break
            stated.append((k, relation, changed))
            end = r.text.find("\n", r.mention(k).end)
            if end < 0:
                break
            at = end + 1
    return stated


def _first_on_the_line(r: _Reading, pos: int) -> int | None:
    """The first numbered document of the line holding ``pos``, before it."""
    k = bisect_left(r.mention_starts, r.text.rfind("\n", 0, pos) + 1)
    return k if k < len(r.states) and r.mention(k).start < pos and r.mention(k).identifier else None


def _read(text: str, mentions: list[Mention], extra_boundaries: list[int],
          title_span: tuple[int, int] | None) -> _Reading:
    """Clauses, cues (only in the clauses before references) and each mention's description: from
    its end (number, date, issuer) to the end of its clause, cut short where the next member of its
    list begins."""
    cl = clauses(text, extra_boundaries)
    cues = find_cues(text, [(cl.clause_start(m.start), m.start) for m in mentions])
    states: list[_State] = []
    for i, m in enumerate(mentions):
        limit = min(m.end + 600, len(text))
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if nxt is not None and nxt.list_id is not None and nxt.list_id == m.list_id:
            limit = min(limit, nxt.start)
        states.append(_State(m, cl.description_end(m.end, limit), evidence_start=m.start))
    reach = max((max(s.description_end, s.mention.end) - s.mention.start for s in states), default=0)
    return _Reading(text, cl, cues, [c.start for c in cues], [m.start for m in mentions], states, reach, title_span)


def _nest(r: _Reading) -> None:
    """Each mention's holder: the innermost earlier mention whose description names it; and the cue
    right before it there that relates the two ("về thực hiện", "phê duyệt", "được sửa đổi bởi")."""
    for i, s in enumerate(r.states):
        m = s.mention
        prev = r.states[i - 1] if i > 0 else None
        if prev is not None and _after_a_named_one(prev, m):
            outer = r.states[prev.holder]  # type: ignore[index]
            s.holder, s.nested_cue = outer.holder, outer.nested_cue
            continue
        if prev is not None and (_same_nesting(r.text, prev, m) or _second_object_of_a_change(r, prev, m)) \
                and not _acts_itself(r, i):
            s.holder, s.nested_cue = prev.holder, prev.nested_cue
            continue
        for j in range(i - 1, -1, -1):
            p = r.states[j]
            if p.mention.start + r.reach <= m.start:
                break
            if not (p.mention.end <= m.start < p.description_end):
                continue
            if p.mention.list_id is not None and p.mention.list_id == m.list_id:
                break
            _hold(r, i, j)
            break


def _acts_itself(r: _Reading, i: int) -> bool:
    """Its own description opens with what it does to another document: "..., số 58/2023/NĐ-CP ...
    sửa đổi, bổ sung một số điều của Nghị định số 37/2019/NĐ-CP và số 22/2025/NĐ-CP ngày 11/02/2025
    sửa đổi, bổ sung một số điều của Nghị định số 37/2019/NĐ-CP" (120.txt): 22/2025 is the next
    subject of the list, not one more document that 58/2023 amends. Only a change says so: "... thực
    hiện Nghị quyết số 71/NQ-CP ... và Chương trình hành động số 10-CTr/TU ... về thực hiện Nghị quyết
    số 57-NQ/TW" (050.txt) implements both, the second implementing a third."""
    s = r.states[i]
    k = bisect_left(r.cue_starts, s.mention.end)
    if k >= len(r.cues) or r.cues[k].start >= s.description_end:
        return False
    cue = r.cues[k]
    return cue.nested in _CHANGES and _DESCRIPTION_HEAD.fullmatch(r.text, s.mention.end, cue.start) is not None


def _after_a_named_one(prev: _State, m: Mention) -> bool:
    """A numbered document listed after a named one that a description holds goes on the list of
    that description's document: "Nghị định số 187/2025/NĐ-CP ... sửa đổi, bổ sung một số điều của
    Nghị định số 78/2025/NĐ-CP ... hướng dẫn thi hành Luật Ban hành văn bản quy phạm pháp luật và
    Nghị định số 79/2025/NĐ-CP" (259.txt): 187 amends 78 and 79; the law is what 78 guides."""
    return prev.mention.named and not m.named and prev.holder is not None and m.list_separator == "và" and \
        prev.mention.list_id is not None and prev.mention.list_id == m.list_id  # "; số 32/2019": the outer list


def _second_object_of_a_change(r: _Reading, prev: _State, m: Mention) -> bool:
    """A document of the same type as the one a change acts on, joined by "và" after that one's
    description, is changed too: "Nghị định số 187/2025/NĐ-CP ... sửa đổi, bổ sung một số điều của
    Nghị định số 78/2025/NĐ-CP ... hướng dẫn thi hành luật ban hành văn bản quy phạm pháp luật và Nghị
    định số 79/2025/NĐ-CP" (118.txt), "... sửa đổi, bổ sung một số điều của Quyết định số 118/TTg ...
    về việc hỗ trợ ... cải thiện nhà ở và Điều 3 Quyết định số 20/2000/QĐ-TTg" (353.txt). Never a
    document younger than the change ("Quyết định số 38/2010/QĐ-TTg ngày 06 tháng 5 năm 2010 ... và
    Quyết định số 53/2010/QĐ-TTg ngày 20 tháng 8 năm 2010", 345.txt: the next of an outer list)."""
    if prev.holder is None or not prev.nested_as(*_CHANGES) or m.named or prev.mention.named \
            or m.type != prev.mention.type or m.list_id is not None:
        return False
    changed_on, dated = r.mention(prev.holder).date, m.date
    if changed_on and dated and changed_on < dated:
        return False
    return _JOINED_AFTER_A_DESCRIPTION.search(r.text, prev.mention.end, m.start) is not None


#: "... và Nghị định số", "... và Điều 3 Quyết định số": the last words before the second document.
_JOINED_AFTER_A_DESCRIPTION = re.compile(r"[^;:]\s+và\s+(?:(?:Điều|khoản|điểm)\s+\S+\s+(?:của\s+)?)?\Z",
                                         re.IGNORECASE)


def _same_nesting(text: str, prev: _State, m: Mention) -> bool:
    """Whether ``m`` follows ``prev`` in a list that one nested cue governs: "về việc thực hiện Nghị
    quyết số 137/NQ-CP ... và Chương trình số 27-CTr/TU" (both), "được sửa đổi, bổ sung bởi Luật số
    59/2020/QH14, Luật số 56/2024/QH15" (each amends). A list after an active cue may go on with
    documents of its own, so only "và" joins there."""
    if prev.parent is None or prev.mention.list_id is None or prev.mention.list_id != m.list_id:
        return False
    if prev.mention.named and not m.named:
        # "hướng dẫn thi hành Luật Ban hành văn bản quy phạm pháp luật và Nghị định số 79/2025/NĐ-CP":
        # a numbered document after a named one goes on the outer list
        return False
    if prev.nested_as("amended_by", "replaced_by"):
        return m.list_separator in (",", "và")
    if prev.nested_cue is None or not _governs(text, prev.nested_cue, prev.mention.start):
        # "sửa đổi, bổ sung ... Quy định ... ban hành kèm theo Quyết định số 55/2014 ... và Quyết định
        # số 08/2023": the change reached 55/2014 through the text it carries, not as one of a list
        return False
    return m.list_separator == "và" and not prev.nested_as("promulgated_by")


#: "Thông tư liên tịch số 25/2010/TTLT-... về việc sửa đổi, bổ sung Thông tư liên tịch số 17/2006/TTLT-...
#: ngày 21/11/2006 và thay thế Thông tư liên tịch số 06/2007/TTLT-..." (135.txt): after only its date
#: and "và", a second change is the first document's, not the one just named.
_COORDINATED = re.compile(r"\s*,?\s*(?:ngày\s+[\d/.\-]+(?:\s+tháng\s+\d+\s+năm\s+\d+)?\s*)?(?:,\s*)?và\s+",
                          re.IGNORECASE)


def _hold(r: _Reading, i: int, j: int) -> None:
    """Mention ``i`` stands in the description of mention ``j``: find the cue relating them."""
    s, holder = r.states[i], r.states[j]
    m, p = s.mention, holder.mention
    s.holder = j
    cue = _nested_cue(r, i, j)
    if cue is not None:
        s.nested_cue = cue
        if holder.holder is not None and cue.nested in _CHANGES and _COORDINATED.fullmatch(r.text, p.end, cue.start):
            s.holder = holder.holder  # "... và thay thế": the holder's own subject changes this one too
        if cue.nested == "promulgated_by":
            # "Đề án “...” ban hành theo Quyết định số 131/QĐ-TTg": the decision closes the name of
            # the scheme; what follows is no longer part of its description.
            holder.description_end = m.end
            r.reach = max(r.reach, m.end - p.start)
    elif m.typed and _JOINED.search(r.text, p.end, m.start):
        # "Thực hiện Chỉ thị số 16/CT-TTg ... về xây dựng Kế hoạch ... năm 2020 và Thông tư số
        # 38/2019/TT-BTC ...": a second document joined to the first, not part of its description
        s.holder = None
        holder.description_end = m.start


def _nested_cue(r: _Reading, i: int, j: int) -> Cue | None:
    """The cue in the description of ``j`` that governs mention ``i``, if it relates the two."""
    m, p = r.mention(i), r.mention(j)
    cue = r.last_cue(p.end, m.start, skip={j, i}, nested=True)
    if cue is None or not cue.nested or not _governs(r.text, cue, m.start):
        return None
    if p.type == "Submission" and cue.nested not in _PASSIVE:
        return None  # "Tờ trình số 6482/TTr-SNV về việc sửa đổi ... Quyết định số 48/2024": proposed, not done
    if cue.nested == "promulgated_by" and not p.named:
        # "Thông tư số 139/2011 ... sửa đổi, bổ sung một số điều của Quy định ... ban hành kèm theo
        # Quyết định số 33/2003": the change is made to the text the decision carries
        return _change_to_carried_text(r, i, j, cue) or _done_under(r, i, j, cue)
    if _ANOTHER_DOCUMENT.search(r.text, p.end, cue.start):
        return None
    if cue.lead_only and not _heads_description(r, cue, i, j):
        # "Tờ trình số 423 ... về việc đề nghị HĐND ban hành Nghị quyết bãi bỏ Nghị quyết số 30":
        # the submission does not repeal; only a cue heading the description speaks for it
        return None
    return cue


def _governs(text: str, cue: Cue, start: int, nested: bool = True) -> bool:
    """Whether nothing but a few words, or the part acted on, stands between a cue and a mention.
    Inside a description, a rule cited in part ("theo quy định tại khoản 6 Điều 135 của Luật Đất
    đai") states no relation between two documents; for the document itself it is a plain mention."""
    if _SHORT_GAP.match(text, cue.end, start):
        return True
    if (cue.nested if nested else cue.relation) in _CHANGES and _CHANGED_WHERE_STATED.match(text, cue.end, start):
        return True
    return not (nested and cue.nested == "cites") and _PART_GAP.match(text, cue.end, start) is not None \
        and _PART_OF.match(text, cue.end, start) is not None


def _heads_description(r: _Reading, cue: Cue, i: int, j: int) -> bool:
    """Whether the cue, or the first of its run, or an earlier cue of the same meaning heads the
    description of ``j`` ("Nghị định số 78/2025/NĐ-CP ... quy định chi tiết một số điều và biện pháp
    để tổ chức, hướng dẫn thi hành Luật ...": guides, said twice)."""
    p = r.mention(j)
    if _DESCRIPTION_HEAD.fullmatch(r.text, p.end, _first_of_run(r, cue, i, j)):
        return True
    earlier = r.last_cue(p.end, cue.start, skip={j, i}, nested=True)
    while earlier is not None and earlier.nested == cue.nested:
        if _DESCRIPTION_HEAD.fullmatch(r.text, p.end, earlier.start):
            return True
        earlier = r.last_cue(p.end, earlier.start, skip={j, i}, nested=True)
    return False


def _first_of_run(r: _Reading, cue: Cue, i: int, j: int) -> int:
    """Where a run of cues joined by "," or "và" begins: "quy định chi tiết, hướng dẫn thi hành một
    số điều của Luật Đường bộ" heads the description with its first verb."""
    start = cue.start
    while (before := r.last_cue(r.mention(j).end, start, skip={j, i}, nested=True)) is not None \
            and _RUN_JOINT.fullmatch(r.text, before.end, start):
        start = before.start
    return start


_RUN_JOINT = re.compile(r"\s*(?:,|\bvà\b)?\s*", re.IGNORECASE)


def _change_to_carried_text(r: _Reading, i: int, j: int, carried: Cue) -> Cue | None:
    """The cue heading the description of ``j`` when it changes a text that mention ``i`` carries."""
    head = _description_head(r, i, j, carried)
    if head is None or head.nested not in _CHANGES:
        return None
    if _PLAIN_UNDER.fullmatch(r.text, carried.start, carried.end):
        return None  # "ban hành kèm theo" carries a text; a plain "theo" only follows one
    if head.nested != "amends" and _A_PART.search(r.text, head.start, carried.start):
        # "bãi bỏ một phần Quy định ... ban hành kèm theo Quyết định số 09/2022": a part of it
        return replace(head, nested="amends")
    return head


def _done_under(r: _Reading, i: int, j: int, under: Cue) -> Cue | None:
    """The cue heading the description of ``j`` when what it guides or carries out is done "theo" mention
    ``i``: "Thông tư số 98/2013/TT-BTC ... hướng dẫn việc quản lý, cấp phát ... nguồn vốn hỗ trợ ... theo
    Quyết định số 22/2013/QĐ-TTg" (140.txt) guides it, as "triển khai thực hiện ... theo các Thông tư
    số 18/2018/TT-BGDĐT" carries them out (seed 004)."""
    head = _description_head(r, i, j, under)
    if head is None or head.nested not in _DONE or not _PLAIN_UNDER.fullmatch(r.text, under.start, under.end):
        return None
    return head


def _description_head(r: _Reading, i: int, j: int, before: Cue) -> Cue | None:
    """The cue before ``before`` that heads the description of ``j`` (in which mention ``i`` stands)."""
    p = r.mention(j)
    head = r.last_cue(p.end, before.start, skip={j, i}, nested=True)
    return head if head is not None and _DESCRIPTION_HEAD.fullmatch(r.text, p.end, head.start) else None


_DONE = ("guides", "implements")
_CHANGES = ("amends", "replaces", "repeals")
_A_PART = re.compile(r"\bmột\s+(?:phần|số)\b|\b(?:khoản|điểm|điều|mục|chương)\s+\d", re.IGNORECASE)
_PASSIVE = ("amended_by", "replaced_by", "promulgated_by")


#: What may stand between a document's number and the verb heading its description: a few words,
#: or its date and issuer ("ngày 15/9/2025 của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ"), then
#: "về (việc)". An issuer never holds "về": "... của UBND thành phố về việc đề nghị ..." is no head.
_DESCRIPTION_HEAD = re.compile(
    r"\s*(?:(?:[^\s,;.()]+\s+){0,4}|,?\s*(?:ngày\s+[\d/.\-]+(?:\s+tháng\s+\d+\s+năm\s+\d+)?\s*)?"
    r"(?:(?:của|do)\s+(?:(?!(?:về|v/v|để|nhằm)\s)[^\s;:()]+\s+){1,14}?)?"
    # the other issuers of a joint document, after the one its mention took: "của Bộ Tài chính, Bộ
    # Lao động-Thương binh và Xã hội hướng dẫn ..." (362.txt), "..., Bộ trưởng Bộ Nội vụ, ..." (373.txt),
    # "của Bộ Y tế - Bộ Tài chính - Bộ Lao động - Thương binh và Xã hội về quy định chi tiết ..." (220.txt)
    r"(?:(?:,|\s-)?\s*(?:và\s+)?(?:Bộ\s+trưởng\s+)?(?:Bộ|Ban|Ủy\s+ban)(?:\s+(?!(?:về|v/v|để|nhằm)\s)[^\s,;:()]+){1,8}?\s*)*"
    r"(?:\((?:nay|trước\s+đây)\s[^()]{1,80}\)\s*)?"
    r"(?:(?:về|v/v)\s+(?:việc\s+)?)?\(?)",  # "của Bộ Nông nghiệp và PTNT (nay là Bộ Nông nghiệp và Môi trường) về"
    re.IGNORECASE)


def _act(r: _Reading) -> None:
    """What the document does to each mention: the cue governing it in its own clause."""
    for i, s in enumerate(r.states):
        if s.holder is not None:
            _act_through_holder(r, s)
            continue
        cue = _governing_cue(r, i)
        if cue is None:
            s.relation = _listed_relation(r, i) or s.relation
            continue
        s.relation = _own_relation(r, cue, i)
        if s.relation in ("promulgates", "cites") and _under(r, cue, i):
            s.relation = "implements"
        elif s.relation == "implements" and _only_followed(r, cue, i):
            s.relation = "cites"
        if s.mention.start - cue.start < 200:
            s.evidence_start = cue.start


#: A line of a list: "1. ", "a) ", "- ", "+ " (the kind of marker, then the rest of the line).
_LIST_ITEM = re.compile(r"[ \t]*(?:(?P<number>\d+(?:\.\d+)*[.)])|(?P<letter>[a-zđ]\))|(?P<dash>[-+*•]))[ \t]+",
                        re.IGNORECASE)
_ARTICLE = re.compile(r"[ \t]*Điều\s+\d+\s*[.:]", re.IGNORECASE)
#: "Các Quyết định sau đây hết hiệu lực ...": the listed documents are the subject.
_LISTED_SUBJECT = re.compile(r"(?:\s*(?:\d+(?:\.\d+)*[.)]|[a-zđ]\)|[-+*•]))?\s*(?:các|những)\s+[^:;]*?"
                             r"\bsau(?:\s+đây)?\s+$", re.IGNORECASE)
_ACTS_ON_LISTED = ("repeals", "replaces", "amends")
_LINES_BACK = 200
_RUN_ON_LINES = 6
_ITEM_HEAD_REACH = 400  # characters from its line's start within which a document may head a list item


def _listed_relation(r: _Reading, i: int) -> str | None:
    """A document heading an item of a list that the document repeals, replaces or amends: "Điều 1.
    Bãi bỏ toàn bộ một số văn bản ...\n1. Quyết định số 104/2000/QĐ-TTg ...", "Các Quyết định sau đây
    hết hiệu lực kể từ ngày Quyết định này có hiệu lực thi hành:\na) Quyết định số 43/2022/QĐ-UBND"."""
    text, m = r.text, r.mention(i)
    line_start = text.rfind("\n", max(0, m.start - _ITEM_HEAD_REACH), m.start)
    if line_start < 0 and m.start > _ITEM_HEAD_REACH:
        return None  # a mention this far into its line heads no item (and a megabyte-long line stays linear)
    item_start = line_start + 1
    item = _LIST_ITEM.match(text, item_start)
    words_start = item.end() if item else item_start  # "Quyết định này ... và thay thế:\nĐiều 14, 18 Quyết định số"
    clause_start = r.clauses.clause_start(m.start)
    intro = None
    if clause_start <= words_start:  # the first words of a list item
        intro = _list_intro(text, item_start, item.lastgroup or "" if item else "")
    if intro is None and (intro := _semicolon_list_intro(r, m.start)) is not None:
        item_words = text[clause_start : m.start]
        words_start = clause_start + len(item_words) - len(item_words.lstrip(" \n;"))  # the item's own words
    if intro is None:
        return None
    lo = intro[0]
    if intro not in r.intro_cues:
        r.intro_cues[intro] = find_cues(text, [intro])
    for cue in reversed(r.intro_cues[intro]):
        if cue.relation not in _ACTS_ON_LISTED:
            continue
        if r.speaks_for_document(cue, lo) or _LISTED_SUBJECT.fullmatch(text, lo, cue.start):
            if _PART_OF.match(text, words_start, m.start) and cue.relation != "amends":
                return "amends"  # "Điều 14, 18 Quyết định số 15/2022/QĐ-UBND": a part of it
            return cue.relation
        return None
    return None


def _semicolon_list_intro(r: _Reading, at: int) -> tuple[int, int] | None:
    """The line ending with ":" that a run of items separated by ";" follows, each naming a document
    ("... và thay thế:\nĐiều 14, 18 Quyết định số 15/2022/QĐ-UBND ...; Điều 3\nQuyết định số
    07/2022/QĐ- UBND ...; Điều 8, 11 ... Quyết định số 33/2021/QĐ-UBND ...", 111.txt)."""
    text = r.text
    colon = text.rfind(":", max(0, at - _SEMICOLON_LIST_REACH), at)
    if colon < 0 or text.find(":", colon + 1, at) >= 0 or ";" not in text[colon:at]:
        return None
    if r.clauses.sentence_ends_between(colon, at):
        return None  # a sentence ended since: the list is over
    start = text.rfind("\n", 0, colon) + 1
    return start, colon + 1


_SEMICOLON_LIST_REACH = 1500


def _list_intro(text: str, item_start: int, kind: str) -> tuple[int, int] | None:
    """The line that introduces the list an item belongs to: the nearest line before it that is
    no item of the same kind nor the rest of one (an item runs on over lines), when it ends with ":"
    or heads an article ("Điều 1. Bãi bỏ ...")."""
    end = item_start - 1
    run_on = 0  # lines seen since the last item: the rest of the item above them
    for _ in range(_LINES_BACK):
        if end <= 0:
            return None
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        end = start - 1
        if not line.strip():
            continue
        item = _LIST_ITEM.match(line)
        if kind and item is not None and item.lastgroup == kind:
            run_on = 0
            continue
        if run_on == 0 and (line.rstrip().endswith(":") or _ARTICLE.match(line)):
            return start, start + len(line)
        run_on += 1
        if run_on > _RUN_ON_LINES:
            return None
    return None


def _act_through_holder(r: _Reading, s: _State) -> None:
    """A document named inside another's description is only mentioned, except the decision that
    promulgates a scheme the document acts on ("thực hiện Đề án ... theo Quyết định số 131") and the
    documents that amended the one it is based on ("Căn cứ Luật số 64 được sửa đổi, bổ sung bởi
    Luật số 87": based on both). A decision approving a plan under another ("Phê duyệt Kế hoạch ...
    theo Quyết định số 131") acts on that other: the plan is what it promulgates."""
    if s.holder is None or not s.nested_as("promulgated_by", "amended_by"):
        return
    target = _passive_target(r.states, s)
    if target is None:
        return
    holder = r.states[target]
    s.relation, s.evidence_start = holder.relation, holder.evidence_start
    if s.nested_as("promulgated_by") and s.relation == "promulgates":
        s.relation = "implements"


def _passive_target(states: list[_State], s: _State) -> int | None:
    """What a passive cue ("được sửa đổi, bổ sung bởi Nghị định số 187") speaks of: the holder, except
    that only a law amends a law ("Nghị định số 78 ... hướng dẫn thi hành Luật Ban hành văn bản ...
    được sửa đổi, bổ sung bởi Nghị định số 187": 187 amends 78, whose description names the law). With
    no such document around, none: "Pháp lệnh số 26/2005/PL-UBTVQH11 được sửa đổi, bổ sung một số điều
    theo Pháp lệnh số 04/2012/PL-UBTVQH13 và Nghị định số 31/2013/NĐ-CP" (371.txt) amends nothing by a decree."""
    assert s.holder is not None
    holder = states[s.holder]
    law_by_no_law = of_the_legislature(holder.mention) and not of_the_legislature(s.mention)
    party_by_state = _of_the_party(holder.mention) and not _of_the_party(s.mention)
    if law_by_no_law or party_by_state:
        return holder.holder
    return s.holder


def _of_the_party(m: Mention) -> bool:
    """A Party document ("57-NQ/TW"): no decree or government resolution amends one ("Nghị quyết số
    03/NQ-CP ... thực hiện Nghị quyết số 57-NQ/TW ... được sửa đổi, bổ sung cập nhật một số điều tại
    Nghị quyết số 71/NQ-CP", 105.txt: 71/NQ-CP amends 03/NQ-CP)."""
    return bool(m.identifier and PARTY_NUMBER.fullmatch(m.identifier))


def _governing_cue(r: _Reading, i: int) -> Cue | None:
    """The nearest cue before mention ``i`` in its clause, when it speaks for the document. A cue that
    describes work to be done ("tham mưu sửa đổi Quyết định số ...", "Triển khai thực hiện khi có
    Thông tư mới thay thế Thông tư số 92/2009/TT-BTC") governs the reference all the same: the
    document only mentions it. Only a basis heading the clause reaches past such a cue, which then
    names the document ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật ... số 87/2025/QH15")."""
    m = r.mention(i)
    start = r.clauses.clause_start(m.start)
    cue = r.last_cue(start, m.start, skip={i}, nested=False)
    while cue is not None and not _governs(r.text, cue, _list_head(r, i, cue.end), nested=False):
        # a cue further off governs only what it reaches (a list it heads, what is done "theo" it);
        # otherwise it describes something else and one before it may govern the document
        if (r.speaks_for_document(cue, start) and _reaches_a_document(r, cue, i)) or \
                (_reviews_execution(r.text, cue) and _reaches_past_its_object(r, cue, i)):
            return cue
        cue = r.last_cue(start, cue.start, skip={i}, nested=False)
    if cue is None or r.speaks_for_document(cue, start) or _reviews_execution(r.text, cue):
        return cue
    while (cue := r.last_cue(start, cue.start, skip={i}, nested=False)) is not None:
        if cue.relation == "basedOn":
            return cue
    return None


def _reaches_a_document(r: _Reading, cue: Cue, i: int) -> bool:
    """Whether a cue far before mention ``i`` acts on it: through a document it names by its type
    ("Triển khai thực hiện Chiến lược ... theo Quyết định số 2239/QĐ-TTg", seed 001), through what it
    does "theo" the document ("triển khai thực hiện hiệu quả các quy định về kiểm định ... theo các
    Thông tư số 18/2018/TT-BGDĐT", seed 004), or as the head of a list (its first member right after
    it, or one announced by a colon: "triển khai có hiệu quả các quy định ..., nhất là: Luật ...,
    Kế hoạch số 321-KH/TU", 049.txt). A cue with another object only shares the clause ("trách
    nhiệm thực hiện đối với nhà chung cư ... trước khi Luật ... số 27/2001/QH10 có hiệu lực",
    085.txt; "Căn cứ dự toán do Công an tỉnh lập, thực hiện ... tại Quyết định số 2566/QĐ-UBND", 131.txt).
    A cue that speaks only for the document reaches its whole list."""
    return cue.lead_only or _reaches_past_its_object(r, cue, i)


def _reaches_past_its_object(r: _Reading, cue: Cue, i: int) -> bool:
    """The reach of a cue far before mention ``i`` by what it is followed with (_reaches_a_document);
    also what a review of execution reaches ("Qua Sơ kết đánh giá kết quả thực hiện thí điểm Phương
    thức chi trả ..., ngày 16/8/2018 Bộ ... đã có Công văn số 3395/LĐTBXH-KHTC": not that letter's)."""
    if _names_a_document(r.text, cue.end):
        return True
    head_of_i = bisect_left(r.mention_starts, _list_head(r, i, cue.end))
    if _plain_theo_before(r, cue, head_of_i) and not _A_PROVISION_BEFORE.search(
            r.text, max(cue.end, r.mention(head_of_i).start - 40), r.mention(head_of_i).start):
        # what is done "theo" a document acts on it, what is done under one of its provisions
        # follows a rule ("thực hiện công tác kiểm soát TTHC ... theo Chương\nIII Nghị định số 45/2020/NĐ-CP", 233.txt)
        return True
    first = bisect_left(r.mention_starts, cue.end)
    if first > i:
        return False
    head = _list_head(r, first, cue.end)
    return _governs(r.text, cue, head, nested=False) or _ANNOUNCED_LIST.fullmatch(r.text, cue.end, head) is not None


def _names_a_document(text: str, at: int) -> bool:
    """A document named by its type word, which a name's capital letter tells from a common noun
    ("thực hiện Đề án ...", not "thực hiện báo cáo công tác", "kết quả thực hiện các dự án")."""
    m = _object_document().match(text, at)
    return m is not None and _LEADING_CAC.sub("", m.group(0))[:1].isupper()


_LEADING_CAC = re.compile(r"\A\s*(?:các\s+)?", re.IGNORECASE)


#: A provision named right before a document: "theo Chương III Nghị định ...", "theo Điều 5 của ...".
_A_PROVISION_BEFORE = re.compile(
    r"\btheo\s+(?:(?:Điều|Chương|Mục|khoản|điểm|Phụ\s+lục)\s+[\dIVXLCa-zđ]+[\s,]*)+(?:của\s+)?\Z", re.IGNORECASE)


#: The words between a cue and a list it announces: "các quy định ..., nhất là:", "Căn cứ các Nghị
#: định của\nChính phủ: số 78/2025/NĐ-CP ..." (110.txt), a bullet after the colon (no sentence ends before it).
_ANNOUNCED_LIST = re.compile(r"[^;.:]*:\s*(?:[-+*•]\s*)?(?:số\s*)?", re.IGNORECASE)


def _list_head(r: _Reading, i: int, after: int) -> int:
    """Where the list of mention ``i`` begins after ``after``: a cue governs a list by its first
    member ("thay thế Thông tư số 92/2009/TT-BTC ... và Thông tư số 85/2020/TT-BTC")."""
    m = r.mention(i)
    if m.list_id is None:
        return m.start
    k = i
    while k > 0 and r.mention(k - 1).list_id == m.list_id and r.mention(k - 1).start >= after:
        k -= 1
    return r.mention(k).start


def _under(r: _Reading, cue: Cue, i: int) -> bool:
    """"Phê duyệt Kế hoạch ... theo Quyết định số 131/QĐ-TTg", "ban hành Kế hoạch ... theo Quyết định
    số ...": the document approves or issues a plan under the reference, so it acts on it."""
    if cue.nested != "promulgates" or not _object_document().match(r.text, cue.end):
        return False  # "Đề án ... ban hành theo Quyết định số 5289": issued under it, by no act of this one
    return _plain_theo_before(r, cue, i)


def _plain_theo_before(r: _Reading, cue: Cue, i: int) -> bool:
    """Whether a plain "theo" stands right before mention ``i``, after ``cue`` ("ban hành kèm theo"
    names the decision that carries a text, and is no plain "theo")."""
    m = r.mention(i)
    under = r.last_cue(cue.end, m.start, skip={i}, nested=True)
    return under is not None and under.nested == "promulgated_by" and \
        _PLAIN_UNDER.fullmatch(r.text, under.start, under.end) is not None and \
        _SHORT_GAP.match(r.text, under.end, m.start) is not None


def _only_followed(r: _Reading, cue: Cue, i: int) -> bool:
    """"kinh phí thực hiện bảo đảm đúng theo Luật Ngân sách nhà nước": what is done follows the rules
    of a law; it acts on it only where the thing done is a document named before "theo" ("Triển khai
    thực hiện Chiến lược ... theo Quyết định số 2239/QĐ-TTg"). What is done "theo" a plan or a
    circular ("Thực hiện đúng lộ trình ... theo Kế hoạch số 4808/KH-UBND") acts on it (seeds 001, 004)."""
    return of_the_legislature(r.mention(i)) and not _object_document().match(r.text, cue.end) and \
        _plain_theo_before(r, cue, i)


_PLAIN_UNDER = re.compile(r"theo", re.IGNORECASE)


@cache
def _object_document() -> re.Pattern[str]:
    """A document named as the object of a verb: "Phê duyệt Kế hoạch ...", "ban hành Đề án ..."."""
    return re.compile(rf"\s*(?:các\s+)?(?:{doc_types().words_pattern})(?![^\W\d_])", re.IGNORECASE)


def _reviews_execution(text: str, cue: Cue) -> bool:
    """"tổ chức sơ kết việc thực hiện Chỉ thị ...": a task, on a directive acted on."""
    return cue.relation == "reviews" and re.search(r"thực\s+hiện|thi\s+hành", text[cue.start : cue.end]) is not None


def _own_relation(r: _Reading, cue: Cue, i: int) -> str:
    if not r.speaks_for_document(cue, r.clauses.clause_start(r.mention(i).start)):
        return "implements"  # _reviews_execution
    relation = cue.relation
    # "Bãi bỏ khoản 2 Điều 1 Nghị quyết số ...": a part, not the whole (judged on the first document
    # after the cue, which the others of its list follow)
    if relation in ("replaces", "repeals"):
        first = r.mention(bisect_left(r.mention_starts, cue.end)).start
        if _PART_OF.match(r.text, cue.end, first):
            return "amends"
    return relation


def _expire(r: _Reading) -> None:
    """"Quyết định số 11/2022/QĐ-UBND ... hết hiệu lực kể từ ngày Quyết định này có hiệu lực": the
    cue follows the reference; said of a document only mentioned so far, it repeals it."""
    for s in r.states:
        if s.relation == "cites" and s.holder is None and \
                _EXPIRES.search(r.text, s.mention.end, s.description_end):
            s.relation = "repeals"


def _fixed_relations(mentions: list[Mention]) -> dict[int, str]:
    """Documents the catalogue names with a fixed relation (a curriculum is cited, not implemented)."""
    from kg.extract.cite import _NAMED_FROM_CATALOG

    out: dict[int, str] = {}
    for i, m in enumerate(mentions):
        if m.named and m.title:
            for named in _NAMED_FROM_CATALOG:
                if named.relation and named.pattern.fullmatch(m.title):
                    out[i] = named.relation
    return out


_LEADING_JOINERS = re.compile(r"(?:[,:;]|và\b|\s)+")
#: ", số 19/2018/TT-BGDĐT": "số" opens the next one.
_TRAILING_JOINERS = re.compile(r"(?:[,:;]|\bvà|\bsố|\s)+$")


def _description(text: str, m: Mention, end: int) -> str | None:
    raw = squash(text[m.end : end])
    lead = _LEADING_JOINERS.match(raw)
    raw = (raw[lead.end() :] if lead else raw).split(";")[0]
    if PASSIVE_GOES_ON.match(" " + raw):
        return None  # "...; được sửa đổi, bổ sung bởi ...": what befell it, not its title
    raw = _without_trailing_joiners(raw)
    if not raw:
        return None
    return raw[:300]


def _without_trailing_joiners(s: str) -> str:
    """``s`` without the marks and joining words it ends with. They are looked for in its last 40
    characters (the engine tries every position of what it is given), and in all of it only when
    those are joiners to their start: a match there reaches the end, so it holds them all."""
    tail = max(0, len(s) - 40)
    m = _TRAILING_JOINERS.search(s, tail)
    if m is not None and tail > 0 and m.start() <= tail + 1:  # + 1: the tail may begin inside "và"
        m = _TRAILING_JOINERS.search(s)
    return s[: m.start()] if m else s


def _mostly_upper(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.6 * len(letters)


_LEGISLATORS = ("Quốc hội", "Ủy ban Thường vụ Quốc hội")


_GOVERNMENT = ("Chính phủ", "Thủ tướng Chính phủ")


def _printed_or_coded_issuer(full: list[Mention], coded: Agency | None) -> Agency | None:
    """The issuer the mentions print, or the symbol's code names. A ministry printed for a decree or
    a decision of the Government ("NĐ-CP", "QĐ-TTg") is a slip or the next cell of a table: "Điều 21
    Nghị định số 131/2025/NĐ-CP ngày 12/6/2025 của Bộ Nông nghiệp và Môi trường" (094.txt; "của Chính
    phủ" at its other mention). Other codes yield to the text, which knows a body's later name and
    the department a code stands for ("Tờ trình số 4965/LĐTBXH-KH" of the Sở, 134.txt)."""
    printed = [m.issuer for m in full if m.issuer is not None]
    if coded is not None and coded.name in _GOVERNMENT and any(p.name.startswith("Bộ ") for p in printed):
        return coded
    return printed[0] if printed else coded


def _reference_issuer(full: list[Mention], typed: Mention, ctx: Context, own_code: str | None) -> Agency | None:
    """The issuer a reference's mentions print, or its symbol's code stands for; the issuing
    document's own body for a code no table knows that is the document's own ("Quyết định số
    1535/QĐ-TTPVHCC" in a decision 1594/QĐ-TTPVHCC of the Trung tâm Phục vụ hành chính công, 236.txt)."""
    first = full[0]
    issuer = _printed_or_coded_issuer(full, issuer_from_symbol(first, ctx))
    joint = joint_issuer(first.symbol, ctx)
    if joint is not None and (issuer is None or issuer in joint.members):
        return joint  # the mention printed (or the symbol's first code named) only the lead body
    if (of_the_legislature(typed) or of_the_legislature(first)) and (issuer is None or issuer.name not in _LEGISLATORS):
        # laws are passed by the National Assembly, ordinances by its Standing Committee; a body
        # printed after a law is not its issuer ("Luật Dự trữ quốc gia\nBộ Nông nghiệp và Môi
        # trường": the next cell of a table, 273.txt)
        by_committee = (first.title or "").startswith(doc_types().standing_committee)
        return Agency(_LEGISLATORS[1] if by_committee else _LEGISLATORS[0], "central", None, "state")
    if issuer is None and (entry := catalog_entry(first.identifier)) is not None:
        # "Chỉ thị số 05-CT/TW": the symbol does not say which central Party body; the catalogue does
        return Agency(entry.issuer, "central", None, "party" if "/TW" in entry.identifier else "state")
    if issuer is None and own_code is not None and issuer_code(first.symbol) == own_code:
        return ctx.issuer
    return issuer


def _references(norm: NormalizedText, states: list[_State], g: Groups, ctx: Context,
                own_code: str | None) -> tuple[Reference, ...]:
    text = norm.text
    mentions = [s.mention for s in states]
    order, groups = g.order, g.members
    refs: list[Reference] = []
    for key in order:
        idx = groups[key]
        full = [mentions[i] for i in idx if not mentions[i].short and not mentions[i].named] or \
               [mentions[i] for i in idx if not mentions[i].short]
        first = full[0]
        typed = next((m for m in full if m.typed), first)
        relation = _reference_relation([states[i].relation for i in idx])
        # a law numbered in one place may be dated only where it is named ("Luật Đường sắt số
        # 95/2025/QH15" in the preamble, "Luật Đường sắt ngày 27/6/2025" in an article, 111.txt)
        date = next((m.date for m in full if m.date), None) or \
            max((mentions[i].date or "" for i in idx if not mentions[i].short), key=len) or None
        issuer = _reference_issuer(full, typed, ctx, own_code)
        title = None
        if first.named:  # the title as printed in running text rather than in capitals
            titles = [m.title for m in full if m.title]
            title = next((t for t in titles if not t.isupper() and not _mostly_upper(t)), titles[0] if titles else None)
        if title is None:
            for i in idx:
                m = mentions[i]
                if not m.short and not m.named:
                    title = m.title or _description(text, m, states[i].description_end)
                    if title:
                        break
        evidence = tuple(norm.span(states[i].evidence_start, mentions[i].end) for i in idx)
        aliases: tuple[str, ...] = ()
        if first.named and first.title:
            alias = catalog_alias(first.title)
            aliases = (alias,) if alias else ()
        refs.append(Reference(first.identifier, typed.type, first.number, first.symbol if first.identifier else None,
                              date, title, issuer, relation, evidence, aliases,
                              tuple(states[i].relation for i in idx)))
    return tuple(refs)


def _reference_relation(relations: list[str]) -> str:
    """The strongest relation of a reference's mentions; but a document it repeals or replaces is
    not one it implements ("thực hiện theo Nghị định số 58/2019" before "Nghị định số 58/2019 ... hết
    hiệu lực thi hành kể từ ngày Nghị định này có hiệu lực": the transition rule, not the act)."""
    ended = [r for r in relations if r in ("repeals", "replaces")]
    if ended:
        return ended[0]
    relation = "cites"
    for r in relations:
        relation = stronger(relation, r)
    return relation


#: "Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật số 87/2025/QH15":
#: a numbered law whose name says which laws it amends (230.txt).
_AMENDING_NAME = re.compile(r"(?:Luật|Bộ\s+luật)\s+sửa\s+đổi,?\s+bổ\s+sung\s+(?:một\s+số\s+điều\s+(?:của|tại)\s+)?"
                            r"(?:các\s+)?(?P<laws>(?:Luật|Bộ\s+luật)\s.+)", re.IGNORECASE)
_NEXT_LAW = re.compile(r"\s*(?:,|\bvà\b)\s*(?=(?:Luật|Bộ\s+luật)\s)")


def _amended_by_name(m: Mention, g: Groups) -> list[str]:
    """The numbered laws of the document that ``m``'s name says it amends."""
    named = _AMENDING_NAME.fullmatch(m.title or "") if m.identifier and m.type == "Law" else None
    if named is None:
        return []
    found = (g.law_named(law) for law in _NEXT_LAW.split(named.group("laws")))
    return [identifier for identifier in found if identifier]


def _younger(target: str | None, target_date: str | None, source: str | None, source_date: str | None) -> bool:
    """Whether the target is known to be younger than the source: by the years in their numbers, or
    the dates printed with them when a number has none (a date misprinted beside a number, "số
    33/2003/QĐ-BQP ngày 07/4/2023", 103.txt, yields to the number)."""
    def when(identifier: str | None, date: str | None) -> str | None:
        return year_of_number(identifier) or date

    t, s = when(target, target_date), when(source, source_date)
    if t is None or s is None:
        return False
    n = min(len(t), len(s))
    return t[:n] > s[:n]


def _relations(norm: NormalizedText, states: list[_State], g: Groups, own_identifier: str | None,
               stated: list[tuple[int, str, int]]) -> tuple[Relation, ...]:
    mentions = [s.mention for s in states]
    out: dict[tuple[str, str, str | None, str | None], list[Span]] = {}
    index = {id(m): i for i, m in enumerate(mentions)}

    def name(m: Mention) -> tuple[str | None, str | None]:
        if m.identifier:
            return m.identifier, None
        # a named document: the number it is cited by elsewhere, or the catalogue's
        resolved = g.identifier_of.get(g.key_of.get(index[id(m)], ""))
        return resolved or (catalog_alias(m.title) if m.title else None), m.title

    def add(src: Mention, relation: str, dst: Mention, span: Span) -> None:
        s_id, s_title = name(src)
        d_id, d_title = name(dst)
        if _younger(d_id, dst.date if dst.identifier else None, s_id, src.date):
            # no document acts on one younger than itself: a law named by its title is then another
            # law of that name ("Nghị định số 163/2016/NĐ-CP ... quy định chi tiết thi hành một số
            # điều của Luật Ngân sách nhà nước" in a text that numbers the law of 2025, 264.txt)
            if dst.identifier:
                return
            d_id = None
        source = s_id or s_title
        if source is None or (d_id is None and d_title is None) or source in (d_id, d_title):
            return
        if own_identifier and (s_id == own_identifier or d_id == own_identifier):
            return
        out.setdefault((source, relation, d_id, d_title), []).append(span)

    for m, s in zip(mentions, states, strict=True):
        j, cue = s.parent, s.nested_cue
        if j is None or cue is None:
            continue
        p = mentions[j]
        if cue.nested.endswith("_by"):  # passive: "được sửa đổi, bổ sung bởi", "ban hành theo"
            at = _passive_target(states, s)
            if at is None:
                continue
            target = mentions[at]
            add(m, _ACTIVE[cue.nested], target, norm.span(target.start, m.end))
            continue
        span = norm.span(p.start, m.end)
        add(p, cue.nested, m, span)
        # "Chương trình ... số 51-CTr/TU ..., Kế hoạch số 5447/KH-UBND ..., Kế hoạch số 697/KH-SGDĐT
        # ... về thực hiện Nghị quyết số 29-NQ/TW": the trailing clause belongs to the whole list.
        k = j
        while k > 0 and mentions[k].list_separator == "," and mentions[k - 1].list_id == p.list_id \
                and p.list_id is not None and states[k - 1].description_end <= mentions[k].start:
            k -= 1
            add(mentions[k], cue.nested, m, norm.span(mentions[k].start, m.end))  # the quote names both
    for a, relation, b in stated:  # what the layout of a consolidated text states
        first, last = sorted((mentions[a], mentions[b]), key=lambda x: x.start)
        add(mentions[a], relation, mentions[b], norm.span(first.start, last.end))
    for m in mentions:
        amending = m.identifier
        for amended in _amended_by_name(m, g) if amending else ():
            if amending and amended not in (amending, own_identifier):
                out.setdefault((amending, "amends", amended, None), []).append(norm.span(m.start, m.end))
    return tuple(Relation(src, rel, dst_id, dst_title, tuple(spans))
                 for (src, rel, dst_id, dst_title), spans in out.items())
