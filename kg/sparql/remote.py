"""Any SPARQL 1.1 store: push the built graph to it, and run the named queries and lineage there.

Push uses the SPARQL 1.1 Update protocol: ``INSERT DATA`` requests of at most BATCH triples, each
naming its graphs, over plain HTTP (measured by bench/push_speed.py --methods on Virtuoso: 28,000
triples/s, against 9,300 through SPARQLWrapper, which the queries go through), and, when a Graph
Store Protocol endpoint is given, that protocol for the large merged view (98,000 triples/s; the
source graphs, thousands of small ones, stay with Update, several to a request). The merged view
(the embedded store's default graph) goes into one named graph, MERGED_GRAPH unless --graph says
otherwise, and every query sent to the store names it as its default graph (the protocol's
``default-graph-uri``); each source file's graph keeps its own IRI. Inserting a triple twice leaves
one triple, so pushing a build again changes nothing, and a push that stopped half way is completed
by running it again (it resumes after the last batch the store acknowledged).

Credentials come from the environment: KG_SPARQL_USER and KG_SPARQL_PASSWORD (HTTP digest or
basic, as the server asks); credentials written into the URL (http://user:password@host/...) are
taken out of it and used the same way. They are never printed, logged or put in an error message,
wherever they came from: the URL is shown without them, and what a server answers is shown with
them (and any Authorization header it echoes) blotted out.

Queries are the same .rq files as on the embedded store, rewritten for a store that has neither
Oxigraph's substitutions nor LATERAL: each bound parameter is written into the query as the RDF term
it is (an IRI checked by Oxigraph, a literal with its quotes escaped: never the raw text the user
typed), and a LATERAL group is inlined into the group around it (the same answers; only the
evaluation order differs).
"""

from __future__ import annotations

import ast
import base64
import hashlib
import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import DefaultGraph
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException, Unauthorized

from kg.errors import KgError
from kg.files import write_text
from kg.graph.vocab import DATA
from kg.sparql.query import Endpoint, Query, Results, Term, oxigraph_term, refuse_service

#: Where the merged view goes in a remote store, unless --graph names another graph.
MERGED_GRAPH = f"{DATA}graph/merged"
#: Triples per INSERT DATA request (Virtuoso refuses a request of more than 10,000 lines).
BATCH = 1000
#: Triples per Graph Store Protocol request (Virtuoso hung on one request of 620,000; 100,000 load well).
GRAPH_STORE_CHUNK = 100_000
USER_VARIABLE, PASSWORD_VARIABLE = "KG_SPARQL_USER", "KG_SPARQL_PASSWORD"


class RemoteError(KgError):
    """The remote store cannot be reached, refuses us, or fails."""


# --------------------------------------------------------------------------------------------
# HTTP


