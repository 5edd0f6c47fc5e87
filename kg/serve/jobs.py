"""What the server's pages and endpoint ask of the store, run in a worker process (kg.serve.workers).

Each job takes the worker's Context and plain arguments and returns plain data (dicts, lists,
strings, bytes): the same data is rendered by a template or sent as the page's JSON. Every query is
a `.rq` file of queries/ with its values bound as terms, never formatted into its text.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from pyoxigraph import DefaultGraph, NamedNode

from kg.errors import KgError
from kg.extract.tables import doc_types
from kg.graph.vocab import CLASS_TYPE, DATA, DCTERMS, KG, NODE_LEVEL, PROPERTY_RELATION, RDF
from kg.reports.lineage import Lineage, lineage
from kg.serve.diagram import draw
from kg.serve.search import search_graph
from kg.sparql.query import (
    Endpoint,
    Query,
    QueryError,
    Term,
    bind_params,
    internal_query,
    load_query,
    named_queries,
)
from kg.viz.page import RELATION_STYLES

_CARD, _ISSUER, _LEVEL = NamedNode(KG.card), NamedNode(KG.issuer), NamedNode(KG.level)

#: Above this many documents acting on it directly, a document's diagram shows those alone, not
#: the whole lineage below (10,000 documents would be no diagram a person can read).
WHOLE_LINEAGE_UP_TO = 40
#: Documents a diagram draws below its centre at most.
DIAGRAM_BELOW = 120
#: Rows the query page shows (the endpoint itself returns every row).
TABLE_ROWS = 1000
#: Files a document's brief names at most (its page lists them all).
BRIEF_SOURCES = 5
#: Briefs a worker keeps for its build at most (then it starts again).
BRIEFS_KEPT = 20_000


class NotFound(KgError):
    """The graph has nothing at that IRI, or the build has no such file."""


def page_path(iri: str) -> str | None:
    """Where the server shows an IRI of the graph: https://w3id.org/kg-vn/id/X is /id/X."""
    base = DATA.rsplit("/id/", 1)[0]
    return iri[len(base):] if iri.startswith(DATA) else None


@cache
def _internal(name: str) -> Query:
    return internal_query(name)  # read from its file once per worker


def _one(endpoint: Endpoint, name: str, **bindings: Term) -> list[dict[str, Term]]:
    return endpoint.select(_internal(name), bindings).rows


def _value(row: dict[str, Term], key: str) -> str | None:
    return row[key].value if key in row else None


# -- documents in brief --------------------------------------------------------------------------

def brief(endpoint: Endpoint, iri: str, cache: dict[str, dict] | None = None) -> dict:
    """What a list or a diagram shows of a document: identifier, type, title, date, issuer, its
    files and its level, read from its card (one look-up)."""
    if cache is not None and iri in cache:
        return cache[iri]
    card, level = _card_and_level(endpoint, iri)
    sources = card.get("sources") or []
    out = {"iri": iri, "path": page_path(iri), "identifier": card.get("identifier"),
           "type": card.get("type") or "Other", "type_vi": doc_types().label(card.get("type") or "Other"),
           "title": card.get("title"), "date": card.get("date"), "issuer": card.get("issuer"),
           # a law cited by every plan is named in thousands of files: a brief names the first few
           "sources": sources[:BRIEF_SOURCES], "sources_total": len(sources), "level": level}
    out["label"] = _label(out)
    if cache is not None:
        cache[iri] = out
    return out


def _card_and_level(endpoint: Endpoint, iri: str) -> tuple[dict, str]:
    """A document's kg:card and its issuer's level: read straight from the store's index when the
    store is the embedded one (a look-up, no query to parse: a page shows dozens of documents)."""
    store = getattr(endpoint, "store", None)
    if store is None:
        rows = _one(endpoint, "page_briefs", d=Term("uri", iri))
        card = json.loads(rows[0]["card"].value) if rows and "card" in rows[0] else {}
        return card, NODE_LEVEL.get(_value(rows[0], "level") or "", "unknown") if rows else "unknown"
    node = NamedNode(iri)
    card = next((json.loads(q.object.value) for q in store.quads_for_pattern(node, _CARD, None, DefaultGraph())), {})
    level = "unknown"
    for q in store.quads_for_pattern(node, _ISSUER, None, DefaultGraph()):
        for lv in store.quads_for_pattern(q.object, _LEVEL, None, DefaultGraph()):
            level = NODE_LEVEL.get(lv.object.value, "unknown")
    return card, level


