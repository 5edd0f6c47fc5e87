"""``kg serve``: the graph in a browser (pages from Jinja templates, each also as JSON) and over the
SPARQL 1.1 Protocol at ``/sparql``; read-only, offline. Starlette routes, run by uvicorn; the store
is read by worker processes with a time limit per job (kg.serve.workers): one pool for pages, one
for users' SPARQL, so that pages never queue behind queries. Pages are kept per build
(kg.serve.cache) and searches read the build's index (kg.serve.index)."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from kg.build.store import current_build, open_store
from kg.graph.vocab import DATA
from kg.serve import protocol
from kg.serve.cache import DEFAULT_BYTES, CachedPage, PageCache, PageKey
from kg.serve.workers import JobFailed, JobTimeout, Pool
from kg.sparql.remote import ENGINE_HEADER, LATERAL_ENGINE
from kg.viz.page import RELATION_STYLES, TYPE_COLORS

HERE = Path(__file__).resolve().parent
VIS = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
#: Files the pages load, all from this server: vis-network as pyvis bundles it, and our own.
STATIC = {"vis-network.min.js": VIS / "vis-network.min.js", "vis-network.css": VIS / "vis-network.css",
          "kg.css": HERE / "static" / "kg.css", "diagram.js": HERE / "static" / "diagram.js"}
#: Every page may load only what this server serves: no request leaves it, even from a title that
#: would hold markup (which the templates escape anyway).
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
#: The status of each error a job may raise.
STATUS = {"NotFound": 404, "DocumentNotFound": 404, "AmbiguousDocument": 400, "QueryError": 400, "StoreError": 503,
          "CoverageError": 400, "Bug": 500}
#: How much lower the query workers' priority is than the pages' (os.nice).
QUERY_NICENESS = 10
#: Seconds the search index of a build may take to make (100,000 documents: 5 s).
INDEX_TIMEOUT = 900.0


def templates() -> Environment:
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(relations=RELATION_STYLES, type_colors=TYPE_COLORS)
    env.filters["script_json"] = script_json
    return env


def script_json(data: Any) -> str:
    """JSON to put inside <script type="application/json">: nothing in it can close the element."""
    from markupsafe import Markup

    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                  .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def wants_json(request: Request) -> bool:
    if request.url.path.endswith(".json") or request.query_params.get("format") == "json":
        return True
    for t in protocol.accepted(request.headers.get("accept")):
        if t in ("application/json", "application/ld+json"):
            return True
        if t in ("text/html", "application/xhtml+xml"):
            return False
    return False


class Server:
    """The application and what it holds: the worker pools, the pages kept, and the templates."""

    def __init__(self, store_dir: str | Path, workers: int = 2, query_timeout: float = 10.0,
                 page_workers: int = 2, cache_bytes: int = DEFAULT_BYTES) -> None:
        self.store_dir = str(store_dir)
        open_store(self.store_dir)  # a missing or unreadable store is one clear error before serving
        self.pool = Pool(self.store_dir, size=page_workers, timeout=query_timeout)
        self.queries = Pool(self.store_dir, size=workers, timeout=query_timeout, niceness=QUERY_NICENESS)
        self.cache = PageCache(cache_bytes)
        self.indexed: str | None = None  # the build whose search index is made or being made
        self._indexing: asyncio.Task[None] | None = None
        self.env = templates()
        self.app = Starlette(routes=[
            Route("/", self.home), Route("/index.json", self.home),
            Route("/search", self.search), Route("/search.json", self.search),
            Route("/lineage", self.lineage), Route("/lineage.json", self.lineage),
            Route("/sparql", self.sparql, methods=["GET", "POST"]),
            Route("/query", self.query_page, methods=["GET", "POST"]),
            Route("/static/{name}", self.static),
            Route("/id/{rest:path}", self.resource),
        ], lifespan=self.lifespan, exception_handlers={404: self.not_found, 405: self.not_allowed})

    @asynccontextmanager
    async def lifespan(self, _app: Starlette) -> AsyncIterator[None]:
        await self.pool.start()
        await self.queries.start()
        self.notice_build(self.pool.build)
        try:
            yield
        finally:
            if self._indexing is not None:
                self._indexing.cancel()
            await self.pool.close()
            await self.queries.close()

    def notice_build(self, build: str | None) -> None:
        """Make the search index of a build the server sees for the first time, in a page worker
        (searches read the graph itself until it is there)."""
        if build is None or build == self.indexed:
            return
        self.indexed = build

        async def make() -> None:
            # a store the server may not write into, or a graph too large: searches read the graph
            with contextlib.suppress(JobTimeout, JobFailed):
                await self.pool.run("index", timeout=INDEX_TIMEOUT)

        self._indexing = asyncio.create_task(make())

    # -- rendering
    def page(self, request: Request, template: str, data: Any, status: int = 200, **extra: Any) -> Response:
        if wants_json(request):
            return JSONResponse(data, status_code=status, headers={"Vary": "Accept"})
        html = self.env.get_template(template).render(data=data, build=self.pool.build, request_path=request.url.path,
                                                      **extra)
        return HTMLResponse(html, status_code=status, headers={"Content-Security-Policy": CSP, "Vary": "Accept"})

    def error(self, request: Request, status: int, message: str) -> Response:
        if wants_json(request) or request.url.path == "/sparql":
            if request.url.path == "/sparql" and not wants_json(request):
                return Response(f"Error: {message}\n", status_code=status, media_type="text/plain; charset=utf-8")
            return JSONResponse({"error": message, "status": status}, status_code=status)
        return self.page(request, "error.html", {"error": message, "status": status}, status=status)

    async def job(self, request: Request, job: str, **kwargs: Any) -> Any:
        """A page's job, in the pages' pool."""
        result = await self.pool.run(job, **kwargs)
        self.notice_build(self.pool.build)
        return result

    async def query_job(self, request: Request, job: str, **kwargs: Any) -> Any:
        """A user's query, in the queries' pool."""
        return await self.queries.run(job, **kwargs)

    async def cached(self, request: Request, make: Callable[[], Awaitable[Response]],
                     asked: tuple[tuple[str, str], ...] | None = None) -> Response:
        """A page answered once per build: the same request again is answered from memory.
        ``asked``: what the request asks, when its query string does not say it all (a POST)."""
        build = current_build(self.store_dir)
        key = PageKey(build or "", request.url.path,
                      asked if asked is not None else tuple(sorted(request.query_params.multi_items())),
                      wants_json(request))
        page = self.cache.get(key) if build else None
        if page is not None:
            return Response(page.body, status_code=page.status, headers={**dict(page.headers), "X-KG-Cache": "hit"})
        response = await self.guarded(request, make)
        if build and response.status_code in (200, 303) and isinstance(response.body, bytes):
            headers = tuple((k, v) for k, v in response.headers.items() if k.lower() != "content-length")
            self.cache.put(key, CachedPage(response.status_code, response.body, headers))
        response.headers["X-KG-Cache"] = "miss"
        return response

    async def guarded(self, request: Request, make: Any) -> Response:
        """Run ``make`` and turn a job's failure into a page with the right status."""
        try:
            return await make()
        except JobTimeout as e:
            return self.error(request, 503, f"the request was {e}")
        except JobFailed as e:
            return self.error(request, STATUS.get(e.kind, 400), str(e))
        except protocol.ProtocolError as e:
            return self.error(request, e.status, str(e))

    # -- pages
    async def home(self, request: Request) -> Response:
        async def make() -> Response:
            return self.page(request, "home.html", await self.job(request, "home"))
        return await self.cached(request, make)

    async def search(self, request: Request) -> Response:
        q = request.query_params.get("q", "").strip()[:300]

        async def make() -> Response:
            found = await self.job(request, "search", q=q)
            only = found["documents"] + found["agencies"]
            if not wants_json(request) and len(only) == 1 and only[0]["path"]:
                return RedirectResponse(only[0]["path"], status_code=303)
            return self.page(request, "search.html", found)
        return await self.cached(request, make)

    async def resource(self, request: Request) -> Response:
        rest = request.path_params["rest"]
        if rest.endswith(".json"):
            rest = rest[: -len(".json")]
        iri = DATA + rest
        level = request.query_params.get("level", "province")

        async def make() -> Response:
            found = await self.job(request, "resource", iri=iri, level=level)
            return self.page(request, f"{found['kind']}.html", found["data"], level=level)
        return await self.cached(request, make)

    async def lineage(self, request: Request) -> Response:
        """The lineage of CONTRACT.md as JSON: /lineage?doc=29-NQ/TW&direction=down."""
        doc = request.query_params.get("doc", "")
        direction = request.query_params.get("direction", "down")

        async def make() -> Response:
            found = await self.job(request, "search", q=doc)
            iri = doc if doc.startswith(DATA) else (found["documents"][0]["iri"] if len(found["documents"]) == 1
                                                      else None)
            if iri is None:
                return JSONResponse({"error": found.get("note") or f"{doc!r} names "
                                     f"{len(found['documents'])} documents, not one",
                                     "candidates": [d["iri"] for d in found["documents"]]}, status_code=404)
            body = await self.job(request, "lineage", iri=iri, direction=direction)
            return Response(body, media_type="application/json")
        return await self.cached(request, make)

    async def static(self, request: Request) -> Response:
        path = STATIC.get(request.path_params["name"])  # a fixed list: never a path from the URL
        if path is None:
            return self.error(request, 404, "no such file")
        return FileResponse(path, headers={"Cache-Control": "max-age=3600"})

    async def not_found(self, request: Request, _exc: Exception) -> Response:
        return self.error(request, 404, f"nothing at {request.url.path}")

    async def not_allowed(self, request: Request, _exc: Exception) -> Response:
        return self.error(request, 405, f"{request.method} is not allowed at {request.url.path} (read-only)")

    # -- SPARQL
    async def sparql(self, request: Request) -> Response:
        """The SPARQL 1.1 Protocol. The answer to a query is kept like a page: the same query, in the
        same format, on the same build, is answered again from memory."""
        try:
            req = await self.read_sparql(request)
        except protocol.ProtocolError as e:
            return self.error(request, e.status, str(e))
        if req is None:  # a person opening /sparql in a browser: the query page
            return RedirectResponse("/query", status_code=303)

        async def make() -> Response:
            kind, body = await self.query_job(request, "sparql", query=req.query,
                                        result_format=req.result_format, graph_format=req.graph_format,
                                        default_graphs=req.default_graphs, named_graphs=req.named_graphs)
            media = (protocol.GRAPH_TYPES[req.graph_format] if kind == "graph"
                     else protocol.RESULT_TYPES[req.result_format])
            # says the store runs Oxigraph's LATERAL: kg query --endpoint then keeps it (kg.sparql.remote)
            return Response(body, media_type=media, headers={ENGINE_HEADER: LATERAL_ENGINE})
        asked = (("query", req.query), ("results", req.result_format), ("graph", req.graph_format),
                 *(("default-graph-uri", g) for g in req.default_graphs),
                 *(("named-graph-uri", g) for g in req.named_graphs))
        return await self.cached(request, make, asked)

    async def read_sparql(self, request: Request) -> protocol.SparqlRequest | None:
        params = request.query_params
        query = params.get("query")
        update = params.get("update")
        defaults = params.getlist("default-graph-uri")
        named = params.getlist("named-graph-uri")
        if request.method == "POST":
            ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if ctype == "application/sparql-update":
                raise protocol.ProtocolError("this endpoint is read-only: SPARQL Update is refused", 403)
            if ctype == "application/sparql-query":
                query = (await request.body()).decode("utf-8", errors="replace")
            elif ctype == "application/x-www-form-urlencoded":
                form = await read_form(request)
                query = form.get("query", [query])[0]
                update = form.get("update", [update])[0]
                defaults += form.get("default-graph-uri", [])
                named += form.get("named-graph-uri", [])
            else:
                raise protocol.ProtocolError(f"a POST to /sparql is application/sparql-query or a form, not "
                                             f"{ctype or 'untyped'}", 415)
        if update is not None:
            raise protocol.ProtocolError("this endpoint is read-only: SPARQL Update is refused", 403)
        if query is None:
            if request.method == "GET" and not wants_json(request) and "text/html" in (request.headers.get("accept")
                                                                                        or ""):
                return None
            raise protocol.ProtocolError("no query: give it as ?query=...")
        protocol.check(query)
        result, graph = protocol.formats(request.headers.get("accept"), params.get("format") or params.get("output"))
        return protocol.SparqlRequest(query, result, graph, tuple(defaults), tuple(named))

    async def query_page(self, request: Request) -> Response:
        """The query page: the named queries as examples, a query's rows as a table."""
        if request.method == "POST":
            form = {k: v[0] for k, v in (await read_form(request)).items()}
        else:
            form = dict(request.query_params)

        async def make() -> Response:
            examples = await self.job(request, "examples")
            name = form.get("name") or None
            text = form.get("query")
            params = {k[len("param_"):]: v for k, v in form.items() if k.startswith("param_")}
            result = None
            chosen = next((e for e in examples if e["name"] == name), None)
            needs = [p["name"] for p in chosen["params"] if not p["optional"]] if chosen else []
            ready = all(params.get(n) for n in needs)
            if chosen is not None and (not text or text.strip() == chosen["text"].strip()):
                if ready:
                    result = await self.query_job(request, "sparql_table", name=name, params=params)
            elif text:
                protocol.check(text)
                result = await self.query_job(request, "sparql_table", query=text)
            data = {"examples": examples, "name": name, "params": params,
                    "query": text or (chosen["text"] if chosen else examples[0]["text"] if examples else ""),
                    "result": result}
            return self.page(request, "query.html", data)
        return await self.guarded(request, make)


async def read_form(request: Request) -> dict[str, list[str]]:
    """A form POST (application/x-www-form-urlencoded), the fields and their values."""
    from urllib.parse import parse_qs

    body = await request.body()
    return parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)


def create_app(store_dir: str | Path, workers: int = 2, query_timeout: float = 10.0, page_workers: int = 2,
               cache_bytes: int = DEFAULT_BYTES) -> Starlette:
    return Server(store_dir, workers, query_timeout, page_workers, cache_bytes).app


def serve(store_dir: str | Path, host: str = "127.0.0.1", port: int = 8000, workers: int = 2,
          query_timeout: float = 10.0, log: bool = True, page_workers: int = 2,
          cache_bytes: int = DEFAULT_BYTES) -> None:
    """Serve until interrupted."""
    import uvicorn

    app = create_app(store_dir, workers, query_timeout, page_workers, cache_bytes)
    uvicorn.run(app, host=host, port=port, log_level="info" if log else "warning", access_log=log,
                server_header=False, timeout_graceful_shutdown=3)

