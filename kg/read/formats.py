"""Text out of the formats documents are kept in: Word (.docx), PDF with a text layer, HTML.

What each reader returns is "the text as read": the evidence offsets of an extraction point into
it. It is laid out as the plain-text documents are: a paragraph on one line, the lines of a header
or of a table cell on lines of their own, the cells of a row one after the other (the header of a
Vietnamese document is a table: the issuing body on the left, the national motto, the place and
the date on the right).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

from kg.errors import ReadError
from kg.read.encodings import LegacyEncoding, legacy_encodings

# -- Word --------------------------------------------------------------------------------------

#: Font names of the legacy encodings: a run typed in ".VnTime" is TCVN3, in "VNI-Times" VNI.
_LEGACY_FONTS = ((re.compile(r"^\.vn", re.IGNORECASE), "tcvn3"), (re.compile(r"^vni[- ]", re.IGNORECASE), "vni"))


def read_docx(path: str) -> str:
    """The paragraphs and tables of a .docx in the order of the document (headers and footers of
    its pages left out); runs in a legacy font (.VnTime, VNI-Times) converted to Unicode."""
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(path)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise ReadError(path, f"not a readable .docx (damaged, or another format): {e}") from e
    except Exception as e:  # a damaged package can fail anywhere in python-docx and lxml
        raise ReadError(path, f"damaged .docx: {type(e).__name__}: {e}") from e
    lines = list(_docx_blocks(document.element.body, document))
    return "\n".join(lines)


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


def read_pdf(path: str) -> str:
    """The text layer of a PDF in reading order: each page's lines in blocks, columns read one
    after the other (the two columns of a header), lines of a paragraph joined,
    words split by a hyphen at a line's end mended; page numbers and the lines repeated at the
    top or bottom of every page left out. A PDF of scanned pages (no text layer) is a ReadError."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTImage, LTPage, LTTextLineHorizontal
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.psparser import PSException

    with open(path, "rb") as f:
        f.seek(0, 2)
        size = f.tell()
        f.seek(max(0, size - 2048))
        if b"%%EOF" not in f.read():
            raise ReadError(path, "truncated PDF (no end-of-file marker): the file was cut short")
    pages: list[tuple[float, list[_Line]]] = []
    images = 0
    try:
        for page in extract_pages(path, laparams=LAParams(all_texts=True)):
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
    except (PDFPasswordIncorrect, PDFEncryptionError) as e:
        raise ReadError(path, "encrypted PDF: kg cannot read it without its password") from e
    except (PSException, ValueError, KeyError, TypeError, AttributeError, IndexError, EOFError, OSError) as e:
        raise ReadError(path, f"damaged PDF: {type(e).__name__}: {e}") from e
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
    parser.feed(markup)
    parser.close()
    lines = (line.strip() for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line) + "\n"