class Http:
    """POST to a SPARQL endpoint, with the credentials of the environment (or of the URL) when
    there are some; none of them is ever part of a message."""

    def __init__(self, url: str, timeout: float = 120.0) -> None:
        try:
            parts = urllib.parse.urlsplit(url)
            host = parts.hostname or ""
            port = parts.port
        except ValueError:
            parts, host, port = None, "", None
        if parts is None or parts.scheme not in ("http", "https") or not host:
            raise RemoteError(f"{_without_userinfo(url)!r} is not an http(s) URL of a SPARQL endpoint")
        netloc = (f"[{host}]" if ":" in host else host) + (f":{port}" if port else "")
        self.url = urllib.parse.urlunsplit(parts._replace(netloc=netloc))  # what is sent to and shown
        self.timeout = timeout
        user = os.environ.get(USER_VARIABLE) or urllib.parse.unquote(parts.username or "")
        password = os.environ.get(PASSWORD_VARIABLE) or urllib.parse.unquote(parts.password or "")
        self.secrets = _secrets(user, password, parts.username, parts.password)
        self.credentials = (user, password) if user and password else None
        handlers: list[urllib.request.BaseHandler] = []
        if user and password:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, self.url, user, password)
            handlers += [urllib.request.HTTPDigestAuthHandler(passwords),
                         urllib.request.HTTPBasicAuthHandler(passwords)]
        self.opener = urllib.request.build_opener(*handlers)
        self.user_given = bool(user)

    def error(self, message: str) -> RemoteError:
        """A RemoteError whose message holds none of the credentials."""
        return RemoteError(redact(message, self.secrets))

    def post(self, form: dict[str, str | list[str]], accept: str) -> bytes:
        body = urllib.parse.urlencode(form, doseq=True).encode("utf-8")
        return self.send(self.url, body, "application/x-www-form-urlencoded; charset=utf-8", accept)

    def post_triples(self, graph: str, ntriples: bytes) -> bytes:
        """The Graph Store HTTP Protocol: add N-Triples to a graph (POST merges, so twice is once)."""
        url = f"{self.url}{'&' if '?' in self.url else '?'}graph={urllib.parse.quote(graph, safe='')}"
        return self.send(url, ntriples, "application/n-triples", "*/*")

    def send(self, url: str, body: bytes, content_type: str, accept: str) -> bytes:
        request = urllib.request.Request(url, data=body, method="POST", headers={
            "Content-Type": content_type, "Accept": accept})
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as e:
            detail = _first_line(e.read())
            if e.code in (401, 403):
                who = "with the credentials given" if self.user_given else \
                    f"without credentials (set {USER_VARIABLE} and {PASSWORD_VARIABLE})"
                raise self.error(f"{self.url} refused the request {who}: HTTP {e.code}") from e
            raise self.error(f"{self.url} answered HTTP {e.code}: {detail}") from e
        except (urllib.error.URLError, ConnectionError, TimeoutError, ValueError) as e:
            reason = getattr(e, "reason", e)
            raise self.error(f"cannot reach {self.url}: {reason}") from e


#: The HTTP status each of SPARQLWrapper's exceptions stands for.
_STATUS = {"QueryBadFormed": 400, "Unauthorized": 401, "EndPointNotFound": 404, "URITooLong": 414,
           "EndPointInternalError": 500}


def _answer_of(e: Exception) -> tuple[int | str, bytes]:
    """The HTTP status and body of the answer a SPARQLWrapper exception reports (it keeps the
    body only in its message, as the repr of bytes after "Response:")."""
    _, _, shown = str(e).partition("Response:\n")
    try:
        body = ast.literal_eval(shown) if shown else b""
    except (ValueError, SyntaxError):
        body = shown.encode()
    return _STATUS.get(type(e).__name__, type(e).__name__), body if isinstance(body, bytes) else str(body).encode()


def _first_line(body: bytes) -> str:
    text = body.decode("utf-8", errors="replace").strip()
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line[:300]


def _without_userinfo(url: str) -> str:
    return re.sub(r"(?<=//)[^/@]*@", "", url, count=1)


def _secrets(user: str, password: str, *raw: str | None) -> list[str]:
    """What of the credentials could show in a server's answer: the password as given and as sent
    (in a URL, or base64 with the user name for basic authentication)."""
    out = [password, *(r for r in raw if r and r != user and r != urllib.parse.quote(user, safe=""))]
    if user and password:
        out.append(base64.b64encode(f"{user}:{password}".encode()).decode())
    return sorted({s for s in out if s and len(s) >= 3}, key=len, reverse=True)


#: An Authorization header (or its value) that a server echoes back.
_AUTHORIZATION = re.compile(r"(?i)(authorization\s*[:=]\s*)(?:basic|digest|bearer)?[^\n\r]*|"
                            r"\b(basic|bearer)\s+[A-Za-z0-9+/=._~-]{8,}|\b(digest)\s+\w+=[^\n\r]*")


def redact(text: str, secrets: list[str]) -> str:
    """``text`` with every credential and every Authorization value blotted out."""
    for secret in secrets:
        text = text.replace(secret, "***")
    return _AUTHORIZATION.sub(lambda m: m.group(1) + "***" if m.group(1) else (m.group(2) or m.group(3)) + " ***",
                              text)


# --------------------------------------------------------------------------------------------
# Queries


