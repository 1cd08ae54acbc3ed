"""The satisfaction survey's responses in the Wagtail admin, read only: a listing filtered by year
and quarter with the index of the responses listed (`satisfaction`), and each response in full.
Staff see the responses on the requests they may see (`permissions`)."""

import django_filters
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic

from information_requests.admin_views import ForbiddenPageMixin, ReadOnlyViewSet
from information_requests.models import SatisfactionResponse
from information_requests.permissions import visible_satisfaction_responses
from information_requests.satisfaction import ELEMENT_FIELDS, compute_index
from information_requests.statistics import QUARTERS


def response_years():
    moments = SatisfactionResponse.objects.datetimes("submitted_at", "year", order="DESC")
    return [(moment.year, str(moment.year)) for moment in moments]


class SatisfactionFilterSet(WagtailFilterSet):
    # The lookups count in the portal's time zone (WIB), as the published index does.
    year = django_filters.ChoiceFilter(
        label=_("Year"), field_name="submitted_at", lookup_expr="year", choices=response_years
    )
    quarter = django_filters.ChoiceFilter(
        label=_("Quarter"),
        field_name="submitted_at",
        lookup_expr="quarter",
        choices=[(number, label) for number, label in enumerate(QUARTERS, start=1)],
    )

    class Meta:
        model = SatisfactionResponse
        fields = []


class SatisfactionIndexView(ForbiddenPageMixin, generic.IndexView):
    results_template_name = "information_requests/admin/satisfaction_results.html"

    def get_base_queryset(self):
        return visible_satisfaction_responses(self.request.user).select_related("request")

    @cached_property
    def satisfaction(self):
        """The index of every response the filter keeps, not only of the page shown."""
        return compute_index(self.object_list.order_by().values_list(*ELEMENT_FIELDS))

    def get_context_data(self, **kwargs):
        return super().get_context_data(satisfaction=self.satisfaction, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        if self.filters and not self.filters.is_valid():
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)


class SatisfactionInspectView(ForbiddenPageMixin, generic.InspectView):
    def get_object(self, queryset=None):
        responses = visible_satisfaction_responses(self.request.user).select_related("request")
        return get_object_or_404(responses, pk=self.pk)


def response_index(response):
    return compute_index([response.scores]).index


class SatisfactionResponseViewSet(ReadOnlyViewSet):
    """Read only: a response is the requester's."""

    model = SatisfactionResponse
    name = "satisfaction_admin"
    url_prefix = "information-requests/satisfaction"
    icon = "pick"
    menu_label = _("Satisfaction survey")
    index_view_class = SatisfactionIndexView
    inspect_view_class = SatisfactionInspectView
    ordering = "-submitted_at"
    list_display = [
        "request",
        Column("submitted_at", label=_("Submitted at"), sort_key="submitted_at"),
        Column("index", label=_("Its index (25–100)"), accessor=response_index),
        Column("comment", label=_("Comment"), accessor=lambda r: Truncator(r.comment).chars(80)),
    ]
    filterset_class = SatisfactionFilterSet
    inspect_view_fields = ["request", "submitted_at", *ELEMENT_FIELDS, "comment"]

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().filter(codename="view_satisfactionresponse")

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
        ]
