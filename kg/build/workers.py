"""The worker processes of a build: extraction of many files at once, and on a cold build the
writing of their graphs and of the merged view (see kg.build.cold)."""

from __future__ import annotations

import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from multiprocessing import get_context

from kg.build.cache import cached_extraction
from kg.errors import ReadError
from kg.extract import extract
from kg.model import Extraction, Source
from kg.read.files import folder_note


@dataclass(frozen=True, slots=True)
class ExtractJob:
    """A file to extract; its content hash when the scan already read it."""

    path: str
    sha: str | None = None
    in_folder: bool = False  # found in a folder: it may be a note about the folder


def warm_tables() -> None:
    """Load every table the extractor reads lazily (gazetteer, catalogue, agencies), by extracting
    one short text: a worker does it once, before its first file."""
    text = ("ỦY BAN NHÂN DÂN HUYỆN AN LÃO\nSố: 1/KH-UBND\nAn Lão, ngày 2 tháng 3 năm 2024\nKẾ HOẠCH\n"
            "Thực hiện Nghị quyết số 29-NQ/TW ngày 04/11/2013 của Ban Chấp hành Trung ương; Phòng Giáo dục "
            "và Đào tạo chủ trì, báo cáo trước ngày 20/9/2024.\n")
    extract(Source("warm.txt", "warm.txt", text, "0" * 64))


def _start_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the pool
    warm_tables()


def parallel[A, B](fn: Callable[[list[A]], list[B]], items: Iterable[A], workers: int, chunk: int = 16,
                   ahead: int = 8) -> Iterator[B]:
    """``fn`` over ``items`` in ``workers`` processes, chunk by chunk, the results in the order of
    the items; at most ``ahead`` chunks per worker are in flight, so that neither the items nor the
    results of a hundred thousand files are ever all in memory."""
    # forkserver: a clean process forks the workers (forking this one, which may run a store's
    # threads, could deadlock); it and they die with this process (kg.build.lifeline)
    context = get_context("forkserver")
    context.set_forkserver_preload(["kg.build.forkserver_lifeline"])
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker) as pool:
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


def _extract_one(store_dir: str, job: ExtractJob) -> Extraction | ReadError:
    """cached_extraction, or the reason the file cannot be read (a FolderNote for a note about
    its folder, found in it)."""
    try:
        return cached_extraction(store_dir, job.path, job.sha)
    except ReadError as e:
        return folder_note(job.in_folder, e)


def _extract_batch(jobs: list[tuple[str, ExtractJob]]) -> list[Extraction | ReadError]:
    return [_extract_one(store_dir, job) for store_dir, job in jobs]


def extract_files(store_dir: str, jobs: list[ExtractJob], workers: int) -> Iterator[Extraction | ReadError]:
    """The extraction of each job, in the order given, by ``workers`` processes (1: in this
    process). The extractions come without their text."""
    if workers <= 1 or len(jobs) < 8:
        yield from (_extract_one(store_dir, job) for job in jobs)
    else:
        yield from parallel(_extract_batch, [(store_dir, job) for job in jobs], workers)