def _label(d: dict) -> str:
    if d.get("identifier"):
        return d["identifier"]
    if d.get("title"):
        t = d["title"]
        return t if len(t) <= 48 else t[:47].rsplit(" ", 1)[0] + "…"
    return d["sources"][0] if d.get("sources") else d["iri"].rsplit("/", 1)[-1]


# -- the home page -------------------------------------------------------------------------------

def home(ctx: Any) -> dict:
    """What the graph holds (documents by level, type and year) and the most implemented directives;
    computed once a build."""
    if "home" in ctx.cache:
        return ctx.cache["home"]
    endpoint = ctx.endpoint
    by_level: dict[str, int] = {}
    by_type: dict[str, int] = {}
    earliest, latest = None, None
    for r in endpoint.select(load_query("corpus"), {}).rows:
        n = int(r["documents"].value)
        by_level[r["level"].value] = by_level.get(r["level"].value, 0) + n
        by_type[r["type"].value] = by_type.get(r["type"].value, 0) + n
        for key in ("earliest", "latest"):
            if key in r:
                v = r[key].value
                if key == "earliest" and (earliest is None or v < earliest):
                    earliest = v
                if key == "latest" and (latest is None or v > latest):
                    latest = v
    years = [{"year": r["year"].value, "documents": int(r["documents"].value)}
             for r in endpoint.select(internal_query("page_years"), {}).rows]
    top = [{**brief(endpoint, r["d"].value), "acting": int(r["acting"].value)}
           for r in endpoint.select(internal_query("page_top_directives"), {}).rows]
    levels = [{"level": lv, "vi": LEVELS_VI.get(lv, lv), "documents": by_level[lv]}
              for lv in ("central", "provincial", "district", "commune", "unknown") if lv in by_level]
    types = [{"type": t, "vi": doc_types().label(t), "documents": n}
             for t, n in sorted(by_type.items(), key=lambda tn: -tn[1])]
    out = {"documents": sum(by_level.values()), "levels": levels, "types": types, "years": years,
           "earliest": earliest, "latest": latest, "top_directives": top}
    ctx.cache["home"] = out
    return out


LEVELS_VI = {"central": "Trung ương", "provincial": "Tỉnh", "district": "Huyện", "commune": "Xã",
             "unknown": "Chưa rõ cấp"}


# -- search --------------------------------------------------------------------------------------

def briefs(ctx: Any) -> dict[str, dict]:
    """The briefs this worker has read from its build: the documents most cited (a law every plan
    names) are on many pages, and reading a card costs more the more files name it."""
    kept: dict[str, dict] = ctx.cache.setdefault("briefs", {})
    if len(kept) > BRIEFS_KEPT:
        kept.clear()
    return kept


def search(ctx: Any, q: str) -> dict:
    found = search_graph(ctx.endpoint, q, ctx.search_index())
    cache = briefs(ctx)
    return {"q": q, "documents": [brief(ctx.endpoint, iri, cache) for iri in found.documents],
            "agencies": [{"iri": a, "name": name, "path": page_path(a)} for a, name in found.agencies],
            "note": found.note}


# -- any IRI of the graph ------------------------------------------------------------------------

_DOCUMENT_CLASSES = {*CLASS_TYPE, KG.Document}
_AGENCY_CLASSES = {KG.Agency, KG.PartyBody, KG.StateBody, KG.MassOrganization}


