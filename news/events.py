"""What makes an agenda item's event details consistent (plain Python, no database)."""

from django.utils.translation import gettext as _

from news.choices import NewsKind


def event_errors(kind, start, end, location):
    """Errors per field: an agenda item needs its start; only agenda items have event details."""
    errors = {}
    if kind == NewsKind.AGENDA:
        if start is None:
            errors["event_start"] = _("An agenda item needs the date and time the event starts.")
        elif end is not None and end < start:
            errors["event_end"] = _("The event cannot end before it starts.")
        return errors
    for field, value in (("event_start", start), ("event_end", end), ("location", location)):
        if value:
            errors[field] = _("Only agenda items have event dates and a location.")
    return errors
