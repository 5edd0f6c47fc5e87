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

import errno
import fcntl
import gc
import json
import os
import secrets
import shutil
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pyoxigraph import Quad, RdfFormat, Store

from kg.errors import KgError
from kg.files import write_file, write_text
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
    return open_build(store_dir)[1]


def open_build(store_dir: str | Path) -> tuple[Path, Store]:
    """The current build's folder, found once, and its store read-only: what a command reads and
    what it keeps beside the build (a view, a push's progress) are of one build, whatever build a
    kg build running meanwhile makes current."""
    path = current_path(store_dir)
    if not path.exists():
        raise StoreError(f"no graph in {store_dir}: run `kg build PATH... --store {store_dir}` first")
    build = path.resolve()
    try:
        return build, Store.read_only(str(build))
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
    write_file(path, lambda f: store.dump(f, RdfFormat.TRIG, prefixes=PREFIXES))


#: What a store folder holds that kg writes into or deletes in: never followed through a link.
OWN_FOLDERS = ("builds", "cache")
OWN_FILES = (".lock", "state.sqlite", "state.sqlite-journal")


def own_folder(path: Path) -> Path:
    """A folder of the store, made if need be. A link in its place is refused: kg deletes what it
    no longer needs in these folders, and would delete another folder's files through a link."""
    try:
        path.mkdir(exist_ok=True)
    except FileExistsError:  # a file or a link: said below
        pass
    except OSError as e:
        raise StoreError(f"cannot make {path}: {e.strerror or e}") from e
    if path.is_symlink():
        raise StoreError(f"{path} is a link (to {os.readlink(path)}): kg does not follow links inside its store, "
                         "where it deletes what it no longer needs; remove the link")
    if not path.is_dir():
        raise StoreError(f"{path} is not a folder: it belongs to the store; remove it")
    return path


@contextmanager
def locked(store_dir: str | Path) -> Iterator[Path]:
    """Hold the store's write lock (one build at a time); the store folder is made if need be, and
    its own folders and files are checked to be no links."""
    store_dir = Path(store_dir)
    if store_dir.exists() and not store_dir.is_dir():
        raise StoreError(f"{store_dir} is not a folder")
    if store_dir.is_dir() and any(store_dir.iterdir()) and not (store_dir / "builds").is_dir() \
            and not (store_dir / ".lock").exists():
        raise StoreError(f"{store_dir} is not empty and holds no kg store: choose another --store")
    try:
        store_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(store_dir / ".lock", os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise StoreError(f"{store_dir / '.lock'} is a link: kg does not follow links inside its store; "
                             "remove it") from e
        raise StoreError(f"cannot use {store_dir} as a store: {e.strerror or e}") from e
    with os.fdopen(fd, "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as e:
            raise StoreError(f"another build is writing {store_dir}") from e
        for name in OWN_FILES:
            if (store_dir / name).is_symlink():
                raise StoreError(f"{store_dir / name} is a link: kg does not follow links inside its store; "
                                 "remove it")
        for name in OWN_FOLDERS:
            own_folder(store_dir / name)
        yield store_dir


def current_build(store_dir: str | Path) -> str | None:
    """The name of the current build (its folder under builds/), or None."""
    path = current_path(store_dir)
    return path.resolve().name if path.exists() else None


def new_build(store_dir: Path, from_current: bool = False) -> tuple[str, Path, Store]:
    """A new build's name, its folder (under builds/, named tmp-... until published) and its
    store: empty, or a copy of the current build to be changed in place (a RocksDB checkpoint:
    hard links, made in a moment whatever the size)."""
    builds = own_folder(store_dir / "builds")
    for stale in builds.glob("tmp-*"):  # left by an interrupted build
        _remove(stale)
    # a name nobody can guess: a link planted at it would have the database written elsewhere
    stamp = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}-{secrets.token_hex(4)}"
    tmp = builds / f"tmp-{stamp}"
    try:
        if from_current:
            # opened read-only: the current build is never written, readers may have it open
            Store.read_only(str(current_path(store_dir).resolve())).backup(str(tmp))
        return stamp, tmp, Store(str(tmp))
    except OSError as e:
        gc.collect()
        _remove(tmp)
        raise StoreError(f"cannot make a new graph in {store_dir} ({e}); the previous graph is unchanged") from e


def publish(store_dir: Path, stamp: str, tmp: Path, summary: dict,
            sidecars: dict[str, Callable[[], bytes]] | None = None,
            before_swap: Callable[[], None] | None = None) -> Path:
    """Make the build at ``tmp`` (its store closed) the current one, with its summary and views
    beside it; ``before_swap`` runs just before the one atomic step."""
    builds = own_folder(store_dir / "builds")
    final = builds / stamp
    os.rename(tmp, final)
    write_text(final.with_suffix(".json"), json.dumps(summary, ensure_ascii=False, indent=2))
    for name, content in (sidecars or {}).items():
        write_file(builds / f"{stamp}.{name}", content())
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
            _remove(old)
    return final


def _remove(path: Path) -> None:
    """A build's folder or file, gone; a link is removed itself, never what it points to."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


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
    _remove(tmp)


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
