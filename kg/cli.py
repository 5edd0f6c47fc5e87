"""The ``kg`` command: a thin shell over the library. Errors become one ``Error: ...`` line."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any

import click

from kg import __version__
from kg.errors import KgError, ReadError
from kg.extract.serialize import to_dict, to_text
from kg.read import read_source, scan


def _fail(message: str, code: int = 2) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def reports_errors(f: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the library's narrow exceptions into one ``Error: ...`` line and exit code 2; so too an
    error of the system (a full disk, a file gone, no permission), which is no bug of kg. Anything
    else is a bug of kg: one line too, that says so (KG_DEBUG=1 shows the traceback)."""

    @wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return f(*args, **kwargs)
        except KgError as e:
            _fail(str(e))
        except KeyboardInterrupt:
            _fail("interrupted", 130)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise  # click reports its own: usage errors exit 2
        except BrokenPipeError:
            # the reader went away (kg ... | head): stop quietly, as a command killed by SIGPIPE
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(141)
        except OSError as e:
            _fail(f"{e.strerror}: {e.filename}" if e.strerror and e.filename else str(e))
        except Exception as e:
            if os.environ.get("KG_DEBUG"):
                raise
            _fail(f"kg failed ({type(e).__name__}: {e}); this is a bug: please report it, with the traceback "
                  "that KG_DEBUG=1 shows")

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """A knowledge graph of Vietnamese policy documents.

    Reads administrative documents (Kế hoạch, Quyết định, Nghị quyết, Kết luận, Thông báo, Công văn,
    ...), extracts every reference to another document, every agency and every assignment, and
    answers which local plans implement which directives, through which chain and how late.

    The graph lives in a store folder, ./kg-store unless --store or $KG_STORE says otherwise.

    \b
    Example:
        kg extract data/samples --format text
        kg build data/samples
        kg lineage "Nghị quyết 29" --down
        kg query lag --param directive=29-NQ/TW
        kg tasks --agency "Phòng Giáo dục" --due-before 2024-06-30
        kg tasks --agency "huyện An Lão" --format ics --out deadlines.ics
        kg status 09/2019/QĐ-UBND
        kg changes --previous --atom changes.xml
        kg coverage 131/QĐ-TTg --level province --out coverage.html
        kg serve --port 8000
        kg export --out documents.graphml
    """


@main.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "text"]), default="json", show_default=True,
              help="json: one array; jsonl: one object per line; text: a summary to read.")
@reports_errors
def extract_command(paths: tuple[str, ...], fmt: str) -> None:
    """Print what is extracted from each document (files, or folders searched for documents).

    Formats: .txt and .md (UTF-8, UTF-16, Windows-1258, or the legacy TCVN3/ABC and VNI font
    encodings, told apart by their content), .docx, .pdf with a text layer, .html. A file that
    cannot be read (empty, binary, damaged, scanned without text, not Vietnamese, not a regular
    file, past a limit: 20 MB on disk, 50 MB inflated, 2,000 pages, raised by $KG_MAX_FILE_MB,
    $KG_MAX_INFLATED_MB, $KG_MAX_PAGES) is reported on one line with the reason and skipped; the
    others are still processed. In folders, links out of the folders named are not followed
    ($KG_FOLLOW_LINKS=1 follows them), and a README listing the folder's files is skipped. Exit
    code 0 when all were read, 1 when some could not be, 2 on a usage error.

    \b
    Example:
        kg extract data/samples/003_793e23e02999985a.txt --format text
        kg extract data/samples --format json > out.json
    """
    from kg.extract import extract_file
    from kg.read.files import FolderNote, folder_note

    failed = 0
    first = True
    if fmt == "json":
        click.echo("[", nl=False)
    for item in scan(list(paths)):
        try:
            if isinstance(item, ReadError):
                raise item
            try:
                result = extract_file(item.path)
            except ReadError as e:
                raise folder_note(item.in_folder, e) from e
        except FolderNote:
            continue  # a README listing the folder's documents: not a document
        except ReadError as e:
            failed += 1
            click.echo(f"Error: {e}", err=True)
            continue
        if fmt == "json":
            click.echo(("\n" if first else ",\n") + json.dumps(to_dict(result), ensure_ascii=False, indent=2), nl=False)
        elif fmt == "jsonl":
            click.echo(json.dumps(to_dict(result), ensure_ascii=False))
        else:
            click.echo(("" if first else "\n") + to_text(result))
        first = False
    if fmt == "json":
        click.echo("\n]")
    if failed:
        sys.exit(1)


