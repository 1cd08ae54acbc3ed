"""Bulk import of a corpus folder (manifest.json + files/) into agencies, documents and pages.

Idempotent, keyed by each record's `id` (stored as `external_id`): a record that did not change
changes nothing (no revision, no row), a changed one gets a new published revision. Each record is
imported in its own transaction, so one that fails leaves nothing behind; regulations come after
the ones they amend or revoke, so that a relation is saved with the page that makes it.
"""

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Site

from ppid_docs.agency_sections import ensure_agency, ensure_agency_index, ensure_agency_section
from ppid_docs.corpus import (
    InvalidRecord,
    parse_record,
    read_manifest,
    record_id,
    record_kind,
)
from ppid_docs.models import (
    AgencyIndexPage,
    FinancialFigure,
    FinancialReportPage,
    PPIDDocument,
    PublicInformationPage,
    RegulationPage,
    RegulationRelation,
    WorkPlanPage,
    WorkPlanProgramme,
)
from ppid_docs.permissions import ensure_agency_editors

PAGE_MODELS = {
    "regulation": RegulationPage,
    "financial_report": FinancialReportPage,
    "work_plan": WorkPlanPage,
    "public_information": PublicInformationPage,
}
CHILD_MODELS = {
    "figures": FinancialFigure,
    "programmes": WorkPlanProgramme,
    "outgoing_relations": RegulationRelation,
}
SKIPPED_KINDS = {"news": gettext_lazy("imported by the news app")}
OUTCOMES = ("created", "updated", "unchanged", "skipped", "invalid")


class NoHomePage(Exception):
    """There is no site to import into."""


@dataclass
class Problem:
    record: str
    reason: str


@dataclass
class ImportReport:
    counts: dict = field(default_factory=lambda: defaultdict(Counter))
    problems: list = field(default_factory=list)

    def by_kind(self):
        """Counts per kind: this app's kinds first, then skipped ones, then unknown ones."""
        known = [*PAGE_MODELS, *SKIPPED_KINDS]
        return sorted(
            self.counts.items(),
            key=lambda item: (known.index(item[0]) if item[0] in known else len(known), item[0]),
        )

    def count(self, kind, outcome):
        self.counts[kind][outcome] += 1

    def invalid(self, kind, record, reason):
        self.count(kind, "invalid")
        self.problems.append(Problem(record, str(reason)))


def import_corpus(folder, progress=None):
    """Import the corpus in `folder`; `progress(done, total, record_id)` is told of each record."""
    raw_records = read_manifest(folder)
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = site.root_page.specific if site else None
    if home is None or not (
        AgencyIndexPage.objects.child_of(home).exists() or AgencyIndexPage.can_create_at(home)
    ):
        raise NoHomePage(_("The site has no portal home page yet: run load_demo first."))
    return CorpusImporter(folder, home, progress).run(raw_records)


