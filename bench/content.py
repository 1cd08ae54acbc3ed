"""Generated publications for the benches: a few thousand pages modelled on the demo corpus.

Each generated page copies a corpus page of its kind (fields, figures, programmes, subjects) into a
random agency section under a new number and year, so listings, facets, the DIP and search work on
a realistic mix. Pages are written in bulk: tree paths are computed here, the `Page` rows go in with
one `bulk_create`, and each specific row with a single-table insert (Django cannot bulk-create
multi-table models). No revisions are made (serving never reads them) and the search index is
filled in bulk at the end.
"""

import datetime
import random
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backends

from ppid_docs.choices import RegulationRelationKind
from ppid_docs.models import (
    AgencyPage,
    FinancialReportPage,
    PublicInformationPage,
    RegulationPage,
    RegulationRelation,
    RegulationSubject,
    WorkPlanPage,
)

SHARES = {
    RegulationPage: 0.4,
    FinancialReportPage: 0.2,
    WorkPlanPage: 0.2,
    PublicInformationPage: 0.2,
}
CHILD_RELATIONS = {FinancialReportPage: ["figures"], WorkPlanPage: ["programmes"]}
# Page columns a copy gets anew rather than from the page it copies.
OWN_PAGE_FIELDS = {
    "id",
    "path",
    "depth",
    "numchild",
    "url_path",
    "slug",
    "title",
    "draft_title",
    "translation_key",
    "latest_revision_id",
    "live_revision_id",
    "first_published_at",
    "last_published_at",
    "latest_revision_created_at",
    "owner_id",
    "locked",
    "locked_at",
    "locked_by_id",
    "show_in_menus",
}


@transaction.atomic
def generate_publications(total, seed=2026, first_number=1):
    """Publish `total` generated pages; return how many of each model were made.

    A later batch passes `first_number` past the earlier ones' numbers (slugs stay unique).
    """
    rng = random.Random(seed + first_number)
    locale = Locale.get_default()
    sections = list(AgencyPage.objects.filter(locale=locale).order_by("path"))
    next_step = {section.pk: _next_child_step(section) for section in sections}
    made = {}
    for model, share in SHARES.items():
        # The imported corpus pages, never an earlier batch's copies.
        originals = list(model.objects.filter(locale=locale, live=True).exclude(external_id=""))
        count = round(total * share)
        numbers = range(first_number, first_number + count)
        copies = [(rng.choice(originals), rng.choice(sections), number) for number in numbers]
        pages = _write_pages(model, copies, next_step, rng)
        _copy_children(model, copies, pages)
        if model is RegulationPage:
            _relate_regulations(pages, rng)
        made[model] = pages
    for section in sections:
        added = next_step[section.pk] - _next_child_step(section)
        Page.objects.filter(pk=section.pk).update(numchild=F("numchild") + added)
    _index(made)
    return {model: len(pages) for model, pages in made.items()}


def _next_child_step(section):
    last = section.get_last_child()
    return Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1


def _write_pages(model, copies, next_step, rng):
    content_type = ContentType.objects.get_for_model(model)
    page_fields = [field.attname for field in Page._meta.concrete_fields]
    own_fields = [
        field.attname
        for field in model._meta.concrete_fields
        if field.model is not Page and field.attname != "page_ptr_id"
    ]
    kind = model._meta.model_name
    now = timezone.now()
    bases, specifics = [], []
    for original, section, number in copies:
        step = next_step[section.pk]
        next_step[section.pk] += 1
        year = rng.randint(2005, 2026)
        slug = f"bench-{kind}-{number}"
        title = f"{original.title.split(' tentang ')[0]} ({year}/{number})"
        if model is RegulationPage:
            title = f"{original.get_regulation_type_display()} Nomor {number} Tahun {year}"
        published = now - datetime.timedelta(days=rng.randint(0, 3650))
        base = Page(
            **{
                name: getattr(original, name) for name in page_fields if name not in OWN_PAGE_FIELDS
            },
            path=Page._get_path(section.path, section.depth + 1, step),
            depth=section.depth + 1,
            numchild=0,
            slug=slug,
            url_path=f"{section.url_path}{slug}/",
            title=title,
            draft_title=title,
            translation_key=uuid.uuid4(),
            first_published_at=published,
            last_published_at=published,
            show_in_menus=False,
        )
        base.content_type_id = content_type.pk
        bases.append(base)
        own = {name: getattr(original, name) for name in own_fields}
        own.update(year=year, agency_id=section.agency_id, external_id="")
        if model is RegulationPage:
            own.update(number=str(number), promulgated_on=datetime.date(year, 6, 1))
        specifics.append(own)
    Page.objects.bulk_create(bases, batch_size=500)
    pages = []
    for base, own in zip(bases, specifics, strict=True):
        page = model(**{name: getattr(base, name) for name in page_fields}, **own)
        page.page_ptr_id = base.pk
        page.save_base(raw=True, force_insert=True)  # this table only: the Page row exists
        pages.append(page)
    return pages


def _copy_children(model, copies, pages):
    originals = [original for original, _section, _number in copies]
    for relation in CHILD_RELATIONS.get(model, []):
        child_model = model._meta.get_field(relation).related_model
        key = model._meta.get_field(relation).field.attname
        rows = []
        for original, page in zip(originals, pages, strict=True):
            for child in getattr(original, relation).all():
                child.pk = None
                setattr(child, key, page.pk)
                rows.append(child)
        child_model.objects.bulk_create(rows, batch_size=1000)
    if model is RegulationPage:
        RegulationSubject.objects.bulk_create(
            [
                RegulationSubject(content_object_id=page.pk, tag_id=tagged.tag_id)
                for original, page in zip(originals, pages, strict=True)
                for tagged in original.tagged_subjects.all()
            ],
            batch_size=1000,
        )


def _relate_regulations(pages, rng):
    """One generated regulation in ten amends or revokes an older generated one."""
    relations = []
    for position in range(10, len(pages), 10):
        source, target = pages[position], pages[rng.randrange(position)]
        kind = rng.choice(list(RegulationRelationKind))
        relations.append(RegulationRelation(source=source, target=target, kind=kind, sort_order=0))
    RegulationRelation.objects.bulk_create(relations)


def _index(made, chunk=1000):
    for backend in get_search_backends(with_auto_update=True):
        for model, pages in made.items():
            for start in range(0, len(pages), chunk):
                ids = [page.pk for page in pages[start : start + chunk]]
                found = model.objects.filter(pk__in=ids).select_related("agency", "document")
                backend.add_bulk(model, list(found))
