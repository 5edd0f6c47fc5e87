"""The embedded Oxigraph store on disk, replaced only when a new build is complete.

Layout of a store folder (``./kg-store`` unless ``--store`` says otherwise)::

    kg-store/
      current -> builds/20261122T150102-1234     the store that is read (a symbolic link)
      builds/20261122T150102-1234/               an Oxigraph database
      builds/20261122T150102-1234.json           the summary of that build
      .lock                                      held while a build writes

A build writes a new database under ``builds/``, then swaps the ``current`` link in one atomic
rename: a build that is interrupted (or killed) leaves the previous store as it was.
"""

from __future__ import annotations

import fcntl
import gc
import json
import os
import shutil
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pyoxigraph import Quad, RdfFormat, Store

from kg.errors import KgError
from kg.graph.vocab import DATA, DCTERMS, ONTOLOGY, RDF, RDFS, XSD

#: Where commands look for the store when --store is not given (override with $KG_STORE).
DEFAULT_STORE = "kg-store"


class StoreError(KgError):
    """The store is missing, busy or unreadable."""


def default_store() -> str:
    return os.environ.get("KG_STORE", DEFAULT_STORE)


def current_path(store_dir: str | Path) -> Path:
    return Path(store_dir) / "current"


def open_store(store_dir: str | Path) -> Store:
    """The current build, read-only (a build may run meanwhile: it writes elsewhere)."""
    path = current_path(store_dir)
    if not path.exists():
        raise StoreError(f"no graph in {store_dir}: run `kg build PATH... --store {store_dir}` first")
    try:
        return Store.read_only(str(path.resolve()))
    except OSError as e:
        raise StoreError(f"cannot open the graph in {store_dir}: {e}") from e


def sidecar_path(store_dir: str | Path, name: str) -> Path | None:
    """A view kept beside the current build (see write_store), or None."""
    path = current_path(store_dir)
    if not path.exists():
        return None
    side = path.resolve().with_name(f"{path.resolve().name}.{name}")
    return side if side.exists() else None


def summary_of(store_dir: str | Path) -> dict:
    path = current_path(store_dir)
    manifest = path.resolve().with_suffix(".json") if path.exists() else None
    if manifest is None or not manifest.exists():
        return {}
    return json.loads(manifest.read_text(encoding="utf-8"))


PREFIXES = {"kg": ONTOLOGY, "kgd": DATA, "dcterms": DCTERMS._base, "xsd": XSD._base, "rdf": RDF._base,
            "rdfs": RDFS._base}


def write_trig(store: Store, path: str | Path) -> None:
    """The whole dataset as TriG, written beside ``path`` first so that a failure leaves no half file."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        store.dump(str(tmp), RdfFormat.TRIG, prefixes=PREFIXES)
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"cannot write {path}: {e.strerror or e}") from e


@contextmanager
def locked(store_dir: str | Path) -> Iterator[Path]:
    """Hold the store's write lock (one build at a time); the store folder is made if need be."""
    store_dir = Path(store_dir)
    if store_dir.exists() and not store_dir.is_dir():
        raise StoreError(f"{store_dir} is not a folder")
    if store_dir.is_dir() and any(store_dir.iterdir()) and not (store_dir / "builds").is_dir() \
            and not (store_dir / ".lock").exists():
        raise StoreError(f"{store_dir} is not empty and holds no kg store: choose another --store")
    store_dir.mkdir(parents=True, exist_ok=True)
    with open(store_dir / ".lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as e:
            raise StoreError(f"another build is writing {store_dir}") from e
        yield store_dir


def current_build(store_dir: str | Path) -> str | None:
    """The name of the current build (its folder under builds/), or None."""
    path = current_path(store_dir)
    return path.resolve().name if path.exists() else None


def new_build(store_dir: Path, from_current: bool = False) -> tuple[str, Path, Store]:
    """A new build's name, its folder (under builds/, named tmp-... until published) and its
    store: empty, or a copy of the current build to be changed in place (a RocksDB checkpoint:
    hard links, made in a moment whatever the size)."""
    builds = store_dir / "builds"
    builds.mkdir(exist_ok=True)
    for stale in builds.glob("tmp-*"):  # left by an interrupted build
        shutil.rmtree(stale, ignore_errors=True)
    stamp = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}-{time.time_ns() % 1000000}"
    tmp = builds / f"tmp-{stamp}"
    if from_current:
        try:
            # opened read-only: the current build is never written, readers may have it open
            Store.read_only(str(current_path(store_dir).resolve())).backup(str(tmp))
        except OSError as e:
            raise StoreError(f"cannot copy the current graph of {store_dir}: {e}") from e
    return stamp, tmp, Store(str(tmp))


