import datetime

import pytest

from information_requests.calendar import WorkingCalendar
from information_requests.deadlines import DEFAULT_POLICY, ObjectionGround
from information_requests.objection_rules import (
    ObjectionRefused,
    RequestHistory,
    check_filing,
    filing_window,
    grounds_that_fit,
    open_windows,
)

# No national holiday falls between September and mid-November 2026: weeks of five days.
CALENDAR = WorkingCalendar()
NOTICE_DUE = datetime.date(2026, 9, 22)  # a Tuesday
ISSUED_IN_TIME = datetime.date(2026, 9, 10)
ISSUED_LATE = datetime.date(2026, 9, 25)


def wib(year, month, day, hour=10, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=DEFAULT_POLICY.tzinfo)


UNANSWERED = RequestHistory(notice_limit_on=NOTICE_DUE)
GRANTED_FREE = RequestHistory(NOTICE_DUE, ISSUED_IN_TIME, "granted_full", 0)
GRANTED_AT_A_COST = RequestHistory(NOTICE_DUE, ISSUED_IN_TIME, "granted_partial", 150_000)
REJECTED = RequestHistory(NOTICE_DUE, ISSUED_IN_TIME, "rejected")
REJECTED_LATE = RequestHistory(NOTICE_DUE, ISSUED_LATE, "rejected")
WITHDRAWN = RequestHistory(NOTICE_DUE, withdrawn=True)


class TestGroundsThatFit:
    @pytest.mark.parametrize(
        ("history", "today", "expected"),
        [
            # Before the notice limit lapses only periodic information can be objected to.
            (UNANSWERED, NOTICE_DUE, "b"),
            # "Not answered" from the day after the limit.
            (UNANSWERED, NOTICE_DUE + datetime.timedelta(days=1), "bc"),
            (GRANTED_FREE, datetime.date(2026, 9, 11), "bde"),
            (GRANTED_AT_A_COST, datetime.date(2026, 9, 11), "bdef"),
            (REJECTED, datetime.date(2026, 9, 11), "abde"),
            # Answered after the limit: late, but no longer "not answered".
            (REJECTED_LATE, datetime.date(2026, 9, 28), "abdeg"),
            (WITHDRAWN, datetime.date(2026, 10, 1), ""),
        ],
    )
    def test_offers_only_what_the_history_supports(self, history, today, expected):
        assert "".join(grounds_that_fit(history, today)) == expected


class TestFilingWindow:
    @pytest.mark.parametrize(
        ("ground", "history", "stated_on", "start", "due"),
        [
            # c and g: from the day after the limit (Wed 23 Sep), 30 working days = 6 weeks.
            ("c", UNANSWERED, None, datetime.date(2026, 9, 23), datetime.date(2026, 11, 4)),
            ("g", REJECTED_LATE, None, datetime.date(2026, 9, 23), datetime.date(2026, 11, 4)),
            # a, d, e, f: from the notice (Thu 10 Sep).
            ("a", REJECTED, None, ISSUED_IN_TIME, datetime.date(2026, 10, 22)),
            ("f", GRANTED_AT_A_COST, None, ISSUED_IN_TIME, datetime.date(2026, 10, 22)),
            # b: from the date the requester states (Fri 2 Oct).
            (
                "b",
                UNANSWERED,
                datetime.date(2026, 10, 2),
                datetime.date(2026, 10, 2),
                datetime.date(2026, 11, 13),
            ),
        ],
    )
    def test_counts_thirty_working_days_from_the_day_the_ground_arose(
        self, ground, history, stated_on, start, due
    ):
        window = filing_window(ground, history, CALENDAR, DEFAULT_POLICY, stated_on)

        assert (window.count.start_on, window.due_on) == (start, due)

    def test_is_open_until_the_end_of_the_last_day(self):
        window = filing_window("c", UNANSWERED, CALENDAR, DEFAULT_POLICY)

        assert window.is_open(wib(2026, 11, 4, 23, 59))
        assert not window.is_open(wib(2026, 11, 5, 0, 0))


class TestCheckFiling:
    def test_accepts_every_ground_in_time(self):
        windows = check_filing(["a", "d"], REJECTED, CALENDAR, DEFAULT_POLICY, wib(2026, 10, 1))

        assert [window.ground for window in windows] == [
            ObjectionGround.REJECTED_EXEMPT,
            ObjectionGround.NOT_AS_REQUESTED,
        ]

    def test_refuses_a_late_filing_and_explains_the_count(self, in_english):
        with pytest.raises(ObjectionRefused) as refused:
            check_filing(["c"], UNANSWERED, CALENDAR, DEFAULT_POLICY, wib(2026, 11, 5))

        (reason,) = refused.value.reasons
        assert "the time to object has passed" in reason
        assert "due by the end of Tuesday, 22 September 2026" in reason
        assert "next day, Wednesday, 23 September 2026" in reason
        assert "30 working days counted from that day end at the end of Wednesday, 4 November" in (
            reason
        )

    @pytest.mark.parametrize(
        ("grounds", "history", "stated_on"),
        [
            ([], UNANSWERED, None),
            (["a"], GRANTED_FREE, None),  # nothing was rejected
            (["c"], GRANTED_FREE, None),  # it was answered
            (["b"], UNANSWERED, None),  # no date stated
            (["b"], UNANSWERED, datetime.date(2026, 12, 1)),  # a date in the future
            (["d"], WITHDRAWN, None),
        ],
    )
    def test_refuses_grounds_that_do_not_fit(self, grounds, history, stated_on):
        with pytest.raises(ObjectionRefused):
            check_filing(grounds, history, CALENDAR, DEFAULT_POLICY, wib(2026, 10, 1), stated_on)

    def test_one_closed_ground_refuses_the_whole_filing(self):
        # The late notice (Fri 25 Sep) opens ground a until 6 November; ground g, counted from
        # the lapse of the limit, closed on 4 November.
        with pytest.raises(ObjectionRefused) as refused:
            check_filing(["a", "g"], REJECTED_LATE, CALENDAR, DEFAULT_POLICY, wib(2026, 11, 5))

        assert len(refused.value.reasons) == 1


class TestOpenWindows:
    def test_splits_the_fitting_grounds_into_open_and_closed(self):
        open_, closed = open_windows(REJECTED_LATE, CALENDAR, DEFAULT_POLICY, wib(2026, 11, 5))

        assert [window.ground.value for window in open_] == ["a", "d", "e"]
        assert [window.ground.value for window in closed] == ["g"]
