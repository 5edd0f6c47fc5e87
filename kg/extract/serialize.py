"""Extractions as the JSON of CONTRACT.md, and as a summary a person reads."""

from __future__ import annotations

from typing import Any

from kg.extract.tables import doc_types
from kg.model import Agency, Deadline, Extraction, Reference, Relation, Signer, Span, Task


def _agency(a: Agency | None) -> dict[str, Any] | None:
    if a is None:
        return None
    out: dict[str, Any] = {"name": a.name, "level": a.level, "province": a.province}
    if a.members:
        out["members"] = [_agency(m) for m in a.members]
    return out


def _signer(s: Signer | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {"name": s.name, "position": s.position}


def _span(s: Span) -> dict[str, Any]:
    return {"start": s.start, "end": s.end, "text": s.text}


def _deadline(d: Deadline | None) -> str | None:
    return d.date if d else None


def reference_dict(r: Reference) -> dict[str, Any]:
    out: dict[str, Any] = {
        "identifier": r.identifier, "type": r.type, "number": r.number, "symbol": r.symbol, "date": r.date,
        "title": r.title, "issuer": _agency(r.issuer), "relation": r.relation,
        "evidence": [_span(s) for s in r.evidence],
    }
    if r.aliases:
        out["catalog_identifier"] = r.aliases[0]
    return out


def relation_dict(r: Relation) -> dict[str, Any]:
    return {"from": r.source, "relation": r.relation, "to": r.target, "to_title": r.target_title,
            "evidence": [_span(s) for s in r.evidence]}


def task_dict(t: Task) -> dict[str, Any]:
    return {"agency": t.agency, "role": t.role, "deadline": _deadline(t.deadline),
            "recurrence": t.deadline.recurrence if t.deadline else None,
            "text": t.text, "evidence": [_span(s) for s in t.evidence]}


def to_dict(x: Extraction) -> dict[str, Any]:
    d = x.document
    return {
        "source": x.source.name,
        "document": {
            "type": d.type, "number": d.number, "symbol": d.symbol, "identifier": d.identifier,
            "date": d.date, "date_range": list(d.date_range) if d.date_range else None, "place": d.place,
            "title": d.title, "issuer": _agency(d.issuer), "signer": _signer(d.signer),
            "recipients": list(d.recipients),
        },
        "references": [reference_dict(r) for r in x.references],
        "relations": [relation_dict(r) for r in x.relations],
        "tasks": [task_dict(t) for t in x.tasks],
    }


def to_text(x: Extraction) -> str:
    """A readable summary: the document, then each reference with its relation, then the tasks."""
    d = x.document
    lines = [f"== {x.source.name}"]
    label = doc_types().label(d.type)
    ident = d.identifier or (f"Số: /{d.symbol}" if d.symbol else "(không số)")
    lines.append(f"{label} {ident}" + (f", ngày {d.date}" if d.date else "")
                 + (f" (trong khoảng {d.date_range[0]} .. {d.date_range[1]})" if d.date_range else ""))
    if d.title:
        lines.append(f"  Trích yếu: {d.title}")
    if d.issuer:
        lines.append(f"  Cơ quan ban hành: {d.issuer.name}" + (f" ({d.issuer.level})" if d.issuer.level else ""))
    if d.signer:
        lines.append(f"  Người ký: {d.signer.name}" + (f", {d.signer.position}" if d.signer.position else ""))
    if x.entry_into_force is not None:  # the day it takes effect, apart from the day it was signed
        e = x.entry_into_force
        lines.append(f"  Hiệu lực: từ {e.date or '?'}" + (" (ngày ký)" if e.on_signing else ""))
    for c in x.changes:
        r = x.references[c.target]
        lines.append(f"  Chấm dứt hiệu lực: [{c.relation}] {r.identifier or r.title or r.type}"
                     + (f", {c.part}" if c.part else "") + (f", từ {c.date}" if c.date else ""))
    if x.references:
        lines.append(f"  Văn bản được dẫn chiếu ({len(x.references)}):")
        for r in x.references:
            label = doc_types().label(r.type)
            name = f"{label} {r.identifier}" if r.identifier else (r.title or label)
            bits = [f"    - [{r.relation}] {name}"]
            if r.date:
                bits.append(f"ngày {r.date}")
            if r.issuer:
                bits.append(f"của {r.issuer.name}")
            lines.append(" ".join(bits))
    if x.relations:
        lines.append("  Quan hệ giữa các văn bản khác:")
        for rel in x.relations:
            lines.append(f"    - {rel.source} --{rel.relation}--> {rel.target or rel.target_title}")
    if x.tasks:
        lines.append(f"  Nhiệm vụ ({len(x.tasks)}):")
        for t in x.tasks:
            due = t.deadline.date or t.deadline.recurrence if t.deadline else None
            lines.append(f"    - {t.agency} [{t.role}]" + (f" hạn: {due}" if due else ""))
    return "\n".join(lines)