#: The header kg serve answers its /sparql requests with: the store behind it is Oxigraph, whose
#: LATERAL the named queries use (inlining it makes some of them many times slower).
ENGINE_HEADER = "X-KG-Engine"
LATERAL_ENGINE = "oxigraph"


class RemoteEndpoint(Endpoint):
    """A SPARQL 1.1 query endpoint holding a pushed graph, asked through SPARQLWrapper."""

    def __init__(self, url: str, graph: str | None = None, timeout: float = 300.0,
                 allow_service: bool = False) -> None:
        self.http = Http(url, timeout)  # the URL checked, without credentials, and the credentials
        self.graph = graph or os.environ.get("KG_GRAPH") or MERGED_GRAPH
        self.allow_service = allow_service
        self._lateral: bool | None = None  # whether the endpoint runs LATERAL: asked once

    def speaks_lateral(self) -> bool:
        """Whether the endpoint is a kg serve (it says so in a header), whose store runs LATERAL;
        asked once, with the smallest query. Any failure: no (the query itself reports it)."""
        if self._lateral is None:
            client = self._client("ASK {}")
            client.setReturnFormat(JSON)
            try:
                response = client.query().response
                self._lateral = (response.headers.get(ENGINE_HEADER) or "").strip().lower() == LATERAL_ENGINE
                response.read()
            except (SPARQLWrapperException, urllib.error.URLError, ConnectionError, TimeoutError, ValueError):
                self._lateral = False
        return self._lateral

    def _client(self, text: str) -> SPARQLWrapper:
        client = SPARQLWrapper(self.http.url)
        client.setMethod(POST)  # the named queries are long: a GET would make a very long URL
        client.setTimeout(int(self.http.timeout))
        client.addDefaultGraph(self.graph)
        # SPARQLWrapper sends through urllib's installed opener: ours answers a server that asks
        # for digest or for basic authentication (SPARQLWrapper alone takes one, chosen beforehand)
        urllib.request.install_opener(self.http.opener)
        client.setQuery(text)
        return client

    def _ask(self, client: SPARQLWrapper) -> bytes:
        """The raw answer; every failure is one RemoteError that names the endpoint (never the
        credentials, whatever the server echoes back)."""
        url = self.http.url
        try:
            return bytes(client.query().response.read())
        except Unauthorized as e:
            who = "with the credentials given" if self.http.user_given else \
                f"without credentials (set {USER_VARIABLE} and {PASSWORD_VARIABLE})"
            raise self.http.error(f"{url} refused the request {who}: HTTP 401") from e
        except SPARQLWrapperException as e:
            code, body = _answer_of(e)
            raise self.http.error(f"{url} answered HTTP {code}: {_first_line(body)}") from e
        except urllib.error.HTTPError as e:
            raise self.http.error(f"{url} answered HTTP {e.code}: {_first_line(e.read())}") from e
        except (urllib.error.URLError, ConnectionError, TimeoutError, ValueError) as e:
            raise self.http.error(f"cannot reach {url}: {getattr(e, 'reason', e)}") from e

    def select(self, query: Query, bindings: dict[str, Term]) -> Results:
        if not self.allow_service:
            refuse_service(query.text)
        text = for_remote(query.text, bindings, keep_lateral=self.speaks_lateral())
        client = self._client(text)
        if _query_form(text) in ("CONSTRUCT", "DESCRIBE"):
            client.addCustomHttpHeader("Accept", "application/n-triples")
            return Results([], triples=self._ask(client))
        client.setReturnFormat(JSON)
        raw = self._ask(client)
        try:
            data = json.loads(raw)
        except ValueError as e:
            raise self.http.error(f"{self.http.url} did not answer SPARQL JSON: {_first_line(raw)}") from e
        if "boolean" in data:
            return Results([], boolean=bool(data["boolean"]))
        variables = data["head"]["vars"]
        rows = [{v: _term(b[v]) for v in variables if v in b} for b in data["results"]["bindings"]]
        return Results(variables, rows)


def _term(b: dict) -> Term:
    kind = {"uri": "uri", "literal": "literal", "typed-literal": "literal", "bnode": "bnode"}[b["type"]]
    return Term(kind, b["value"], b.get("datatype"), b.get("xml:lang"))


