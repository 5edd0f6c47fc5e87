"""SPARQL over the graph: named queries (``queries/*.rq``), bound parameters, result formats, and
finding a document from what a person types.

Queries always run on Oxigraph's engine (the embedded store) or on a remote SPARQL 1.1 store;
never on rdflib's. Parameters are bound as terms (Oxigraph's substitutions), never pasted into the
query text.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import tabulate
from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
    Triple,
    Variable,
    parse,
    serialize,
)

from kg.errors import KgError
from kg.graph.vocab import DATA, ONTOLOGY, TYPE_CLASS, XSD
from kg.resources import resource_dir

#: Columns two spaces apart, as psql and sqlite3 print them (tabulate pads headers by two more).
tabulate.MIN_PADDING = 0


class QueryError(KgError):
    """A query that cannot be found, parsed or run."""


class DocumentNotFound(KgError):
    """What the user typed names no document of the graph."""


class AmbiguousDocument(KgError):
    """What the user typed names several documents; the message lists them."""


# --------------------------------------------------------------------------------------------
# Terms and results, the same for the embedded store and a remote one


@dataclass(frozen=True, slots=True)
class Term:
    kind: str  # "uri", "literal" or "bnode"
    value: str
    datatype: str | None = None
    lang: str | None = None

    def as_json(self) -> dict[str, str]:
        out = {"type": self.kind, "value": self.value}
        if self.datatype and self.datatype != XSD.string:
            out["datatype"] = self.datatype
        if self.lang:
            out["xml:lang"] = self.lang
        return out

    def short(self) -> str:
        if self.kind == "uri":
            for prefix, base in (("kgd:", DATA), ("kg:", ONTOLOGY)):
                if self.value.startswith(base):
                    return prefix + self.value[len(base) :]
        return self.value


@dataclass
class Results:
    """What a query returns: the rows of a SELECT, the answer of an ASK (``boolean``), or the
    triples of a CONSTRUCT or DESCRIBE (``triples``, as N-Triples)."""

    variables: list[str]
    rows: list[dict[str, Term]] = field(default_factory=list)
    boolean: bool | None = None
    triples: bytes | None = None

    def values(self, var: str) -> list[str]:
        return [r[var].value for r in self.rows if var in r]

    def to_json(self) -> str:
        """The SPARQL 1.1 Query Results JSON format (JSON-LD for triples)."""
        if self.boolean is not None:
            return json.dumps({"head": {}, "boolean": self.boolean})
        if self.triples is not None:
            return self._graph(RdfFormat.JSON_LD)
        return json.dumps({"head": {"vars": self.variables},
                           "results": {"bindings": [{k: v.as_json() for k, v in row.items()} for row in self.rows]}},
                          ensure_ascii=False, indent=1)

    def to_csv(self) -> str:
        """The SPARQL 1.1 Query Results CSV format (values only; N-Triples for triples)."""
        if self.boolean is not None:
            return f"{str(self.boolean).lower()}\r\n"
        if self.triples is not None:
            return self.triples.decode("utf-8")
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(self.variables)
        for row in self.rows:
            writer.writerow([row[v].value if v in row else "" for v in self.variables])
        return buf.getvalue()

    def to_table(self, width: int = 60, given: dict[str, Term] | None = None) -> str:
        """A text table. The parameters ``given`` are the same on every row: they are named once
        above the table instead of filling a column."""
        if self.boolean is not None:
            return str(self.boolean).lower()
        if self.triples is not None:
            return self._graph(RdfFormat.TURTLE).rstrip()
        given = given or {}
        shown = [v for v in self.variables if v not in given]
        cells = [[(row[v].short() if v in row else "").replace("\n", " ") for v in shown] for row in self.rows]
        out = [f"{k} = {t.short()}" for k, t in given.items() if k in self.variables]
        return "\n".join([*out, text_table(shown, cells, width)])


    def _graph(self, fmt: RdfFormat) -> str:
        from kg.build.store import PREFIXES

        triples = parse(self.triples or b"", RdfFormat.N_TRIPLES)
        return (serialize(triples, format=fmt, prefixes=PREFIXES) or b"").decode("utf-8")


def text_table(header: list[str], cells: list[list[str]], width: int = 60, noun: str = "row") -> str:
    """Rows of text as aligned columns under a header (tabulate's "simple" table), cells longer than
    ``width`` cut, and the count of rows last ("(4 rows)")."""
    cells = [[c if len(c) <= width else c[: width - 1] + "…" for c in r] for r in cells]
    table = tabulate.tabulate(cells, headers=header, tablefmt="simple", disable_numparse=True)
    lines = [line.rstrip() for line in table.splitlines()]
    return "\n".join([*lines, f"({len(cells)} {noun}{'s' if len(cells) != 1 else ''})"])


def term_of(t: object) -> Term:
    """An Oxigraph term as a Term."""
    kind = type(t)
    if kind is NamedNode:
        return Term("uri", t.value)  # type: ignore[attr-defined]
    if kind is Literal:
        return Term("literal", t.value, t.datatype.value, t.language)  # type: ignore[attr-defined]
    return Term("bnode", getattr(t, "value", str(t)))


def oxigraph_term(t: Term) -> NamedNode | Literal:
    if t.kind == "uri":
        return NamedNode(t.value)
    if t.lang:
        return Literal(t.value, language=t.lang)
    return Literal(t.value, datatype=NamedNode(t.datatype)) if t.datatype else Literal(t.value)


# --------------------------------------------------------------------------------------------
# Named queries


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    kind: str  # "document", "text", "iri", "date", "integer"
    optional: bool
    help: str


@dataclass(frozen=True, slots=True)
class Query:
    name: str
    text: str
    description: str
    params: tuple[Param, ...]
    path: str | None = None


_PARAM = re.compile(r"#\s*param\s+(?P<name>\w+)\s*:\s*(?P<kind>\w+)(?P<optional>,\s*optional)?"
                    r"\s*(?:[—-]\s*(?P<help>.*))?")
_UPDATE = re.compile(r"^\s*(?:(?:PREFIX|BASE)\s+[^\n]*\n\s*|#[^\n]*\n\s*)*"
                     r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)


def parse_query(text: str, name: str = "<text>", path: str | None = None) -> Query:
    """A query and what its leading comments say: the first line describes it, "# param" lines
    declare its parameters."""
    description = ""
    params = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = _PARAM.match(line)
        if m:
            params.append(Param(m.group("name"), m.group("kind"), bool(m.group("optional")),
                                (m.group("help") or "").strip()))
        elif not description:
            description = line.lstrip("# ").strip()
    return Query(name, text, description, tuple(params), path)


def queries_dir() -> Path:
    return resource_dir("queries")


def named_queries() -> list[Query]:
    return [parse_query(p.read_text(encoding="utf-8"), p.stem, str(p)) for p in sorted(queries_dir().glob("*.rq"))]


def internal_query(name: str) -> Query:
    p = queries_dir() / "internal" / f"{name}.rq"
    return parse_query(p.read_text(encoding="utf-8"), name, str(p))


def load_query(spec: str) -> Query:
    """QUERY as the user gives it: a name from queries/, a .rq file, or SPARQL text."""
    named = queries_dir() / f"{spec}.rq"
    if re.fullmatch(r"[\w-]+", spec) and named.exists():
        return parse_query(named.read_text(encoding="utf-8"), spec, str(named))
    if spec.endswith(".rq") or (len(spec) < 300 and "\n" not in spec and Path(spec).is_file()):
        path = Path(spec)
        try:
            return parse_query(path.read_text(encoding="utf-8"), path.stem, str(path))
        except OSError as e:
            raise QueryError(f"cannot read {spec}: {e.strerror or e}") from e
    if re.search(r"\b(?:SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE)\b", spec, re.IGNORECASE):
        return parse_query(spec)
    names = ", ".join(q.name for q in named_queries())
    raise QueryError(f"no query named {spec!r} (named queries: {names})")


def is_update(text: str) -> bool:
    return bool(_UPDATE.match(text))


# Whatever may hold the word SERVICE without it being the keyword: strings, IRIs and comments.
_NOT_CODE = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
                       r'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE(?![\w:-])", re.IGNORECASE)


def uses_service(query: str) -> bool:
    """Whether a query holds a SERVICE clause (the keyword outside strings, IRIs and comments)."""
    return bool(_SERVICE.search(_NOT_CODE.sub(" ", query)))


def refuse_service(query: str) -> None:
    """A federated query (SERVICE) sends requests to whatever address it names: kg runs one only
    when asked to (kg query --allow-service), and kg serve never does."""
    if uses_service(query):
        raise QueryError("the query uses SERVICE, which sends requests to the address it names: kg query runs it "
                         "only with --allow-service")


# --------------------------------------------------------------------------------------------
# Running queries


class Endpoint:
    """Where queries run: the embedded store here; a remote SPARQL store elsewhere (kg.remote)."""

    def select(self, query: Query, bindings: dict[str, Term]) -> Results:  # pragma: no cover - interface
        raise NotImplementedError

    def values(self, query: Query, bindings: dict[str, Term], columns: tuple[str, ...]) -> list[tuple[str | None, ...]]:
        """The plain values of some columns of each row (None where unbound): for the queries that
        read ten thousand rows and need only the text of their values."""
        return [tuple(row[c].value if c in row else None for c in columns) for row in self.select(query, bindings).rows]


class LocalEndpoint(Endpoint):
    """The embedded store. ``allow_service``: run a query with SERVICE (see refuse_service)."""

    def __init__(self, store: Store, allow_service: bool = False) -> None:
        self.store = store
        self.allow_service = allow_service

    def _run(self, query: Query, bindings: dict[str, Term]) -> QuerySolutions | QueryBoolean | QueryTriples:
        if not self.allow_service:
            refuse_service(query.text)
        subs: dict[Variable, NamedNode | BlankNode | Literal | Triple] = {
            Variable(k): oxigraph_term(v) for k, v in bindings.items()}
        try:
            return self.store.query(query.text, substitutions=subs)
        except SyntaxError as e:
            raise QueryError(f"the query {query.name} is not valid SPARQL: {e}") from e
        except OSError as e:
            raise QueryError(f"the store could not run {query.name}: {e}") from e

    def select(self, query: Query, bindings: dict[str, Term]) -> Results:
        solutions = self._run(query, bindings)
        try:  # the answer is computed while it is read: a SERVICE that fails, fails here
            if isinstance(solutions, QueryBoolean):
                return Results([], boolean=bool(solutions))
            if isinstance(solutions, QueryTriples):
                return Results([], triples=solutions.serialize(format=RdfFormat.N_TRIPLES))
            variables = [v.value for v in solutions.variables]
            indexed = list(enumerate(variables))
            rows = []
            for s in solutions:
                row = {}
                for i, v in indexed:
                    t = s[i]
                    if t is not None:
                        row[v] = term_of(t)
                rows.append(row)
        except OSError as e:
            raise QueryError(f"the store could not run {query.name}: {e}") from e
        return Results(variables, rows)

    def values(self, query: Query, bindings: dict[str, Term], columns: tuple[str, ...]) -> list[tuple[str | None, ...]]:
        solutions = self._run(query, bindings)
        if not isinstance(solutions, QuerySolutions):
            raise QueryError(f"{query.name} is not a SELECT query")
        try:
            return [tuple(None if (t := s[c]) is None else t.value for c in columns) for s in solutions]
        except OSError as e:
            raise QueryError(f"the store could not run {query.name}: {e}") from e


def bind_params(endpoint: Endpoint, query: Query, given: dict[str, str]) -> dict[str, Term]:
    """The user's NAME=VALUE pairs as terms, checked against what the query declares."""
    declared = {p.name: p for p in query.params}
    unknown = set(given) - set(declared)
    if unknown and declared:
        raise QueryError(f"{query.name} has no parameter {', '.join(sorted(unknown))} "
                         f"(it takes: {', '.join(declared) or 'none'})")
    missing = [p.name for p in query.params if not p.optional and p.name not in given]
    if missing:
        raise QueryError(f"{query.name} needs --param {missing[0]}=VALUE ({declared[missing[0]].help})")
    out = {}
    for name, value in given.items():
        kind = declared[name].kind if name in declared else "text"
        if kind == "document":
            out[name] = Term("uri", resolve_document(endpoint, value))
        elif kind == "iri":
            out[name] = Term("uri", checked_iri(value.strip("<>"), f"--param {name}"))
        elif kind == "date":
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise QueryError(f"--param {name} must be a date like 2024-03-30, not {value!r}")
            out[name] = Term("literal", value, XSD.date)
        elif kind == "integer":
            if not re.fullmatch(r"-?\d+", value):
                raise QueryError(f"--param {name} must be a whole number, not {value!r}")
            out[name] = Term("literal", value, XSD.integer)
        else:
            out[name] = Term("literal", value)
    return out


# --------------------------------------------------------------------------------------------
# Finding a document from what a person types


def resolve_document(endpoint: Endpoint, typed: str) -> str:
    """The IRI of the one document ``typed`` names: "29-NQ/TW", "Nghị quyết 29", "3380/QĐ-UBND",
    "Kế hoạch 1733/KH-SGDĐT", "KH 1733", a file name of the corpus, or an IRI."""
    found = find_documents(endpoint, typed)
    if not found:
        raise DocumentNotFound(f"no document in the graph matches {typed!r}")
    if len(found) > 1:
        lines = [f"{typed!r} could be {len(found)} documents; say which:"]
        lines += [f"  {describe_briefly(endpoint, iri)}" for iri in found[:20]]
        raise AmbiguousDocument("\n".join(lines))
    return found[0]


def checked_iri(value: str, what: str) -> str:
    """``value`` if it is an IRI, else a QueryError that says why."""
    try:
        NamedNode(value)
    except ValueError as e:
        raise QueryError(f"{what}: {value!r} is not an IRI ({e})") from e
    return value


def find_documents(endpoint: Endpoint, typed: str, by_title: Callable[[str], list[str]] | None = None) -> list[str]:
    """The documents what a person typed names. ``by_title``: documents whose title holds words,
    from an index (kg serve's); without one the titles are read from the graph."""
    typed = " ".join(typed.split())
    if re.match(r"https?://", typed.strip("<>")):
        return [checked_iri(typed.strip("<>"), "the document")]

    def run(name: str, **bindings: Term) -> list[str]:
        return list(dict.fromkeys(endpoint.select(internal_query(name), bindings).values("document")))

    if re.search(r"\.(txt|md|docx|pdf|html?)$", typed, re.IGNORECASE) or ("/" not in typed and "." in typed):
        found = run("by_file", file=Term("literal", Path(typed).name))
        if found:
            return found
    from kg.extract.symbols import find_identifiers  # the extractor's own reading of numbers and symbols
    from kg.read.normalize import NormalizedText

    text = NormalizedText(typed).text
    idents = find_identifiers(text)
    if idents:
        return run("by_identifier", identifier=Term("literal", idents[0].identifier))
    found = run("by_alias", alias=Term("literal", typed))
    if found:
        return found
    m = re.fullmatch(r"(?P<word>[^\d]+?)\s*(?:số\s*)?(?P<number>\d{1,5})", text, re.IGNORECASE)
    if m:
        doc_type = _type_of_word(m.group("word"))
        if doc_type:
            found = run("by_number", number=Term("literal", m.group("number")), type=Term("uri", TYPE_CLASS[doc_type]))
            if found:
                return found
    if len(typed) < 4:
        return []
    return by_title(typed) if by_title is not None else run("by_title", words=Term("literal", typed))


def _type_of_word(word: str) -> str | None:
    from kg.extract.tables import doc_types
    from kg.read.normalize import fold

    return doc_types().of_short_form(fold(word).strip(" .:"))


def describe_briefly(endpoint: Endpoint, iri: str) -> str:
    rows = endpoint.select(internal_query("describe"), {"d": Term("uri", iri)}).rows
    if not rows:
        return iri
    r = rows[0]
    bits = [r[k].value for k in ("identifier", "issuer", "date") if k in r]
    if "title" in r and "identifier" not in r:
        bits.insert(0, r["title"].value[:80])
    return f"{', '.join(bits)}  <{iri}>"


def all_rows(results: Iterable[Results]) -> list[dict[str, Term]]:
    return [row for r in results for row in r.rows]
