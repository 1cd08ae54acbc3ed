"""The working-day calendar the statutory clocks run on (docs/deadlines.md).

A working day is Monday to Friday, minus Indonesia's national holidays and cuti bersama (from the
`holidays` package: country ID, categories public and government) and minus the extra closures an
administrator records; an extra working day the administrator records overrides all of those.
Every non-working day says why, so a deadline can explain itself.
"""

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType

import holidays
from django.db import models
from django.utils.dates import WEEKDAYS
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# The portal's languages and the `holidays` package's names for them.
HOLIDAY_LANGUAGES = {"id": "id", "en": "en_US"}
FALLBACK_LANGUAGE = "id"
SATURDAY = 5


class NonWorkingKind(models.TextChoices):
    """Why a day is not a working day; the order is the order reasons are listed in."""

    CLOSURE = "closure", _("Office closure")
    PUBLIC_HOLIDAY = "public_holiday", _("Public holiday")
    CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama")
    WEEKEND = "weekend", _("Weekend")


@dataclass(frozen=True)
class HolidayName:
    """A holiday's name in each portal language; prints in the active one."""

    translations: tuple[tuple[str, str], ...]

    def __str__(self) -> str:
        names = dict(self.translations)
        language = (get_language() or FALLBACK_LANGUAGE).split("-")[0]
        return names.get(language) or names[FALLBACK_LANGUAGE]


@dataclass(frozen=True)
class NonWorkingReason:
    kind: NonWorkingKind
    # The holiday's name, the closure's reason, or the weekday for a weekend.
    detail: HolidayName | str

    @property
    def label(self) -> str:
        if self.kind == NonWorkingKind.WEEKEND:
            return str(_("Weekend (%(weekday)s)") % {"weekday": self.detail})
        if self.kind == NonWorkingKind.CLOSURE:
            return str(_("Office closure: %(reason)s") % {"reason": self.detail})
        # The package's names already say "cuti bersama" / "joint holiday" where they apply.
        return str(self.detail)

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True)
class NonWorkingDay:
    """A day the clock skips, with every reason that applies (a Saturday can also be Idul Fitri)."""

    date: date
    reasons: tuple[NonWorkingReason, ...]

    @property
    def reason(self) -> NonWorkingReason:
        return self.reasons[0]

    @property
    def label(self) -> str:
        return "; ".join(reason.label for reason in self.reasons)


@functools.cache
def national_days_off(year: int) -> Mapping[date, tuple[NonWorkingReason, ...]]:
    """Holidays and cuti bersama of one year, looked up once per process (the package is slow)."""
    days: dict[date, list[NonWorkingReason]] = {}
    for category, kind in (
        (holidays.PUBLIC, NonWorkingKind.PUBLIC_HOLIDAY),
        (holidays.GOVERNMENT, NonWorkingKind.CUTI_BERSAMA),
    ):
        by_language = {
            language: holidays.country_holidays(
                "ID", years=year, categories=(category,), language=package_language
            )
            for language, package_language in HOLIDAY_LANGUAGES.items()
        }
        for day in sorted(by_language[FALLBACK_LANGUAGE]):
            # Two holidays on one date come back as two names; keep each as its own reason.
            names_per_language = {lang: found.get_list(day) for lang, found in by_language.items()}
            for index in range(len(names_per_language[FALLBACK_LANGUAGE])):
                name = HolidayName(
                    tuple((lang, names[index]) for lang, names in names_per_language.items())
                )
                days.setdefault(day, []).append(NonWorkingReason(kind, name))
    return MappingProxyType({day: tuple(reasons) for day, reasons in days.items()})


class WorkingCalendar:
    """Working days: the national calendar plus an administrator's closures and working days.

    Immutable once built, so its per-day answers and walks are memoised: one calendar serves
    every request of a sweep.
    """

    def __init__(
        self,
        closures: Mapping[date, str] | None = None,
        extra_working_days: Iterable[date] = (),
    ):
        self.closures = MappingProxyType(dict(closures or {}))
        self.extra_working_days = frozenset(extra_working_days)
        both = self.extra_working_days & set(self.closures)
        if both:
            days = ", ".join(day.isoformat() for day in sorted(both))
            raise ValueError(f"A day cannot be both a closure and a working day: {days}")
        self._reasons: dict[date, tuple[NonWorkingReason, ...]] = {}
        self._walks: dict[tuple[date, int], tuple[tuple[date, ...], tuple[NonWorkingDay, ...]]] = {}
        self._between: dict[tuple[date, date], int] = {}

    def __repr__(self) -> str:
        return (
            f"WorkingCalendar(closures={len(self.closures)}, "
            f"extra_working_days={len(self.extra_working_days)})"
        )

    def reasons(self, day: date) -> tuple[NonWorkingReason, ...]:
        """Why `day` is not a working day; empty when it is one."""
        try:
            return self._reasons[day]
        except KeyError:
            pass
        if day in self.extra_working_days:
            found: tuple[NonWorkingReason, ...] = ()
        else:
            found = national_days_off(day.year).get(day, ())
            if day in self.closures:
                found = (NonWorkingReason(NonWorkingKind.CLOSURE, self.closures[day]), *found)
            if day.weekday() >= SATURDAY:
                found = (*found, NonWorkingReason(NonWorkingKind.WEEKEND, WEEKDAYS[day.weekday()]))
        self._reasons[day] = found
        return found

    def is_working_day(self, day: date) -> bool:
        return not self.reasons(day)

    def non_working_day(self, day: date) -> NonWorkingDay | None:
        reasons = self.reasons(day)
        return NonWorkingDay(day, reasons) if reasons else None

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def non_working_days(self, start: date, end: date) -> tuple[NonWorkingDay, ...]:
        """The non-working days from `start` up to but excluding `end`."""
        days = []
        day = start
        while day < end:
            if skipped := self.non_working_day(day):
                days.append(skipped)
            day += timedelta(days=1)
        return tuple(days)

    def walk(self, start: date, n: int) -> tuple[tuple[date, ...], tuple[NonWorkingDay, ...]]:
        """The first `n` working days after `start`, and the days skipped on the way."""
        if n < 0:
            raise ValueError(f"Cannot count a negative number of working days ({n}).")
        key = (start, n)
        if key not in self._walks:
            counted: list[date] = []
            skipped: list[NonWorkingDay] = []
            day = start
            while len(counted) < n:
                day += timedelta(days=1)
                if off := self.non_working_day(day):
                    skipped.append(off)
                else:
                    counted.append(day)
            self._walks[key] = (tuple(counted), tuple(skipped))
        return self._walks[key]

    def working_days_between(self, start: date, end: date) -> int:
        """How many working days fall after `start`, up to and including `end`."""
        key = (start, end)
        if key not in self._between:
            count = 0
            day = start + timedelta(days=1)
            while day <= end:
                count += self.is_working_day(day)
                day += timedelta(days=1)
            self._between[key] = count
        return self._between[key]


def load_calendar() -> WorkingCalendar:
    """The calendar in force: the national days plus the administrator's overrides table."""
    # Imported here so this module (and the deadline engine) loads without the app registry.
    from information_requests.models import CalendarOverride

    closures: dict[date, str] = {}
    working_days: list[date] = []
    for day, kind, reason in CalendarOverride.objects.values_list("date", "kind", "reason"):
        if kind == CalendarOverride.Kind.WORKING_DAY:
            working_days.append(day)
        else:
            closures[day] = reason
    return WorkingCalendar(closures=closures, extra_working_days=working_days)
