"""Nothing a folder of files can do may exhaust the machine, lose a document or read what was not
named (issue 16: 1, 3, 4, 5, 10): decompression bombs are refused at a limit while they inflate,
in little memory and time; only regular files are read, links are resolved once and never out of
the folders named; a document is never skipped for its name; a file name that is not UTF-8 is
read like any other; a FIFO or a device never blocks. And one hostile folder holding all of it
with the seeds: kg build names each refused file on one line, builds the seeds, touches nothing
outside the store, leaves no process behind and exits 1."""

from __future__ import annotations

import io
import json
import os
import shutil
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from conftest import SAMPLES

from kg.errors import ReadError
from kg.read import read_source

#: Slow (whole folders built by kg as a process): out of the quick loop, in make test.
pytestmark = pytest.mark.slow

KG = str(Path(sys.executable).with_name("kg"))
SEED = SAMPLES / "003_793e23e02999985a.txt"
MB = 1_000_000


# -- bombs, made here: small on disk, huge inflated ------------------------------------------------

def _deflate(chunk: bytes, times: int, head: bytes = b"", tail: bytes = b"") -> bytes:
    """Raw deflate of ``head``, ``chunk`` repeated ``times`` times and ``tail``, made in a moment:
    once the compressor's window holds nothing but the chunk (a megabyte: more than the window),
    each further chunk compresses to the same bytes, written ``times`` times."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = c.compress(head) + c.flush(zlib.Z_SYNC_FLUSH)
    first = c.compress(chunk) + c.flush(zlib.Z_SYNC_FLUSH)
    steady = c.compress(chunk) + c.flush(zlib.Z_SYNC_FLUSH)
    assert c.compress(chunk) + c.flush(zlib.Z_SYNC_FLUSH) == steady
    return start + first + steady * (times - 1) + c.compress(tail) + c.flush(zlib.Z_FINISH)


def _checksum(fn, chunk: bytes, times: int, head: bytes = b"", tail: bytes = b"", start: int = 0) -> int:  # type: ignore[no-untyped-def]
    value = fn(head, start)
    for _ in range(times):
        value = fn(chunk, value)
    return fn(tail, value)  # type: ignore[no-any-return]


def _zlib_stream(chunk: bytes, times: int, head: bytes = b"", tail: bytes = b"") -> bytes:
    """A zlib stream (header, deflate, Adler-32) of ``head``, ``chunk`` repeated and ``tail``."""
    adler = _checksum(zlib.adler32, chunk, times, head, tail, start=1)
    return b"\x78\xda" + _deflate(chunk, times, head, tail) + struct.pack(">I", adler)


def _pdf(content: bytes, filters: str) -> bytes:
    """A one-page PDF in Helvetica whose content stream is ``content`` (encoded by ``filters``)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
               b"/Contents 5 0 R >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Length %d /Filter %s >>\nstream\n" % (len(content), filters.encode()) + content + b"\nendstream"]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (n, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def pdf_of_text(megabytes: int) -> bytes:
    """One page whose content inflates to ``megabytes`` MB of text to draw."""
    chunk = b"(Ke hoach so 12/KH-UBND) Tj " * 37_000
    return _pdf(_zlib_stream(chunk, megabytes * MB // len(chunk) + 1, b"BT /F1 1 Tf 10 10 Td ", b" ET"),
                "/FlateDecode")


def pdf_of_spaces(megabytes: int, double: bool = False) -> bytes:
    """One page whose content inflates to ``megabytes`` MB of spaces; ``double``: deflated twice
    (a few kilobytes on disk)."""
    stream = _zlib_stream(b" " * (1 << 20), megabytes * MB // (1 << 20) + 1)
    if double:
        return _pdf(zlib.compress(stream, 9), "[/FlateDecode /FlateDecode]")
    return _pdf(stream, "/FlateDecode")


def _zip(parts: dict[str, tuple[bytes, int, int]], lie: dict[str, int] | None = None) -> bytes:
    """A zip archive of raw-deflated parts: name -> (deflate, size, CRC-32); ``lie`` gives a part a
    size it does not have."""
    out = io.BytesIO()
    central = []
    for name, (data, size, crc) in parts.items():
        claimed = (lie or {}).get(name, size)
        offset = out.tell()
        big = claimed >= 0xFFFFFFFF or len(data) >= 0xFFFFFFFF or offset >= 0xFFFFFFFF
        extra = struct.pack("<HHQQ", 1, 16, claimed, len(data)) if big else b""
        sizes = (0xFFFFFFFF, 0xFFFFFFFF) if big else (len(data), claimed)
        out.write(struct.pack("<IHHHHHIII", 0x04034B50, 45, 0, 8, 0, 0x21, crc, *sizes)
                  + struct.pack("<HH", len(name), len(extra)) + name.encode() + extra + data)
        cextra = struct.pack("<HHQQQ", 1, 24, claimed, len(data), offset) if big else b""
        central.append(struct.pack("<IHHHHHHIII", 0x02014B50, 45, 45, 0, 8, 0, 0x21, crc, *sizes)
                       + struct.pack("<HHHHHII", len(name), len(cextra), 0, 0, 0, 0,
                                     0xFFFFFFFF if big else offset) + name.encode() + cextra)
    start = out.tell()
    for entry in central:
        out.write(entry)
    end = out.tell()
    out.write(struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, len(central), len(central),
                          end - start, start))
    out.write(struct.pack("<IIQI", 0x07064B50, 0, end, 1))
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0))
    return out.getvalue()


_CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                  b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                  b'relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.'
                  b'openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
         b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         b'relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def _part(data: bytes) -> tuple[bytes, int, int]:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush(), len(data), zlib.crc32(data)


def _repeated_part(chunk: bytes, times: int, head: bytes = b"", tail: bytes = b"") -> tuple[bytes, int, int]:
    return (_deflate(chunk, times, head, tail), len(head) + len(chunk) * times + len(tail),
            _checksum(zlib.crc32, chunk, times, head, tail))


def docx_of_paragraphs(megabytes: int, lie: bool = False) -> bytes:
    """A .docx whose document.xml inflates to ``megabytes`` MB of paragraphs (``lie``: its entry
    claims 10 kB)."""
    paragraph = "<w:p><w:r><w:t>Kế hoạch số 12/KH-UBND thực hiện Nghị quyết số 29-NQ/TW</w:t></w:r></w:p>".encode()
    chunk = paragraph * ((1 << 20) // len(paragraph))
    head = (b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            b'wordprocessingml/2006/main"><w:body>')
    parts = {"[Content_Types].xml": _part(_CONTENT_TYPES), "_rels/.rels": _part(_RELS),
             "word/document.xml": _repeated_part(chunk, megabytes * MB // len(chunk) + 1, head,
                                                 b"</w:body></w:document>")}
    return _zip(parts, {"word/document.xml": 10_000} if lie else None)


def docx_of_spaces(megabytes: int) -> bytes:
    """A .docx whose document.xml inflates to ``megabytes`` MB of white space inside its body."""
    head = (b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            b'wordprocessingml/2006/main"><w:body>')
    parts = {"[Content_Types].xml": _part(_CONTENT_TYPES), "_rels/.rels": _part(_RELS),
             "word/document.xml": _repeated_part(b" " * (1 << 20), megabytes * MB // (1 << 20) + 1, head,
                                                 b"</w:body></w:document>")}
    return _zip(parts)


BOMBS = {
    # name -> (file, how to make it, what its one line says)
    "PDF: 62 MB of text in 150 kB": ("text.pdf", lambda: pdf_of_text(62), "inflates to more than the 50 MB"),
    "PDF: 2 GB in 2 MB": ("spaces.pdf", lambda: pdf_of_spaces(2000), "inflates to more than the 50 MB"),
    "PDF: 2 GB deflated twice, in 4 kB": ("double.pdf", lambda: pdf_of_spaces(2000, double=True),
                                          "inflates to more than the 50 MB"),
    ".docx: 500 MB of paragraphs in 1 MB": ("paragraphs.docx", lambda: docx_of_paragraphs(500),
                                           "inflates to more than the 50 MB"),
    ".docx: a part that claims 10 kB and holds 500 MB": ("liar.docx", lambda: docx_of_paragraphs(500, lie=True),
                                                         "not a readable .docx"),
    ".docx: 2 GB in 2 MB": ("spaces.docx", lambda: docx_of_spaces(2000), "inflates to more than the 50 MB"),
}


def _measured(args: list[str], env: dict[str, str] | None = None, timeout: float = 120) -> tuple[int, str, float, float]:
    """Run kg in a child (its address space capped at 4 GB, so that a bomb that is not stopped
    cannot take the machine down): exit code, stderr, peak memory of the child in MB, seconds."""
    script = (
        "import json, resource, subprocess, sys, time\n"
        "cap = lambda: resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))\n"
        "start = time.monotonic()\n"
        "try:\n"
        "    p = subprocess.run(sys.argv[2:], capture_output=True, text=True, timeout=float(sys.argv[1]),"
        " preexec_fn=cap)\n"
        "    code, err = p.returncode, p.stderr\n"
        "except subprocess.TimeoutExpired:\n"
        "    code, err = -9, 'timed out'\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(json.dumps([code, err, peak, time.monotonic() - start]))\n")
    proc = subprocess.run([sys.executable, "-c", script, str(timeout), *args], capture_output=True, text=True,
                          timeout=timeout + 60, env=env)
    code, err, peak, seconds = json.loads(proc.stdout)
    return code, err, peak, seconds


@pytest.mark.parametrize("name", list(BOMBS))
def test_a_decompression_bomb_is_refused_in_little_memory_and_time(name: str, tmp_path: Path) -> None:
    filename, make, reason = BOMBS[name]
    bomb = tmp_path / filename
    bomb.write_bytes(make())
    assert bomb.stat().st_size < 4 * MB
    code, err, peak, seconds = _measured([KG, "extract", str(bomb), str(SEED), "--format", "jsonl"])
    lines = err.strip().splitlines()
    assert code == 1 and len(lines) == 1 and lines[0].startswith(f"Error: {bomb}: ") and reason in lines[0], err
    assert peak < 500, f"{name}: {peak:.0f} MB"
    assert seconds < 10, f"{name}: {seconds:.1f} s"


def test_a_limit_is_raised_by_its_variable(tmp_path: Path) -> None:
    """A page that draws 220,000 characters (a real page draws a few thousand) is refused for it;
    with the limit raised it is read, within the memory the limit is there to keep."""
    pdf = tmp_path / "dense.pdf"
    pdf.write_bytes(_pdf(_zlib_stream(b"(Ke hoach so 12/KH-UBND) Tj " * 10_000, 1, b"BT /F1 1 Tf 10 10 Td ", b" ET"),
                         "/FlateDecode"))
    with pytest.raises(ReadError, match=r"a page draws more than the 200,000 characters and shapes a page may "
                                        r"draw \(set KG_MAX_PAGE_ITEMS to read it anyway\)"):
        read_source(str(pdf))
    env = {**os.environ, "KG_MAX_PAGE_ITEMS": "300000"}
    _, err, peak, _ = _measured([KG, "extract", str(pdf), "--format", "jsonl"], env=env)
    assert "a page draws" not in err and "not Vietnamese text" in err  # read: its letters are not Vietnamese
    assert peak < 500


def test_pages_are_counted_before_they_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from test_formats import write_pdf

    pdf = tmp_path / "plan.pdf"
    write_pdf(pdf, SEED.read_text(encoding="utf-8"))
    assert read_source(str(pdf)).text
    monkeypatch.setenv("KG_MAX_PAGES", "1")
    with pytest.raises(ReadError, match=r"has more than the 1 pages a document may have \(set KG_MAX_PAGES"):
        read_source(str(pdf))


# -- 3: links, resolved once and never out of the folders named ------------------------------------

def _seeds(folder: Path, names: list[str] | None = None) -> list[Path]:
    """The five seeds copied into ``folder`` (under ``names`` when given)."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = sorted(SAMPLES.glob("*.txt"))
    out = [folder / (names[i] if names else p.name) for i, p in enumerate(seeds)]
    for p, target in zip(seeds, out, strict=True):
        shutil.copy(p, target)
    return out


def _private(tmp_path: Path) -> Path:
    """A folder that was not named, holding a document with a number found nowhere else."""
    private = tmp_path / "private"
    private.mkdir()
    text = SEED.read_text(encoding="utf-8").replace("Số:", "Số: 4242/KH-BIMAT", 1)
    (private / "secret.txt").write_text(text, encoding="utf-8")
    return private


def _run(*args: str, timeout: float = 120, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([KG, *args], capture_output=True, text=True, timeout=timeout, env=env)


def test_a_link_to_the_folder_itself_is_read_once(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    _seeds(inbox)
    (inbox / "self").symlink_to(".", target_is_directory=True)
    (inbox / "sub").mkdir()
    (inbox / "sub" / "up").symlink_to("..", target_is_directory=True)
    (inbox / "again.txt").symlink_to(inbox / "000_62c2f09d4a06f2f4.txt")
    start = time.monotonic()
    proc = _run("extract", str(inbox), "--format", "jsonl", timeout=60)
    assert proc.returncode == 0 and proc.stderr == ""
    assert [json.loads(line)["source"] for line in proc.stdout.splitlines()] == sorted(p.name for p in
                                                                                    SAMPLES.glob("*.txt"))
    proc = _run("build", str(inbox), "--store", str(tmp_path / "store"), "--quiet", "--jobs", "1", timeout=120)
    assert proc.returncode == 0 and "documents: 5 (5 extracted)" in proc.stdout
    assert time.monotonic() - start < 60


def test_a_link_out_of_the_folders_named_is_not_followed(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    _seeds(inbox)
    private = _private(tmp_path)
    (inbox / "root").symlink_to("/", target_is_directory=True)
    (inbox / "elsewhere").symlink_to(private, target_is_directory=True)
    (inbox / "secret.txt").symlink_to(private / "secret.txt")
    store = tmp_path / "store"
    proc = _run("build", str(inbox), "--store", str(store), "--quiet", "--out", str(tmp_path / "graph.trig"),
                timeout=120)
    assert proc.returncode == 1
    assert sorted(proc.stderr.strip().splitlines()) == [
        f"Error: {inbox / name}: a link out of the folders named (to {target}): not followed "
        "(set KG_FOLLOW_LINKS=1 to follow it)"
        for name, target in (("elsewhere", private), ("root", "/"), ("secret.txt", private / "secret.txt"))]
    assert "documents: 5 (3 could not be read)" in proc.stdout
    assert "4242" not in (tmp_path / "graph.trig").read_text(encoding="utf-8")
    named = _run("build", str(inbox), str(private), "--store", str(tmp_path / "both"), "--quiet",
                 "--out", str(tmp_path / "both.trig"))
    assert "documents: 6" in named.stdout  # named, it is read (once, though a link leads there too)
    assert "4242/KH-BIMAT" in (tmp_path / "both.trig").read_text(encoding="utf-8")


def test_links_are_followed_once_when_asked_for(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    _seeds(inbox)
    private = _private(tmp_path)
    (inbox / "elsewhere").symlink_to(private, target_is_directory=True)
    (private / "back").symlink_to(inbox, target_is_directory=True)  # a loop through two folders
    (inbox / "self").symlink_to(".", target_is_directory=True)
    proc = _run("extract", str(inbox), "--format", "jsonl", env={**os.environ, "KG_FOLLOW_LINKS": "1"}, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert sorted(json.loads(line)["source"] for line in proc.stdout.splitlines()) == \
        sorted([p.name for p in SAMPLES.glob("*.txt")] + ["secret.txt"])


# -- 4: a document is never skipped for its name --------------------------------------------------

def test_documents_named_in_capitals_are_read_and_a_folder_note_is_not(tmp_path: Path) -> None:
    folder = tmp_path / "office"
    _seeds(folder, ["KH-UBND-35.txt", "NQ29.txt", "QD_3380.TXT", "CV.md", "kh-sgddt-12.txt"])
    (folder / "README.md").write_text(
        "Plans of the office, as scanned in March: `KH-UBND-35.txt` is the district's plan, `NQ29.txt` the\n"
        "resolution it carries out, `CV.md` the letter that sent it. Ask the archive for the originals.\n",
        encoding="utf-8")
    english = folder / "minutes.txt"  # in another language and about nothing here: a file that cannot be read
    english.write_text("The committee met on Monday to discuss the budget of the coming year, the schools and "
                       "the roads. Members agreed that the report would be sent to the province before the end "
                       "of the month, and that the next meeting would be held in the new building.\n" * 2,
                       encoding="utf-8")
    proc = _run("build", str(folder), "--store", str(tmp_path / "store"), "--quiet")
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [f"Error: {english}: not Vietnamese text (0% of its syllables are "
                                                "common Vietnamese ones, 35% needed): another language, or an "
                                                "encoding kg does not know"]
    assert "documents: 5 (1 could not be read)" in proc.stdout
    english.unlink()
    again = _run("build", str(folder), "--store", str(tmp_path / "store"), "--quiet")
    assert "nothing changed since the last build" in again.stdout  # the note is not read again
    proc = _run("extract", str(folder / "README.md"))  # named, it is read, and is no document
    assert proc.returncode == 1 and "not Vietnamese text" in proc.stderr


# -- 5: a file name that is not UTF-8 ------------------------------------------------------------

def test_a_file_name_that_is_not_utf8_is_read_like_any_other(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    _seeds(folder)
    odd = os.fsdecode(bytes(folder) + b"/b\xe1o c\xe1o 12.txt")  # Windows-1258, unpacked on Linux
    shutil.copy(SEED, odd)
    store = tmp_path / "store"
    proc = _run("build", str(folder), "--store", str(store), "--quiet", "--out", str(tmp_path / "g.trig"))
    assert proc.returncode == 0, proc.stderr
    assert "documents: 6 (6 extracted)" in proc.stdout
    assert '"b\ufffdo c\ufffdo 12.txt"' in (tmp_path / "g.trig").read_text(encoding="utf-8")
    assert "nothing changed" in _run("build", str(folder), "--store", str(store), "--quiet").stdout
    Path(odd).unlink()
    assert "1 removed" in _run("build", str(folder), "--store", str(store), "--quiet").stdout


# -- 10: FIFOs and devices -----------------------------------------------------------------------

def test_a_fifo_or_a_device_never_blocks(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)
    folder = tmp_path / "docs"
    _seeds(folder)
    os.mkfifo(folder / "queue.txt")
    for command in (["extract", "--format", "jsonl"], ["build", "--store", str(tmp_path / "store"), "--quiet"]):
        proc = _run(*command[:1], str(fifo), "/dev/zero", str(folder), *command[1:], timeout=60)
        assert proc.returncode == 1
        assert sorted(proc.stderr.strip().splitlines()) == sorted([
            "Error: /dev/zero: not a regular file (a device): kg reads files only",
            f"Error: {fifo}: not a regular file (a FIFO): kg reads files only",
            f"Error: {folder / 'queue.txt'}: not a regular file (a FIFO): kg reads files only"])


# -- all of it at once ---------------------------------------------------------------------------

def _tree(root: Path) -> dict[str, tuple[int, int, int]]:
    """What is under ``root`` (links not followed): each entry's kind, size and modification time."""
    out = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            st = os.lstat(os.path.join(folder, name))
            out[os.path.relpath(os.path.join(folder, name), root)] = (st.st_mode, st.st_size, st.st_mtime_ns)
    return out


def test_a_hostile_folder(tmp_path: Path) -> None:
    """One folder holding every case of issue 16 with the seeds: kg build finishes, names each
    refused file on one line, builds the seeds and every document that only looked odd, touches
    nothing outside its store, leaves no process behind, and exits 1."""
    import socket
    import uuid

    from test_failures import _marked

    from kg.testing.synthetic_texts import write_corpus

    inbox = tmp_path / "inbox"
    _seeds(inbox)
    private = _private(tmp_path)
    plans = tmp_path / "plans"
    write_corpus(6, plans, seed=16)
    odd_names = ["KH-UBND-35.txt", "NQ29.TXT", "CV.md", os.fsdecode(b"b\xe1o c\xe1o.txt"), "<!--<script>.txt",
                 "QD_3380.txt"]
    for plan, name in zip(sorted(plans.glob("*.txt")), odd_names, strict=True):
        shutil.copy(plan, os.path.join(inbox, name))
    refused: dict[str, str] = {}
    for filename, make, reason in BOMBS.values():
        (inbox / filename).write_bytes(make())
        refused[filename] = reason
    (inbox / "self").symlink_to(".", target_is_directory=True)
    (inbox / "root").symlink_to("/", target_is_directory=True)
    (inbox / "elsewhere").symlink_to(private, target_is_directory=True)
    (inbox / "secret.txt").symlink_to(private / "secret.txt")
    refused |= {name: "a link out of the folders named" for name in ("root", "elsewhere", "secret.txt")}
    os.mkfifo(inbox / "queue.txt")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(inbox / "socket.txt"))
    refused |= {"queue.txt": "not a regular file (a FIFO)", "socket.txt": "not a regular file (a socket)"}
    (inbox / "README.md").write_text(
        "Documents received in March. `KH-UBND-35.txt` and `NQ29.TXT` came by post and were scanned by the\n"
        "archive; `CV.md` is the letter that sent them. The others were downloaded from the portal of the\n"
        "province. Ask the archive for the paper originals before quoting any of them.\n", encoding="utf-8")
    (inbox / "minutes.txt").write_text("The committee met on Monday to discuss the budget of the coming year. " * 5,
                                       encoding="utf-8")
    refused["minutes.txt"] = "not Vietnamese text"
    before = _tree(tmp_path)
    mark = uuid.uuid4().hex
    store = tmp_path / "store"
    start = time.monotonic()
    proc = _run("build", str(inbox), "--store", str(store), "--jobs", "2", "--quiet", timeout=180,
                env={**os.environ, "KG_TEST_MARK": mark})
    seconds = time.monotonic() - start
    assert proc.returncode == 1, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == len(refused), proc.stderr
    for name, reason in refused.items():
        assert any(line.startswith(f"Error: {inbox / name}: ") and reason in line for line in lines), name
    assert f"documents: 11 ({len(refused)} could not be read)" in proc.stdout
    assert _marked(mark) == []
    after = _tree(tmp_path)
    assert {k: v for k, v in after.items() if not k.startswith("store")} == before  # nothing else touched
    lineage = _run("lineage", "29-NQ/TW", "--store", str(store), "--format", "json")
    assert {"001_19aa9179a0f0624f.txt", "003_793e23e02999985a.txt"} <= {
        s for node in json.loads(lineage.stdout)["nodes"] for s in node["sources"]}
    names = _run("query", "PREFIX kg: <https://w3id.org/kg-vn/ontology#> SELECT ?n WHERE { ?s kg:fileName ?n }",
                 "--store", str(store), "--format", "csv")
    assert {"KH-UBND-35.txt", "NQ29.TXT", "CV.md", "b\ufffdo c\ufffdo.txt", "<!--<script>.txt", "QD_3380.txt"} <= \
        set(names.stdout.splitlines())
    assert "4242" not in _run("query", "SELECT * WHERE { ?s ?p ?o FILTER(CONTAINS(STR(?o), '4242')) }",
                              "--store", str(store)).stdout
    assert seconds < 120
