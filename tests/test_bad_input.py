"""Bad files among good ones: each is named on one line with its reason, the others are read, the
exit code says what happened (0 all read, 1 some could not be, 2 usage), no traceback reaches the
user; and a build killed at any moment (SIGKILL) leaves the previous graph usable."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES
from test_formats import write_docx, write_pdf

from kg.errors import ReadError
from kg.read import read_source
from kg.testing.synthetic_texts import write_corpus

KG = str(Path(sys.executable).with_name("kg"))
SEED = SAMPLES / "003_793e23e02999985a.txt"
ENGLISH = ("The Prime Minister issued a decision on the plan to implement the resolution of the central committee "
           "on education reform. Every province must report on it every quarter, and the ministry will review "
           "what has been done by the end of the year, with the help of the people's committees.\n") * 3


def _scanned_pdf(path: Path) -> None:
    """A page that is a picture of text, as a scanner makes it: no text layer."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    image = Image.new("L", (850, 1100), 255)
    draw = ImageDraw.Draw(image)
    for y in range(100, 1000, 30):
        draw.rectangle((80, y, 80 + (y * 7) % 600 + 100, y + 12), fill=30)
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(image, x=0, y=0, w=210)
    pdf.output(str(path))


def _cut(write: Callable[[Path, str], None], path: Path) -> None:
    write(path, SEED.read_text(encoding="utf-8"))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


