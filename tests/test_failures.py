"""Failures that are no bug of kg are one plain Error line; a build's processes die with it; a
federated query is refused unless asked for; credentials are never printed (issue 16: 6, 11, 12)."""

from __future__ import annotations

import base64
import http.server
import os
import resource
import select
import signal
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar

import pytest
from conftest import SAMPLES
from test_cli import KG

from kg.testing.synthetic_texts import write_corpus

#: Slow (kg run as a process, builds killed, a full disk): out of the quick loop, in make test.
pytestmark = pytest.mark.slow


def _kg(*args: str, env: dict[str, str] | None = None, timeout: float = 300,
        limit_files: int | None = None) -> subprocess.CompletedProcess[str]:
    def limited() -> None:  # writes past this size fail (EFBIG), as on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_files, limit_files))  # type: ignore[arg-type]

    return subprocess.run([KG, *args], capture_output=True, text=True, timeout=timeout, env=env,
                          preexec_fn=limited if limit_files else None)


def _one_plain_error(proc: subprocess.CompletedProcess[str]) -> str:
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 2 and len(lines) == 1 and lines[0].startswith("Error: "), proc.stderr
    assert "bug" not in lines[0] and "Traceback" not in proc.stderr
    return lines[0]


# -- 11: ordinary failures -------------------------------------------------------------------------