def resource(ctx: Any, iri: str, level: str = "province") -> dict:
    """The page of an IRI of the graph, by what it is: a document, an agency, a source file, a
    citation (its source text with the quote highlighted), or anything else (its statements)."""
    types = {r["type"].value for r in _one(ctx.endpoint, "page_kind", s=Term("uri", iri)) if "type" in r}
    if types & _DOCUMENT_CLASSES:
        return {"kind": "document", "data": document(ctx, iri, level)}
    if types & _AGENCY_CLASSES:
        return {"kind": "agency", "data": agency(ctx, iri)}
    if KG.SourceFile in types:
        return {"kind": "source", "data": source_text(ctx, source=iri)}
    if KG.Citation in types:
        return {"kind": "source", "data": source_text(ctx, citation=iri)}
    facts = statements(ctx.endpoint, iri)
    if not types and not facts:
        raise NotFound(f"the graph has nothing at {iri}")
    return {"kind": "resource", "data": {"iri": iri, "types": sorted(types), "facts": facts}}


def statements(endpoint: Endpoint, iri: str) -> list[dict]:
    out = []
    for r in _one(endpoint, "page_facts", s=Term("uri", iri)):
        p, o = r["p"], r["o"]
        if p.value == KG.card:
            continue  # a copy of the other facts, for kg lineage
        out.append({"p": p.value, "p_short": p.short(), "o": o.value, "o_kind": o.kind,
                    "o_path": page_path(o.value) if o.kind == "uri" else None, "o_name": _value(r, "name")})
    return sorted(out, key=lambda f: (f["p"], f["o"]))


# -- a document ----------------------------------------------------------------------------------

def document(ctx: Any, iri: str, level: str = "province") -> dict:
    endpoint = ctx.endpoint
    cache = briefs(ctx)
    me = brief(endpoint, iri, cache)
    facts: dict[str, list[str]] = {}
    issuer = None
    for r in _one(endpoint, "page_facts", s=Term("uri", iri)):
        p = r["p"].value
        facts.setdefault(p, []).append(r["o"].value)
        if p == KG.issuer:
            issuer = {"iri": r["o"].value, "name": _value(r, "name"), "path": page_path(r["o"].value)}
    first = lambda p: facts.get(p, [None])[0]  # noqa: E731
    files = [{"file": r["file"].value, "source": r["source"].value, "path": page_path(r["source"].value),
              "own": r["own"].value == "true"} for r in _one(endpoint, "page_files", d=Term("uri", iri))]
    out_rel = _citations(endpoint, "page_citations_out", iri, cache)
    in_rel = _citations(endpoint, "page_citations_in", iri, cache)
    up = lineage(endpoint, iri, "up")
    acting = _one(endpoint, "page_down_count", d=Term("uri", iri))
    direct_below = int(acting[0]["acting"].value) if acting else 0
    down = lineage(endpoint, iri, "down") if 0 < direct_below <= WHOLE_LINEAGE_UP_TO else None
    diagram = draw(iri, me, up, down, out_rel, in_rel, lambda d: brief(endpoint, d, cache), DIAGRAM_BELOW)
    data = {
        **me,
        "number": first(KG.number), "symbol": first(KG.symbol), "date": first(KG.date),
        "earliest": first(KG.earliestDate), "latest": first(KG.latestDate),
        "title": first(DCTERMS.title), "issuer": issuer,
        "signer": first(KG.signer), "signer_position": first(KG.signerPosition),
        "aliases": sorted(facts.get(KG.alias, [])), "resolved": first(KG.resolved) != "false",
        "classes": sorted(CLASS_TYPE.get(c, c) for c in facts.get(RDF.type, []) if c in CLASS_TYPE),
        "files": files,
        "relations_out": out_rel, "relations_in": in_rel,
        "acting_directly": direct_below,
        "diagram": diagram.as_json(),
        "tasks": _tasks(endpoint, iri),
        "conflicts": _conflicts(endpoint, iri) if KG.disputed in facts else [],
        "status": _status(endpoint, iri),
        "coverage": None,
    }
    if direct_below:
        data["coverage"] = _coverage(endpoint, iri, level)
    return data


_STATUS_VI = {"in_force": "Còn hiệu lực", "not_in_force": "⚠ Hết hiệu lực",
              "partly_in_force": "⚠ Hết hiệu lực một phần", "unknown": "Chưa rõ hiệu lực"}


