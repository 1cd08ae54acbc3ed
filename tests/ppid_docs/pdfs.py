"""PDF files for tests: real ones from the demo corpus, and small damaged or protected ones."""

import io
import json
import re

from django.conf import settings
from pypdf import PdfWriter

CORPUS = settings.BASE_DIR / "demo" / "corpus"
# Page 4 of reg-perda-2011-02.pdf (Perda 2/2011 on regional taxes).
PERDA_2011_02_PHRASE = "dipungut berdasarkan SKPD"


def corpus_records():
    return json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))


def corpus_record(record_id):
    return next(record for record in corpus_records() if record["id"] == record_id)


def corpus_pdf(record_id):
    return (CORPUS / "files" / f"{record_id}.pdf").read_bytes()


def blank_pdf(pages=1):
    """A valid PDF without any text, like a scan."""
    writer = PdfWriter()
    for _page in range(pages):
        writer.add_blank_page(width=595, height=842)
    return _written(writer)


def encrypted_pdf(password="rahasia"):
    writer = PdfWriter(clone_from=io.BytesIO(corpus_pdf("reg-perda-2011-02")))
    writer.encrypt(user_password=password, owner_password="pemilik")
    return _written(writer)


def truncated_pdf():
    data = corpus_pdf("reg-perda-2011-02")
    return data[: len(data) // 2]


def misplaced_xref_pdf():
    """A readable PDF whose cross-reference pointer is wrong: strict readers refuse it."""
    return re.sub(rb"startxref\s+\d+", b"startxref\n99", corpus_pdf("reg-perda-2011-02"))


def _written(writer):
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