def _store_option(f: Callable[..., Any]) -> Callable[..., Any]:
    from kg.build.store import DEFAULT_STORE

    return click.option("--store", "store_dir", type=click.Path(file_okay=False), default=None,
                        help=f"The store folder (default: ./{DEFAULT_STORE}, or $KG_STORE).")(f)


def _store_dir(given: str | None) -> str:
    from kg.build.store import default_store

    return given or default_store()


@main.command("build")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@_store_option
@click.option("--out", "trig", type=click.Path(dir_okay=False), default=None,
              help="Also write the whole graph (every named graph) as TriG to this file.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processes that extract at once (default: every core).")
@click.option("--quiet", "-q", is_flag=True, help="No progress on stderr; only the summary.")
@reports_errors
def build_command(paths: tuple[str, ...], store_dir: str | None, trig: str | None, jobs: int | None,
                  quiet: bool) -> None:
    """Extract every document under PATHS and load the graph into the store.

    A build redoes only what changed since the store's last one: a file is extracted again only
    when its content (or kg's extractor) changed, and only the parts of the graph that depend on
    the files that changed, were added or were deleted are written again. The new graph replaces the
    previous one only when it is complete: an interrupted build (Ctrl-C) leaves the old graph
    usable. Progress goes to stderr, the summary to stdout. Exit code 0 when every file was read,
    1 when some could not be (they are named; the graph holds the others), 2 on errors, 130 when
    interrupted.

    \b
    Example:
        kg build data/samples
        kg build ../corpus --store /data/kg-store --jobs 2 --out graph.trig
    """
    from kg.build import build
    from kg.progress import BuildProgress

    store = _store_dir(store_dir)
    progress = BuildProgress(quiet)
    try:
        summary = build(list(paths), store, out=trig, progress=progress, jobs=jobs)
    finally:
        progress.close()
    for failure in summary.failed:
        click.echo(f"Error: {failure}", err=True)
    for line in summary.lines():
        click.echo(line)
    click.echo(f"store: {store}" + (f"; TriG: {trig}" if trig else ""))
    if summary.failed:
        sys.exit(1)


def _endpoint(store_dir: str | None, endpoint_url: str | None = None,  # type: ignore[no-untyped-def]
              allow_service: bool = False):
    """The embedded store, or a remote SPARQL 1.1 query endpoint that `kg push` loaded."""
    if endpoint_url:
        if store_dir:
            raise click.UsageError("give --store or --endpoint, not both")
        from kg.sparql.remote import RemoteEndpoint

        return RemoteEndpoint(endpoint_url, allow_service=allow_service)
    from kg.build.store import open_store
    from kg.sparql.query import LocalEndpoint

    return LocalEndpoint(open_store(_store_dir(store_dir)), allow_service=allow_service)


def _endpoint_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--endpoint", "endpoint_url", metavar="URL", default=None,
                        help="Query a SPARQL 1.1 endpoint that `kg push` loaded instead of the embedded store "
                             "(the merged view is read from its graph <https://w3id.org/kg-vn/id/graph/merged>, "
                             "or $KG_GRAPH).")(f)


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{pair!r} is not NAME=VALUE", param_hint="--param")
        out[name.strip()] = value
    return out


@main.command("query")
@click.argument("query", required=False)
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A value for one of the query's parameters (repeat for several).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True,
              help="json is the SPARQL 1.1 Query Results JSON format; csv its CSV format. "
                   "CONSTRUCT and DESCRIBE print Turtle (table), N-Triples (csv) or JSON-LD (json).")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and their parameters.")
