"""The statutory clocks. Every expected date was counted by hand on a printed calendar with the
2025-2027 holidays and cuti bersama marked (day 0 is the start; day N is the due date)."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

from information_requests.calendar import WorkingCalendar
from information_requests.deadlines import (
    DeadlinePolicy,
    ExtensionRefused,
    add_working_days,
    check_extension,
    dispute_window,
    effective_receipt,
    extended_deadline,
    extension_refusal,
    is_due_within,
    is_overdue,
    notice_deadline,
    objection_filing_start,
    objection_filing_window,
    objection_response_deadline,
    policy_from_settings,
    recompute_deadline,
    today_local,
    working_days_elapsed,
    working_days_left,
)

WIB = ZoneInfo("Asia/Jakarta")
NATIONAL = WorkingCalendar()


def wib(*args):
    return datetime(*args, tzinfo=WIB)


class TestPolicy:
    def test_defaults_are_the_laws_limits_and_the_specs_policies(self):
        policy = DeadlinePolicy()
        assert (
            policy.notice_days,
            policy.extension_days,
            policy.objection_filing_days,
            policy.objection_response_days,
            policy.dispute_days,
        ) == (10, 7, 30, 30, 14)
        assert policy.closing_time == time(16, 0)
        assert policy.tzinfo == WIB
        assert policy.pause_while_incomplete is False

    def test_settings_without_overrides_give_the_defaults(self, settings):
        settings.PPID_DEADLINE_POLICY = {}
        assert policy_from_settings() == DeadlinePolicy()

    def test_settings_override_single_policies(self, settings):
        settings.PPID_DEADLINE_POLICY = {"closing_time": "15:30", "pause_while_incomplete": True}
        policy = policy_from_settings()
        assert policy.closing_time == time(15, 30)
        assert policy.pause_while_incomplete is True
        assert policy.notice_days == 10

    @pytest.mark.parametrize(
        "overrides",
        [{"notice_day": 10}, {"notice_days": -1}, {"time_zone": "Asia/Nowhere"}],
    )
    def test_a_wrong_setting_fails_loudly(self, settings, overrides):
        settings.PPID_DEADLINE_POLICY = overrides
        with pytest.raises(ImproperlyConfigured):
            policy_from_settings()


class TestAddWorkingDays:
    @pytest.mark.parametrize(
        ("start", "n", "due_on"),
        [
            (date(2026, 7, 6), 0, date(2026, 7, 6)),  # day 0 is the start itself
            (date(2026, 7, 10), 1, date(2026, 7, 13)),  # Fri + 1 -> Mon
            (date(2026, 7, 11), 1, date(2026, 7, 13)),  # from a Saturday
            (date(2026, 7, 6), 10, date(2026, 7, 20)),  # Mon + 10 -> Mon two weeks on
            (date(2026, 7, 2), 10, date(2026, 7, 16)),  # Thu + 10 -> Thu
            # Nyepi + Idul Fitri 2026: Wed 18 to Tue 24 March closed, Good Friday 3 April.
            (date(2026, 3, 17), 1, date(2026, 3, 25)),
            (date(2026, 3, 13), 10, date(2026, 4, 6)),
            (date(2026, 3, 25), 10, date(2026, 4, 9)),
            # Christmas 2025 (Thu 25, cuti Fri 26) and New Year's Day (Thu 1 Jan 2026).
            (date(2025, 12, 24), 10, date(2026, 1, 12)),
            # Christmas 2026 (cuti Thu 24, Fri 25), New Year 2027 (Fri), Isra Mikraj (Tue 5 Jan).
            (date(2026, 12, 23), 10, date(2027, 1, 12)),
        ],
    )
    def test_due_date(self, start, n, due_on):
        assert add_working_days(start, n, NATIONAL).due_on == due_on

    def test_the_limit_ends_at_the_end_of_the_due_day_in_wib(self):
        result = add_working_days(date(2026, 7, 6), 10, NATIONAL)
        assert result.due_at == wib(2026, 7, 20, 23, 59, 59)

    def test_the_explanation_lists_counted_and_skipped_days(self):
        result = add_working_days(date(2025, 12, 24), 10, NATIONAL)
        assert result.counted_days == (
            date(2025, 12, 29),
            date(2025, 12, 30),
            date(2025, 12, 31),
            date(2026, 1, 2),
            date(2026, 1, 5),
            date(2026, 1, 6),
            date(2026, 1, 7),
            date(2026, 1, 8),
            date(2026, 1, 9),
            date(2026, 1, 12),
        )
        with translation.override("en"):
            skipped = [(day.date, day.label) for day in result.skipped_days]
        assert skipped == [
            (date(2025, 12, 25), "Christmas Day"),
            (date(2025, 12, 26), "Christmas Joint Holiday"),
            (date(2025, 12, 27), "Weekend (Saturday)"),
            (date(2025, 12, 28), "Weekend (Sunday)"),
            (date(2026, 1, 1), "New Year's Day"),
            (date(2026, 1, 3), "Weekend (Saturday)"),
            (date(2026, 1, 4), "Weekend (Sunday)"),
            (date(2026, 1, 10), "Weekend (Saturday)"),
            (date(2026, 1, 11), "Weekend (Sunday)"),
        ]

    def test_explain_reads_day_by_day(self):
        with translation.override("en"):
            lines = add_working_days(date(2026, 3, 17), 1, NATIONAL).explain()
        assert lines[0] == "2026-03-17 (Tuesday): day 0"
        assert lines[4] == "2026-03-21 (Saturday): not counted, Eid al-Fitr; Weekend (Saturday)"
        assert lines[-1] == "2026-03-25 (Wednesday): working day 1"
        assert len(lines) == 9

    def test_an_extra_working_saturday_counts(self):
        calendar = WorkingCalendar(extra_working_days=[date(2026, 7, 11)])
        assert add_working_days(date(2026, 7, 10), 1, calendar).due_on == date(2026, 7, 11)

    def test_an_extra_closure_is_skipped_with_its_reason(self):
        calendar = WorkingCalendar(closures={date(2026, 7, 13): "Flood"})
        result = add_working_days(date(2026, 7, 10), 1, calendar)
        assert result.due_on == date(2026, 7, 14)
        with translation.override("en"):
            assert result.skipped_days[-1].label == "Office closure: Flood"

    def test_a_negative_count_is_refused(self):
        with pytest.raises(ValueError, match="negative"):
            add_working_days(date(2026, 7, 6), -1, NATIONAL)


class TestEffectiveReceipt:
    @pytest.mark.parametrize(
        ("submitted_at", "received_on"),
        [
            (wib(2026, 7, 10, 9, 0), date(2026, 7, 10)),  # Fri morning
            (wib(2026, 7, 10, 16, 0), date(2026, 7, 10)),  # at closing time: still that day
            (wib(2026, 7, 10, 16, 0, 1), date(2026, 7, 13)),  # after it: Monday
            (wib(2026, 7, 10, 16, 30), date(2026, 7, 13)),  # after-hours Friday
            (wib(2026, 7, 11, 10, 0), date(2026, 7, 13)),  # Saturday
            (wib(2026, 3, 17, 16, 30), date(2026, 3, 25)),  # into the Idul Fitri block
            (wib(2026, 3, 21, 8, 0), date(2026, 3, 25)),  # on Idul Fitri itself
            (wib(2025, 12, 31, 17, 0), date(2026, 1, 2)),  # New Year's Eve after hours
            (datetime(2026, 7, 10, 16, 30), date(2026, 7, 13)),  # naive means WIB
            # Wed 17:30 UTC is Thu 00:30 WIB: received Thursday, the WIB day.
            (datetime(2026, 7, 8, 17, 30, tzinfo=UTC), date(2026, 7, 9)),
            # Fri 18:00 UTC is Sat 01:00 WIB: received Monday.
            (datetime(2026, 7, 10, 18, 0, tzinfo=UTC), date(2026, 7, 13)),
            # Fri 09:30 UTC is 16:30 WIB: after hours.
            (datetime(2026, 7, 10, 9, 30, tzinfo=UTC), date(2026, 7, 13)),
        ],
    )
    def test_received_on(self, submitted_at, received_on):
        assert effective_receipt(submitted_at, NATIONAL).received_on == received_on

    def test_the_raw_submission_is_kept_beside_the_effective_day(self):
        submitted_at = datetime(2026, 7, 10, 9, 30, tzinfo=UTC)
        receipt = effective_receipt(submitted_at, NATIONAL)
        assert receipt.submitted_at == submitted_at
        assert receipt.submitted_local == wib(2026, 7, 10, 16, 30)
        assert receipt.after_closing_time
        assert receipt.moved
        assert [day.date for day in receipt.skipped_days] == [date(2026, 7, 11), date(2026, 7, 12)]

    def test_a_naive_submission_is_stored_as_aware_wib(self):
        receipt = effective_receipt(datetime(2026, 7, 10, 9, 0), NATIONAL)
        assert receipt.submitted_at == wib(2026, 7, 10, 9, 0)
        assert not receipt.moved

    def test_the_closing_time_is_a_policy(self):
        policy = DeadlinePolicy(closing_time=time(15, 0))
        receipt = effective_receipt(wib(2026, 7, 9, 15, 30), NATIONAL, policy)
        assert receipt.received_on == date(2026, 7, 10)

    def test_the_explanation_says_why_the_day_moved(self):
        with translation.override("en"):
            lines = effective_receipt(wib(2026, 7, 10, 16, 30), NATIONAL).explain()
        assert lines == [
            "Submitted 2026-07-10T16:30:00+07:00 (Friday)",
            "after the service desk closed at 16:00",
            "2026-07-11 (Saturday): not a working day, Weekend (Saturday)",
            "2026-07-12 (Sunday): not a working day, Weekend (Sunday)",
            "Received on 2026-07-13 (Monday)",
        ]


class TestNoticeDeadline:
    @pytest.mark.parametrize(
        ("submitted_at", "notice_due_on", "extended_due_on"),
        [
            (wib(2026, 7, 6, 10, 0), date(2026, 7, 20), date(2026, 7, 29)),
            (wib(2026, 7, 10, 16, 30), date(2026, 7, 27), date(2026, 8, 5)),
            (wib(2026, 3, 17, 16, 30), date(2026, 4, 9), date(2026, 4, 20)),
            # Notice due Fri 14 Aug; the extension skips Independence Day (Mon 17 Aug) and
            # Maulid Nabi (Tue 25 Aug).
            (wib(2026, 7, 31, 9, 0), date(2026, 8, 14), date(2026, 8, 27)),
        ],
    )
    def test_notice_and_extended_deadlines(self, submitted_at, notice_due_on, extended_due_on):
        receipt = effective_receipt(submitted_at, NATIONAL)
        notice = notice_deadline(receipt.received_on, NATIONAL)
        assert notice.due_on == notice_due_on
        assert extended_deadline(notice.due_on, NATIONAL).due_on == extended_due_on

    @pytest.mark.parametrize(
        ("pause_policy", "due_on"), [(False, date(2026, 7, 20)), (True, date(2026, 7, 23))]
    )
    def test_a_pause_counts_only_when_the_policy_is_on(self, pause_policy, due_on):
        policy = DeadlinePolicy(pause_while_incomplete=pause_policy)
        notice = notice_deadline(date(2026, 7, 6), NATIONAL, policy, paused_working_days=3)
        assert notice.due_on == due_on


class TestExtension:
    NOTICE_DUE_AT = wib(2026, 7, 20, 23, 59, 59)

    def refusal(self, **overrides):
        arguments = {
            "notice_due_at": self.NOTICE_DUE_AT,
            "reason": "The information is spread over three agencies.",
            "already_extended": False,
            "now": wib(2026, 7, 15, 10, 0),
        } | overrides
        return extension_refusal(**arguments)

    @pytest.mark.parametrize(
        "now", [wib(2026, 7, 7, 8, 0), wib(2026, 7, 20, 23, 59, 59)], ids=["early", "last second"]
    )
    def test_allowed_once_with_a_reason_before_the_deadline(self, now):
        assert self.refusal(now=now) is None

    @pytest.mark.parametrize(
        ("overrides", "code"),
        [
            ({"already_extended": True}, ExtensionRefused.Code.ALREADY_EXTENDED),
            ({"reason": ""}, ExtensionRefused.Code.REASON_REQUIRED),
            ({"reason": "   "}, ExtensionRefused.Code.REASON_REQUIRED),
            ({"now": wib(2026, 7, 21, 0, 0)}, ExtensionRefused.Code.DEADLINE_PASSED),
            # 17:00 UTC on the 20th is already the 21st in WIB.
            (
                {"now": datetime(2026, 7, 20, 17, 0, tzinfo=UTC)},
                ExtensionRefused.Code.DEADLINE_PASSED,
            ),
        ],
        ids=["twice", "no reason", "blank reason", "after the deadline", "after it in WIB"],
    )
    def test_refused(self, overrides, code):
        refusal = self.refusal(**overrides)
        assert refusal.code == code

    def test_check_raises_the_refusal_with_a_clear_message(self):
        with translation.override("en"), pytest.raises(ExtensionRefused) as raised:
            check_extension(
                notice_due_at=self.NOTICE_DUE_AT,
                reason="Needs consultation",
                already_extended=True,
                now=wib(2026, 7, 15, 10, 0),
            )
        assert raised.value.code == ExtensionRefused.Code.ALREADY_EXTENDED
        assert str(raised.value) == "The notice period has already been extended once."

    def test_a_second_extension_is_refused_after_a_first_one(self):
        arguments = {"notice_due_at": self.NOTICE_DUE_AT, "reason": "Consultation"}
        now = wib(2026, 7, 15, 10, 0)
        check_extension(**arguments, already_extended=False, now=now)
        with pytest.raises(ExtensionRefused):
            check_extension(**arguments, already_extended=True, now=now)


class TestObjection:
    @pytest.mark.parametrize(
        ("ground", "dates", "start", "due_on"),
        [
            # From the requester's receipt of the notice (Mon 6 Jul); skips 17 Aug.
            ("a", {"notice_received_on": date(2026, 7, 6)}, date(2026, 7, 6), date(2026, 8, 18)),
            ("d", {"notice_received_on": date(2026, 7, 6)}, date(2026, 7, 6), date(2026, 8, 18)),
            ("e", {"notice_received_on": date(2026, 7, 6)}, date(2026, 7, 6), date(2026, 8, 18)),
            ("f", {"notice_received_on": date(2026, 7, 6)}, date(2026, 7, 6), date(2026, 8, 18)),
            # From the day after the notice limit lapsed.
            ("c", {"notice_limit_on": date(2026, 7, 8)}, date(2026, 7, 9), date(2026, 8, 21)),
            ("g", {"notice_limit_on": date(2026, 7, 8)}, date(2026, 7, 9), date(2026, 8, 21)),
            # A limit ending on Friday: day 0 is Saturday, Monday is day 1.
            ("c", {"notice_limit_on": date(2026, 7, 3)}, date(2026, 7, 4), date(2026, 8, 14)),
            # From the date the requester states.
            ("b", {"stated_on": date(2026, 7, 6)}, date(2026, 7, 6), date(2026, 8, 18)),
        ],
    )
    def test_filing_window_per_ground(self, ground, dates, start, due_on):
        assert objection_filing_start(ground, **dates) == start
        assert objection_filing_window(ground, NATIONAL, **dates).due_on == due_on

    @pytest.mark.parametrize(
        ("ground", "dates", "missing"),
        [
            ("a", {"notice_limit_on": date(2026, 7, 8)}, "notice_received_on"),
            ("c", {"notice_received_on": date(2026, 7, 6)}, "notice_limit_on"),
            ("b", {}, "stated_on"),
        ],
    )
    def test_a_ground_without_its_date_is_refused(self, ground, dates, missing):
        with pytest.raises(ValueError, match=missing):
            objection_filing_start(ground, **dates)

    def test_an_unknown_ground_is_refused(self):
        with pytest.raises(ValueError):
            objection_filing_start("h", stated_on=date(2026, 7, 6))

    def test_the_atasan_answers_within_30_working_days_of_effective_receipt(self):
        # Fri 8 May 17:00 WIB: received Mon 11 May; skips Ascension + cuti, Idul Adha + cuti,
        # Pancasila Day, Islamic New Year.
        objection = effective_receipt(datetime(2026, 5, 8, 10, 0, tzinfo=UTC), NATIONAL)
        assert objection.received_on == date(2026, 5, 11)
        response = objection_response_deadline(objection.received_on, NATIONAL)
        assert response.due_on == date(2026, 6, 30)

    @pytest.mark.parametrize(
        ("dates", "due_on"),
        [
            ({"answer_received_on": date(2026, 8, 3)}, date(2026, 8, 24)),
            # No answer by Fri 31 Jul: day 0 is Sat 1 Aug.
            ({"response_due_on": date(2026, 7, 31)}, date(2026, 8, 21)),
        ],
    )
    def test_dispute_window(self, dates, due_on):
        assert dispute_window(NATIONAL, **dates).due_on == due_on

    def test_dispute_window_needs_exactly_one_start(self):
        with pytest.raises(ValueError):
            dispute_window(NATIONAL)
        with pytest.raises(ValueError):
            dispute_window(
                NATIONAL,
                answer_received_on=date(2026, 8, 3),
                response_due_on=date(2026, 7, 31),
            )


class TestCalendarChange:
    def test_an_added_closure_moves_an_open_deadline_later(self):
        told = add_working_days(date(2026, 7, 6), 10, NATIONAL).due_on
        assert told == date(2026, 7, 20)
        new_calendar = WorkingCalendar(closures={date(2026, 7, 15): "Regional election"})
        change = recompute_deadline(told, date(2026, 7, 6), 10, new_calendar)
        assert change.due_on == date(2026, 7, 21)
        assert change.changed
        assert not change.held
        assert change.due_at == wib(2026, 7, 21, 23, 59, 59)

    @pytest.mark.parametrize(
        "new_calendar",
        [
            WorkingCalendar(),  # the closure it was computed with was removed
            WorkingCalendar(
                closures={date(2026, 7, 15): "Regional election"},
                extra_working_days=[date(2026, 7, 18)],
            ),
        ],
        ids=["closure removed", "extra working Saturday"],
    )
    def test_a_told_deadline_never_moves_earlier(self, new_calendar):
        old_calendar = WorkingCalendar(closures={date(2026, 7, 15): "Regional election"})
        told = add_working_days(date(2026, 7, 6), 10, old_calendar).due_on
        assert told == date(2026, 7, 21)
        change = recompute_deadline(told, date(2026, 7, 6), 10, new_calendar)
        assert change.due_on == date(2026, 7, 21)
        assert not change.changed
        assert change.held
        assert change.recomputed.due_on < told

    def test_an_unaffected_deadline_does_not_change(self):
        new_calendar = WorkingCalendar(closures={date(2026, 9, 1): "Anniversary"})
        change = recompute_deadline(date(2026, 7, 20), date(2026, 7, 6), 10, new_calendar)
        assert not change.changed
        assert not change.held


class TestDerivedState:
    DUE_ON = date(2026, 7, 20)  # Monday

    @pytest.mark.parametrize(
        ("today", "overdue"),
        [(date(2026, 7, 17), False), (date(2026, 7, 20), False), (date(2026, 7, 21), True)],
    )
    def test_overdue_from_the_day_after_the_due_date(self, today, overdue):
        assert is_overdue(self.DUE_ON, today) is overdue

    @pytest.mark.parametrize(
        ("today", "n", "due_soon"),
        [
            (date(2026, 7, 20), 0, True),  # due today
            (date(2026, 7, 17), 1, True),  # Fri: Monday is the next working day
            (date(2026, 7, 16), 1, False),
            (date(2026, 7, 16), 2, True),
            (date(2026, 7, 21), 5, False),  # overdue is not "due soon"
        ],
    )
    def test_due_within_n_working_days(self, today, n, due_soon):
        assert is_due_within(self.DUE_ON, today, n, NATIONAL) is due_soon

    @pytest.mark.parametrize(
        ("today", "elapsed"),
        [
            (date(2026, 7, 6), 0),
            (date(2026, 7, 11), 4),  # Saturday: the week's four days after Monday
            (date(2026, 7, 20), 10),
        ],
    )
    def test_working_days_elapsed_since_receipt(self, today, elapsed):
        assert working_days_elapsed(date(2026, 7, 6), today, NATIONAL) == elapsed

    @pytest.mark.parametrize(
        ("today", "left"),
        [(date(2026, 7, 16), 2), (date(2026, 7, 18), 1), (date(2026, 7, 20), 0)],
    )
    def test_working_days_left(self, today, left):
        assert working_days_left(self.DUE_ON, today, NATIONAL) == left

    @time_machine.travel(datetime(2026, 7, 10, 17, 30, tzinfo=UTC), tick=False)
    def test_today_is_the_wib_date(self):
        assert today_local() == date(2026, 7, 11)