def _status(endpoint: Endpoint, iri: str) -> dict:
    """Whether the document is in force (kg status), with a line a reader sees at once."""
    from kg.reports.status import document_status

    st = document_status(endpoint, iri)
    enders = [b.identifier or b.document for b in st.by if b.relation in ("replaces", "repeals")]
    text = _STATUS_VI[st.status] + (f" từ {st.since}" if st.since else "") + \
        (f", theo {', '.join(dict.fromkeys(enders))}" if enders else "") + \
        (f" · có hiệu lực từ {st.in_force_from}" if st.in_force_from else "") + f" · {st.status.replace('_', ' ')}"
    return st.as_json() | {"text": text}


def _citations(endpoint: Endpoint, query: str, iri: str, cache: dict[str, dict]) -> list[dict]:
    out = []
    for r in _one(endpoint, query, d=Term("uri", iri)):
        relation = PROPERTY_RELATION.get(r["relation"].value, r["relation"].value.rsplit("#", 1)[-1])
        c = r["citation"].value
        out.append({"relation": relation, "relation_vi": RELATION_STYLES.get(relation, {}).get("vi", relation),
                    "other": brief(endpoint, r["other"].value, cache), "quote": _value(r, "quote"),
                    "start": int(r["start"].value) if "start" in r else None,
                    "end": int(r["end"].value) if "end" in r else None,
                    "file": _value(r, "file"), "citation": c, "citation_path": page_path(c)})
    return out


def _tasks(endpoint: Endpoint, iri: str) -> list[dict]:
    from kg.reports.tasks import assignments

    return [a.as_json() | {"agency_path": None} for a in assignments(endpoint, document=iri)]


def _conflicts(endpoint: Endpoint, iri: str) -> list[dict]:
    return [{"fact": "date", "value": r["date"].value, "file": r["file"].value}
            for r in _one(endpoint, "page_dates", d=Term("uri", iri))]


def _coverage(endpoint: Endpoint, iri: str, level: str) -> dict:
    from kg.reports.coverage import CoverageError, coverage

    if level not in ("province", "district", "commune"):
        level = "province"
    try:
        c = coverage(endpoint, iri, level)  # type: ignore[arg-type]
    except CoverageError as e:
        return {"level": level, "error": str(e)}
    data = c.as_json()
    data["rows"] = [r | {"documents": [d | {"path": page_path(d["iri"])} for d in r["documents"]]}
                    for r in data["rows"]]
    data["lag_text"] = c.to_text().split("\n", 1)[0]
    return data


def lineage_json(ctx: Any, iri: str, direction: str) -> str:
    if direction not in ("up", "down"):
        raise QueryError("a lineage goes up or down")
    lin: Lineage = lineage(ctx.endpoint, iri, direction)  # type: ignore[arg-type]
    return lin.to_json()


# -- an agency -----------------------------------------------------------------------------------

def agency(ctx: Any, iri: str) -> dict:
    endpoint = ctx.endpoint
    name, level, kinds = None, None, []
    for r in _one(endpoint, "page_facts", s=Term("uri", iri)):
        p, o = r["p"].value, r["o"].value
        if p == KG.name and (name is None or len(o) < len(name)):
            name = o
        elif p == KG.level:
            level = NODE_LEVEL.get(o, "unknown")
        elif p == RDF.type:
            kinds.append(o.rsplit("#", 1)[-1])
    tasks = [{"document": {"iri": r["document"].value, "path": page_path(r["document"].value),
                           "identifier": _value(r, "identifier"), "file": _value(r, "file")},
              "role": r["role"].value, "deadline": _value(r, "deadline"), "recurrence": _value(r, "recurrence"),
              "text": r["text"].value} for r in _one(endpoint, "page_agency_tasks", agency=Term("uri", iri))]
    documents = []
    for r in _one(endpoint, "page_agency_documents", agency=Term("uri", iri)):
        card = json.loads(r["card"].value) if "card" in r else {}
        doc_type = card.get("type") or "Other"
        d: dict[str, Any] = {"iri": r["d"].value, "path": page_path(r["d"].value), "identifier": card.get("identifier"),
                             "type": doc_type, "type_vi": doc_types().label(doc_type),
                             "title": card.get("title"), "date": card.get("date"), "sources": card.get("sources") or []}
        d["label"] = _label(d)
        documents.append(d)
    return {"iri": iri, "path": page_path(iri), "name": name or iri, "level": level,
            "level_vi": LEVELS_VI.get(level or "unknown"), "kinds": sorted(set(kinds) - {"Agency"}),
            "tasks": tasks, "documents": documents}


