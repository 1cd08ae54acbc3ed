"""Filters for the staff listing of requests. "Overdue" and "due within" are derived from the
stored deadline, today and the working calendar, never stored."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.widgets import BooleanRadioSelect

from information_requests.calendar import load_calendar
from information_requests.deadlines import policy_from_settings, today_local
from information_requests.models import InformationRequest
from information_requests.states import OPEN, Status
from ppid_docs.models import Agency

# A notice period with its extension is 17 working days; a quarter covers any sensible question.
MAX_DUE_WITHIN_DAYS = 60


def registration_years():
    years = (
        InformationRequest.objects.order_by("-registration_year")
        .values_list("registration_year", flat=True)
        .distinct()
    )
    return [(year, str(year)) for year in years]


class WorkingDaysFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class InformationRequestFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=Status.choices, widget=forms.CheckboxSelectMultiple
    )
    agency = django_filters.ModelChoiceFilter(
        label=_("Agency"),
        queryset=Agency.objects.all(),
        null_label=_("Not assigned yet"),
    )
    overdue = django_filters.BooleanFilter(
        label=_("Overdue"), method="filter_overdue", widget=BooleanRadioSelect
    )
    due_within = WorkingDaysFilter(
        label=_("Due within (working days)"),
        method="filter_due_within",
        min_value=0,
        max_value=MAX_DUE_WITHIN_DAYS,
        help_text=_("Open requests due today or within this many working days."),
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"), field_name="registration_year", choices=registration_years
    )

    class Meta:
        model = InformationRequest
        fields = []

    def __init__(self, *args, calendar=None, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._calendar = calendar
        self.today = today or today_local(policy_from_settings())

    @property
    def calendar(self):
        if self._calendar is None:
            self._calendar = load_calendar()
        return self._calendar

    def filter_overdue(self, queryset, name, value):
        overdue = Q(status__in=OPEN, due_on__lt=self.today)
        queryset = queryset.with_due_on()
        return queryset.filter(overdue) if value else queryset.exclude(overdue)

    def filter_due_within(self, queryset, name, value):
        counted, _skipped = self.calendar.walk(self.today, value)
        horizon = counted[-1] if counted else self.today
        return queryset.due_on_or_before(horizon).filter(due_on__gte=self.today)
