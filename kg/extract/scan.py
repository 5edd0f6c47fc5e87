"""Finding a case-insensitive pattern that begins with known words, fast.

The regular expression engine tries a case-insensitive pattern at every position of the text
(about 200 MB/s here, 0.05 s a pattern over the 9 MB corpus); ``str.find`` of a lowercase word
in the lowered text runs at memory speed. A pattern whose every match begins with one of a few
words is tried only where one of them stands, with exactly the matches of ``finditer``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

#: Letters that re.IGNORECASE matches to another letter although str.lower() does not map them
#: to it (dotless i to "i", long s to "s", ...): a text holding one is scanned by the engine.
_ENGINE_ONLY_FOLDS = "\u0131\u017f\u1e9b\u0345\u1fbe\u00b5"
_ENGINE_ONLY_FOLD = re.compile(f"[{_ENGINE_ONLY_FOLDS}]")


@dataclass(frozen=True, slots=True)
class LowerText:
    """A text and its lowercase form, when the two align character for character."""

    text: str
    lower: str | None  # None: lowering changed lengths or an engine-only fold is present

    @classmethod
    def of(cls, text: str) -> LowerText:
        """The stages of one document share it: the last few are kept."""
        return _lowered(text)

    @classmethod
    def of_short(cls, text: str) -> LowerText:
        """A short stretch looked at once: not kept (it would push the document out)."""
        return cls(text, _aligned_lower(text))


@lru_cache(maxsize=4)
def _lowered(text: str) -> LowerText:
    return LowerText(text, _aligned_lower(text))


def _aligned_lower(text: str) -> str | None:
    """``text`` lowered, when each of its characters lowers to one that the engine folds it to."""
    lower = text.lower()
    return lower if len(lower) == len(text) and not _has_engine_only_fold(text) else None


def _has_engine_only_fold(text: str) -> bool:
    # a short string is searched by one pattern, a long one by str.find (each faster there, measured)
    if len(text) < 1000:
        return _ENGINE_ONLY_FOLD.search(text) is not None
    return any(c in text for c in _ENGINE_ONLY_FOLDS)


@dataclass(frozen=True, slots=True)
class WordScan:
    """``pattern`` and the lowercase strings one of which begins each of its matches (``leads``;
    none: the engine scans)."""

    pattern: re.Pattern[str]
    leads: tuple[str, ...]
    plain: re.Pattern[str] | None = None  # the pattern for the lowered text (see ``folded``)
    finder: re.Pattern[str] | None = None  # finds where the leads start, when they are many

    @classmethod
    def of(cls, pattern: re.Pattern[str]) -> WordScan:
        leads = lead_words(pattern)
        return cls(pattern, leads, folded(pattern), _lead_finder(leads) if len(leads) >= _MANY_LEADS else None)

    def spans(self, doc: LowerText, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
        """The same matches as ``finditer``, made on the lowered text when that is faster: for
        their offsets and group names, not their text."""
        if self.plain is None or doc.lower is None:
            return self.finditer(doc, start, end)
        return self._tried_at_leads(self.plain, doc.lower, doc.lower, start, end)

    def finditer(self, doc: LowerText, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
        """The matches of ``self.pattern.finditer(doc.text, start, end)``, in order."""
        if doc.lower is None:
            return self.pattern.finditer(doc.text, start, len(doc.text) if end is None else end)
        return self._tried_at_leads(self.pattern, doc.text, doc.lower, start, end)

    def _tried_at_leads(self, pattern: re.Pattern[str], subject: str, lower: str, start: int,
                        end: int | None) -> Iterator[re.Match[str]]:
        end = len(subject) if end is None else end
        if not self.leads:
            yield from pattern.finditer(subject, start, end)
            return
        resume = start
        for pos in self._lead_positions(lower, start, end):
            if pos < resume:
                continue  # inside the previous match, as finditer would skip it
            m = pattern.match(subject, pos, end)
            if m is not None:
                resume = m.end()
                yield m

    def _lead_positions(self, lower: str, start: int, end: int) -> list[int]:
        if self.finder is not None:
            return [m.start() for m in self.finder.finditer(lower, start, end)]
        if start == 0 and end == len(lower):
            return _whole_text_leads(self.leads, lower)
        return _found_leads(self.leads, lower, start, end)


@lru_cache(maxsize=16)
def _whole_text_leads(leads: tuple[str, ...], lower: str) -> list[int]:
    """Kept: several scans of one document look for the same words ("có" for three of them)."""
    return _found_leads(leads, lower, 0, len(lower))


def _found_leads(leads: tuple[str, ...], lower: str, start: int, end: int) -> list[int]:
    found: list[int] = []
    for word in leads:
        at = lower.find(word, start, end)
        while at >= 0:
            found.append(at)
            at = lower.find(word, at + 1, end)
    return found if len(leads) == 1 else sorted(set(found))


#: How many characters of a match's beginning the scan looks for: enough to make hits rare.
_LEAD_LENGTH = 4
#: From this many leads on, one pass of the engine over a stretch finds where they start faster than
#: a str.find of each (the relation cues' 32, in thousands of short stretches: twice as fast, measured);
#: for a few leads over a whole text str.find is faster.
_MANY_LEADS = 8


def _lead_finder(leads: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern matching the first character of each place a lead starts, the rest of the lead
    looked ahead at: every such place is found, overlapping ones too, in order."""
    rests: dict[str, set[str]] = {}
    for lead in leads:
        rests.setdefault(lead[0], set()).add(lead[1:])
    return re.compile("|".join(re.escape(first) + ("" if "" in after else
                                                   "(?=" + "|".join(map(re.escape, sorted(after))) + ")")
                               for first, after in rests.items()))


