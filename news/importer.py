"""Import of news records (corpus kind "news") as news pages under one news list.

The record format is the corpus one (demo/corpus/README.md: id, title, summary, agency, date, body
with paragraphs separated by blank lines), plus optional fields the corpus may carry: `news_kind`
(berita, pengumuman, agenda; otherwise taken from the title), `event_start`, `event_end` (ISO
date-times, site time when no offset is given), `location` and `tags`.

Idempotent, keyed by each record's `id` (stored as `external_id`): an unchanged record changes
nothing, a changed one gets a new published revision. Each record is imported in its own
transaction, so one that fails leaves nothing behind.
"""

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from news.choices import NewsKind
from news.events import event_errors
from news.models import NewsPage
from ppid_docs.agency_sections import ensure_agency
from ppid_docs.corpus import (
    ID_PATTERN,
    InvalidRecord,
    _choice,
    _date,
    _text,
    _text_list,
    read_manifest,
    record_id,
    record_kind,
)
from ppid_docs.importer import Problem, describe

NEWS_KIND = "news"
OUTCOMES = ("created", "updated", "unchanged", "invalid")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
ANNOUNCEMENT_TITLE = re.compile(r"^pengumuman\b", re.IGNORECASE)


@dataclass(frozen=True)
class NewsRecord:
    id: str
    agency: str
    fields: dict
    tags: tuple = ()


@dataclass
class NewsImportReport:
    counts: Counter = field(default_factory=Counter)
    problems: list = field(default_factory=list)

    def invalid(self, record, reason):
        self.counts["invalid"] += 1
        self.problems.append(Problem(record, str(reason)))

    def summary(self):
        return _(
            "%(created)s created, %(updated)s updated, %(unchanged)s unchanged, %(invalid)s invalid"
        ) % {outcome: self.counts[outcome] for outcome in OUTCOMES}


def kind_from_title(title):
    """The corpus marks announcements in the title ("Pengumuman: …", "Pengumuman Lelang …")."""
    return NewsKind.PENGUMUMAN if ANNOUNCEMENT_TITLE.match(title) else NewsKind.BERITA


def body_blocks(text):
    """Plain text with blank lines between paragraphs → StreamField paragraph blocks."""
    return [
        ("paragraph", f"<p>{escape(' '.join(paragraph.split()))}</p>")
        for paragraph in PARAGRAPH_BREAK.split(text)
        if paragraph.strip()
    ]


def parse_news_record(raw):
    if not isinstance(raw, dict):
        raise InvalidRecord(_("the record is not a JSON object"))
    identifier = _text(raw, "id")
    if not ID_PATTERN.fullmatch(identifier):
        raise InvalidRecord(
            _("the id must be lower-case letters, digits and hyphens, at most 100 characters")
        )
    title = _text(raw, "title")
    kind = _choice(raw, "news_kind", NewsKind, required=False) or kind_from_title(title)
    start, end = _moment(raw, "event_start"), _moment(raw, "event_end")
    location = _text(raw, "location", required=False)
    errors = event_errors(kind, start, end, location)
    if errors:
        raise InvalidRecord(" ".join(f"{name}: {message}" for name, message in errors.items()))
    return NewsRecord(
        id=identifier,
        agency=_text(raw, "agency", required=False),
        fields={
            "title": title,
            "summary": _text(raw, "summary"),
            "kind": kind,
            "published_on": _date(raw, "date"),
            "event_start": start,
            "event_end": end,
            "location": location,
            "body": body_blocks(_text(raw, "body", required=False)),
        },
        tags=tuple(dict.fromkeys(_text_list(raw, "tags"))),
    )


def _moment(raw, key):
    value = _text(raw, key, required=False)
    if not value:
        return None
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError as error:
        raise InvalidRecord(
            _("bad date and time in “%(field)s”: “%(value)s” (expected YYYY-MM-DDTHH:MM)")
            % {"field": key, "value": value}
        ) from error
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def import_news(folder, index):
    """Import the news records of the corpus in `folder` under the news list `index`."""
    return import_news_records(read_manifest(folder), index)


def import_news_records(raw_records, index):
    report = NewsImportReport()
    seen = set()
    for position, raw in enumerate(raw_records, start=1):
        if record_kind(raw) != NEWS_KIND:
            continue
        label = record_id(raw) or _("record %(number)s (no id)") % {"number": position}
        if label in seen:
            report.invalid(label, _("the id appears earlier in the manifest"))
            continue
        seen.add(label)
        try:
            record = parse_news_record(raw)
            with transaction.atomic():
                outcome = sync_news_page(record, index)
        except (InvalidRecord, ValidationError, DatabaseError) as error:
            report.invalid(label, describe(error))
        else:
            report.counts[outcome] += 1
    return report


def sync_news_page(record, index):
    fields = {**record.fields, "agency": ensure_agency(record.agency) if record.agency else None}
    # Translations copy the import key along; the imported page is the one in the list's locale.
    page = NewsPage.objects.filter(locale_id=index.locale_id, external_id=record.id).first()
    if page is None:
        page = NewsPage(slug=record.id, external_id=record.id)
        write_page(page, fields, record.tags)
        index.add_child(instance=page)
        page.save_revision(clean=False).publish()
        return "created"
    latest = page.get_latest_revision_as_object()
    if page_matches(latest, fields, record.tags):
        return "unchanged"
    write_page(latest, fields, record.tags)
    latest.save_revision().publish()
    return "updated"


def write_page(page, fields, tags):
    for name, value in fields.items():
        setattr(page, name, value)
    page.tags.set(list(tags))


def page_matches(page, fields, tags):
    body = [(block.block_type, block.value.source) for block in page.body]
    others = {name: value for name, value in fields.items() if name != "body"}
    return (
        body == fields["body"]
        and all(getattr(page, name) == value for name, value in others.items())
        and sorted(tag.name for tag in page.tags.all()) == sorted(tags)
    )