def publish(store_dir: Path, stamp: str, tmp: Path, summary: dict,
            sidecars: dict[str, Callable[[], bytes]] | None = None,
            before_swap: Callable[[], None] | None = None) -> Path:
    """Make the build at ``tmp`` (its store closed) the current one, with its summary and views
    beside it; ``before_swap`` runs just before the one atomic step."""
    builds = store_dir / "builds"
    final = builds / stamp
    os.rename(tmp, final)
    final.with_suffix(".json").write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    for name, content in (sidecars or {}).items():
        (builds / f"{stamp}.{name}").write_bytes(content())
    previous = current_build(store_dir)
    link = store_dir / f".current-{os.getpid()}"
    if link.is_symlink() or link.exists():
        link.unlink()
    os.symlink(Path("builds") / stamp, link)
    if before_swap is not None:
        before_swap()
    os.replace(link, current_path(store_dir))  # the one atomic step
    # the build that was current until now stays one more round: a reader may still have it open
    keep = {stamp, f"{previous}"}
    for old in builds.iterdir():
        if old.name.split(".")[0] not in keep and not old.name.startswith("tmp-"):
            if old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
            else:
                old.unlink(missing_ok=True)
    return final


def update_store(store_dir: str | Path, sparql: str) -> int:
    """Apply a SPARQL Update to a copy of the current build and make the copy current (readers of
    the previous build are not disturbed; it stays one more round). Returns how many quads the
    store holds after it. kg build's state no longer describes the store, so the next build is
    cold and rebuilds the graph from the documents alone."""
    if not current_path(store_dir).exists():
        raise StoreError(f"no graph in {store_dir}: run `kg build PATH... --store {store_dir}` first")
    with locked(store_dir) as root:
        summary = summary_of(root)
        stamp, tmp, store = new_build(root, from_current=True)
        try:
            store.update(sparql)
            store.flush()
            count = len(store)
        except BaseException as e:
            del store
            discard_build(tmp, e)
            if isinstance(e, SyntaxError | OSError | ValueError):
                raise StoreError(f"the update failed, the graph is unchanged: {e}") from e
            raise
        del store
        summary.update({"quads": count, "updated_by_hand": True})
        publish(root, stamp, tmp, summary)
        return count


def discard_build(tmp: Path, error: BaseException) -> None:
    """Remove an unfinished build's folder. Its store must be closed first, and the frames of the
    error's traceback may still hold it open: their variables are cleared."""
    traceback.clear_frames(error.__traceback__)
    gc.collect()
    shutil.rmtree(tmp, ignore_errors=True)


def write_store(store_dir: str | Path, quads: Iterable[Quad], summary: Callable[[int], dict],
                trig: str | None = None, sidecars: dict[str, Callable[[], bytes]] | None = None) -> tuple[Path, int]:
    """Write a new build from ``quads`` and make it current; returns the build's folder and how
    many quads it holds. ``summary`` is given that count and returns what is kept beside the build
    (JSON). ``sidecars`` are views of the same build kept beside it ("view.json" becomes
    ``builds/<stamp>.view.json``), computed once the quads are written."""
    with locked(store_dir) as store_dir:
        stamp, tmp, store = new_build(store_dir)
        count = 0

        def counted() -> Iterator[Quad]:
            nonlocal count
            for q in quads:
                count += 1
                yield q

        store.bulk_extend(counted())
        store.flush()
        store.optimize()
        if trig:
            write_trig(store, trig)
        del store
        return publish(store_dir, stamp, tmp, summary(count), sidecars), count
