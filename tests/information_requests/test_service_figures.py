import datetime

import pytest

from information_requests import workflow
from information_requests.calendar import WorkingCalendar
from information_requests.objection_states import ObjectionAction
from information_requests.service_figures import (
    AgencyFigures,
    ObjectionFigures,
    ObjectionRecord,
    RequestRecord,
    ResponseTimes,
    compute_figures,
    load_figures,
    merge_small_agencies,
    nearest_rank,
)
from tests.information_requests.factories import (
    TUESDAY_MORNING,
    StaffFactory,
    SupervisorFactory,
    answer_granted,
    answer_objection,
    assigned_request,
    file_objection,
    record_milestone,
    submit_request,
)
from tests.ppid_docs.factories import AgencyFactory

SEPT_8 = datetime.date(2026, 9, 8)  # a Tuesday; no holiday until November


def answered(agency, outcome, answered_on, due_on=datetime.date(2026, 9, 22), **extra):
    return RequestRecord(
        received_on=extra.pop("received_on", SEPT_8),
        agency=agency,
        status="answered",
        outcome=outcome,
        answered_on=answered_on,
        due_on=due_on,
        **extra,
    )


# Working days to the notice, counted by hand on the 2026 calendar: 2, 10, 15, 20 and 1.
REQUESTS = [
    answered("Dinas Kesehatan", "granted_full", datetime.date(2026, 9, 10)),
    answered("Dinas Kesehatan", "granted_partial", datetime.date(2026, 9, 22)),
    # Extended to 1 October: on time.
    answered(
        "Dinas Pendidikan",
        "rejected",
        datetime.date(2026, 9, 29),
        due_on=datetime.date(2026, 10, 1),
        exemption_ground="h",
    ),
    answered("Dinas Pendidikan", "rejected", datetime.date(2026, 10, 6), exemption_ground="h"),
    answered(
        "Dinas Pendidikan",
        "not_held",
        datetime.date(2026, 10, 2),
        due_on=datetime.date(2026, 10, 15),
        received_on=datetime.date(2026, 10, 1),
    ),
    RequestRecord(received_on=datetime.date(2026, 11, 3), agency="", status="received"),
    RequestRecord(
        received_on=datetime.date(2026, 11, 3), agency="Dinas Kesehatan", status="withdrawn"
    ),
]

OBJECTIONS = [
    ObjectionRecord(
        SEPT_8,
        ("a",),
        "dispute_decided",
        "upheld",
        frozenset({"dispute_filed", "dispute_decision"}),
    ),
    ObjectionRecord(SEPT_8, ("c", "g"), "answered", "overturned"),
    ObjectionRecord(SEPT_8, ("c",), "withdrawn"),
    ObjectionRecord(SEPT_8, ("c",), "received"),
    # The Atasan let the 30 working days pass; the requester went to the Komisi Informasi.
    ObjectionRecord(SEPT_8, ("a",), "disputed", "", frozenset({"dispute_filed"})),
]


@pytest.fixture
def figures(in_english):
    return compute_figures(2026, REQUESTS, OBJECTIONS, WorkingCalendar())


class TestRequestFigures:
    def test_counts_requests_by_what_became_of_them(self, figures):
        assert figures.received == 7
        assert figures.answered == 5
        assert figures.granted == 2
        assert figures.rejected == 2
        assert figures.withdrawn == 1
        assert figures.still_open == 1
        assert dict(figures.by_outcome) == {
            "Granted in full": 1,
            "Granted in part": 1,
            "Rejected: exempt information": 2,
            "Not held by this body": 1,
            "Not yet documented": 0,
        }

    def test_counts_rejections_by_their_exemption_ground(self, figures):
        assert figures.rejection_grounds == (("h. Reveals personal secrets", 2),)

    def test_on_time_means_by_the_deadline_in_force(self, figures):
        assert figures.answered_on_time == 4
        assert figures.on_time_percent == 80

    def test_counts_requests_per_month_received(self, figures):
        assert figures.by_month == (0, 0, 0, 0, 0, 0, 0, 0, 4, 1, 2, 0)

    def test_breaks_the_year_down_by_agency(self, figures):
        assert figures.by_agency == (
            AgencyFigures("Dinas Kesehatan", 3, 2, 2, 2, 0),
            AgencyFigures("Dinas Pendidikan", 3, 3, 2, 0, 2),
            AgencyFigures("Not assigned to an agency", 1, 0, 0, 0, 0),
        )
        assert [row.on_time_percent for row in figures.by_agency] == [100, 67, None]