@click.option("--allow-update", is_flag=True,
              help="Run a SPARQL Update (INSERT, DELETE, ...) on the embedded store: it is applied to a copy "
                   "of the current graph that then becomes current; the next kg build starts cold.")
@click.option("--allow-service", is_flag=True,
              help="Run a query with SERVICE, which sends requests to the addresses it names (refused "
                   "otherwise; kg serve always refuses it).")
@_store_option
@_endpoint_option
@reports_errors
def query_command(query: str | None, params: tuple[str, ...], fmt: str, list_queries: bool, allow_update: bool,
                  allow_service: bool, store_dir: str | None, endpoint_url: str | None) -> None:
    """Run QUERY on the graph: a named query of queries/, a .rq file, or SPARQL text.

    Parameters are bound as RDF terms, never pasted into the query. A parameter that names a
    document takes what a person would type ("29-NQ/TW", "Nghị quyết 29", a file name). Queries
    are read-only: the graph changes through `kg build`, and a SPARQL Update is refused unless
    --allow-update is given (the change is then lost at the next `kg build`, which rebuilds the
    graph from the documents). A query with SERVICE, which would send requests to the addresses it
    names, is refused unless --allow-service is given.

    \b
    Example:
        kg query --list
        kg query implementers --param directive=29-NQ/TW
        kg query lag --param directive="Kết luận 51" --format csv
        kg query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
    """
    from kg.sparql.query import QueryError, bind_params, is_update, load_query, named_queries

    if list_queries:
        for q in named_queries():
            click.echo(f"{q.name}: {q.description}")
            for prm in q.params:
                click.echo(f"    --param {prm.name}=<{prm.kind}>{' (optional)' if prm.optional else ''}"
                           f"{'  ' + prm.help if prm.help else ''}")
        return
    if not query:
        raise click.UsageError("give a QUERY (a name, a .rq file or SPARQL text), or --list")
    q = load_query(query)
    if is_update(q.text):
        if not allow_update:
            raise QueryError("kg query runs read-only queries; the graph changes through `kg build` "
                             "(or give --allow-update to run a SPARQL Update)")
        if endpoint_url or params:
            raise click.UsageError("--allow-update runs SPARQL text on the embedded store: no --endpoint, no --param")
        from kg.build.store import update_store

        count = update_store(_store_dir(store_dir), q.text)
        click.echo(f"updated: the graph now holds {count} quads (the next kg build starts cold)")
        return
    endpoint = _endpoint(store_dir, endpoint_url, allow_service)
    bindings = bind_params(endpoint, q, _params(params))
    results = endpoint.select(q, bindings)
    if fmt == "json":
        click.echo(results.to_json())
    elif fmt == "csv":
        click.echo(results.to_csv(), nl=False)
    else:
        click.echo(results.to_table(given=bindings))