#: name -> (file name, how to make it, what its one line says)
BAD: dict[str, tuple[str, Callable[[Path], None], str]] = {
    "empty": ("empty.txt", lambda p: p.write_bytes(b""), "empty file"),
    "white space only": ("blank.md", lambda p: p.write_text(" \n\n\t \n", encoding="utf-8"), "holds no text"),
    "binary junk named .txt": ("junk.txt", lambda p: p.write_bytes(random.Random(7).randbytes(20000)),
                               "binary data, not text"),
    "50 MB": ("huge.txt", lambda p: p.write_bytes(SEED.read_bytes() * (50_000_000 // SEED.stat().st_size + 1)),
              "too large: 50.0 MB"),
    "another language": ("english.txt", lambda p: p.write_text(ENGLISH, encoding="utf-8"), "not Vietnamese text"),
    "truncated PDF": ("cut.pdf", lambda p: _cut(write_pdf, p), "truncated PDF"),
    "damaged PDF": ("damaged.pdf", lambda p: p.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\n"
                                                          b"trailer << /Root 1 0 R >>\n%%EOF\n"), "PDF"),
    "scanned PDF": ("scan.pdf", _scanned_pdf, "scanned PDF: 1 page(s) of images without a text layer"),
    "truncated .docx": ("cut.docx", lambda p: _cut(write_docx, p), ".docx"),
    "a .docx that is text": ("fake.docx", lambda p: p.write_text("Kế hoạch", encoding="utf-8"), "not a .docx"),
    "short text in no Unicode encoding": ("short.txt", lambda p: p.write_bytes(b"\x81 K\xea ho\xb9ch"), "too short"),
    "a link to nothing": ("gone.txt", lambda p: p.symlink_to(p.with_name("nowhere.txt")), "No such file"),
}


@pytest.mark.parametrize("name", list(BAD))
def test_each_bad_file_says_why(name: str, tmp_path: Path) -> None:
    filename, make, reason = BAD[name]
    path = tmp_path / filename
    make(path)
    start = time.perf_counter()
    with pytest.raises(ReadError) as e:
        read_source(str(path))
    assert e.value.path == str(path) and reason in e.value.reason, e.value.reason
    assert time.perf_counter() - start < 5


def test_named_unsupported_formats_say_what_to_do(tmp_path: Path) -> None:
    old = tmp_path / "old.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(ReadError, match=r"save it as \.docx"):
        read_source(str(old))


def _unprivileged[T](fn: Callable[[], T]) -> T:
    """``fn`` run by a user that may not read what root made unreadable: in a child process that
    drops to "nobody" when the tests run as root (root may read anything), else in this one."""
    if os.geteuid() != 0:
        return fn()
    import pickle

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop to nobody, run, send the result back
        os.close(read)
        try:
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            result: object = ("ok", fn())
        except BaseException as e:  # the parent reports it
            result = ("error", repr(e))
        with os.fdopen(write, "wb") as out:
            pickle.dump(result, out)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as f:
        kind, value = pickle.load(f)
    os.waitpid(pid, 0)
    assert kind == "ok", value
    return value  # type: ignore[no-any-return]


@pytest.fixture
def open_folder() -> Path:
    """A folder everyone may enter (pytest's own are root's alone), removed afterwards."""
    import shutil

    folder = Path(tempfile.mkdtemp(prefix="kg-bad-"))
    folder.chmod(0o755)
    yield folder  # type: ignore[misc]
    shutil.rmtree(folder, ignore_errors=True)


def test_a_file_without_read_permission(open_folder: Path) -> None:
    from kg.extract import extract_file
    from kg.read.encodings import common_syllables

    common_syllables()  # loaded before the child gives up root's rights
    secret = open_folder / "secret.txt"
    secret.write_bytes(SEED.read_bytes())
    secret.chmod(0o000)
    readable = open_folder / "ok.txt"
    readable.write_bytes(SEED.read_bytes())
    readable.chmod(0o644)

    def try_both() -> tuple[str, int]:
        try:
            read_source(str(secret))
            reason = "read"
        except ReadError as e:
            reason = e.reason
        return reason, len(extract_file(str(readable)).references)

    reason, references = _unprivileged(try_both)
    assert reason == "permission denied: kg may not read it"
    assert references == 12


def test_kg_extract_names_each_bad_file_on_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for filename, make, _ in BAD.values():
        make(folder / filename)
    for seed in sorted(SAMPLES.glob("*.txt"))[:3]:
        (folder / seed.name).write_bytes(seed.read_bytes())
    proc = subprocess.run([KG, "extract", str(folder), "--format", "jsonl"], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == len(BAD)
    for name, _, reason in BAD.values():
        assert any(line.startswith(f"Error: {folder / name}: ") and reason in line for line in lines), name
    assert "Traceback" not in proc.stderr
    assert [json.loads(line)["source"] for line in proc.stdout.splitlines()] == \
        [p.name for p in sorted(SAMPLES.glob("*.txt"))[:3]]


def test_exit_codes() -> None:
    ok = subprocess.run([KG, "extract", str(SEED)], capture_output=True, text=True, timeout=60)
    usage = subprocess.run([KG, "extract"], capture_output=True, text=True, timeout=60)
    unknown = subprocess.run([KG, "build", str(SAMPLES), "--jobs", "0"], capture_output=True, text=True, timeout=60)
    assert (ok.returncode, usage.returncode, unknown.returncode) == (0, 2, 2)
    assert "Traceback" not in usage.stderr + unknown.stderr


@pytest.mark.slow
def test_a_folder_of_ten_thousand_with_a_few_bad_ones(tmp_path: Path) -> None:
    """kg build over 10,000 files: the bad ones are named, the 9,995 others are in the graph."""
    folder = tmp_path / "docs"
    write_corpus(9_990, folder, seed=11)
    chosen = ["empty", "binary junk named .txt", "50 MB", "another language", "truncated PDF", "scanned PDF",
              "truncated .docx", "a link to nothing"]
    for name in chosen:
        filename, make, _ = BAD[name]
        make(folder / f"zz-{filename}")
    for seed in sorted(SAMPLES.glob("*.txt")):
        (folder / seed.name).write_bytes(seed.read_bytes())
    store = tmp_path / "store"
    proc = subprocess.run([KG, "build", str(folder), "--store", str(store), "--jobs", "2", "--quiet"],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 1, proc.stderr[-2000:]
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == len(chosen) and "Traceback" not in proc.stderr
    for name in chosen:
        filename, _, reason = BAD[name]
        assert any(line.startswith(f"Error: {folder / f'zz-{filename}'}: ") and reason in line for line in lines)
    assert f"documents: {9_990 + 5} ({len(chosen)} could not be read)" in proc.stdout
    lineage = subprocess.run([KG, "lineage", "29-NQ/TW", "--store", str(store), "--down", "--format", "json"],
                             capture_output=True, text=True, timeout=120)
    assert lineage.returncode == 0 and len(json.loads(lineage.stdout)["nodes"]) > 10


def _lineage(store: Path) -> dict:
    proc = subprocess.run([KG, "lineage", "29-NQ/TW", "--store", str(store), "--down", "--format", "json"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


@pytest.mark.slow
def test_kill_9_at_any_moment_leaves_a_usable_store(tmp_path: Path) -> None:
    """SIGKILL a build (the main process, as the out-of-memory killer would) at moments spread over
    its run: after each, the store answers with the previous graph or with the new one, never
    with a broken one; and the next build completes and equals a build from scratch."""
    store = tmp_path / "store"
    subprocess.run([KG, "build", str(SAMPLES), "--store", str(store), "--quiet"], check=True, timeout=300)
    before = _lineage(store)
    docs = tmp_path / "docs"
    write_corpus(600, docs, seed=5)
    for seed in sorted(SAMPLES.glob("*.txt")):
        (docs / seed.name).write_bytes(seed.read_bytes())
    start = time.perf_counter()
    subprocess.run([KG, "build", str(docs), "--store", str(tmp_path / "reference"), "--quiet", "--jobs", "2"],
                   check=True, timeout=600)
    whole = time.perf_counter() - start
    after = _lineage(tmp_path / "reference")
    assert after != before
    seen = set()
    for share in (0.05, 0.15, 0.3, 0.45, 0.6, 0.75, 0.85, 0.95, 1.05):
        proc = subprocess.Popen([KG, "build", str(docs), "--store", str(store), "--quiet", "--jobs", "2"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        time.sleep(whole * share)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        now = _lineage(store)
        assert now in (before, after)
        seen.add("after" if now == after else "before")
        if now == after:  # published before the kill: start again from the samples' graph
            subprocess.run([KG, "build", str(SAMPLES), "--store", str(store), "--quiet"], check=True, timeout=300)
    proc = subprocess.run([KG, "build", str(docs), "--store", str(store), "--quiet", "--jobs", "2"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert _lineage(store) == after
    assert "before" in seen  # most kills fell inside a build
    validate = subprocess.run([KG, "validate", "--store", str(store)], capture_output=True, text=True, timeout=300)
    assert validate.returncode == 0, validate.stdout + validate.stderr
