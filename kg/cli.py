"""The ``kg`` command: a thin shell over the library. Errors become one ``Error: ...`` line."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any

import click

from . import __version__
from .errors import KgError, ReadError
from .extract import extract
from .read import iter_paths, read_source
from .serialize import to_dict, to_text


def _fail(message: str, code: int = 2) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def reports_errors(f: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the library's narrow exceptions into one ``Error: ...`` line and exit code 2."""

    @wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return f(*args, **kwargs)
        except KgError as e:
            _fail(str(e))
        except KeyboardInterrupt:
            _fail("interrupted", 130)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """A knowledge graph of Vietnamese policy documents.

    Reads administrative documents (Kế hoạch, Quyết định, Nghị quyết, Kết luận, Thông báo, Công văn,
    ...), extracts every reference to another document, every agency and every assignment, and
    answers which local plans implement which directives, through which chain and how late.

    \b
    Example:
        kg extract data/samples --format text
    """


@main.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "text"]), default="json", show_default=True,
              help="json: one array; jsonl: one object per line; text: a summary to read.")
@reports_errors
def extract_command(paths: tuple[str, ...], fmt: str) -> None:
    """Print what is extracted from each document (files, or folders of .txt and .md).

    A file that cannot be read is reported on one line and skipped; the others are still
    processed. Exit code 0 when all were read, 1 when some failed, 2 on a usage error.

    \b
    Example:
        kg extract data/samples/003_793e23e02999985a.txt --format text
        kg extract data/samples --format json > out.json
    """
    failed = 0
    first = True
    if fmt == "json":
        click.echo("[", nl=False)
    for item in iter_paths(list(paths)):
        try:
            if isinstance(item, ReadError):
                raise item
            result = extract(read_source(item))
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


@main.command("demo")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default="out", show_default=True,
              help="Folder for what the demo writes.")
@reports_errors
def demo_command(out_dir: str) -> None:
    """Run the main job on the bundled sample documents (data/samples).

    Extracts the five sample plans, writes their extraction as JSON to OUT/extract.json and prints
    a summary of each: the document, the documents it implements or cites, and its assignments.

    \b
    Example:
        kg demo --out /tmp/kg-demo
    """
    import os

    from .tables import resource_dir

    samples = resource_dir("data") / "samples"
    results = [extract(read_source(str(p))) for p in sorted(samples.glob("*.txt"))]
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, "extract.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump([to_dict(r) for r in results], f, ensure_ascii=False, indent=2)
    for r in results:
        click.echo(to_text(r) + "\n")
    click.echo(f"{len(results)} documents, {sum(len(r.references) for r in results)} references; "
               f"extraction written to {path}")


if __name__ == "__main__":
    main()
