"""The facets of the public search: what each filters on and how its values are named.

Each facet is one query-string parameter, validated like the listings' filters
(`ppid_docs.listing.ListingFilter`). Values are stable words (slugs, choice values, years), so a
filtered search is a link anyone can share.
"""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from ppid_docs.choices import InformationCategory, RegulationStatus, RegulationType
from ppid_docs.listing import MAX_YEAR, MIN_YEAR
from ppid_docs.models import (
    Agency,
    FinancialReportPage,
    PublicInformationPage,
    RegulationPage,
    WorkPlanPage,
)

PUBLICATION_MODELS = (RegulationPage, FinancialReportPage, WorkPlanPage, PublicInformationPage)


class ContentKind:
    """The `type` facet: one value per publication model, and "page" for every other page."""

    BY_VALUE = {
        "regulation": RegulationPage,
        "financial_report": FinancialReportPage,
        "work_plan": WorkPlanPage,
        "public_information": PublicInformationPage,
    }
    OTHER = "page"

    @classmethod
    def choices(cls):
        return tuple(
            (value, model._meta.verbose_name_plural) for value, model in cls.BY_VALUE.items()
        ) + ((cls.OTHER, _("Other pages")),)

    @classmethod
    def of(cls, model):
        for value, kind_model in cls.BY_VALUE.items():
            if issubclass(model, kind_model):
                return value
        return cls.OTHER

    @classmethod
    def label_of(cls, model):
        return model._meta.verbose_name


@dataclass(frozen=True)
class FacetDefinition:
    """A filter on `field` (a `FilterField` of each of `models`); no `choices` means a year."""

    name: str
    label: str
    field: str
    models: tuple
    choices: object = None  # a callable returning ((value, label), …)

    def form_field(self):
        if self.choices is None:
            return forms.IntegerField(
                label=self.label, required=False, min_value=MIN_YEAR, max_value=MAX_YEAR
            )
        return forms.ChoiceField(label=self.label, required=False, choices=self.choices)

    def labelled_choices(self):
        return None if self.choices is None else tuple(self.choices())


def agency_choices():
    return tuple(Agency.objects.values_list("slug", "name"))


FACETS = (
    FacetDefinition("type", _("Content type"), "content_type", (), ContentKind.choices),
    FacetDefinition(
        "category",
        _("Information category"),
        "category",
        PUBLICATION_MODELS,
        lambda: tuple(InformationCategory.choices),
    ),
    FacetDefinition("year", _("Year"), "year", PUBLICATION_MODELS),
    FacetDefinition("agency", _("Agency"), "agency_id", PUBLICATION_MODELS, agency_choices),
    FacetDefinition(
        "regulation_type",
        _("Regulation type"),
        "regulation_type",
        (RegulationPage,),
        lambda: tuple(RegulationType.choices),
    ),
    FacetDefinition(
        "status",
        _("Regulation status"),
        "status",
        (RegulationPage,),
        lambda: tuple(RegulationStatus.choices),
    ),
)