class CorpusImporter:
    def __init__(self, folder, home, progress=None):
        self.folder = folder
        self.home = home
        self.progress = progress or (lambda done, total, record: None)
        self.report = ImportReport()
        self.sections = {}  # agency name → its AgencyPage, or the reason it could not be made
        self.regulation_pages = {}  # record id → page id, to resolve relations
        self.failed = set()

    def run(self, raw_records):
        records = self.parse(raw_records)
        ordered, in_cycle = dependency_order(records)
        self.ensure_sections({record.agency for record in ordered})
        for done, record in enumerate(ordered, start=1):
            self.progress(done, len(ordered), record.id)
            if record.id in in_cycle:
                self.fail(record, _("its amendments and revocations form a cycle"))
            else:
                self.import_record(record)
        return self.report

    def parse(self, raw_records):
        records, seen = [], set()
        for position, raw in enumerate(raw_records, start=1):
            kind, identifier = record_kind(raw), record_id(raw)
            label = identifier or _("record %(number)s (no id)") % {"number": position}
            if kind in SKIPPED_KINDS:
                self.report.count(kind, "skipped")
            elif identifier is not None and identifier in seen:
                self.report.invalid(kind, label, _("the id appears earlier in the manifest"))
            else:
                seen.add(identifier)
                try:
                    records.append(parse_record(raw, self.folder))
                except InvalidRecord as error:
                    self.failed.add(identifier)
                    self.report.invalid(kind, label, error)
        return records

    def ensure_sections(self, agency_names):
        index = ensure_agency_index(self.home)
        for name in sorted(agency_names):
            try:
                with transaction.atomic():
                    section = ensure_agency_section(ensure_agency(name), index)
                    ensure_agency_editors(section)
            except (ValidationError, DatabaseError) as error:
                section = _("the agency's section could not be created: %(error)s") % {
                    "error": describe(error)
                }
            self.sections[name] = section

    def import_record(self, record):
        try:
            with transaction.atomic():
                outcome, page = self.sync_record(record)
        except (InvalidRecord, ValidationError, DatabaseError) as error:
            self.fail(record, describe(error))
            return
        if record.kind == "regulation":
            self.regulation_pages[record.id] = page.pk
        self.report.count(record.kind, outcome)

    def fail(self, record, reason):
        self.failed.add(record.id)
        self.report.invalid(record.kind, record.id, reason)

    def sync_record(self, record):
        section = self.sections[record.agency]
        if isinstance(section, str):
            raise InvalidRecord(section)
        document, document_changed = self.sync_document(record, section.agency)
        model = PAGE_MODELS[record.kind]
        fields = {
            **record.fields,
            "document_id": document.pk,
            "holder": section.agency.name,
            "responsible_person": f"PPID Pelaksana {section.agency.short_name}",
        }
        children = dict(record.children)
        if record.kind == "regulation":
            children["outgoing_relations"] = self.relation_rows(record)
        page = self.imported_pages(model).filter(external_id=record.id).first()
        if page is None:
            page = model(slug=record.id, external_id=record.id)
            write_page(page, fields, children, record.subjects)
            section.add_child(instance=page)
            # add_child has just validated the page; validating again costs time, not safety.
            page.save_revision(clean=False).publish()
            return "created", page
        moved = page.get_parent().pk != section.pk
        if moved:
            # Another agency now publishes it: the page follows into that agency's section.
            page.move(section, pos="last-child")
            page = model.objects.get(pk=page.pk)
        latest = page.get_latest_revision_as_object()
        if not moved and page_matches(latest, fields, children, record.subjects):
            return ("updated" if document_changed else "unchanged"), page
        write_page(latest, fields, children, record.subjects)
        latest.save_revision().publish()
        return "updated", page

    def imported_pages(self, model):
        # Translations copy the import key along; the imported page is the one in the site's locale.
        return model.objects.filter(locale_id=self.home.locale_id)

    def sync_document(self, record, agency):
        try:
            data = record.file.read_bytes()
        except OSError as error:
            raise InvalidRecord(
                _("unreadable file “%(path)s”: %(error)s")
                % {"path": record.file.name, "error": error.strerror or error}
            ) from error
        digest = hashlib.sha1(data, usedforsecurity=False).hexdigest()
        wanted = {
            "title": record.fields["title"],
            "description": record.fields["summary"],
            "category": record.fields["category"],
            "year": record.fields["year"],
            "agency_id": agency.pk,
            "collection_id": agency.collection_id,
        }
        document = PPIDDocument.objects.filter(external_id=record.id).first()
        if document is None:
            document = PPIDDocument(external_id=record.id)
        elif document.file_hash == digest and matches(document, wanted):
            return document, False
        for name, value in wanted.items():
            setattr(document, name, value)
        if document.file_hash != digest:
            replaced = document.file.name if document.pk else None
            document.file.save(f"{record.id}{record.file.suffix}", ContentFile(data), save=False)
            document.file_size, document.file_hash = len(data), digest
            if replaced:
                storage = document.file.storage
                transaction.on_commit(lambda: storage.delete(replaced))
        document.save()
        return document, True

    def relation_rows(self, record):
        rows = []
        for kind, target in record.relations:
            if target in self.failed:
                raise InvalidRecord(
                    _("“%(field)s” names “%(target)s”, which could not be imported")
                    % {"field": kind.value, "target": target}
                )
            target_id = self.regulation_pages.get(target) or (
                self.imported_pages(RegulationPage)
                .filter(external_id=target)
                .values_list("pk", flat=True)
                .first()
            )
            if target_id is None:
                raise InvalidRecord(
                    _("“%(field)s” names an unknown regulation “%(target)s”")
                    % {"field": kind.value, "target": target}
                )
            rows.append({"target_id": target_id, "kind": kind.value})
        return rows


def dependency_order(records):
    """Records in manifest order, except that a regulation follows those it amends or revokes.

    Returns the order and the records whose relations form a cycle (which cannot be imported).
    """
    by_id = {record.id: record for record in records}
    ordered, state, in_cycle = [], {}, set()

    def visit(record, trail):
        if state.get(record.id) == "done":
            return
        if state.get(record.id) == "visiting":
            in_cycle.update(trail[trail.index(record.id) :])
            return
        state[record.id] = "visiting"
        for _kind, target in record.relations:
            if target in by_id:
                visit(by_id[target], [*trail, target])
        state[record.id] = "done"
        ordered.append(record)

    for record in records:
        visit(record, [record.id])
    return ordered, in_cycle


def write_page(page, fields, children, subjects):
    for name, value in fields.items():
        setattr(page, name, value)
    for relation, rows in children.items():
        # An explicit order: without it the rows come back in any order and look changed.
        model = CHILD_MODELS[relation]
        setattr(page, relation, [model(sort_order=i, **row) for i, row in enumerate(rows)])
    if hasattr(page, "subjects"):
        page.subjects.set(list(subjects))


def page_matches(page, fields, children, subjects):
    """Whether the page already holds what the record says (fields, child rows and subjects)."""
    if not matches(page, fields):
        return False
    for relation, rows in children.items():
        names = rows[0].keys() if rows else ()
        current = [
            {name: getattr(child, name) for name in names}
            for child in getattr(page, relation).all()
        ]
        if current != rows:
            return False
    if hasattr(page, "subjects"):
        return sorted(tag.name for tag in page.subjects.all()) == sorted(subjects)
    return True


def matches(instance, values):
    return all(getattr(instance, name) == value for name, value in values.items())


def describe(error):
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)
