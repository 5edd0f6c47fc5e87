"""Extractions kept on disk by file content, and extraction in parallel processes.

A file's extraction is kept under ``kg-store/cache/<version>/<sha[:2]>/<sha>.pickle``: the
version is a hash of the extractor's code and tables, so a new extractor never reads an old
extraction, and a file whose bytes did not change is never extracted twice (a renamed or copied
file neither). The cached extraction holds no text (the file has it); everything else, spans
included, is kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import shutil
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from functools import lru_cache
from importlib import metadata
from itertools import islice
from multiprocessing import get_context
from pathlib import Path

from kg.errors import ReadError
from kg.extract import extract, extract_file
from kg.model import Extraction, Source
from kg.extract.version import extractor_version

def file_sha(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


class Cache:
    """The extraction cache of one store."""

    def __init__(self, store_dir: str | Path) -> None:
        self.root = Path(store_dir) / "cache"
        self.dir = self.root / extractor_version()

    def path(self, sha: str) -> Path:
        return self.dir / sha[:2] / f"{sha}.pickle"

    def get(self, sha: str, path: str) -> Extraction | None:
        try:
            with open(self.path(sha), "rb") as f:
                x: Extraction = pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            return None
        return replace(x, source=replace(x.source, path=path, name=os.path.basename(path)))

    def put(self, x: Extraction) -> None:
        target = self.path(x.source.sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}")
        with open(tmp, "wb") as f:
            pickle.dump(replace(x, source=replace(x.source, text="")), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)  # a reader never sees half an extraction

    def prune(self) -> None:
        """Drop the extractions of older extractor versions."""
        if self.root.is_dir():
            for old in self.root.iterdir():
                if old != self.dir:
                    shutil.rmtree(old, ignore_errors=True)


def cached_extraction(store_dir: str, path: str, sha: str | None) -> Extraction:
    """The file's extraction (without its text), from the cache, or extracted and cached; the
    content hash is read from the file when not given. ReadError when the file cannot be read."""
    cache = Cache(store_dir)
    if sha is None:
        try:
            sha = file_sha(path)
        except OSError:
            sha = None  # read_source says why
    if sha is not None:
        x = cache.get(sha, path)
        if x is not None:
            return x
    x = extract_file(path)
    cache.put(x)
    return replace(x, source=Source(x.source.path, x.source.name, "", x.source.sha256, x.source.encoding))


def _extract_one(job: tuple[str, str, str | None]) -> Extraction | ReadError:
    """In a worker: cached_extraction, or the reason the file cannot be read."""
    try:
        return cached_extraction(*job)
    except ReadError as e:
        return e


def warm_tables() -> None:
    """Load every table the extractor reads lazily, by extracting one short text."""
    text = ("ỦY BAN NHÂN DÂN HUYỆN AN LÃO\nSố: 1/KH-UBND\nAn Lão, ngày 2 tháng 3 năm 2024\nKẾ HOẠCH\n"
            "Thực hiện Nghị quyết số 29-NQ/TW ngày 04/11/2013 của Ban Chấp hành Trung ương; Phòng Giáo dục "
            "và Đào tạo chủ trì, báo cáo trước ngày 20/9/2024.\n")
    extract(Source("warm.txt", "warm.txt", text, "0" * 64))


def _worker_start() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the pool


def parallel[A, B](fn: Callable[[list[A]], list[B]], items: Iterable[A], workers: int, chunk: int = 16,
             ahead: int = 8) -> Iterator[B]:
    """``fn`` over ``items`` in ``workers`` processes, chunk by chunk, the results in the order of
    the items; at most ``ahead`` chunks per worker are in flight, so that neither the items nor the
    results of a hundred thousand files are ever all in memory."""
    # forkserver: a clean process forks the workers (forking this one, which may run a store's
    # threads, could deadlock); it loads the extractor and its tables once for all of them
    context = get_context("forkserver")
    context.set_forkserver_preload(["kg.build.warm"])
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_start) as pool:
        pending: deque[Future[list[B]]] = deque()
        it = iter(items)
        try:
            while True:
                while len(pending) < ahead * workers:
                    batch = list(islice(it, chunk))
                    if not batch:
                        break
                    pending.append(pool.submit(fn, batch))
                if not pending:
                    return
                yield from pending.popleft().result()
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _extract_batch(jobs: list[tuple[str, str, str | None]]) -> list[Extraction | ReadError]:
    return [_extract_one(job) for job in jobs]


def extract_files(store_dir: str, jobs: list[tuple[str, str | None]], workers: int) -> Iterator[Extraction | ReadError]:
    """The extraction of each (path, sha or None) job, in the order given, by ``workers`` processes
    (1: in this process). The extractions come without their text."""
    work = [(store_dir, path, sha) for path, sha in jobs]
    if workers <= 1 or len(work) < 8:
        yield from map(_extract_one, work)
    else:
        yield from parallel(_extract_batch, work, workers)
