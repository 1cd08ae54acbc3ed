"""The working-day calendar. Expected dates were checked by hand against a printed calendar and the
SKB 3 Menteri lists of national holidays and cuti bersama."""

from datetime import date

import pytest
from django.db import IntegrityError
from django.utils import translation

from information_requests.calendar import (
    NonWorkingKind,
    WorkingCalendar,
    load_calendar,
    national_days_off,
)
from information_requests.models import CalendarOverride

NATIONAL = WorkingCalendar()


def kinds(calendar, day):
    return [reason.kind for reason in calendar.reasons(day)]


class TestNationalCalendar:
    def test_the_2026_cuti_bersama_are_those_of_the_skb(self):
        cuti_bersama = {
            day
            for day, reasons in national_days_off(2026).items()
            if any(reason.kind == NonWorkingKind.CUTI_BERSAMA for reason in reasons)
        }
        assert cuti_bersama == {
            date(2026, 2, 16),  # Imlek
            date(2026, 3, 18),  # Nyepi
            date(2026, 3, 20),  # Idul Fitri
            date(2026, 3, 23),  # Idul Fitri
            date(2026, 3, 24),  # Idul Fitri
            date(2026, 5, 15),  # Kenaikan Yesus Kristus
            date(2026, 5, 28),  # Idul Adha
            date(2026, 12, 24),  # Natal
        }

    @pytest.mark.parametrize(
        ("day", "expected_kinds"),
        [
            (date(2026, 3, 18), [NonWorkingKind.CUTI_BERSAMA]),  # Wed, Nyepi
            (date(2026, 3, 19), [NonWorkingKind.PUBLIC_HOLIDAY]),  # Thu, Nyepi
            (date(2026, 3, 20), [NonWorkingKind.CUTI_BERSAMA]),  # Fri
            (date(2026, 3, 21), [NonWorkingKind.PUBLIC_HOLIDAY, NonWorkingKind.WEEKEND]),
            (date(2026, 3, 22), [NonWorkingKind.PUBLIC_HOLIDAY, NonWorkingKind.WEEKEND]),
            (date(2026, 3, 23), [NonWorkingKind.CUTI_BERSAMA]),  # Mon
            (date(2026, 3, 24), [NonWorkingKind.CUTI_BERSAMA]),  # Tue
        ],
    )
    def test_the_idul_fitri_2026_block_is_closed_for_a_week(self, day, expected_kinds):
        assert kinds(NATIONAL, day) == expected_kinds
        assert not NATIONAL.is_working_day(day)

    @pytest.mark.parametrize(
        "day",
        [
            date(2026, 3, 17),  # Tue before the block
            date(2026, 3, 25),  # Wed after it
            date(2025, 12, 24),  # Christmas Eve 2025 is no cuti bersama
            date(2026, 1, 2),  # nor is the Friday after New Year 2026
            date(2026, 7, 10),  # an ordinary Friday
        ],
    )
    def test_ordinary_weekdays_are_working_days(self, day):
        assert NATIONAL.is_working_day(day)
        assert NATIONAL.reasons(day) == ()

    @pytest.mark.parametrize(
        ("day", "weekday"),
        [(date(2026, 7, 11), "Saturday"), (date(2026, 7, 12), "Sunday")],
    )
    def test_a_weekend_day_says_which_day_it_is(self, day, weekday):
        with translation.override("en"):
            assert NATIONAL.non_working_day(day).label == f"Weekend ({weekday})"

    def test_a_holiday_on_a_weekend_gives_both_reasons_holiday_first(self):
        with translation.override("en"):
            assert NATIONAL.non_working_day(date(2026, 3, 21)).label == (
                "Eid al-Fitr; Weekend (Saturday)"
            )

    @pytest.mark.parametrize(
        ("language", "name"),
        [("en", "Eid al-Fitr Joint Holiday"), ("id", "Cuti Bersama Hari Raya Idul Fitri")],
    )
    def test_holiday_names_follow_the_active_language(self, language, name):
        with translation.override(language):
            assert NATIONAL.non_working_day(date(2026, 3, 20)).label == name

    def test_holiday_lookups_are_cached_per_year(self):
        assert national_days_off(2026) is national_days_off(2026)

    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            (date(2026, 7, 10), date(2026, 7, 13)),  # Fri -> Mon
            (date(2026, 7, 11), date(2026, 7, 13)),  # Sat -> Mon
            (date(2026, 3, 17), date(2026, 3, 25)),  # over the Nyepi + Idul Fitri block
            (date(2025, 12, 24), date(2025, 12, 29)),  # over Christmas, cuti and weekend
            (date(2025, 12, 31), date(2026, 1, 2)),  # over New Year's Day
            (date(2026, 12, 23), date(2026, 12, 28)),  # cuti 24th, Christmas Fri 25th
        ],
    )
    def test_next_working_day(self, day, expected):
        assert NATIONAL.next_working_day(day) == expected

    @pytest.mark.parametrize(
        ("start", "end", "expected"),
        [
            (date(2026, 7, 6), date(2026, 7, 6), 0),
            (date(2026, 7, 6), date(2026, 7, 10), 4),
            (date(2026, 7, 6), date(2026, 7, 12), 4),  # the weekend adds nothing
            (date(2026, 7, 6), date(2026, 7, 20), 10),
            (date(2026, 3, 17), date(2026, 3, 25), 1),
        ],
    )
    def test_working_days_between_counts_after_start_up_to_end(self, start, end, expected):
        assert NATIONAL.working_days_between(start, end) == expected


