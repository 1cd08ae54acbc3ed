"""Registration numbers, e.g. 001/PPID/2026; the format is a setting (PPID_REGISTRATION_FORMAT)."""

from django.conf import settings

DEFAULT_FORMAT = "{sequence:03d}/PPID/{year}"


def format_registration_number(year, sequence):
    pattern = getattr(settings, "PPID_REGISTRATION_FORMAT", DEFAULT_FORMAT)
    return pattern.format(year=year, sequence=sequence)


def registration_slug(number):
    """The number as it appears in URLs: 001/PPID/2026 -> 001-PPID-2026."""
    return number.replace("/", "-")