@main.command("lineage")
@click.argument("doc")
@click.option("--up", "direction", flag_value="up", help="The directives above DOC, up the chain.")
@click.option("--down", "direction", flag_value="down", default=True,
              help="The documents that act on DOC, down the chain (the default).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_store_option
@_endpoint_option
@reports_errors
def lineage_command(doc: str, direction: str, fmt: str, store_dir: str | None, endpoint_url: str | None) -> None:
    """The chain of documents below DOC (--down) or above it (--up), with the quote proving each edge.

    DOC is what a person would type: "29-NQ/TW", "Nghị quyết 29", "KH 1733", "3380/QĐ-UBND", a
    file name of the corpus, or an IRI. When it could be several documents, they are listed.
    Followed: implements, continues, reviews, basedOn, guides, and what those promulgate.

    \b
    Example:
        kg lineage 29-NQ/TW --down
        kg lineage 003_793e23e02999985a.txt --up --format json
    """
    from kg.reports.lineage import lineage
    from kg.sparql.query import resolve_document

    endpoint = _endpoint(store_dir, endpoint_url)
    result = lineage(endpoint, resolve_document(endpoint, doc), "up" if direction == "up" else "down")
    if fmt == "json":
        click.echo(result.to_json())
    else:
        click.echo(result.to_text())


@main.command("status")
@click.argument("doc")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_store_option
@_endpoint_option
@reports_errors
def status_command(doc: str, fmt: str, store_dir: str | None, endpoint_url: str | None) -> None:
    """Whether DOC is still in force, since when, and by which documents, with their quotes.

    in_force, not_in_force (replaced or repealed: since the day the replacing document takes
    effect), partly_in_force (some of its parts repealed), or unknown: no document of the graph
    says anything of its force (nothing is assumed). DOC is typed as for kg lineage.

    \b
    Example:
        kg status 09/2019/QĐ-UBND
        kg status "Quyết định 44/2025" --format json
    """
    from kg.reports.status import document_status
    from kg.sparql.query import resolve_document

    endpoint = _endpoint(store_dir, endpoint_url)
    found = document_status(endpoint, resolve_document(endpoint, doc))
    click.echo(found.to_json() if fmt == "json" else found.to_text())


def _iso_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2024-06-30") from None


def _screenshot(page: str, png: str, width: int = 1400, height: int = 900, err: bool = False) -> None:
    """A PNG of a page of kg's as headless Chromium draws it."""
    from kg.viz.browser import chromium

    with chromium(width, height) as browser:
        browser.open(page)
        browser.screenshot(png)
    click.echo(f"screenshot: {png}", err=err)


@main.command("changes")
@click.option("--previous", "previous", is_flag=True, default=False,
              help="What the last build changed against the build before it (the default).")
@click.option("--since", "since", default=None, metavar="DATE", callback=_iso_date,
              help="The documents dated on or after DATE (2025-11-01), what they state and settle.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--atom", "atom_file", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="Also write the changes as an Atom feed a feed reader follows.")
@_store_option
@reports_errors
def changes_command(previous: bool, since: str | None, fmt: str, atom_file: str | None, store_dir: str | None) -> None:
    """What changed: documents added and removed, relations added and removed, documents whose
    status changed, and for each of those the documents of the graph that act on it (the plans
    to revise).

    \b
    Example:
        kg build inbox && kg changes --previous
        kg changes --since 2025-11-01 --format json
        kg changes --atom changes.xml
    """
    from pathlib import Path

    from kg.files import write_file
    from kg.reports.changes import atom, since_day, since_previous

    if previous and since:
        raise click.UsageError("give --previous or --since, not both")
    root = _store_dir(store_dir)
    endpoint = _endpoint(store_dir)
    report = since_day(since, endpoint) if since else since_previous(root, endpoint)
    click.echo(report.to_json() if fmt == "json" else report.to_text())
    if atom_file:
        feed = atom(report, Path(root).resolve().as_uri() + "/changes")
        write_file(atom_file, feed)
        click.echo(f"atom: {atom_file}", err=True)


@main.command("tasks")
@click.option("--agency", default=None, metavar="NAME",
              help='Only the tasks of agencies whose name holds NAME ("Phòng Giáo dục", "huyện An Lão").')
@click.option("--due-before", "due_before", default=None, metavar="DATE", callback=_iso_date,
              help="Only the tasks due on or before DATE (2024-06-30); tasks without a dated deadline are left out.")
@click.option("--document", "doc", default=None, metavar="DOC", help="Only the tasks of this document (as kg lineage).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "ics"]), default="table", show_default=True,
              help="ics: an iCalendar file (to stdout, or --out) that any calendar imports.")
@click.option("--out", "out", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="Write the output to FILE instead of the terminal.")
@_store_option
@click.option("--endpoint", "endpoint_url", default=None, metavar="URL",
              help="Ask a remote SPARQL endpoint (that kg push loaded) instead of the store.")
@reports_errors
def tasks_command(agency: str | None, due_before: str | None, doc: str | None, fmt: str, out: str | None,
                  store_dir: str | None, endpoint_url: str | None) -> None:
    """Who must do what by when: the tasks the documents assign, soonest deadline first.

    Each task has its agency (written out with its locality), its role (lead for "chủ trì",
    coordinate for "phối hợp", report for a duty to report), its deadline (a date; the last day of
    a quarter or month the text names) or its recurrence ("tháng 11 hằng năm" is yearly, month 11),
    the sentence that assigns it and the document it is in.

    \b
    Example:
        kg tasks --agency "Phòng Giáo dục và Đào tạo huyện An Lão"
        kg tasks --due-before 2024-06-30 --format json
        kg tasks --document 000_62c2f09d4a06f2f4.txt
        kg tasks --agency "huyện An Lão" --format ics --out deadlines.ics

    With --format ics each task with a day is an all-day event on its deadline (agency, what to
    do, the document and its sentence); "tháng 11 hằng năm" and "định kỳ hằng quý" recur (RRULE).
    """
    from kg.files import write_file
    from kg.reports.calendar import calendar
    from kg.reports.tasks import assignments, to_table
    from kg.sparql.query import resolve_document

    endpoint = _endpoint(store_dir, endpoint_url)
    document = resolve_document(endpoint, doc) if doc else None
    found = assignments(endpoint, agency=agency, due_before=due_before, document=document)
    if fmt == "ics":
        data = calendar(endpoint, found)
    elif fmt == "json":
        data = (json.dumps([a.as_json() for a in found], ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    else:
        data = (to_table(found) + "\n").encode("utf-8")
    if out:
        write_file(out, data)
        click.echo(f"{fmt}: {out}", err=True)
    else:
        click.echo(data.decode("utf-8"), nl=False)


@main.command("coverage")
@click.argument("directive")
@click.option("--level", type=click.Choice(["province", "district", "commune"]), default="province", show_default=True,
              help="The localities counted.")
@click.option("--out", "out", type=click.Path(dir_okay=False), default=None,
              help="Also write the report as an HTML page (figures, a chart of the lags, every locality).")
@click.option("--screenshot", "screenshot", type=click.Path(dir_okay=False), default=None,
              help="With --out: also save a PNG of the report as headless Chromium draws it.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_store_option
@click.option("--endpoint", "endpoint_url", default=None, metavar="URL",
              help="Ask a remote SPARQL endpoint (that kg push loaded) instead of the store.")
@reports_errors
def coverage_command(directive: str, level: str, out: str | None, screenshot: str | None, fmt: str,
                     store_dir: str | None, endpoint_url: str | None) -> None:
    """Which localities have acted on DIRECTIVE, how late, and which have not acted at all.

    Every province (district, commune) as the gazetteer lists them on the directive's date (63
    provinces before the reform of 1 July 2025, 34 after), with the documents of the graph by
    which it, or a unit within it, acts on the directive directly or through a chain, and the
    lag in days from the directive's date; a document of a province formed in 2025 counts for each
    province it was made of. Figures: the share of localities that acted, the median and spread of
    their first lag. The named query `coverage` gives the same rows (kg query coverage).

    \b
    Example:
        kg coverage 131/QĐ-TTg --level province
        kg coverage "Nghị quyết 29" --out coverage-29.html
    """
    from kg.reports.coverage import coverage, write_report
    from kg.sparql.query import resolve_document

    endpoint = _endpoint(store_dir, endpoint_url)
    result = coverage(endpoint, resolve_document(endpoint, directive), level)  # type: ignore[arg-type]
    if fmt == "json":
        click.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=1))
    else:
        click.echo(result.to_text())
    if screenshot and not out:
        raise click.UsageError("--screenshot needs --out (the report to draw)")
    if out:
        click.echo(f"report: {write_report(result, out)}", err=fmt == "json")
    if screenshot:
        _screenshot(out, screenshot, width=1100, height=900, err=fmt == "json")  # type: ignore[arg-type]


@main.command("viz")
@click.option("--out", "out", type=click.Path(dir_okay=False), default="kg-graph.html", show_default=True,
              help="The HTML page to write.")
@click.option("--focus", "focus", metavar="DOC", default=None,
              help="Open on the diagram of this document (typed as for kg lineage); with --depth, draw only "
                   "its neighbourhood.")
@click.option("--depth", type=click.IntRange(0, 20), default=None,
              help="With --focus: draw only the documents this many relations away from DOC, or fewer.")
@click.option("--screenshot", "screenshot", type=click.Path(dir_okay=False), default=None,
              help="Also save a PNG of the page as headless Chromium draws it (needs chromium and selenium).")
@_store_option
@reports_errors
def viz_command(out: str, focus: str | None, depth: int | None, screenshot: str | None, store_dir: str | None) -> None:
    """Write the graph as one self-contained HTML page to open in a browser, offline.

    Documents in bands by level (central at the top), coloured by type; agencies as diamonds;
    arrows from the implementing document up to the directive, styled by relation. Hover a
    document or an edge to read it (and the quote that proves it), search by what a person types,
    click a document to light its whole lineage, filter by level and province. A graph of more
    than 300 documents opens on the diagram of its most implemented directive (or of --focus DOC):
    what it acts on above, what acts on it below; its overview shows the documents gathered by
    level and province (or type) with their counts, and every document is one click away.

    \b
    Example:
        kg viz --out graph.html
        kg viz --focus "Nghị quyết 29" --out nq29.html            # opens on its diagram
        kg viz --focus "Nghị quyết 29" --depth 2 --out nq29.html  # its neighbourhood only
        kg viz --out graph.html --screenshot graph.png
    """
    from kg.build.store import open_build
    from kg.sparql.query import LocalEndpoint, resolve_document
    from kg.viz.page import neighbourhood, stored_view, write_page

    build, store = open_build(_store_dir(store_dir))  # the page and the view kept beside it: of one build
    endpoint = LocalEndpoint(store)
    graph = stored_view(build, endpoint)
    heading = "kg — đồ thị văn bản"
    iri = resolve_document(endpoint, focus) if focus else None
    if iri is not None:
        heading += f" quanh {focus}"
    if iri is not None and depth is not None:
        graph = neighbourhood(graph, iri, depth)
    page = write_page(graph, out, heading, focus=iri)
    click.echo(f"{page.path}: {page.documents} documents, {page.agencies} agencies, {page.edges} relations"
               + (" (district and commune documents gathered by province)" if page.collapsed else "")
               + (f"; opens on the diagram of {page.opens_on}" if page.opens_on else "")
               + f", {page.size / 1e6:.1f} MB")
    if screenshot:
        _screenshot(out, screenshot)


@main.command("serve")
@_store_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on (127.0.0.1: this machine only; 0.0.0.0 opens it to the network).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="The port to listen on.")
@click.option("--query-timeout", "query_timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Seconds a query (or a page) may run; past it the query is stopped and answered with an error.")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Processes that run SPARQL queries (/sparql and the query page), at a lower priority than pages.")
@click.option("--page-workers", "page_workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Processes that answer the pages and searches: they never wait behind a query.")
@click.option("--cache-mb", "cache_mb", type=click.IntRange(min=0), default=256, show_default=True,
              help="Megabytes of pages and query answers kept in memory for the current build (0: none).")
@click.option("--quiet", "-q", is_flag=True, help="No log line per request.")
@reports_errors
def serve_command(store_dir: str | None, host: str, port: int, query_timeout: float, workers: int,
                  page_workers: int, cache_mb: int, quiet: bool) -> None:
    """Serve the graph: pages for people and the SPARQL 1.1 Protocol for programs (read-only).

    Pages (each also as JSON, with .json or Accept: application/json): the home page with a search
    box; a page per document (its facts, a diagram of what it acts on and what acts on it, every
    relation with the quote that states it, opening the source text with the quote highlighted,
    its tasks, and for a directive who acted and how late); a page per agency; a query page with the
    named queries. Every IRI https://w3id.org/kg-vn/id/... of the graph is at /id/... . SPARQL at
    /sparql: GET or POST, results as JSON, XML, CSV or TSV, graphs as Turtle, N-Triples or JSON-LD
    by Accept; updates and SERVICE are refused. A new `kg build` is picked up by the next request.
    Pages and queries have worker processes of their own; pages are kept in memory per build, and
    searches read an index kg serve makes beside each build.

    \b
    Example:
        kg serve --store kg-store --port 8000     # then open http://127.0.0.1:8000/
        curl -H 'Accept: text/csv' http://127.0.0.1:8000/sparql --data-urlencode 'query=ASK { ?s ?p ?o }'
    """
    from kg.serve.app import serve

    store = _store_dir(store_dir)
    click.echo(f"kg serve: the graph of {store} at http://{host}:{port}/ (SPARQL: http://{host}:{port}/sparql); "
               "Ctrl-C stops it", err=True)
    serve(store, host=host, port=port, workers=workers, query_timeout=query_timeout, log=not quiet,
          page_workers=page_workers, cache_bytes=cache_mb * 1024 * 1024)


@main.command("export")
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "csv"]), default=None,
              help="GraphML (Gephi, Cytoscape, networkx), GEXF (Gephi) or CSV (one row per relation with both "
                   "ends' facts). Default: from the --out suffix, else graphml.")
