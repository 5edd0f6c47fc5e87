"""A real `kg serve` on 127.0.0.1 for the tests and the bench: started as its own process on a
free port, waited for, and stopped (SIGTERM, then SIGKILL) on leaving."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True, slots=True)
class Served:
    url: str  # http://127.0.0.1:PORT
    pid: int


@contextmanager
def running_server(store_dir: str, query_timeout: float = 10.0, workers: int = 2, page_workers: int = 2,
                   start_timeout: float = 60.0, cache_mb: int = 256) -> Iterator[Served]:
    port = free_port()
    cmd = [sys.executable, "-m", "kg", "serve", "--store", store_dir, "--port", str(port), "--quiet",
           "--query-timeout", str(query_timeout), "--workers", str(workers), "--page-workers", str(page_workers),
           "--cache-mb", str(cache_mb)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + start_timeout
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"kg serve exited: {proc.stderr.read().decode() if proc.stderr else ''}")
            try:
                with urllib.request.urlopen(f"{url}/static/kg.css", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("kg serve did not answer in time") from None
                time.sleep(0.1)
        yield Served(url, proc.pid)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)  # the server's own group: its workers too
                proc.wait(5)
        if proc.stderr:
            proc.stderr.close()
