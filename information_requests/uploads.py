"""Identity documents are accepted by what they contain, never by their name or the browser's word.

A file's first bytes ("magic bytes") say what it is: a PDF renamed .jpg is still a PDF, and an
executable or a web page renamed .pdf is refused before anything is stored. Photos are decoded and
encoded afresh: what is kept is the picture alone, without the EXIF block a phone writes (location,
device, time) and without anything hidden after the image data.
"""

import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

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
PILLOW_FORMAT = {JPEG: "JPEG", PNG: "PNG"}
# A scan of an identity card needs far less; more is a decompression bomb, not a document.
MAX_IMAGE_PIXELS = 40_000_000
JPEG_QUALITY = 90


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


def reencode_image(uploaded, kind):
    """The picture of a JPEG or PNG upload, encoded afresh without its metadata, as a new upload.

    The EXIF orientation is applied to the pixels first, so that a phone photo stays upright once
    its EXIF block is gone. A file that only starts like an image is refused.
    """
    uploaded.seek(0)
    try:
        with Image.open(uploaded, formats=[PILLOW_FORMAT[kind]]) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise Image.DecompressionBombError(f"{image.width}x{image.height}")
            upright = ImageOps.exif_transpose(image)
            pixels = upright.convert("RGB") if kind == JPEG else keep_png_mode(upright)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as error:
        raise ValidationError(
            _("This image cannot be read. Scan or photograph the document again and retry."),
            code="image_unreadable",
        ) from error
    # Whatever Pillow kept of the original (ICC profile, comments, text chunks) stays behind.
    pixels.info = {key: value for key, value in pixels.info.items() if key == "transparency"}
    encoded = io.BytesIO()
    if kind == JPEG:
        pixels.save(encoded, "JPEG", quality=JPEG_QUALITY, optimize=True)
    else:
        pixels.save(encoded, "PNG", optimize=True)
    return SimpleUploadedFile(uploaded.name, encoded.getvalue(), content_type=kind.content_type)


def keep_png_mode(image):
    """PNG keeps transparency and palettes; anything exotic becomes plain RGB(A)."""
    if image.mode in {"1", "L", "LA", "P", "RGB", "RGBA"}:
        return image.copy()
    return image.convert("RGBA" if "A" in image.getbands() else "RGB")