class TestOverrides:
    def test_an_extra_closure_is_a_non_working_day_with_its_reason(self):
        calendar = WorkingCalendar(closures={date(2026, 7, 13): "Flood"})
        with translation.override("en"):
            assert calendar.non_working_day(date(2026, 7, 13)).label == "Office closure: Flood"
        assert kinds(calendar, date(2026, 7, 13)) == [NonWorkingKind.CLOSURE]

    def test_a_closure_on_a_holiday_lists_its_reason_first(self):
        calendar = WorkingCalendar(closures={date(2026, 3, 19): "Regional mourning"})
        assert kinds(calendar, date(2026, 3, 19)) == [
            NonWorkingKind.CLOSURE,
            NonWorkingKind.PUBLIC_HOLIDAY,
        ]

    @pytest.mark.parametrize(
        "day",
        [
            date(2026, 7, 11),  # a Saturday
            date(2026, 3, 20),  # cuti bersama
            date(2026, 3, 21),  # Idul Fitri on a Saturday
        ],
    )
    def test_an_extra_working_day_overrides_weekends_and_holidays(self, day):
        calendar = WorkingCalendar(extra_working_days=[day])
        assert calendar.is_working_day(day)
        assert not NATIONAL.is_working_day(day)

    def test_a_day_cannot_be_both_closed_and_working(self):
        with pytest.raises(ValueError, match="2026-07-13"):
            WorkingCalendar(
                closures={date(2026, 7, 13): "Flood"}, extra_working_days=[date(2026, 7, 13)]
            )


class TestCalendarOverrideTable:
    def test_load_calendar_applies_the_table(self, db):
        CalendarOverride.objects.create(
            date=date(2026, 7, 13), kind=CalendarOverride.Kind.CLOSURE, reason="Flood"
        )
        CalendarOverride.objects.create(
            date=date(2026, 7, 11), kind=CalendarOverride.Kind.WORKING_DAY, reason="Make-up day"
        )
        calendar = load_calendar()
        assert not calendar.is_working_day(date(2026, 7, 13))
        assert calendar.is_working_day(date(2026, 7, 11))
        assert calendar.is_working_day(date(2026, 7, 14))

    def test_an_empty_table_gives_the_national_calendar(self, db):
        calendar = load_calendar()
        assert calendar.closures == {}
        assert calendar.extra_working_days == frozenset()

    def test_rows_read_as_date_kind_and_reason_in_date_order(self, db):
        CalendarOverride.objects.create(
            date=date(2026, 7, 13), kind=CalendarOverride.Kind.CLOSURE, reason="Flood"
        )
        CalendarOverride.objects.create(
            date=date(2026, 7, 11), kind=CalendarOverride.Kind.WORKING_DAY, reason="Make-up day"
        )
        with translation.override("en"):
            assert [str(row) for row in CalendarOverride.objects.all()] == [
                "2026-07-11 Extra working day: Make-up day",
                "2026-07-13 Extra closure: Flood",
            ]

    def test_a_date_has_at_most_one_override(self, db):
        CalendarOverride.objects.create(
            date=date(2026, 7, 13), kind=CalendarOverride.Kind.CLOSURE, reason="Flood"
        )
        with pytest.raises(IntegrityError):
            CalendarOverride.objects.create(
                date=date(2026, 7, 13), kind=CalendarOverride.Kind.WORKING_DAY, reason="Open"
            )

    def test_the_reason_is_required_by_the_database_too(self, db):
        with pytest.raises(IntegrityError):
            CalendarOverride.objects.create(
                date=date(2026, 7, 13), kind=CalendarOverride.Kind.CLOSURE, reason=""
            )