def lead_words(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """Lowercase strings one of which begins every match of ``pattern``, read off its parse tree;
    () when the pattern may begin with a class of characters ("[^\\s]", "\\d"), which leaves the
    scan to the engine."""
    tree = _parse_tree(pattern)
    if tree is None:
        return ()
    found = _prefixes(tree, _LEAD_LENGTH)
    return () if "" in found else tuple(sorted(found))


def _parse_tree(pattern: re.Pattern[str]) -> list | None:  # type: ignore[type-arg]
    """The pattern as the standard library's own parser reads it (re._parser, 3.11 and newer)."""
    try:
        from re import _parser  # type: ignore[attr-defined]

        return list(_parser.parse(pattern.pattern, pattern.flags).data)
    except (ImportError, AttributeError, re.error):
        return None


def _prefixes(items: list, k: int) -> set[str]:  # type: ignore[type-arg]
    """Every string of at most ``k`` characters that a match of ``items`` may begin with ("" when
    the beginning is not a known string)."""
    if k == 0 or not items:
        return {""}
    op, av = items[0]
    rest = items[1:]
    name = str(op)
    if name == "LITERAL" and len(chr(av).lower()) == 1:
        return {chr(av).lower() + tail for tail in _prefixes(rest, k - 1)}
    if name in ("ASSERT", "ASSERT_NOT", "AT"):
        return _prefixes(rest, k)  # takes no characters
    if name == "SUBPATTERN":
        return _prefixes(list(av[-1]) + rest, k)
    if name == "BRANCH":
        return set().union(*(_prefixes(list(alt) + rest, k) for alt in av[1]))
    if name == "IN" and all(str(o) == "LITERAL" and len(chr(c).lower()) == 1 for o, c in av):
        return {chr(c).lower() for _, c in av}  # "[“\"]": one of a few characters
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, _high, item = av
        own = _prefixes(list(item), k)  # what follows a repeated item is not followed up
        return own if low >= 1 else own | _prefixes(rest, k)
    return {""}


@dataclass(frozen=True, slots=True)
class PatternsAt:
    """Patterns tried in turn at one position (the agency tables): only those whose first words
    stand there are tried, in their order. Measured on the corpus: 8 in 10 tries are skipped."""

    patterns: tuple[re.Pattern[str], ...]
    leads: tuple[tuple[str, ...], ...]  # per pattern; () = try it everywhere
    by_first: dict[str, tuple[int, ...]]  # first lowercase character -> the patterns it may begin

    @classmethod
    def of(cls, patterns: list[re.Pattern[str]]) -> PatternsAt:
        leads = tuple(lead_words(p) for p in patterns)
        firsts = {lead[0] for row in leads for lead in row}
        by_first = {ch: tuple(i for i, row in enumerate(leads) if not row or any(w[0] == ch for w in row))
                    for ch in firsts}
        by_first[""] = tuple(i for i, row in enumerate(leads) if not row)
        return cls(tuple(patterns), leads, by_first)

    def at(self, text: str, pos: int) -> list[int]:
        """The indexes of the patterns that may match at ``pos``, in order."""
        lower = _aligned_lower(text[pos : pos + _LEAD_LENGTH])
        if lower is None:
            return list(range(len(self.patterns)))
        found = self.by_first.get(lower[:1], self.by_first[""])
        return [i for i in found if not self.leads[i] or lower.startswith(self.leads[i])]


@dataclass(frozen=True, slots=True)
class Folded:
    """A case-insensitive pattern asked only whether it occurs in short strings."""

    pattern: re.Pattern[str]
    plain: re.Pattern[str] | None

    @classmethod
    def of(cls, pattern: re.Pattern[str]) -> Folded:
        return cls(pattern, folded(pattern))

    def occurs_in(self, s: str) -> bool:
        lower = _aligned_lower(s) if self.plain is not None else None
        if self.plain is not None and lower is not None:
            return self.plain.search(lower) is not None
        return self.pattern.search(s) is not None


def folded(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """``pattern`` (case-insensitive) as a case-sensitive pattern that finds the same stretches in
    the lowered text, two to three times faster: when every letter it names is lowercase and no part
    of it is case-sensitive on its own. None otherwise."""
    if not pattern.flags & re.IGNORECASE:
        return None
    tree = _parse_tree(pattern)
    if tree is None or not _lowercase_only(tree):
        return None
    plain = re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)
    return None if plain.flags & re.IGNORECASE else plain


def _lowercase_only(items: list) -> bool:  # type: ignore[type-arg]
    return all(_lowercase_item(str(op), av) for op, av in items)


def _is_lower(c: str) -> bool:
    return c.lower() == c and len(c.upper()) == 1 and c not in _ENGINE_ONLY_FOLDS


def _lowercase_item(name: str, av) -> bool:  # type: ignore[no-untyped-def]
    if name in ("LITERAL", "NOT_LITERAL"):
        return _is_lower(chr(av))
    if name == "IN":
        return all(_lowercase_item(str(op), a) for op, a in av)
    if name == "RANGE":
        return all(_is_lower(chr(c)) for c in range(av[0], av[1] + 1))
    if name in ("NEGATE", "CATEGORY", "AT", "ANY"):
        return True
    if name == "SUBPATTERN":
        _group, add, remove, sub = av
        return not (add | remove) & re.IGNORECASE and _lowercase_only(list(sub))
    if name == "BRANCH":
        return all(_lowercase_only(list(alt)) for alt in av[1])
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        return _lowercase_only(list(av[2]))
    if name in ("ASSERT", "ASSERT_NOT"):
        return _lowercase_only(list(av[1]))
    return False  # back-references, conditionals: not worth reasoning about
