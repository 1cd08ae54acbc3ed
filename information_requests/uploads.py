"""Identity documents are accepted by what they contain, never by their name or the browser's word.

A file's first bytes ("magic bytes") say what it is: a PDF renamed .jpg is still a PDF, and an
executable or a web page renamed .pdf is refused before anything is stored.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

DEFAULT_MAX_SIZE = 5 * 1024 * 1024
# Readers accept a PDF header anywhere in the first kilobyte; some scanners write junk first.
PDF_HEADER_WINDOW = 1024


@dataclass(frozen=True)
class FileKind:
    content_type: str
    extension: str


PDF = FileKind("application/pdf", ".pdf")
JPEG = FileKind("image/jpeg", ".jpg")
PNG = FileKind("image/png", ".png")


def max_attachment_size():
    return getattr(settings, "PPID_REQUEST_ATTACHMENT_MAX_SIZE", DEFAULT_MAX_SIZE)


def sniff(head):
    """The kind of file whose first bytes are `head`, or None when it is not one we accept."""
    if b"%PDF-" in head[:PDF_HEADER_WINDOW]:
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    return None


def check_attachment(uploaded):
    """The file's kind by content; refuses anything too large or not a PDF, JPEG or PNG."""
    limit = max_attachment_size()
    if uploaded.size > limit:
        raise ValidationError(
            _("This file is %(size)s; each file may be at most %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
        )
    uploaded.seek(0)
    head = uploaded.read(PDF_HEADER_WINDOW)
    uploaded.seek(0)
    kind = sniff(head)
    if kind is None:
        raise ValidationError(
            _("This file is not a PDF, JPG or PNG. Scan or photograph the document and try again."),
            code="file_type",
        )
    return kind
