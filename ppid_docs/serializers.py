"""How publication fields read in the API (`api_fields` on the models use these).

Explicit shapes rather than Wagtail's generic nesting: an agency shows its name and slug, not an id
nobody can use, and related lists are read from what the listing prefetched, never with a query
per page.
"""

from rest_framework.fields import Field
from wagtail.api.utils import get_full_url


class AgencyField(Field):
    """{name, acronym, slug}: enough to show the agency and to filter by it (`?agency=<slug>`)."""

    def to_representation(self, agency):
        return {"name": agency.name, "acronym": agency.acronym, "slug": agency.slug}


class TagNamesField(Field):
    """Tag names in alphabetical order, from the prefetched tags."""

    def to_representation(self, tags):
        return sorted(tag.name for tag in tags.all())


class FinancialFiguresField(Field):
    """A report's figures as [{line, label, amount}], amounts in whole rupiah."""

    def to_representation(self, figures):
        return [
            {"line": figure.line, "label": str(figure.get_line_display()), "amount": figure.amount}
            for figure in figures.all()
        ]


class WorkPlanProgrammesField(Field):
    """A plan's programmes as [{programme, indicator, target, budget}]."""

    def to_representation(self, programmes):
        return [
            {
                "programme": programme.programme,
                "indicator": programme.indicator,
                "target": programme.target,
                "budget": programme.budget,
            }
            for programme in programmes.all()
        ]


class RegulationChangesField(Field):
    """One direction of the amend/revoke relations, leaving out regulations the public cannot see.

    `other_end` is "target" for what a regulation changes, "source" for what changes it.
    """

    def __init__(self, other_end, **kwargs):
        self.other_end = other_end
        super().__init__(**kwargs)

    def to_representation(self, relations):
        public = self.context["public_pages"]
        changes = []
        for relation in relations:
            regulation = getattr(relation, self.other_end)
            if regulation not in public:
                continue
            changes.append(
                {
                    "kind": relation.kind,
                    "regulation": {
                        "id": regulation.pk,
                        "title": regulation.title,
                        "regulation_type": regulation.regulation_type,
                        "number": regulation.number,
                        "year": regulation.year,
                        "detail_url": self.detail_url(regulation),
                        "html_url": regulation.full_url,
                    },
                }
            )
        return changes

    def detail_url(self, regulation):
        path = self.context["router"].get_object_detail_urlpath(type(regulation), regulation.pk)
        return get_full_url(self.context["request"], path)