class TestResponseTimes:
    def test_gives_the_median_and_the_90th_percentile_in_working_days(self, figures):
        times = figures.response_times

        assert (times.count, times.mean, times.median) == (5, 9.6, 10)
        assert (times.percentile_90, times.longest) == (20, 20)
        assert times.bands == (
            ("0–5 working days", 2),
            ("6–10 working days", 1),
            ("11–17 working days (extension)", 1),
            ("More than 17 working days", 1),
        )

    def test_an_even_count_has_a_median_between_two_values(self, in_english):
        times = ResponseTimes.of([3, 1, 8, 4])

        assert times.median == 3.5
        assert times.percentile_90 == 8

    def test_nothing_answered_has_no_times_but_empty_bands(self, in_english):
        times = ResponseTimes.of([])

        assert (times.count, times.median, times.percentile_90) == (0, None, None)
        assert [count for _label, count in times.bands] == [0, 0, 0, 0]

    @pytest.mark.parametrize(
        ("values", "fraction", "expected"),
        [([1], 0.9, 1), ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9), ([5, 7], 0.5, 5)],
    )
    def test_nearest_rank(self, values, fraction, expected):
        assert nearest_rank(values, fraction) == expected


class TestObjectionFigures:
    def test_counts_objections_their_grounds_outcomes_and_disputes(self, figures):
        assert figures.objections == ObjectionFigures(
            filed=5,
            by_ground=(
                ("a. Rejected as exempt (Pasal 17)", 2),
                ("c. Request not answered", 3),
                ("g. Delivered later than the law allows", 1),
            ),
            upheld=1,
            overturned=1,
            withdrawn=1,
            waiting=1,
            not_answered_in_time=1,
            disputes=2,
            disputes_decided=1,
            court_cases=0,
        )


class TestSmallCounts:
    def test_agencies_with_few_requests_are_pooled(self, figures):
        rows = merge_small_agencies(figures.by_agency, minimum=3)

        assert [row.name for row in rows] == [
            "Dinas Kesehatan",
            "Dinas Pendidikan",
            "Other agencies (fewer than 3 requests each)",
        ]
        assert rows[-1] == AgencyFigures(rows[-1].name, 1, 0, 0, 0, 0)

    def test_nothing_is_pooled_when_every_agency_has_enough(self, figures):
        assert merge_small_agencies(figures.by_agency, minimum=1) == figures.by_agency


@pytest.mark.django_db
@pytest.mark.usefixtures("private_files_on_disk", "in_english")
class TestLoadingAYearFromTheDatabase:
    @pytest.fixture
    def seeded_year(self):
        """2026: one request granted in 2 working days, one rejected in 15 (late: due on 22
        September), one withdrawn; an objection to the rejection, upheld and disputed. And one
        request of 2025, which does not count."""
        utama = StaffFactory()
        health, education = (
            AgencyFactory(name="Dinas Kesehatan"),
            AgencyFactory(name="Dinas Pendidikan"),
        )
        answer_granted(assigned_request(health), utama)
        rejected = workflow.answer(
            assigned_request(education),
            actor=utama,
            outcome="rejected",
            details={"exemption_ground": "h", "consequence_test": "Rahasia pribadi."},
            now=datetime.datetime(2026, 9, 29, 3, 0, tzinfo=datetime.UTC),
        )
        workflow.withdraw(submit_request(), actor=utama)
        submit_request(submitted_at=TUESDAY_MORNING.replace(year=2025))
        objection = file_objection(
            rejected, grounds=("a",), at=datetime.datetime(2026, 9, 30, 3, 0, tzinfo=datetime.UTC)
        )
        answer_objection(objection, SupervisorFactory())
        record_milestone(objection, utama, ObjectionAction.DISPUTE_FILED)

    def test_reads_the_figures_in_a_fixed_number_of_queries(
        self, seeded_year, django_assert_num_queries
    ):
        # The calendar, the requests, the objections, their dispute milestones and the ratings.
        with django_assert_num_queries(5):
            figures = load_figures(2026)

        assert (figures.received, figures.answered, figures.answered_on_time) == (3, 2, 1)
        assert (figures.granted, figures.rejected, figures.withdrawn) == (1, 1, 1)
        assert figures.rejection_grounds == (("h. Reveals personal secrets", 1),)
        assert (figures.response_times.median, figures.response_times.percentile_90) == (8.5, 15)
        assert [(row.name, row.received, row.answered_on_time) for row in figures.by_agency] == [
            ("Dinas Kesehatan", 1, 1),
            ("Dinas Pendidikan", 1, 0),
            ("Not assigned to an agency", 1, 0),
        ]
        objections = figures.objections
        assert (objections.filed, objections.upheld, objections.disputes) == (1, 1, 1)

    def test_a_year_without_requests_is_all_zeros(self, seeded_year):
        figures = load_figures(2024)

        assert figures.received == 0
        assert figures.on_time_percent is None
        assert figures.objections.filed == 0