# -- the source text of a file of the build ------------------------------------------------------

def source_text(ctx: Any, source: str | None = None, citation: str | None = None) -> dict:
    """The text of a file the build was made of, found through the graph (the file's name and
    content hash) and the build's state (where the file was read), never through a path a request
    gives; with a citation, its quote marked at its offsets into the text as read."""
    endpoint = ctx.endpoint
    mark: dict[str, Any] | None = None
    if citation is not None:
        rows = _one(endpoint, "page_citation", c=Term("uri", citation))
        if not rows:
            raise NotFound(f"the graph has no citation {citation}")
        r = rows[0]
        source = r["source"].value
        mark = {"start": int(r["start"].value) if "start" in r else None,
                "end": int(r["end"].value) if "end" in r else None, "quote": _value(r, "quote"),
                "relation": PROPERTY_RELATION.get(r["relation"].value, r["relation"].value),
                "citing": brief(endpoint, r["citing"].value), "cited": brief(endpoint, r["cited"].value)}
    assert source is not None
    rows = _one(endpoint, "page_source", source=Term("uri", source))
    if not rows:
        raise NotFound(f"the graph has no source file {source}")
    name, sha = rows[0]["file"].value, rows[0]["sha"].value
    described = _value(rows[0], "document")
    text = read_build_file(ctx.store_dir, name, sha)
    parts = [text]
    start, end = (mark["start"], mark["end"]) if mark else (None, None)
    if mark and isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text):
        parts = [text[:start], text[start:end], text[end:]]
        mark["matches"] = mark["quote"] is None or " ".join(parts[1].split()) == " ".join(mark["quote"].split())
    return {"source": source, "path": page_path(source), "file": name, "sha256": sha,
            "document": brief(endpoint, described) if described else None, "mark": mark,
            "parts": parts, "length": len(text)}


def read_build_file(store_dir: str, name: str, sha: str) -> str:
    """The text of the file named ``name`` with content hash ``sha`` as the build read it. Its path
    comes from the build's state (relative paths are tried from here and from beside the store);
    the file must still have the same content."""
    import sqlite3

    from kg.read import read_source

    state = Path(store_dir) / "state.sqlite"
    try:
        db = sqlite3.connect(f"file:{state}?mode=ro", uri=True)
        try:
            # a path whose name is not UTF-8 is kept as bytes (see kg.build.state)
            paths = [os.fsdecode(p) for (p,) in db.execute("SELECT path FROM files WHERE sha=? AND name=?",
                                                           (sha, name))]
        finally:
            db.close()
    except sqlite3.Error as e:
        raise NotFound(f"the build's state ({state}) cannot be read: {e}") from e
    tried: list[str] = []
    for p in paths:
        for candidate in dict.fromkeys([Path(p), Path(store_dir).resolve().parent / p]):
            if not candidate.is_file():
                tried.append(str(candidate))
                continue
            source = read_source(str(candidate))
            if source.sha256 == sha:
                return source.text
            tried.append(f"{candidate} (changed since the build)")
    if not paths:
        raise NotFound(f"the build's state does not say where {name} was read")
    raise NotFound(f"{name} is no longer where the build read it: {', '.join(tried)}")


# -- SPARQL --------------------------------------------------------------------------------------