@click.option("--out", "out", type=click.Path(dir_okay=False), default=None,
              help="The file to write (default: standard output).")
@_store_option
@reports_errors
def export_command(fmt: str | None, out: str | None, store_dir: str | None) -> None:
    """Write the graph of documents and relations for Gephi, Cytoscape or networkx.

    Nodes are the documents (identifier, type, title, date, issuer, level, province, files); edges
    the relations between them (relation, the quote that proves it, the files that state it).

    \b
    Example:
        kg export --out documents.graphml
        kg export --format gexf --out documents.gexf
        kg export --format csv > relations.csv
        python -c "import networkx as nx; g = nx.read_graphml('documents.graphml'); print(g)"
    """
    from kg.build.store import open_build
    from kg.files import write_file
    from kg.reports.export import document_graph, export_bytes, format_of
    from kg.sparql.query import LocalEndpoint
    from kg.viz.page import stored_view

    chosen = fmt or (format_of(out) if out else None) or "graphml"
    build, store = open_build(_store_dir(store_dir))
    graph = document_graph(stored_view(build, LocalEndpoint(store)))
    data = export_bytes(graph, chosen)  # type: ignore[arg-type]
    if out is None:
        click.echo(data.decode("utf-8"), nl=False)
        return
    write_file(out, data)
    click.echo(f"{out}: {graph.number_of_nodes()} documents, {graph.number_of_edges()} relations ({chosen})",
               err=True)