def _query_form(text: str) -> str:
    for kind, value in _tokens(text):
        if kind == "word" and value.upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            return value.upper()
    return "SELECT"


_TOKEN = re.compile(r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
               |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\ufffd]+)
  | (?P<word>[A-Za-z_][A-Za-z0-9_\-]*(?::[A-Za-z0-9_\-.]*)?)
  | (?P<space>\s+)
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)


def _tokens(text: str) -> Iterator[tuple[str, str]]:
    for m in _TOKEN.finditer(text):
        yield m.lastgroup or "other", m.group()


def for_remote(text: str, bindings: dict[str, Term], keep_lateral: bool = False) -> str:
    """The query for a store without Oxigraph's substitutions or LATERAL: each bound variable
    written as its RDF term, each LATERAL group inlined (kept with ``keep_lateral``, for a store
    that runs it: kg serve's Oxigraph)."""
    terms = {name: str(oxigraph_term(t)) for name, t in bindings.items()}
    tokens = list(_tokens(text))
    out: list[str] = []
    drop_close: list[int] = []  # brace depths whose closing brace belongs to an inlined LATERAL
    depth = 0
    clause = None  # "select", "group", "order" while in that clause
    parens = 0
    outer = True  # the SELECT clause being read is the query's own, not a sub-select's
    k = 0
    while k < len(tokens):
        kind, value = tokens[k]
        upper = value.upper() if kind == "word" else ""
        if kind == "word" and upper == "LATERAL" and not keep_lateral:
            j = k + 1
            while j < len(tokens) and tokens[j][0] in ("space", "comment"):
                j += 1
            if j < len(tokens) and tokens[j][1] == "{":
                depth += 1
                drop_close.append(depth)
                k = j + 1
                continue
        if kind == "other" and value == "{":
            depth += 1
            clause = None
        elif kind == "other" and value == "}":
            if drop_close and drop_close[-1] == depth:
                drop_close.pop()
                depth -= 1
                k += 1
                continue
            depth -= 1
            clause = None
        elif kind == "other" and value == "(":
            parens += 1
        elif kind == "other" and value == ")":
            parens -= 1
        elif kind == "word":
            if upper == "SELECT":
                clause, parens, outer = "select", 0, depth == 0
            elif upper == "WHERE" or upper in ("HAVING", "LIMIT", "OFFSET", "VALUES"):
                clause = None
            elif upper == "BY" and out and _last_word(out) in ("GROUP", "ORDER"):
                clause, parens = _last_word(out).lower(), 0
        if kind == "var" and value[1:] in terms:
            term = terms[value[1:]]
            if clause == "select" and parens == 0:
                # the query's own projection names the value; a sub-select's leaves it out, or the
                # outer projection would bind a variable already bound (Oxigraph refuses that)
                value = f"({term} AS {value})" if outer else ""
            elif clause == "group" and parens == 0:
                value = ""  # the same on every row: no group of its own
            elif clause == "order" and parens == 0:
                value = f"({term})"
            else:
                value = term
        out.append(value)
        k += 1
    return "".join(out)


def _last_word(out: list[str]) -> str:
    for piece in reversed(out):
        if piece.strip():
            return piece.strip().upper()
    return ""


# --------------------------------------------------------------------------------------------
# Push


@dataclass(frozen=True, slots=True)
class PushSummary:
    quads: int
    batches: int
    skipped: int  # batches a previous, interrupted push had already loaded
    seconds: float
    graph: str

    def line(self) -> str:
        rate = self.quads / self.seconds if self.seconds else 0.0
        resumed = f", resumed after {self.skipped} batches loaded before" if self.skipped else ""
        return (f"pushed {self.quads} triples in {self.batches} requests ({rate:,.0f} triples/s){resumed}; "
                f"merged view in <{self.graph}>")


