"""Every format and encoding a real document comes in gives the same extraction as its UTF-8 text.

The tests make each version of a seed themselves: a Word file (python-docx, the header laid out
as a two-column table as real documents do), a PDF with a text layer (fpdf2 and Debian's DejaVu
font, centred header columns, a page number and a footer on every page), HTML, Markdown, UTF-16,
Windows-1258 and the legacy TCVN3 and VNI encodings, as bytes and as text copied into UTF-8.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SAMPLES

from kg.extract import extract
from kg.extract.serialize import to_dict
from kg.model import Source
from kg.read import read_source
from kg.read.encodings import legacy_encodings, vietnamese_share
from kg.read.formats import _Line, _paragraphs, _reading_order

SEED = "003_793e23e02999985a.txt"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
HEADER_LEFT = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: /KH-SGDĐT"
HEADER_RIGHT = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nQuảng Ngãi, ngày tháng năm 2023"


def seed_text(name: str = SEED) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def references(path: Path) -> set[tuple]:
    """What must not change with the format: each reference's identifier (or title), date, issuer
    and relation."""
    d = to_dict(extract(read_source(str(path))))
    return {(r["identifier"] or r["title"], r["date"], (r["issuer"] or {}).get("name"), r["relation"])
            for r in d["references"]}


def paragraphs_of(text: str) -> tuple[list[str], str, list[str]]:
    """A seed cut as a word processor holds it: the header lines, the title, the body paragraphs."""
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    title_at = next(i for i, b in enumerate(blocks) if b.split("\n")[0].isupper() and len(b.split("\n")[0]) < 40
                    and not b.startswith("Số"))
    return blocks[:title_at], blocks[title_at], blocks[title_at + 1:]


# -- writers the tests encode with -------------------------------------------------------------

def legacy_bytes(text: str, name: str) -> bytes:
    """``text`` typed in a legacy font: the Windows-1252 bytes of its codes (TCVN3 has no toned
    capitals: they are typed with the lower-case codes, as in the .VnTimeH fonts)."""
    return legacy_chars(text, name).encode("cp1252", errors="strict")


def legacy_chars(text: str, name: str) -> str:
    encoding = next(e for e in legacy_encodings() if e.name == name)
    to_code = {}
    for code, letter in encoding.to_unicode.items():
        to_code.setdefault(letter, code)  # the first code of a letter is its table's own form
    out = []
    for c in unicodedata.normalize("NFC", text):
        if c in to_code:
            out.append(to_code[c])
        elif c.lower() in to_code and name == "tcvn3":
            out.append(to_code[c.lower()])
        else:
            out.append(c)
    return "".join(out)


def cp1258_bytes(text: str) -> bytes:
    """Windows-1258 writes a toned letter as its base letter (with its own marks: "ê", "ơ") and a
    combining tone mark."""
    out = bytearray()
    for c in unicodedata.normalize("NFC", text):
        try:
            out += c.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", c)
        tones = "".join(m for m in decomposed if m in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in tones))
        out += base.encode("cp1258") + tones.encode("cp1258")
    return bytes(out)


def write_docx(path: Path, text: str, font: str | None = None, convert: str | None = None) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    _, title, body = paragraphs_of(text)
    document = docx.Document()

    def para(container, line: str, centred: bool = False) -> None:  # type: ignore[no-untyped-def]
        p = container.add_paragraph()
        run = p.add_run(legacy_chars(line, convert) if convert else line)
        if font:
            run.font.name = font
        if centred:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = ""
    for cell, lines in ((left, HEADER_LEFT), (right, HEADER_RIGHT)):
        cell._tc.remove(cell.paragraphs[0]._p)
        for line in lines.split("\n"):
            para(cell, line, centred=True)
    for line in title.split("\n"):
        para(document, line, centred=True)
    for block in body:
        for line in block.split("\n"):
            para(document, line)
    document.save(str(path))


def write_pdf(path: Path, text: str) -> None:
    from fpdf import FPDF

    _, title, body = paragraphs_of(text)

    class Page(FPDF):
        def header(self) -> None:
            if self.page_no() > 1:  # the page number at the top, from the second page on
                self.set_y(8)
                self.cell(0, 5, str(self.page_no()), align="C")
                self.set_y(20)

        def footer(self) -> None:
            self.set_y(-15)
            self.cell(0, 5, "Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi - Kế hoạch làm việc với các huyện", align="C")

    pdf = Page(format="A4")
    pdf.add_font("DejaVu", "", FONT)
    pdf.set_font("DejaVu", size=11)
    pdf.set_auto_page_break(True, margin=25)
    pdf.add_page()
    with pdf.table(borders_layout="NONE", first_row_as_headings=False, text_align="CENTER") as table:
        row = table.row()
        row.cell(HEADER_LEFT)
        row.cell(HEADER_RIGHT)
    pdf.ln(6)
    pdf.multi_cell(0, 6, title, align="C")
    pdf.ln(4)
    for block in body:
        pdf.multi_cell(0, 6, block)  # justified, wrapped into lines of the page's width
        pdf.ln(2)
    pdf.output(str(path))


def _html(text: str) -> str:
    from html import escape

    body = "".join(f"<p>{escape(b).replace(chr(10), '<br>')}</p>\n" for b in text.split("\n\n"))
    return (f"<!DOCTYPE html><html><head><title>Kế hoạch</title><style>p {{margin: 0}}</style>"
            f"<script>var x = '<p>không phải văn bản</p>';</script></head><body>\n{body}</body></html>")


VERSIONS = {
    "utf-8 with a byte-order mark": ("txt", lambda t: b"\xef\xbb\xbf" + t.encode("utf-8")),
    "utf-16 (little-endian, marked)": ("txt", lambda t: t.encode("utf-16")),
    "utf-16 big-endian without a mark": ("txt", lambda t: t.encode("utf-16-be")),
    "windows-1258": ("txt", cp1258_bytes),
    "tcvn3": ("txt", lambda t: legacy_bytes(t, "tcvn3")),
    "vni": ("txt", lambda t: legacy_bytes(t, "vni")),
    "tcvn3 copied into utf-8": ("txt", lambda t: legacy_chars(t, "tcvn3").encode("utf-8")),
    "vni copied into utf-8": ("txt", lambda t: legacy_chars(t, "vni").encode("utf-8")),
    "markdown": ("md", lambda t: t.replace("KẾ HOẠCH", "# KẾ HOẠCH").encode("utf-8")),
    "html": ("html", lambda t: _html(t).encode("utf-8")),
}


@pytest.mark.parametrize("version", list(VERSIONS))
@pytest.mark.parametrize("seed", sorted(p.name for p in SAMPLES.glob("*.txt")))
def test_every_encoding_gives_the_same_references(version: str, seed: str, tmp_path: Path) -> None:
    suffix, write = VERSIONS[version]
    path = tmp_path / f"{Path(seed).stem}.{suffix}"
    path.write_bytes(write(seed_text(seed)))
    assert references(path) == references(SAMPLES / seed)


def written(path: Path, write: Callable[..., None], **options: str) -> tuple[Path, Source]:
    """Seed 003 written by ``write`` at ``path``, and read back."""
    write(path, seed_text(), **options)
    return path, read_source(str(path))


def test_docx_with_the_header_in_a_table(tmp_path: Path) -> None:
    path, source = written(tmp_path / "003.docx", write_docx)
    assert source.encoding == "docx"
    assert source.text.startswith(HEADER_LEFT + "\n" + HEADER_RIGHT + "\nKẾ HOẠCH\n")
    assert references(path) == references(SAMPLES / SEED)


@pytest.mark.parametrize(("font", "encoding"), [(".VnTime", "tcvn3"), ("VNI-Times", "vni")])
def test_docx_typed_in_a_legacy_font(font: str, encoding: str, tmp_path: Path) -> None:
    """Runs in .VnTime (TCVN3) or VNI-Times are converted by their font, not guessed."""
    path, source = written(tmp_path / "003.docx", write_docx, font=font, convert=encoding)
    assert "về công tác giáo dục và đào tạo tại địa phương" in source.text
    assert references(path) == references(SAMPLES / SEED)


def test_pdf_with_a_text_layer(tmp_path: Path) -> None:
    path, source = written(tmp_path / "003.pdf", write_pdf)
    assert source.encoding == "pdf"
    # the header's two columns one after the other, then the title
    assert source.text.startswith(HEADER_LEFT + "\n" + HEADER_RIGHT + "\nKẾ HOẠCH\n")
    # page numbers and the footer repeated on every page are gone; paragraphs are whole again
    lines = source.text.split("\n")
    assert not [line for line in lines if line.strip().isdigit() or "Kế hoạch làm việc với các huyện" in line]
    assert any(line.startswith("Thực hiện Kế hoạch số 224-KH/TU") and line.endswith("cụ thể như sau:")
               for line in lines)
    assert references(path) == references(SAMPLES / SEED)


@pytest.mark.parametrize("version", ["docx", "pdf", "tcvn3", "vni", "windows-1258", "html"])
def test_evidence_points_into_the_text_as_read(version: str, tmp_path: Path) -> None:
    if version in ("docx", "pdf"):
        path = tmp_path / f"003.{version}"
        (write_docx if version == "docx" else write_pdf)(path, seed_text())
    else:
        suffix, write = VERSIONS[version]
        path = tmp_path / f"003.{suffix}"
        path.write_bytes(write(seed_text()))
    x = extract(read_source(str(path)))
    d = to_dict(x)
    spans = [e for r in d["references"] for e in r["evidence"]] + [e for r in d["relations"] for e in r["evidence"]]
    spans += [e for t in d["tasks"] for e in t["evidence"]]
    assert len(spans) > 10
    for e in spans:
        assert x.source.text[e["start"]:e["end"]] == e["text"]


# -- the parts, on their own -----------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_legacy_table_examples(encoding: str) -> None:
    import tomllib

    from kg.resources import resource_dir

    table = tomllib.loads((resource_dir("data") / "legacy_encodings.toml").read_text(encoding="utf-8"))
    e = next(e for e in legacy_encodings() if e.name == encoding)
    for legacy, unicode in table[encoding]["examples"]:
        assert e.convert(legacy) == unicode


@pytest.mark.parametrize(("text", "expected"), [
    ("Uû ban nhaân daân", "Ủ ban nhân dân"),  # VNI, a mark typed in the other case than its vowel
    ("UÛY BAN NHAÂN DAÂN", "ỦY BAN NHÂN DÂN"),
])
def test_vni_marks_of_either_case(text: str, expected: str) -> None:
    assert next(e for e in legacy_encodings() if e.name == "vni").convert(text) == expected


@pytest.mark.parametrize(("tcvn3", "expected"), [
    ("KÕ HO¹CH", "KẾ HOẠCH"),  # a heading typed in .VnTimeH
    ("Sè: 12/Q§-UBND", "Số: 12/QĐ-UBND"),  # no word proves capitals: stays as typed
    ("ñY BAN NH©N D©N TØNH", "ỦY BAN NHÂN DÂN TỈNH"),
    ("Thùc hiÖn KÕ ho¹ch", "Thực hiện Kế hoạch"),
])
def test_tcvn3_capitals(tcvn3: str, expected: str) -> None:
    assert next(e for e in legacy_encodings() if e.name == "tcvn3").convert(tcvn3) == expected


def test_vietnamese_share_tells_languages_apart() -> None:
    english = ("The Prime Minister issued a decision on the plan to implement the resolution of the central "
               "committee on education reform, and the provinces must report on it every quarter of the year.")
    french = ("Le Premier ministre a publié une décision concernant le plan de mise en œuvre de la résolution "
              "du comité central sur la réforme de l'éducation, et les provinces doivent en rendre compte.")
    for name in sorted(p.name for p in SAMPLES.glob("*.txt")):
        assert vietnamese_share(seed_text(name)) > 0.7
    assert vietnamese_share(english) < 0.1
    assert vietnamese_share(french) < 0.2
    assert vietnamese_share("Kế hoạch số 12") is None  # too short to tell


def line(text: str, x0: float, top: float, x1: float, height: float = 11) -> _Line:
    return _Line(text, x0, top, x1, top + height)


def test_pdf_columns_with_staggered_lines() -> None:
    """The header's right column starts half a line lower than the left one: still two columns."""
    lines = [line("ỦY BAN NHÂN DÂN", 40, 34, 136), line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 300, 40, 527),
             line("HUYỆN AN LÃO", 50, 56, 126), line("Độc lập - Tự do - Hạnh phúc", 330, 62, 494),
             line("Số: 12/KH-UBND", 45, 78, 130), line("An Lão, ngày 2 tháng 3 năm 2024", 320, 84, 500),
             line("KẾ HOẠCH", 260, 120, 330),
             line("Thực hiện Nghị quyết số 29-NQ/TW ngày 04/11/2013 của Ban Chấp hành Trung ương", 31, 150, 564),
             line("về đổi mới căn bản, toàn diện giáo dục và đào tạo.", 31, 167, 300)]
    assert _paragraphs(_reading_order(lines)) == [
        "ỦY BAN NHÂN DÂN", "HUYỆN AN LÃO", "Số: 12/KH-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "An Lão, ngày 2 tháng 3 năm 2024",
        "KẾ HOẠCH",
        "Thực hiện Nghị quyết số 29-NQ/TW ngày 04/11/2013 của Ban Chấp hành Trung ương về đổi mới căn bản, "
        "toàn diện giáo dục và đào tạo."]


@pytest.mark.parametrize(("first", "second", "joined"), [
    ("căn cứ Quyết định số 1455/QĐ-", "UBND ngày 16/12/2022 của UBND tỉnh", "căn cứ Quyết định số 1455/QĐ-UBND ngày"),
    ("trong năm học 2022-", "2023 các trường", "trong năm học 2022-2023 các trường"),
    ("thực hiện kế hoạch phát triển kinh tế, xã hội và bảo vệ môi trư\u00ad", "ờng của tỉnh",
     "bảo vệ môi trường của tỉnh"),
])
def test_pdf_words_cut_at_a_line_end(first: str, second: str, joined: str) -> None:
    lines = [line(first, 31, 100, 564), line(second, 31, 117, 300)]
    assert joined in _paragraphs(_reading_order(lines))[0]
