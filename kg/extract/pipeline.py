"""Run the extraction stages on one document: Source -> Extraction."""

from __future__ import annotations

import re

from kg.errors import ReadError
from kg.extract import dates
from kg.extract.agencies import Context
from kg.extract.cite import find_mentions
from kg.extract.header import (
    adopted_on,
    document_era,
    document_spans,
    locate,
    own_issuer,
    read_header,
    read_signer,
)
from kg.extract.places import era_for
from kg.extract.relate import relate
from kg.extract.symbols import Identifier, find_identifiers, issuer_code
from kg.extract.tasks import find_tasks, first_deadline_after
from kg.extract.validity import read_validity, with_changes
from kg.model import Document, Extraction, Source
from kg.read.files import read_source
from kg.read.normalize import NormalizedText


def extract_text(text: str, name: str = "<text>") -> Extraction:
    """Extract from a text held in memory (tests, other readers)."""
    import hashlib

    source = Source(path=name, name=name, text=text, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())
    return extract(source)


def extract_file(path: str) -> Extraction:
    """Read and extract one file. Whatever goes wrong with it is a ReadError naming the file, so
    that one file never stops a batch: a failure of the extractor itself (a bug: the tests feed it
    arbitrary text to rule that out) is reported as such."""
    source = read_source(path)
    try:
        return extract(source)
    except RecursionError as e:
        raise ReadError(path, "kg failed on it (recursion too deep); please report it") from e
    except Exception as e:
        raise ReadError(path, f"kg failed on it ({type(e).__name__}: {e}); please report it") from e


def extract(source: Source) -> Extraction:
    norm = NormalizedText(source.text)
    text = norm.text
    header = read_header(text)

    identifiers = find_identifiers(text)
    cited_dates = _cited_dates(text, identifiers)
    era = document_era(header, cited_dates)
    unit = locate(text, header, era, issuer_code(header.symbol))
    if unit is not None and header.date is None:
        era = era_for(max(cited_dates) if cited_dates else None)
    issuer = own_issuer(text, header, unit, era)
    if unit is None and issuer is not None:
        unit = issuer.unit
    ctx = Context(unit=unit, era=era, issuer=issuer, text=text)

    skip = [header.id_span] if header.id_span else []
    mentions = find_mentions(text, ctx, skip, identifiers)
    extra = [header.body_start]
    if header.title_span:
        extra += [header.title_span[0], header.title_span[1]]
    extra += [m.end() for m in re.finditer(r"\n", text[: header.title_span[0] if header.title_span else 0])]
    related = relate(norm, mentions, ctx, header.identifier, extra, header.title_span)
    tasks = find_tasks(norm, ctx, header.body_start)

    date = header.date or adopted_on(text, cited_dates)
    date_range = None
    if date is None:
        newest = max((r.date for r in related.references if r.date and len(r.date) == 10), default=None)
        deadline = first_deadline_after(tasks, newest)
        if newest and deadline:
            date_range = (newest, deadline)
            date = dates.common_prefix(newest, deadline) or None
        elif newest:
            date_range = (newest, None)  # type: ignore[assignment]
    signer = read_signer(norm, header.body_start)
    document = Document(
        type=header.type or "Other",
        number=header.number,
        symbol=header.symbol,
        identifier=header.identifier,
        date=date,
        date_range=date_range,
        place=header.place,
        title=header.title,
        issuer=issuer,
        signer=signer,
        recipients=header.recipients,
        unit=unit,
        spans=document_spans(norm, header),
    )
    validity = read_validity(norm, mentions, related.references, header.date)
    references = with_changes(related.references, validity.changes, source.text)
    return Extraction(source, document, references, related.relations, tasks, validity.entry_into_force,
                      validity.changes)


def _cited_dates(text: str, identifiers: list[Identifier]) -> list[str]:
    """The full dates printed right after a number/symbol: a document is no older than these."""
    out = []
    for ident in identifiers:
        m = dates.DATE_AFTER_NGAY.match(text[ident.end : ident.end + 60].lstrip(" ,\n"))
        if m:
            d = dates.from_match(m)
            if d:
                out.append(d)
    return out