def sparql(ctx: Any, query: str, result_format: str, graph_format: str, default_graphs: tuple[str, ...] = (),
           named_graphs: tuple[str, ...] = ()) -> tuple[str, bytes]:
    """A user's query run on the store, serialised in the format asked (SPARQL results formats for
    SELECT and ASK, RDF formats for CONSTRUCT and DESCRIBE): (what it was, the bytes)."""
    from pyoxigraph import NamedNode, QueryBoolean, QueryResultsFormat, QueryTriples, RdfFormat

    from kg.sparql.remote import MERGED_GRAPH

    datasets: dict[str, Any] = {}
    try:
        if default_graphs:
            # the graph kg push loads the merged view into is, here, the store's default graph:
            # kg query --endpoint names it (kg.sparql.remote) whatever the store
            datasets["default_graph"] = [DefaultGraph() if g == MERGED_GRAPH else NamedNode(g) for g in default_graphs]
        if named_graphs:
            datasets["named_graphs"] = [NamedNode(g) for g in named_graphs]
    except ValueError as e:
        raise QueryError(f"not an IRI: {e}") from e
    try:
        result = ctx.store.query(query, **datasets)
    except SyntaxError as e:
        raise QueryError(f"the query is not valid SPARQL: {e}") from e
    except OSError as e:
        raise QueryError(f"the store could not run the query: {e}") from e
    if isinstance(result, QueryTriples):
        fmt = {"turtle": RdfFormat.TURTLE, "ntriples": RdfFormat.N_TRIPLES, "jsonld": RdfFormat.JSON_LD,
               "rdfxml": RdfFormat.RDF_XML}[graph_format]
        return "graph", result.serialize(format=fmt) or b""
    rfmt = {"json": QueryResultsFormat.JSON, "xml": QueryResultsFormat.XML, "csv": QueryResultsFormat.CSV,
            "tsv": QueryResultsFormat.TSV}[result_format]
    kind = "boolean" if isinstance(result, QueryBoolean) else "solutions"
    return kind, result.serialize(format=rfmt) or b""


def sparql_table(ctx: Any, query: str | None = None, name: str | None = None,
                 params: dict[str, str] | None = None) -> dict:
    """A query for the query page: its first rows as a table (or the answer of an ASK, or the
    triples as Turtle), each IRI of the graph linked to its page."""
    if name:
        q = next((q for q in named_queries() if q.name == name), None)
        if q is None:
            raise QueryError(f"no named query {name!r}")
        bindings = bind_params(ctx.endpoint, q, {k: v for k, v in (params or {}).items() if v})
        text = q.text
    else:
        from kg.sparql.query import parse_query

        q, bindings, text = parse_query(query or ""), {}, query or ""
    results = ctx.endpoint.select(q, bindings)
    if results.boolean is not None:
        return {"query": text, "boolean": results.boolean}
    if results.triples is not None:
        return {"query": text, "turtle": results.to_table()}
    rows = [[{"value": row[v].value, "kind": row[v].kind, "short": row[v].short(),
              "path": page_path(row[v].value) if row[v].kind == "uri" else None} if v in row else None
             for v in results.variables] for row in results.rows[:TABLE_ROWS]]
    return {"query": text, "variables": results.variables, "rows": rows, "total": len(results.rows),
            "bindings": {k: v.value for k, v in bindings.items()}}


def examples(ctx: Any) -> list[dict]:
    return [{"name": q.name, "description": q.description, "text": q.text,
             "params": [{"name": p.name, "kind": p.kind, "optional": p.optional, "help": p.help} for p in q.params]}
            for q in named_queries()]


def build_info(ctx: Any) -> dict:
    from kg.build.store import summary_of

    summary = summary_of(ctx.store_dir)
    return {"build": ctx.build, "summary": {k: v for k, v in summary.items() if isinstance(v, int | float | str)}}


def warm(ctx: Any) -> bool:
    """Load once what the first pages would otherwise load while a person waits: the gazetteer
    (coverage) and the domain tables (reading what people type)."""
    from kg.extract.places import gazetteer
    from kg.extract.tables import doc_types

    gazetteer()
    doc_types()
    search_graph(ctx.endpoint, "29-NQ/TW")
    return True


def make_search_index(ctx: Any) -> bool:
    """Make the search index of the worker's build, unless it is there already (kg.serve.index)."""
    from kg.serve.index import make_index

    if ctx.search_index() is None:
        make_index(ctx.build_dir, ctx.endpoint)
        ctx.index = None  # opened by the next search
    return True


JOBS: dict[str, Callable[..., Any]] = {
    "warm": warm, "index": make_search_index,
    "home": home, "search": search, "resource": resource, "document": document, "agency": agency,
    "source": source_text, "lineage": lineage_json, "sparql": sparql, "sparql_table": sparql_table,
    "examples": examples, "build_info": build_info,
}