@contextmanager
def _full_disk(tmp_path: Path) -> Iterator[Path]:
    """A file system of 3 MB (tmpfs), nearly full; skipped where tmpfs cannot be mounted (not root)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)],
                                           capture_output=True).returncode != 0:
        pytest.skip("mounting a small file system needs root")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_is_an_error_and_the_previous_graph_stays(tmp_path: Path) -> None:
    with _full_disk(tmp_path) as disk:
        store = disk / "store"
        assert _kg("build", str(SAMPLES), "--store", str(store), "--quiet").returncode == 0
        before = _kg("lineage", "29-NQ/TW", "--store", str(store)).stdout
        (disk / "filler").write_bytes(os.urandom(3_000_000 - sum(f.stat().st_size for f in disk.rglob("*")
                                                                   if f.is_file()) - 200_000))
        coverage = Path(__file__).parent / "data" / "coverage"
        line = _one_plain_error(_kg("build", str(SAMPLES), str(coverage), "--store", str(store), "--quiet"))
        assert "No space left on device" in line and line.endswith("the previous graph is unchanged")
        assert _kg("lineage", "29-NQ/TW", "--store", str(store)).stdout == before
        assert not list((store / "builds").glob("tmp-*"))
        with open(disk / "more", "wb") as f, pytest.raises(OSError):  # full to the last byte
            while True:
                f.write(b"\0" * 4096)
                f.flush()
        line = _one_plain_error(_kg("coverage", "29-NQ/TW", "--store", str(store), "--out", str(disk / "r.html")))
        assert line == f"Error: cannot write {disk / 'r.html'}: No space left on device"


def test_a_write_refused_by_the_system_is_an_error_and_the_previous_graph_stays(tmp_path: Path) -> None:
    """The same on any machine: writes past a size limit fail, as on a full disk."""
    store = tmp_path / "store"
    assert _kg("build", str(SAMPLES), "--store", str(store), "--quiet").returncode == 0
    before = _kg("lineage", "29-NQ/TW", "--store", str(store)).stdout
    docs = tmp_path / "docs"
    write_corpus(200, docs, seed=3)
    line = _one_plain_error(_kg("build", str(SAMPLES), str(docs), "--store", str(store), "--quiet", "--jobs", "1",
                                limit_files=200_000))
    # SQLite says "disk I/O error", RocksDB "File too large", whichever writes first
    assert line.startswith("Error: the build stopped (") and line.endswith("the previous graph is unchanged")
    assert _kg("lineage", "29-NQ/TW", "--store", str(store)).stdout == before
    line = _one_plain_error(_kg("build", str(SAMPLES), "--store", str(store), "--quiet",  # nothing changed
                                "--out", str(tmp_path / "graph.trig"), limit_files=100_000))
    assert line == f"Error: cannot write {tmp_path / 'graph.trig'}: File too large"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".graph.trig")]


def test_a_bad_iri_is_an_error(sample_store: Path) -> None:
    line = _one_plain_error(_kg("query", "lag", "--param", "directive=http://example.org/a b", "--store",
                                str(sample_store)))
    assert "is not an IRI" in line
    line = _one_plain_error(_kg("lineage", "https://w3id.org/kg-vn/id/doc/{x}", "--store", str(sample_store)))
    assert "is not an IRI" in line


class _Counting(http.server.BaseHTTPRequestHandler):
    """A SPARQL endpoint that answers nothing useful and counts the requests it got."""

    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def _answer(self) -> None:
        type(self).requests.append(self.path)
        self.send_response(500)
        self.end_headers()
        self.wfile.write(b"no")

    def log_message(self, *_: object) -> None:
        pass


@contextmanager
def _server(handler: type[http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    finally:
        server.shutdown()
        server.server_close()


def test_service_is_refused_unless_asked_for(sample_store: Path) -> None:
    _Counting.requests = []
    with _server(_Counting) as url:
        query = f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"
        line = _one_plain_error(_kg("query", query, "--store", str(sample_store)))
        assert "SERVICE" in line and "--allow-service" in line
        assert _Counting.requests == []  # nothing was sent
        line = _one_plain_error(_kg("query", query, "--store", str(sample_store), "--allow-service"))
        assert _Counting.requests  # asked for: sent, and its failure is one plain line
        assert line.startswith("Error: the store could not run <text>")


# -- 12: credentials ------------------------------------------------------------------------------

USER, PASSWORD = "kg_writer", "s3cret-Pw!42"


class _Echoing(http.server.BaseHTTPRequestHandler):
    """A server that asks for basic authentication, then fails, echoing what it was sent."""

    def do_POST(self) -> None:
        header = self.headers.get("Authorization")
        if header is None:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="kg"')
            self.end_headers()
            return
        decoded = base64.b64decode(header.split()[-1]).decode()
        body = f"Internal error for Authorization: {header} (user and password {decoded}) at {self.path}".encode()
        self.send_response(500)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_: object) -> None:
        pass


def _secret_free(proc: subprocess.CompletedProcess[str]) -> None:
    said = proc.stdout + proc.stderr
    token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    for secret in (PASSWORD, token, "s3cret-Pw%2142"):
        assert secret not in said, said


def test_credentials_are_never_printed(sample_store: Path) -> None:
    with _server(_Echoing) as url:
        in_url = url.replace("http://", f"http://{USER}:s3cret-Pw%2142@")
        proc = _kg("query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--endpoint", in_url)
        line = _one_plain_error(proc)
        assert "HTTP 500" in line and "Authorization: ***" in line  # it reached the server, with them
        _secret_free(proc)
        env = {**os.environ, "KG_SPARQL_USER": USER, "KG_SPARQL_PASSWORD": PASSWORD}
        proc = _kg("push", "--endpoint", url, "--store", str(sample_store), "--quiet", env=env)
        assert "HTTP 500" in _one_plain_error(proc)
        _secret_free(proc)
        proc = _kg("lineage", "29-NQ/TW", "--endpoint", in_url)
        _one_plain_error(proc)
        _secret_free(proc)
    closed = _kg("query", "SELECT * WHERE { ?s ?p ?o }", "--endpoint", in_url)  # the server is gone
    assert "cannot reach" in _one_plain_error(closed)
    _secret_free(closed)


# -- 6: a build's processes die with it -----------------------------------------------------------

def _marked(mark: str) -> list[int]:
    """The processes whose environment holds ``mark``."""
    out = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                with open(f"/proc/{pid}/environ", "rb") as f:
                    if f"KG_TEST_MARK={mark}".encode() in f.read():
                        out.append(int(pid))
            except OSError:
                continue
    return out


def read_to_end(proc: subprocess.Popen[bytes], timeout: float) -> bool:
    """Whether both of kg's output pipes reach their end within ``timeout`` seconds (a process
    left behind holding them keeps a caller waiting)."""
    pipes = [proc.stdout, proc.stderr]
    done: set[object] = set()
    deadline = time.monotonic() + timeout
    while len(done) < 2 and time.monotonic() < deadline:
        ready, _, _ = select.select([p for p in pipes if p not in done], [], [], 0.5)
        for pipe in ready:
            if not os.read(pipe.fileno(), 65536):  # type: ignore[union-attr]
                done.add(pipe)
    return len(done) == 2


@pytest.fixture(scope="module")
def many_docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    docs = tmp_path_factory.mktemp("docs")
    write_corpus(800, docs, seed=5)
    return docs


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_killing_kg_build_leaves_no_process(how: signal.Signals, many_docs: Path, tmp_path: Path) -> None:
    mark = uuid.uuid4().hex
    proc = subprocess.Popen([KG, "build", str(many_docs), "--store", str(tmp_path / "store"), "--jobs", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "KG_TEST_MARK": mark})
    try:
        deadline = time.monotonic() + 120
        while len(_marked(mark)) < 4 and time.monotonic() < deadline:  # kg, the forkserver, two workers
            time.sleep(0.1)
        assert len(_marked(mark)) >= 4
        proc.send_signal(how)
        proc.wait(timeout=30)
        assert read_to_end(proc, timeout=15), [Path(f"/proc/{p}/cmdline").read_text() for p in _marked(mark)]
        deadline = time.monotonic() + 10
        while _marked(mark) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _marked(mark) == []
    finally:
        for pid in _marked(mark):
            os.kill(pid, signal.SIGKILL)