@main.command("push")
@click.option("--endpoint", "endpoint_url", metavar="URL", required=True,
              help="The SPARQL 1.1 Update endpoint (Virtuoso: http://HOST:8890/sparql-auth).")
@click.option("--graph", metavar="IRI", default=None,
              help="The named graph for the merged view (default: https://w3id.org/kg-vn/id/graph/merged); "
                   "each source file's graph keeps its own IRI.")
@click.option("--graph-store", "graph_store", metavar="URL", default=None,
              help="Send the merged view by the Graph Store HTTP Protocol to this endpoint (Virtuoso: "
                   "http://HOST:8890/sparql-graph-crud-auth), 3.5 times faster there than SPARQL Update.")
@click.option("--replace", is_flag=True, help="First delete every graph of kg the store holds (a new build "
                                              "that dropped documents leaves nothing of the old one).")
@click.option("--quiet", "-q", is_flag=True, help="No progress on stderr.")
@_store_option
@reports_errors
def push_command(endpoint_url: str, graph: str | None, graph_store: str | None, replace: bool, quiet: bool,
                 store_dir: str | None) -> None:
    """Load the built graph, named graphs included, into a SPARQL 1.1 store.

    Uses SPARQL 1.1 Update (INSERT DATA, 1,000 triples a request) and, with --graph-store, the
    Graph Store HTTP Protocol for the merged view (100,000 triples a request). Pushing the same build twice
    leaves the same triples; a push that stopped (the server died, the network failed) is
    completed by running it again, which resumes after the last batch the store acknowledged.
    Credentials come from the environment: KG_SPARQL_USER and KG_SPARQL_PASSWORD (HTTP digest or
    basic, as the server asks); ones written into the URL are used too (the shell's history keeps
    them: prefer the environment). They are never printed.

    \b
    Example:
        export KG_SPARQL_USER=kg_writer KG_SPARQL_PASSWORD=...
        kg push --endpoint http://127.0.0.1:8890/sparql-auth \\
                --graph-store http://127.0.0.1:8890/sparql-graph-crud-auth
        kg query implementers -p directive=29-NQ/TW --endpoint http://127.0.0.1:8890/sparql
    """
    from kg.progress import bar
    from kg.sparql.remote import push

    shown = None

    def progress(done: int, total: int) -> None:
        nonlocal shown
        if shown is None:
            shown = bar("push", total, "triples", "triples", quiet=quiet)
        shown.update(done - shown.n)

    try:
        summary = push(_store_dir(store_dir), endpoint_url, graph, replace, progress, graph_store=graph_store)
    finally:  # an interrupted push too: nothing drawn after the error line
        if shown is not None:
            shown.close()
    click.echo(summary.line())


