"""The processes that read the store for the server, each with a time limit per job.

pyoxigraph (0.5) has no query timeout or cancellation: a query runs until it ends. So every job
that reads the store runs in a worker process of its own, and a job over its time limit is stopped
by killing that process (SIGKILL) and starting a new one; the server and the other workers go on
answering. Processes rather than threads also let two cores work at once on the Python side of a
page (reading rows into objects), which a thread would do holding the interpreter's lock.

Each worker opens the store's current build read-only and looks at the ``current`` link before
every job: a ``kg build`` that published a new build while the server runs is picked up by the
next job.

The server keeps two pools (kg.serve.app): one for pages, one for users' SPARQL, so that a page
never waits behind a query; the query workers run at a lower priority (``nice``), so that on a
machine with fewer cores than workers the pages take the processor first.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import anyio.to_thread

from kg.errors import KgError


class JobTimeout(KgError):
    """A job ran past its time limit and was stopped."""


class JobFailed(KgError):
    """A job raised an error in its worker (the message is the error's)."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind  # the name of the exception class, to choose the HTTP status


@dataclass
class Context:
    """What a worker keeps between jobs: the store's current build, opened read-only, and what
    the jobs cached for that build (dropped when the build changes)."""

    store_dir: str
    build: str | None = None
    build_dir: Path | None = None
    store: Any = None
    endpoint: Any = None
    cache: dict | None = None
    index: Any = None  # the build's search index (kg.serve.index), once there is one

    def refresh(self) -> None:
        from kg.build.store import current_path, open_build
        from kg.sparql.query import LocalEndpoint

        link = current_path(self.store_dir)
        try:
            build = os.path.basename(os.readlink(link))
        except OSError:
            build = None
        if build != self.build or self.store is None:
            self.store = None  # close the previous build before opening the new one
            self.build_dir, self.store = open_build(self.store_dir)
            self.endpoint = LocalEndpoint(self.store)
            self.build = build
            self.cache = {}
            self.index = None

    def search_index(self) -> Any:
        """The build's search index, or None while kg serve has not made it yet."""
        from kg.serve.index import SearchIndex

        if self.index is None and self.build_dir is not None:
            self.index = SearchIndex.open(self.build_dir)
        return self.index


def _worker_main(conn: Connection, store_dir: str, niceness: int) -> None:
    """A worker: receive (job name, arguments), answer ("ok", result) or ("error", kind, message)."""
    from kg.serve.jobs import JOBS

    if niceness:
        os.nice(niceness)

    ctx = Context(store_dir)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        name, kwargs = message
        try:
            ctx.refresh()
            result = JOBS[name](ctx, **kwargs)
            conn.send(("ok", result, ctx.build))
        except KgError as e:
            conn.send(("error", type(e).__name__, str(e)))
        except Exception as e:  # a bug of kg: the server reports it as such, the worker goes on
            if os.environ.get("KG_DEBUG"):
                traceback.print_exc()
            conn.send(("error", "Bug", f"{type(e).__name__}: {e}"))


class _Worker:
    def __init__(self, ctx: multiprocessing.context.SpawnContext, store_dir: str, niceness: int) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, store_dir, niceness), daemon=True)
        self.process.start()
        child.close()

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.process.join(2)
        if self.process.is_alive():
            self.kill()


class Pool:
    """``size`` worker processes; ``run`` waits for a free one, sends it a job and waits for its
    answer at most ``timeout`` seconds. ``niceness`` lowers the workers' priority (os.nice)."""

    def __init__(self, store_dir: str | Path, size: int = 2, timeout: float = 10.0, niceness: int = 0) -> None:
        if size < 1:
            raise ValueError("a pool needs at least one worker")
        self.store_dir = str(store_dir)
        self.size = size
        self.timeout = timeout
        self.niceness = niceness
        self._ctx = multiprocessing.get_context("spawn")  # never fork a process that runs threads
        self._idle: asyncio.Queue[_Worker] | None = None
        self._workers: list[_Worker] = []
        self.restarts = 0
        self.build: str | None = None  # the build the last job answered from

    async def start(self) -> None:
        self._idle = asyncio.Queue()
        self._workers = [self._new_worker() for _ in range(self.size)]
        # every worker opens the store and loads the tables before the server takes requests
        for w in self._workers:
            w.conn.send(("warm", {}))
        for w in self._workers:
            if await anyio.to_thread.run_sync(w.conn.poll, 120.0):
                answer = await anyio.to_thread.run_sync(w.conn.recv)
                if answer[0] == "ok":
                    self.build = answer[2]
            self._idle.put_nowait(w)

    def _new_worker(self) -> _Worker:
        return _Worker(self._ctx, self.store_dir, self.niceness)

    async def close(self) -> None:
        for w in self._workers:
            await anyio.to_thread.run_sync(w.stop)
        self._workers.clear()

    async def run(self, job: str, timeout: float | None = None, **kwargs: Any) -> Any:
        if self._idle is None:
            raise RuntimeError("the pool is not started")
        return await self._run(job, self.timeout if timeout is None else timeout, kwargs)

    async def _run(self, name: str, limit: float, kwargs: dict) -> Any:
        assert self._idle is not None
        worker = await self._idle.get()
        started = time.monotonic()
        try:
            worker.conn.send((name, kwargs))
            ready = await anyio.to_thread.run_sync(worker.conn.poll, limit)
            if not ready:
                raise JobTimeout(f"stopped after {time.monotonic() - started:.1f} s, the time limit "
                                 f"({limit:g} s; kg serve --query-timeout sets it)")
            answer = await anyio.to_thread.run_sync(worker.conn.recv)
        except (JobTimeout, EOFError, OSError, asyncio.CancelledError):
            worker = await self._replace(worker)
            raise
        finally:
            self._idle.put_nowait(worker)
        if answer[0] == "ok":
            self.build = answer[2]
            return answer[1]
        raise JobFailed(answer[2], answer[1])

    async def _replace(self, worker: _Worker) -> _Worker:
        """Kill a worker that ran past its limit (or died) and start another in its place."""
        await anyio.to_thread.run_sync(worker.kill)
        fresh = self._new_worker()  # warmed by its first job
        self._workers[self._workers.index(worker)] = fresh
        self.restarts += 1
        return fresh


def call_here(store_dir: str, name: str, **kwargs: Any) -> Any:
    """Run a job in this process (for tests and scripts that want a page's data without a server)."""
    from kg.serve.jobs import JOBS

    ctx = Context(store_dir)
    ctx.refresh()
    job: Callable[..., Any] = JOBS[name]
    return job(ctx, **kwargs)
