"""Text out of the formats documents are kept in: Word (.docx), PDF with a text layer, HTML.

What each reader returns is "the text as read": the evidence offsets of an extraction point into
it. It is laid out as the plain-text documents are: a paragraph on one line, the lines of a header
or of a table cell on lines of their own, the cells of a row one after the other (the header of a
Vietnamese document is a table: the issuing body on the left, the national motto, the place and
the date on the right).
"""

from __future__ import annotations

import io
import re
import statistics
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from html.parser import HTMLParser

from kg.errors import ReadError
from kg.read.encodings import LegacyEncoding, legacy_encodings
from kg.read.limits import INFLATED, PAGE_ITEMS, PAGES, Budget, BudgetExceeded

# -- Word --------------------------------------------------------------------------------------

#: Font names of the legacy encodings: a run typed in ".VnTime" is TCVN3, in "VNI-Times" VNI.
_LEGACY_FONTS = ((re.compile(r"^\.vn", re.IGNORECASE), "tcvn3"), (re.compile(r"^vni[- ]", re.IGNORECASE), "vni"))


def read_docx(data: bytes, path: str) -> str:
    """The paragraphs and tables of a .docx in the order of the document (headers and footers of
    its pages left out); runs in a legacy font (.VnTime, VNI-Times) converted to Unicode. Its parts
    are inflated here, counted against the limits (kg.read.limits), before python-docx reads them."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    package = io.BytesIO(_unpacked(data, path))
    try:
        document = docx.Document(package)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise ReadError(path, f"not a readable .docx (damaged, or another format): {e}") from e
    except Exception as e:  # a damaged package can fail anywhere in python-docx and lxml
        raise ReadError(path, f"damaged .docx: {type(e).__name__}: {e}") from e
    lines = list(_docx_blocks(document.element.body, document))
    return "\n".join(lines)


#: Parts a .docx may hold (a real one has a few dozen; every part is one more file to inflate).
_DOCX_PARTS = 10_000


def _unpacked(data: bytes, path: str) -> bytes:
    """The .docx as a zip archive of its parts stored uncompressed: each part inflated a megabyte at
    a time and counted, whatever sizes the archive claims, so that an archive made to inflate to
    gigabytes is refused at the limit, before anything holds it whole."""
    budget = Budget()
    out = io.BytesIO()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as unpacked:
            parts = archive.infolist()
            if len(parts) > _DOCX_PARTS:
                raise ReadError(path, f"damaged .docx: {len(parts):,} parts (a document has a few dozen)")
            for info in parts:
                # what a part claims is counted before it is inflated; zipfile inflates no more than
                # that (a megabyte a call here) and refuses a part whose content is not what it claims
                budget.take(info.file_size)
                with archive.open(info) as part, unpacked.open(info.filename, "w", force_zip64=True) as copy:
                    while chunk := part.read(_CHUNK):
                        copy.write(chunk)
    except BudgetExceeded as e:
        raise ReadError(path, f"inflates to {e}") from e
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as e:
        raise ReadError(path, f"not a readable .docx (damaged, or another format): {e}") from e
    return out.getvalue()


def _docx_blocks(parent, document) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """Lines of the paragraphs and tables under a body or table cell, in order."""
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in parent.iterchildren():
        if child.tag == qn("w:p"):
            yield _docx_paragraph(Paragraph(child, document))
        elif child.tag == qn("w:tbl"):
            seen: set[int] = set()
            for row in Table(child, document).rows:
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell is listed once per grid column it spans
                        continue
                    seen.add(id(cell._tc))
                    yield from _docx_blocks(cell._tc, document)
        elif child.tag == qn("w:sdt"):  # content controls hold paragraphs too
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _docx_blocks(content, document)


def _docx_paragraph(paragraph) -> str:  # type: ignore[no-untyped-def]
    style_font = _font_of(paragraph.style)
    legacy = [(run, _legacy_of(run.font.name or style_font)) for run in paragraph.runs]
    if not any(encoding for _, encoding in legacy):
        return paragraph.text
    return "".join(encoding.convert(run.text) if encoding else run.text for run, encoding in legacy)


def _font_of(style) -> str | None:  # type: ignore[no-untyped-def]
    while style is not None:
        if style.font is not None and style.font.name:
            return style.font.name
        style = style.base_style
    return None


def _legacy_of(font: str | None) -> LegacyEncoding | None:
    for pattern, name in _LEGACY_FONTS:
        if font and pattern.match(font):
            return next(e for e in legacy_encodings() if e.name == name)
    return None


# -- PDF ---------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    x0: float
    top: float  # distance from the top of the page
    x1: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top


#: A page number alone on its line: "2", "- 2 -", "Trang 2", "2/5", "Trang 2/5".
_PAGE_NUMBER = re.compile(r"(?i)^\s*(?:trang\s*)?[-–(]?\s*\d{1,4}\s*(?:/\s*\d{1,4})?\s*[-–)]?\s*$")
#: Where page furniture sits: this share of the page at its top and at its bottom.
_MARGIN = 0.12


def read_pdf(data: bytes, path: str) -> str:
    """The text layer of a PDF in reading order: each page's lines in blocks, columns read one
    after the other (the two columns of a header), lines of a paragraph joined,
    words split by a hyphen at a line's end mended; page numbers and the lines repeated at the
    top or bottom of every page left out. A PDF of scanned pages (no text layer) is a ReadError,
    and so is one past a limit of kg.read.limits (its streams inflated, its pages, a page's items)."""
    from pdfminer.layout import LAParams, LTImage, LTPage, LTTextLineHorizontal
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.psparser import PSException

    if b"%%EOF" not in data[-2048:]:
        raise ReadError(path, "truncated PDF (no end-of-file marker): the file was cut short")
    pages: list[tuple[float, list[_Line]]] = []
    images = 0
    token = _budget.set(Budget())
    try:
        for page in _bounded_pages(data, LAParams(all_texts=True)):
            assert isinstance(page, LTPage)
            lines: list[_Line] = []
            for item in _walk(page):
                if isinstance(item, LTImage):
                    images += 1
                elif isinstance(item, LTTextLineHorizontal):
                    text = re.sub(r"\s+", " ", item.get_text()).strip()
                    if text:
                        lines.append(_Line(text, item.x0, page.height - item.y1, item.x1, page.height - item.y0))
            pages.append((page.height, lines))
    except BudgetExceeded as e:
        raise ReadError(path, f"{_PASSED[e.limit.variable]} {e}") from e
    except (PDFPasswordIncorrect, PDFEncryptionError) as e:
        raise ReadError(path, "encrypted PDF: kg cannot read it without its password") from e
    except (PSException, ValueError, KeyError, TypeError, AttributeError, IndexError, EOFError, OSError,
            zlib.error) as e:
        raise ReadError(path, f"damaged PDF: {type(e).__name__}: {e}") from e
    finally:
        _budget.reset(token)
    if not pages:
        raise ReadError(path, "PDF without pages")
    chars = sum(len(line.text) for _, lines in pages for line in lines)
    if chars < 20 * len(pages):
        if images:
            raise ReadError(path, f"scanned PDF: {len(pages)} page(s) of images without a text layer "
                                  "(kg does not do OCR; run an OCR tool such as ocrmypdf first)")
        raise ReadError(path, "PDF without text")
    furniture = _furniture(pages)
    paragraphs: list[str] = []
    for number, (_, lines) in enumerate(pages):
        kept = [line for line in lines if (number, line.top) not in furniture]
        paragraphs.extend(_paragraphs(_reading_order(kept)))
    return "\n".join(paragraphs) + "\n"


#: How a message of a PDF past a limit begins, by the limit's variable.
_PASSED = {INFLATED.variable: "inflates to", PAGES.variable: "has", PAGE_ITEMS.variable: "a page draws"}


def _bounded_pages(data: bytes, laparams):  # type: ignore[no-untyped-def]
    """pdfminer's pages of a PDF, laid out, with its limits checked while it reads: the pages are
    counted before any is laid out; what each page draws is counted as it is drawn; every stream
    pdfminer inflates, and every content stream each time it is run (a form drawn a thousand
    times), counts against the file's budget of inflated bytes."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    _bound_pdfminer()
    counting_aggregator, counting_interpreter = _counting_classes()
    document = PDFDocument(PDFParser(io.BytesIO(data)))
    most = PAGES.value()
    if any(n >= most for n, _ in enumerate(PDFPage.create_pages(document))):
        raise BudgetExceeded(PAGES)
    resources = PDFResourceManager()
    device = counting_aggregator(resources, laparams=laparams)
    interpreter = counting_interpreter(resources, device)
    for page in PDFPage.create_pages(document):
        interpreter.process_page(page)
        yield device.get_result()


def _walk(item):  # type: ignore[no-untyped-def]
    """The layout items of a page, down to its text lines (not into their characters)."""
    from pdfminer.layout import LTTextLine

    yield item
    if isinstance(item, LTTextLine):
        return
    try:
        children = list(item)
    except TypeError:
        return
    for child in children:
        yield from _walk(child)


def _furniture(pages: list[tuple[float, list[_Line]]]) -> set[tuple[int, float]]:
    """(page, top) of the lines that are page furniture: a page number at the top or bottom of a
    page, or a line found in the same place (its digits aside) on at least half the pages."""
    out: set[tuple[int, float]] = set()
    margin_lines: list[tuple[int, _Line, tuple[str, int]]] = []
    for number, (height, lines) in enumerate(pages):
        for line in lines:
            if line.top < height * _MARGIN or line.bottom > height * (1 - _MARGIN):
                if _PAGE_NUMBER.match(line.text):
                    out.add((number, line.top))
                else:
                    margin_lines.append((number, line, (re.sub(r"\d+", "#", line.text), round(line.top / 5))))
    if len(pages) >= 2:
        counts = Counter(key for _, _, key in margin_lines)
        for number, line, key in margin_lines:
            if counts[key] >= max(2, len(pages) / 2):
                out.add((number, line.top))
    return out


def _reading_order(lines: list[_Line]) -> list[list[_Line]]:
    """Blocks of lines in reading order. Two lines next to each other, one beside the other, start
    a region of columns (the two columns of a header, of a signature block, the cells of a table
    row); the lines below that keep to one side of the gap between them, without a paragraph's
    space, belong to it. Such a region is read column by column, left to right, each column its
    own block (cut again if it has columns of its own); the rest is read top to bottom, one block
    per run. (The lines of a header's two columns are often staggered, and the gap above its
    title is no wider than between its lines: cuts along empty bands, the classic XY-cut, read
    those pages wrong.)"""
    if not lines:
        return []
    typical = statistics.median(line.height for line in lines)
    lines = sorted(lines, key=lambda line: (line.top, line.x0))
    blocks: list[list[_Line]] = []
    flow: list[_Line] = []
    i = 0
    while i < len(lines):
        cut = _beside(lines[i], lines[i + 1], typical) if i + 1 < len(lines) else None
        if cut is None:
            flow.append(lines[i])
            i += 1
            continue
        region = [lines[i], lines[i + 1]]
        j = i + 2
        while j < len(lines) and _joins(lines[j], region, cut, typical):
            region.append(lines[j])
            j += 1
        if flow:
            blocks.append(flow)
            flow = []
        for column in ([x for x in region if x.x1 <= cut], [x for x in region if x.x1 > cut]):
            blocks.extend(_reading_order(column))
        i = j
    if flow:
        blocks.append(flow)
    return blocks


def _beside(a: _Line, b: _Line, typical: float) -> float | None:
    """Where the gap between two lines one beside the other is (a column gap: wider than a space
    between words, the lines at most a line apart in height), or None."""
    if b.top - a.bottom > typical:
        return None
    left, right = (a, b) if a.x1 <= b.x0 else (b, a)
    if right.x0 - left.x1 <= typical:
        return None
    return (left.x1 + right.x0) / 2


def _joins(line: _Line, region: list[_Line], cut: float, typical: float) -> bool:
    """Whether a line belongs to a region of columns: it keeps to one side of the cut and follows
    the lines of that side without a paragraph's space."""
    if line.x0 < cut < line.x1:
        return False
    side = [x for x in region if (x.x1 <= cut) == (line.x1 <= cut)]
    above = max((x.bottom for x in side), default=min(x.top for x in region))
    return line.top - above < 2 * typical


_LIST_ITEM = re.compile(r"^(?:[-+•*]\s|\(?[0-9]{1,2}[.)]\s|\(?[a-zđ][.)]\s|[IVXLC]{1,6}[.)]\s|Điều\s+\d)")


def _paragraphs(blocks: list[list[_Line]]) -> list[str]:
    """The lines of each block joined into paragraphs: a line that reaches the block's right edge
    runs on into the next one if that starts at the left edge and not with a list item (centred
    lines, and the lines of a column narrower than the page's text, stay apart); a word cut by a hyphen at the end
    of a line is mended ("QĐ-" + "UBND" is "QĐ-UBND")."""
    out: list[str] = []
    if not blocks:
        return out
    page = max(line.x1 for b in blocks for line in b) - min(line.x0 for b in blocks for line in b)
    for block in blocks:
        right = max(line.x1 for line in block)
        left = min(line.x0 for line in block)
        width = max(1.0, right - left)
        narrow = width < 0.6 * page  # a header's or a table's column: its lines stay apart
        current = ""
        for i, line in enumerate(block):
            text = line.text
            if not current:
                current = text
            elif current.endswith("\u00ad"):
                current = current[:-1] + text
            elif re.search(r"\w-$", current) and not re.match(r"\s", text):
                current = current[:-1] + text if re.search(r"[^\W\d_]-$", current) and text[:1].islower() \
                    and current[-2:-1].islower() else current + text
            else:
                current += " " + text
            nxt = block[i + 1] if i + 1 < len(block) else None
            runs_on = (nxt is not None and not narrow and (right - line.x1) < 0.12 * width
                       and nxt.x0 - left < 0.05 * width and not _LIST_ITEM.match(nxt.text)
                       and nxt.top - line.bottom < 1.2 * line.height)
            if not runs_on:
                out.append(current)
                current = ""
    return out


# -- what pdfminer may inflate ------------------------------------------------------------------
#
# pdfminer inflates a stream whole (zlib.decompress, its LZW and run-length decoders) and keeps it:
# a stream of a few kilobytes can hold gigabytes. Its decoders are replaced by ones that inflate a
# megabyte at a time and count against the budget of the file being read (a context variable: each
# read has its own); image filters it never needs for text are left undecoded.

_CHUNK = 1 << 20
_budget: ContextVar[Budget | None] = ContextVar("kg_inflation_budget", default=None)


def _take(n: int) -> None:
    budget = _budget.get()
    if budget is not None:
        budget.take(n)


def _inflate(data: bytes) -> bytes:
    """zlib.decompress for pdfminer, counted while it inflates. A stream cut short gives what it
    holds, as pdfminer's own fallback for damaged streams does."""
    inflater = zlib.decompressobj()
    out: list[bytes] = []
    pending = data
    while True:
        piece = inflater.decompress(pending, _CHUNK)
        _take(len(piece))
        out.append(piece)
        pending = inflater.unconsumed_tail
        if inflater.eof or (not pending and not piece):
            return b"".join(out)


def _inflate_damaged(data: bytes) -> bytes:
    """pdfminer's fallback for a stream zlib refuses (a wrong check sum, garbage at its end): what
    inflates before the damage."""
    inflater = zlib.decompressobj()
    out: list[bytes] = []
    pending = data
    try:
        while True:
            piece = inflater.decompress(pending, _CHUNK)
            _take(len(piece))
            out.append(piece)
            pending = inflater.unconsumed_tail
            if inflater.eof or (not pending and not piece):
                break
    except zlib.error:
        pass
    return b"".join(out)


def _lzw(data: bytes) -> bytes:
    from pdfminer.lzw import LZWDecoder

    out: list[bytes] = []
    for piece in LZWDecoder(io.BytesIO(data)).run():
        _take(len(piece))
        out.append(piece)
    return b"".join(out)


def _run_length(data: bytes) -> bytes:
    """RunLengthDecode (PDF 1.7, 7.4.5): a length byte, then that many bytes plus one (below 128),
    or one byte repeated 257 minus it times (above 128); 128 ends the data."""
    out = bytearray()
    i = 0
    while i < len(data):
        n = data[i]
        if n == 128:
            break
        if n < 128:
            run = data[i + 1:i + n + 2]
            i += n + 2
        else:
            run = data[i + 1:i + 2] * (257 - n)
            i += 2
        _take(len(run))
        out += run
    return bytes(out)


def _undecoded(data: bytes, params: dict[str, object]) -> bytes:
    return data


class _Zlib:
    """What pdfminer.pdftypes uses of the zlib module, its decompress counted."""

    decompress = staticmethod(_inflate)
    decompressobj = staticmethod(zlib.decompressobj)
    error = zlib.error


def _bound_pdfminer() -> None:
    from pdfminer import pdftypes

    if pdftypes.zlib is not _Zlib:
        pdftypes.zlib = _Zlib  # type: ignore[assignment]
        pdftypes.decompress_corrupted = _inflate_damaged
        pdftypes.lzwdecode = _lzw
        pdftypes.rldecode = _run_length
        pdftypes.ccittfaxdecode = _undecoded  # a fax image: never needed for text


def _counting_classes():  # type: ignore[no-untyped-def]
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfminer.pdftypes import stream_value

    class CountingAggregator(PDFPageAggregator):  # type: ignore[misc]
        """Lays a page out, counting what it draws (PAGE_ITEMS)."""

        def begin_page(self, page, ctm):  # type: ignore[no-untyped-def]
            self.items, self.most = 0, PAGE_ITEMS.value()
            super().begin_page(page, ctm)

        def _count(self) -> None:
            self.items += 1
            if self.items > self.most:
                raise BudgetExceeded(PAGE_ITEMS)

        def render_char(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            self._count()
            return super().render_char(*args, **kwargs)

        def paint_path(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            self._count()
            return super().paint_path(*args, **kwargs)

        def render_image(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            self._count()
            return super().render_image(*args, **kwargs)

        def begin_figure(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            self._count()
            return super().begin_figure(*args, **kwargs)

    class CountingInterpreter(PDFPageInterpreter):  # type: ignore[misc]
        """Runs content streams, each run counted against the inflation budget."""

        def execute(self, streams):  # type: ignore[no-untyped-def]
            for obj in streams:
                _take(len(stream_value(obj).get_data() or b""))
            return super().execute(streams)

    return CountingAggregator, CountingInterpreter


# -- HTML --------------------------------------------------------------------------------------

#: Elements that start a line of their own.
_BLOCKS = {"address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt", "figcaption",
           "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
           "pre", "section", "table", "td", "th", "tr", "ul"}
#: Elements whose content is not text of the document.
_HIDDEN = {"script", "style", "head", "template", "noscript", "svg"}


class _HtmlText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_text(markup: str) -> str:
    """The text of an HTML page: one line per block element, scripts and styles left out."""
    parser = _HtmlText()
    try:
        parser.feed(markup)
        parser.close()
    except AssertionError:
        # html.parser asserts on a declaration with no name after it ("<![" then "</p>", in
        # CPython 3.13.0): read the page again with "<!" as text, which loses only its comments
        parser = _HtmlText()
        parser.feed(markup.replace("<!", "&lt;!"))
        parser.close()
    lines = (line.strip() for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line) + "\n"
