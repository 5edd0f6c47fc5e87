"""Score extractions against hand-checked answers (the gold format of the seeds' labels).

A gold file maps a file name to what a perfect extractor reads from it: ``document`` (identifier,
type, date, issuer, province, signer, title_contains), ``references`` (identifier or
title_contains, type, date, issuer, relation with the acceptable ``relation_ok``, ``required``,
and ``aliases`` for the misprints of one identifier) and ``relations`` between two other
documents. The measures are those of the project's scorer: recall over required references,
precision over the references extracted with an identifier, the accuracy of their fields, of the
nested relations and of the document's own fields.

    python -m kg.testing.score GOLD.json PRED.json [-v]   (PRED: `kg extract --format json|jsonl`)
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.extract.symbols import identifier_key

#: Old-style tone placement, as "hoà" for "hòa": the same word.
_OLD_TONES = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "oè": "òe", "oé": "óe", "oẻ": "ỏe",
              "oẽ": "õe", "oẹ": "ọe", "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy"}
#: Words that do not tell two agencies or places apart once the rest of the name is known.
_DESIGNATORS = {"tỉnh", "thành", "phố", "huyện", "quận", "thị", "xã", "phường", "trấn", "đảng", "cộng", "sản",
                "việt", "nam"}


def norm_text(s: object) -> str | None:
    if s is None:
        return None
    t = unicodedata.normalize("NFC", str(s)).replace("\u00d0", "\u0110").replace("\u00f0", "\u0111").lower()
    for old, new in _OLD_TONES.items():
        t = t.replace(old, new)
    return re.sub(r"\s+", " ", t).strip()


def norm_identifier(s: object) -> str | None:
    t = norm_text(s)
    if not t:
        return None
    return identifier_key(t).replace("SỐ", "").lstrip(":")


def norm_agency(s: object) -> str | None:
    t = norm_text(s)
    if not t:
        return None
    t = t.replace("ubnd", "ủy ban nhân dân").replace("gdđt", "giáo dục và đào tạo")
    t = re.sub(r"[-–—,.()]", " ", t)
    return " ".join(w for w in t.split() if w not in _DESIGNATORS)


def _name(x: object) -> object:
    return x.get("name") if isinstance(x, dict) else x


def _date_ok(gold: str | None, pred: object, lenient: bool = False) -> bool:
    """Exact ISO match; with ``lenient``, a more precise prediction inside a partial gold date passes."""
    if gold is None:
        return True
    got = "" if pred is None else str(pred)
    return got == gold or (lenient and got.startswith(gold))


@dataclass
class Score:
    """Counts over a set of documents, and a line for each expectation that failed."""

    required: int = 0
    found: int = 0
    extracted: int = 0
    extra: int = 0
    fields: int = 0
    fields_ok: int = 0
    relations: int = 0
    relations_ok: int = 0
    document_fields: int = 0
    document_ok: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 1.0

    @property
    def precision(self) -> float:
        return (self.extracted - self.extra) / self.extracted if self.extracted else 1.0

    @property
    def field_accuracy(self) -> float:
        return self.fields_ok / self.fields if self.fields else 1.0

    @property
    def relation_accuracy(self) -> float:
        return self.relations_ok / self.relations if self.relations else 1.0

    @property
    def document_accuracy(self) -> float:
        return self.document_ok / self.document_fields if self.document_fields else 1.0

    def figures(self) -> dict[str, float]:
        return {"recall": self.recall, "precision": self.precision, "fields": self.field_accuracy,
                "relations": self.relation_accuracy, "document": self.document_accuracy}

    def line(self) -> str:
        return " ".join(f"{k}={v:.3f}" for k, v in self.figures().items())

    def counts(self) -> str:
        return (f"references: {self.found}/{self.required} required found, {self.extra} extra of {self.extracted} "
                f"with identifiers; fields {self.fields_ok}/{self.fields}; nested relations "
                f"{self.relations_ok}/{self.relations}; document fields {self.document_ok}/{self.document_fields}")


def score(gold: Mapping[str, Any], predicted: Mapping[str, Any], names: Iterable[str] | None = None) -> Score:
    """Score the predictions (file name -> the JSON of `kg extract`) of the gold files ``names``."""
    out = Score()
    for name in (names if names is not None else gold):
        g = gold[name]
        p = predicted.get(name)
        if p is None:
            out.misses.append(f"{name}: no output for this file")
            p = {"document": {}, "references": [], "relations": []}
        _references(out, name, g, p)
        _nested(out, name, g, p)
        _document(out, name, g["document"], p.get("document") or {})
    return out


def _references(out: Score, name: str, g: Mapping[str, Any], p: Mapping[str, Any]) -> None:
    predicted = p.get("references") or []
    by_id: dict[str, dict] = {}
    for r in predicted:
        key = norm_identifier(r.get("identifier"))
        if key:
            by_id.setdefault(key, r)
    known: set[str] = set()
    for gr in g["references"]:
        for ident in (gr.get("identifier"), *gr.get("aliases", ())):
            if norm_identifier(ident):
                known.add(norm_identifier(ident))  # type: ignore[arg-type]
    for gr in g["references"]:
        pr = _match(gr, by_id, predicted)
        label = gr.get("identifier") or gr.get("title_contains")
        if gr.get("required"):
            out.required += 1
            if pr is None:
                out.misses.append(f"{name}: missed {label}")
                continue
            out.found += 1
        elif pr is None:
            continue
        for field_name, ok, got, want in _reference_checks(gr, pr):
            out.fields += 1
            out.fields_ok += ok
            if not ok:
                out.misses.append(f"{name}: {label}: {field_name} is {got!r}, expected {want!r}")
    for key, r in by_id.items():
        out.extracted += 1
        if key not in known:
            out.extra += 1
            out.misses.append(f"{name}: extra reference {r.get('identifier')!r}")


def _match(gr: Mapping[str, Any], by_id: Mapping[str, dict], predicted: list[dict]) -> dict | None:
    if gr.get("identifier"):
        for ident in (gr["identifier"], *gr.get("aliases", ())):
            found = by_id.get(norm_identifier(ident) or "")
            if found is not None:
                return found
        return None
    want = norm_text(gr["title_contains"]) or ""
    return next((r for r in predicted if r.get("type") == gr["type"] and want in (norm_text(r.get("title")) or "")),
                None)


def _reference_checks(gr: Mapping[str, Any], pr: Mapping[str, Any]) -> list[tuple[str, bool, object, object]]:
    checks = [("type", pr.get("type") in [gr["type"], *gr.get("type_ok", [])], pr.get("type"), gr["type"]),
              ("relation", pr.get("relation") in [gr["relation"], *gr.get("relation_ok", [])], pr.get("relation"),
               gr["relation"])]
    if gr.get("identifier"):
        checks.append(("date", _date_ok(gr.get("date"), pr.get("date")), pr.get("date"), gr.get("date")))
        if gr.get("issuer"):
            got = _name(pr.get("issuer"))
            checks.append(("issuer", norm_agency(got) == norm_agency(gr["issuer"]), got, gr["issuer"]))
    return checks


def _nested(out: Score, name: str, g: Mapping[str, Any], p: Mapping[str, Any]) -> None:
    predicted = p.get("relations") or []
    for gl in g.get("relations", []):
        if not gl.get("required"):
            continue
        out.relations += 1
        wanted = [gl["relation"], *gl.get("relation_ok", [])]
        hit = any(_relation_matches(gl, pl, wanted) for pl in predicted)
        out.relations_ok += hit
        if not hit:
            out.misses.append(f"{name}: missed relation {gl['from']} {gl['relation']} "
                              f"{gl.get('to') or gl.get('to_title_contains')}")


def _relation_matches(gl: Mapping[str, Any], pl: Mapping[str, Any], wanted: list[str]) -> bool:
    if norm_identifier(pl.get("from")) != norm_identifier(gl["from"]) or pl.get("relation") not in wanted:
        return False
    if gl.get("to"):
        return norm_identifier(pl.get("to")) == norm_identifier(gl["to"])
    return (norm_text(gl["to_title_contains"]) or "") in (norm_text(pl.get("to_title") or pl.get("to")) or "")


def _document(out: Score, name: str, gd: Mapping[str, Any], pd: Mapping[str, Any]) -> None:
    issuer = pd.get("issuer")
    province = issuer.get("province") if isinstance(issuer, dict) else pd.get("province")
    checks: list[tuple[str, bool, object, object]] = []
    if gd.get("identifier"):
        checks.append(("identifier", norm_identifier(pd.get("identifier")) == norm_identifier(gd["identifier"]),
                       pd.get("identifier"), gd["identifier"]))
    checks.append(("type", pd.get("type") == gd["type"], pd.get("type"), gd["type"]))
    checks.append(("issuer", norm_agency(_name(issuer)) == norm_agency(gd["issuer"]), _name(issuer), gd["issuer"]))
    if gd.get("province"):
        checks.append(("province", norm_agency(province) == norm_agency(gd["province"]), province, gd["province"]))
    if gd.get("date"):
        checks.append(("date", _date_ok(gd["date"], pd.get("date"), lenient=True), pd.get("date"), gd["date"]))
    if gd.get("signer"):
        got = _name(pd.get("signer"))
        checks.append(("signer", norm_text(got) == norm_text(gd["signer"]), got, gd["signer"]))
    if gd.get("title_contains"):
        checks.append(("title", (norm_text(gd["title_contains"]) or "") in (norm_text(pd.get("title")) or ""),
                       pd.get("title"), gd["title_contains"]))
    for field_name, ok, got, want in checks:
        out.document_fields += 1
        out.document_ok += ok
        if not ok:
            out.misses.append(f"{name}: document {field_name} is {got!r}, expected {want!r}")


def load_predictions(path: str | Path) -> dict[str, Any]:
    """`kg extract` output (a JSON array or JSON Lines), by file name."""
    raw = Path(path).read_text(encoding="utf-8").strip()
    items = json.loads(raw) if raw.startswith("[") else [json.loads(line) for line in raw.splitlines() if line.strip()]
    return {str(item.get("source") or "").replace("\\", "/").rsplit("/", 1)[-1]: item for item in items}


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    if len(args) != 2:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    gold = json.loads(Path(args[0]).read_text(encoding="utf-8"))
    gold = gold.get("documents", gold)
    result = score(gold, load_predictions(args[1]))
    if verbose:
        print("\n".join(result.misses))
    print(result.counts())
    print(f"score: {result.line()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