@main.command("validate")
@_store_option
@reports_errors
def validate_command(store_dir: str | None) -> None:
    """Check the graph against the SHACL shapes of ontology/shapes.ttl.

    Exit code 0 when the graph conforms, 1 when it does not (each violation is printed with the
    document it concerns), 2 when the check cannot run.

    \b
    Example:
        kg validate --store kg-store
    """
    from kg.build.store import open_store
    from kg.reports.validate import validate_store

    report = validate_store(open_store(_store_dir(store_dir)))
    click.echo(report.text())
    if not report.conforms:
        sys.exit(1)


@main.command("demo")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default="out", show_default=True,
              help="Folder for the extraction (extract.json), the graph (graph.trig) and its page (graph.html).")
@_store_option
@reports_errors
def demo_command(out_dir: str, store_dir: str | None) -> None:
    """Run the main job on the bundled sample documents (data/samples).

    Extracts the five sample plans (OUT/extract.json), builds their graph into the store (and
    OUT/graph.trig), prints the lineage of Nghị quyết 29-NQ/TW down to the plans that carry it
    out, and writes the graph page OUT/graph.html. Afterwards `kg query`, `kg lineage` and
    `kg viz` work on the same store.

    \b
    Example:
        kg demo --out /tmp/kg-demo --store /tmp/kg-demo/store
    """
    import os

    from kg.build import build
    from kg.build.store import default_store
    from kg.extract import extract
    from kg.files import write_text
    from kg.reports.lineage import lineage
    from kg.resources import resource_dir
    from kg.sparql.query import resolve_document

    samples = resource_dir("data") / "samples"
    results = [extract(read_source(str(p))) for p in sorted(samples.glob("*.txt"))]
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, "extract.json")
    write_text(path, json.dumps([to_dict(r) for r in results], ensure_ascii=False, indent=2))
    click.echo(f"{len(results)} documents, {sum(len(r.references) for r in results)} references; "
               f"extraction written to {path}\n")
    store = _store_dir(store_dir)
    trig = os.path.join(out_dir, "graph.trig")
    summary = build([str(samples)], store, out=trig)
    click.echo("\n".join(summary.lines()))
    click.echo(f"store: {store}; TriG: {trig}\n")
    from kg.build.store import open_build
    from kg.sparql.query import LocalEndpoint
    from kg.viz.page import stored_view, write_page

    built, graph_store = open_build(store)
    endpoint = LocalEndpoint(graph_store)
    click.echo("$ kg lineage 29-NQ/TW --down")
    click.echo(lineage(endpoint, resolve_document(endpoint, "29-NQ/TW"), "down").to_text())
    page = write_page(stored_view(built, endpoint), os.path.join(out_dir, "graph.html"), "kg — đồ thị văn bản mẫu")
    click.echo(f"\nThe graph page (open it in a browser): {os.path.abspath(page.path)}")
    store_option = "" if store == default_store() else f" --store {store}"
    click.echo(f"To browse the graph and query it over SPARQL: kg serve{store_option}, then open http://127.0.0.1:8000/")


if __name__ == "__main__":
    main()
