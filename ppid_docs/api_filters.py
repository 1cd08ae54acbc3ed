"""Query-string filters of the API: each bad value is answered with a 400 that names it.

`?year=`, `?category=` and `?agency=<slug>` work on any listing of publications or documents (on
the generic pages listing they match every kind of publication); `?regulation_type=` and its kin
once `?type=` names that kind of page.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db.models import Q
from django.utils.translation import gettext as _
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.filters import FieldsFilter
from wagtail.api.v2.utils import BadRequestError

from ppid_docs.choices import InformationCategory
from ppid_docs.models import (
    Agency,
    FinancialReportPage,
    PublicInformationPage,
    RegulationPage,
    WorkPlanPage,
)

KIND_TYPE_FIELDS = {
    RegulationPage: "regulation_type",
    FinancialReportPage: "report_type",
    WorkPlanPage: "plan_type",
    PublicInformationPage: "information_type",
}
PUBLICATION_MODELS = tuple(KIND_TYPE_FIELDS)
SHARED_FILTERS = frozenset({"year", "category", "agency"})
KIND_FILTERS = frozenset(KIND_TYPE_FIELDS.values())
FILTERS = SHARED_FILTERS | KIND_FILTERS


def refuse_null_characters(query):
    """The database cannot compare text holding NUL, and Wagtail would pass it on (a 500)."""
    for parameter, values in query.lists():
        if any("\x00" in value for value in values):
            raise BadRequestError(
                _("%(parameter)s contains a null character.") % {"parameter": parameter}
            )


def parse_year(parameter, value):
    """A four-digit year, or BadRequestError naming the parameter."""
    if len(value) == 4 and value.isascii() and value.isdigit() and value != "0000":
        return int(value)
    raise BadRequestError(
        _("%(parameter)s must be a year such as 2024, not “%(value)s”.")
        % {"parameter": parameter, "value": value}
    )


def one_of(parameter, value, choices):
    if value in choices:
        return value
    raise BadRequestError(
        _("%(parameter)s must be one of %(choices)s, not “%(value)s”.")
        % {"parameter": parameter, "choices": ", ".join(choices), "value": value}
    )


class PublicationFilter(BaseFilterBackend):
    """The shared filters and the kind's type, validated before they reach the database."""

    def filter_queryset(self, request, queryset, view):
        model = queryset.model
        lookups = {}
        for parameter in sorted(FILTERS & request.GET.keys()):
            lookups.update(self.lookup(parameter, request.GET[parameter], model))
        if not lookups:
            return queryset
        if all(hasattr(model, name) for name in SHARED_FILTERS):
            return queryset.filter(**lookups)
        # The generic pages listing: a page matches when it is a publication of any kind that does.
        # By id, because search backends can filter on a page's id but not on its subclass' fields.
        any_kind = Q()
        for kind in PUBLICATION_MODELS:
            any_kind |= Q(id__in=kind.objects.filter(**lookups).values("pk"))
        return queryset.filter(any_kind)

    def lookup(self, parameter, value, model):
        if parameter == "year":
            return {"year": parse_year(parameter, value)}
        if parameter == "agency":
            return {"agency_id": self.agency_id(value)}
        if parameter == "category":
            return {"category": one_of(parameter, value, InformationCategory.values)}
        kind = next(kind for kind, field in KIND_TYPE_FIELDS.items() if field == parameter)
        if not issubclass(model, kind):
            raise BadRequestError(
                _("%(parameter)s can only be used together with type=%(type)s.")
                % {"parameter": parameter, "type": kind._meta.label}
            )
        choices = [choice for choice, _label in kind._meta.get_field(parameter).choices]
        return {parameter: one_of(parameter, value, choices)}

    def agency_id(self, slug):
        try:
            validate_slug(slug)
            return Agency.objects.values_list("pk", flat=True).get(slug=slug)
        except (ValidationError, Agency.DoesNotExist) as error:
            raise BadRequestError(
                _("No agency has the slug “%(slug)s”.") % {"slug": slug}
            ) from error


class StrictFieldsFilter(FieldsFilter):
    """Wagtail's `?<field>=<value>` filters for the other fields, with a 400 for a value the field
    cannot hold (such as a malformed date) where Wagtail would fail with a server error."""

    def filter_queryset(self, request, queryset, view):
        try:
            return super().filter_queryset(_WithoutParameters(request, FILTERS), queryset, view)
        except ValidationError as error:
            raise BadRequestError(
                _("Field filter error: %(error)s") % {"error": " ".join(error.messages)}
            ) from error


class _WithoutParameters:
    """The request as FieldsFilter reads it (only `GET`), minus the parameters filtered above."""

    def __init__(self, request, parameters):
        self.GET = request.GET.copy()
        for parameter in parameters:
            self.GET.pop(parameter, None)


class ContentLocaleFilter(BaseFilterBackend):
    """`?locale=id|en`; another code is a 400 rather than Wagtail's 404."""

    def filter_queryset(self, request, queryset, view):
        if "locale" not in request.GET:
            return queryset
        languages = [language for language, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
        code = one_of("locale", request.GET["locale"], languages)
        return queryset.filter(locale__language_code=code)
