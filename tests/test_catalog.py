"""The catalogue of central directives (data/catalog.toml): every fact marked verified is checked
against the documents that cite it, by reading them with the extractor."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from conftest import DATA, SAMPLES

from kg import extract_file
from kg.extract.tables import CatalogEntry, catalog
from kg.model import Extraction
from kg.read.normalize import NormalizedText, fold

#: Where an evidence line's file is looked for, beside the samples: the corpus documents of the tests.
CORPORA = [DATA / "corpus"]


@cache
def read(path: Path) -> Extraction:
    return extract_file(str(path))


def evidence_files(line: str) -> tuple[list[Path], str]:
    """The files an evidence line names ("001_....txt: quote", "corpus 005.txt: quote", or
    "corpus: quote" for any corpus file) and its quote."""
    where, _, quote = line.partition(": ")
    where = where.strip()
    if where == "corpus":
        return [p for c in CORPORA for p in sorted(c.glob("*.txt"))], quote
    name = where.removeprefix("corpus ").strip()
    return [p for p in [SAMPLES / name] + [c / name for c in CORPORA] if p.exists()][:1], quote


def words(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(NormalizedText(text).text)))


CHECKED = [(e, line) for e in catalog() for line in e.evidence]


@pytest.mark.parametrize("entry, line", CHECKED, ids=[f"{e.identifier}:{i}" for i, (e, _) in enumerate(CHECKED)])
def test_each_verified_fact_is_what_the_citing_document_says(entry: CatalogEntry, line: str) -> None:
    files, quote = evidence_files(line)
    assert files, f"no file for the evidence {line[:60]!r}"
    holding = [p for p in files if words(quote) in words(p.read_text(encoding="utf-8"))][:1]
    assert holding, f"the quote is not in {[p.name for p in files]}: {quote[:80]!r}"
    for path in holding:
        refs = [r for r in read(path).references if r.identifier == entry.identifier]
        if entry.identifier.replace(" ", "") in quote.replace(" ", "") or not entry.aliases:
            assert refs, f"{path.name} does not cite {entry.identifier}"
        for ref in refs:
            if "date" in entry.verified and ref.date and len(ref.date) == 10:
                assert ref.date == entry.date or entry.date.split("-")[0] in quote, (path.name, ref.date)
            if "issuer" in entry.verified and ref.issuer is not None and ref.issuer.name in quote:
                assert ref.issuer.name == entry.issuer


@pytest.mark.parametrize("entry", catalog(), ids=lambda e: e.identifier)
def test_a_fact_is_verified_only_with_evidence_and_dates_agree(entry: CatalogEntry) -> None:
    assert set(entry.verified) <= {"date", "issuer", "title"}
    assert bool(entry.verified) == bool(entry.evidence)
    if "date" in entry.verified:
        d = entry.date
        day, month, year = int(d[8:]), int(d[5:7]), d[:4]
        said = [f"{day}/{month}/{year}", f"{day:02d}/{month:02d}/{year}", f"{day}/{month:02d}/{year}",
                f"{day:02d}/{month}/{year}", f"ngày {day} tháng {month} năm {year}",
                f"ngày {day:02d} tháng {month:02d} năm {year}", f"ngày {day:02d} tháng {month} năm {year}"]
        assert any(s in line for line in entry.evidence for s in said), f"no evidence line gives {d}"
    if "title" in entry.verified:  # the title as some citing document writes it
        title = words(entry.title)
        assert any(title[:50] in words(line) or title.removeprefix("về ")[:50] in words(line)
                   or title.removeprefix("phê duyệt ")[:50] in words(line) for line in entry.evidence), entry.title


def test_the_required_central_directives_are_in_the_catalogue() -> None:
    have = {e.identifier for e in catalog()}
    assert {"29-NQ/TW", "51-KL/TW", "91-KL/TW", "71-NQ/TW", "43/2019/QH14"} <= have


def test_every_central_document_the_seeds_cite_is_in_the_catalogue() -> None:
    have = {e.identifier for e in catalog()}
    cited = {r.identifier for p in sorted(SAMPLES.glob("*.txt")) for r in read(p).references
             if r.identifier and r.issuer is not None and r.issuer.level == "central"}
    assert cited and cited <= have, cited - have
