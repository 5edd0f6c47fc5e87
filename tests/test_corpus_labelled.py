"""Sixteen documents of the development corpus, checked by hand (tests/data/corpus_labels.json).

Reports precision and recall of the references with a number, the accuracy of their date, issuer and
relation, and of the document's own fields; the figures are printed at the end of the test run.
"""

from __future__ import annotations

import json
from functools import cache

import pytest
from conftest import DATA

from kg import extract_file
from kg.read.normalize import fold

LABELS = json.loads((DATA / "corpus_labels.json").read_text(encoding="utf-8"))["documents"]
FIGURES: dict[str, float] = {}


def _key(identifier: str) -> str:
    return identifier.upper().replace(" ", "")


@cache
def _measure() -> dict[str, float]:
    found = wanted = extracted = correct = 0
    fields = fields_ok = doc_fields = doc_ok = 0
    misses: list[str] = []
    for name, label in LABELS.items():
        x = extract_file(str(DATA / "corpus" / name))
        got = {}
        for r in x.references:
            if r.identifier:
                got.setdefault(_key(r.identifier), r)
        want = {}
        for r in label["references"]:
            want.setdefault(_key(r["identifier"]), r)
        wanted += len(want)
        extracted += len(got)
        for key, w in want.items():
            r = got.get(key)
            if r is None:
                misses.append(f"{name}: missed {w['identifier']}")
                continue
            found += 1
            checks = [("date", r.date, w["date"]), ("issuer", r.issuer.name if r.issuer else None, w["issuer"]),
                      ("relation", r.relation, w["relation"])]
            for field, g, e in checks:
                fields += 1
                fields_ok += g == e
                if g != e:
                    misses.append(f"{name}: {w['identifier']} {field} {g!r}, expected {e!r}")
        correct += sum(1 for key in got if key in want)
        d, e = x.document, label["document"]
        for field, g in (("identifier", d.identifier), ("type", d.type), ("date", d.date),
                         ("issuer", d.issuer.name if d.issuer else None), ("signer", d.signer.name if d.signer else None)):
            doc_fields += 1
            ok = (fold(g) if g else g) == (fold(e[field]) if e[field] else e[field])
            doc_ok += ok
            if not ok:
                misses.append(f"{name}: document {field} {g!r}, expected {e[field]!r}")
    figures = {"recall": found / wanted, "precision": correct / extracted, "fields": fields_ok / fields,
               "document": doc_ok / doc_fields, "references": float(wanted)}
    FIGURES.update(figures)
    FIGURES["misses"] = misses  # type: ignore[assignment]
    return figures


@pytest.mark.parametrize("measure, floor", [("recall", 0.98), ("precision", 0.98), ("fields", 0.95),
                                            ("document", 0.95)])
def test_hand_labelled_corpus(measure: str, floor: float) -> None:
    figures = _measure()
    assert figures[measure] >= floor, "\n".join(FIGURES["misses"])  # type: ignore[arg-type]
