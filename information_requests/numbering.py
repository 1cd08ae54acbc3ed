"""Registration numbers, e.g. 001/PPID/2026 for a request and 001/KEB/PPID/2026 for an objection;
the formats are settings (PPID_REGISTRATION_FORMAT, PPID_OBJECTION_REGISTRATION_FORMAT)."""

from django.conf import settings

DEFAULT_FORMAT = "{sequence:03d}/PPID/{year}"
DEFAULT_OBJECTION_FORMAT = "{sequence:03d}/KEB/PPID/{year}"


def format_registration_number(year, sequence):
    pattern = getattr(settings, "PPID_REGISTRATION_FORMAT", DEFAULT_FORMAT)
    return pattern.format(year=year, sequence=sequence)


def format_objection_number(year, sequence):
    pattern = getattr(settings, "PPID_OBJECTION_REGISTRATION_FORMAT", DEFAULT_OBJECTION_FORMAT)
    return pattern.format(year=year, sequence=sequence)


def registration_slug(number):
    """The number as it appears in URLs: 001/PPID/2026 -> 001-PPID-2026."""
    return number.replace("/", "-")
