"""Text and page count of an uploaded file, for search and for the document's page.

Pure apart from gettext: takes bytes, returns an `Extraction`, never raises. A damaged or
encrypted PDF becomes `failed` with a short reason, a PDF without a text layer (a scan) `no_text`,
anything that is not a PDF `not_applicable`.
"""

import io
import logging
from dataclasses import dataclass
from pathlib import PurePath

from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from ppid_docs.models.documents import TextExtraction

logger = logging.getLogger(__name__)

PDF_SIGNATURE = b"%PDF-"
# The signature may follow some junk; readers accept it within the first kilobyte.
SIGNATURE_WINDOW = 1024
REASON_MAX_LENGTH = 255


@dataclass(frozen=True)
class Extraction:
    status: str
    text: str = ""
    page_count: int | None = None
    error: str = ""


class UnreadablePDF(Exception):
    """The PDF cannot be opened or decrypted; the message says why, for the editor."""


def extract_text(data, filename=""):
    """Read the text of `data` (the file's bytes); `filename` helps tell a PDF from other files."""
    looks_like_pdf = PDF_SIGNATURE in data[:SIGNATURE_WINDOW]
    if not looks_like_pdf:
        if PurePath(filename).suffix.lower() == ".pdf":
            return _failed(_("The file is not a valid PDF."))
        return Extraction(TextExtraction.NOT_APPLICABLE)
    try:
        pages = _strict_pages(data)
    except UnreadablePDF as error:
        return _failed(str(error))
    except Exception as error:  # noqa: BLE001 - pypdf raises many kinds of errors on damaged files
        logger.info("Strict PDF reading failed (%s); trying the tolerant reader", error)
        pages = None
    if pages is None or not "".join(pages).strip():
        try:
            pages = _tolerant_pages(data)
        except UnreadablePDF as error:
            return _failed(str(error))
    text = _clean("\n\n".join(page for page in pages if page.strip()))
    if not text:
        return Extraction(TextExtraction.NO_TEXT, page_count=len(pages))
    return Extraction(TextExtraction.DONE, text=text, page_count=len(pages))


def _strict_pages(data):
    reader = _open(data, strict=True)
    return [page.extract_text() or "" for page in reader.pages]


def _tolerant_pages(data):
    """Non-strict reading, page by page: a page that cannot be read is left out, not fatal."""
    try:
        reader = _open(data, strict=False)
        pages = list(reader.pages)
    except UnreadablePDF:
        raise
    except Exception as error:
        raise UnreadablePDF(_("The PDF is damaged: %(detail)s") % {"detail": error}) from error
    return [_page_text(page) for page in pages]


def _page_text(page):
    # The layout mode takes another path through the content stream; it sometimes reads a page
    # the plain mode gives up on.
    for mode in ("plain", "layout"):
        try:
            text = page.extract_text(extraction_mode=mode) or ""
        except Exception as error:  # noqa: BLE001 - see extract_text
            logger.info("Could not read a PDF page in %s mode (%s)", mode, error)
            continue
        if text.strip():
            return text
    return ""


def _open(data, strict):
    reader = PdfReader(io.BytesIO(data), strict=strict)
    if reader.is_encrypted:
        # Many PDFs are encrypted only against editing, with an empty password for reading.
        # An unsupported algorithm, or AES without a crypto library installed, raises.
        try:
            opened = reader.decrypt("")
        except (PyPdfError, NotImplementedError) as error:
            raise UnreadablePDF(_("The PDF is encrypted and cannot be read.")) from error
        if not opened:
            raise UnreadablePDF(_("The PDF is protected by a password."))
    return reader


def _clean(text):
    # PostgreSQL text cannot hold NUL characters; some PDFs put them between letters.
    return text.replace("\x00", "").strip()


def _failed(reason):
    return Extraction(TextExtraction.FAILED, error=reason[:REASON_MAX_LENGTH])