def push(store_dir: str, update_url: str, graph: str | None = None, replace: bool = False,
         progress: Callable[[int, int], None] | None = None, batch: int = BATCH,
         graph_store: str | None = None, chunk: int = GRAPH_STORE_CHUNK) -> PushSummary:
    """Load the store's current build into a SPARQL 1.1 Update endpoint; with ``graph_store``, the
    merged view goes through that Graph Store Protocol endpoint instead (measured 3.5 times faster
    on Virtuoso for one large graph; the source graphs, small and many, still go by Update)."""
    from kg.build.store import open_build

    graph = graph or MERGED_GRAPH
    build, store = open_build(store_dir)
    total = len(store)
    http = Http(update_url)
    gsp = Http(graph_store) if graph_store else None
    key = hashlib.sha256(f"{update_url} {graph} {graph_store} {batch} {chunk}".encode()).hexdigest()[:12]
    marker = build.with_name(f"{build.name}.push-{key}")
    done_before = 0 if replace else _read_marker(marker)
    if replace:
        _drop(http, graph)
    start = time.perf_counter()
    n = triples = 0
    for n, (kind, payload, count) in enumerate(_requests(store, graph, batch, gsp is not None, chunk), 1):
        triples += count
        if n <= done_before:
            continue
        if kind == "update":
            http.post({"update": payload.decode("utf-8")}, "*/*")
        else:
            assert gsp is not None
            gsp.post_triples(graph, payload)
        write_text(marker, json.dumps({"requests": n}), durable=False)
        if progress is not None:
            progress(triples, total)
    marker.unlink(missing_ok=True)
    return PushSummary(total, n, min(done_before, n), time.perf_counter() - start, graph)


def _read_marker(marker: Path) -> int:
    """How many requests of this push the store acknowledged before it stopped."""
    try:
        return int(json.loads(marker.read_text(encoding="utf-8")).get("requests", 0))
    except (OSError, ValueError, AttributeError):
        return 0


def _requests(store, graph: str, size: int, merged_by_graph_store: bool,  # type: ignore[no-untyped-def]
              chunk: int) -> Iterator[tuple[str, bytes, int]]:
    """The push as requests, always in the same order for one build: ("gsp", N-Triples, count) for
    the merged view when it goes by the Graph Store protocol, then ("update", INSERT DATA, count)
    of at most ``size`` triples, graph by graph."""
    if merged_by_graph_store:
        lines: list[str] = []
        for q in store.quads_for_pattern(None, None, None, DefaultGraph()):
            lines.append(f"{q.subject} {q.predicate} {q.object} .\n")
            if len(lines) == chunk:
                yield "gsp", "".join(lines).encode("utf-8"), len(lines)
                lines = []
        if lines:
            yield "gsp", "".join(lines).encode("utf-8"), len(lines)
    merged = f"<{graph}>"
    parts: list[str] = []
    current, count = None, 0
    for q in store.quads_for_pattern(None, None, None, None):
        default = isinstance(q.graph_name, DefaultGraph)
        if default and merged_by_graph_store:
            continue
        name = merged if default else str(q.graph_name)
        if name != current:
            if current is not None:
                parts.append("} ")
            parts.append(f"GRAPH {name} {{ ")
            current = name
        parts.append(f"{q.subject} {q.predicate} {q.object} .\n")
        count += 1
        if count == size:
            yield "update", ("INSERT DATA { " + "".join(parts) + "} }").encode("utf-8"), count
            parts, current, count = [], None, 0
    if count:
        yield "update", ("INSERT DATA { " + "".join(parts) + "} }").encode("utf-8"), count


def _drop(http: Http, graph: str) -> None:
    """Every graph of kg in the store, before a --replace push."""
    # The graphs are named by the data; listing them needs the query endpoint, which an update
    # endpoint may not be: DROP the merged graph and every source graph of the data's namespace.
    http.post({"update": f"DELETE {{ GRAPH ?g {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                         f"FILTER(?g = <{graph}> || STRSTARTS(STR(?g), \"{DATA}graph/\")) }}"}, "*/*")


def quad_count_query(graph: str) -> str:
    """How many triples of kg a store holds: the merged graph and every source graph."""
    return (f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
            f"FILTER(?g = <{graph}> || STRSTARTS(STR(?g), \"{DATA}graph/\")) }}")
