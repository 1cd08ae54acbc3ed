import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from information_requests import workflow
from information_requests.choices import EventKind, ObjectionEventKind
from information_requests.models import CalendarOverride, InformationRequest, Objection
from tests.information_requests.factories import (
    TUESDAY_MORNING,
    StaffFactory,
    SupervisorFactory,
    answer_granted,
    answer_objection,
    file_objection,
    submit_request,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("english_admin", "private_files_on_disk"),
]

# The request of TUESDAY_MORNING was received on 8 September and is due on 22 September 2026.
NOTICE_DUE = datetime.date(2026, 9, 22)


def close_office(day, reason="Banjir di kantor gubernur"):
    return CalendarOverride.objects.create(date=day, kind="closure", reason=reason)


def recomputed_events(request):
    return list(
        request.events.filter(kind=EventKind.DEADLINE_RECOMPUTED).values_list("data", flat=True)
    )


def reloaded(request):
    return InformationRequest.objects.get(pk=request.pk)


class TestCalendarChange:
    def test_a_new_closure_moves_an_open_deadline_later_and_logs_it(
        self, django_capture_on_commit_callbacks
    ):
        request = submit_request()

        with django_capture_on_commit_callbacks(execute=True):
            close_office(datetime.date(2026, 9, 15))

        assert reloaded(request).notice_due_on == datetime.date(2026, 9, 23)
        assert recomputed_events(request) == [
            {"notice_due_on": {"from": "2026-09-22", "to": "2026-09-23"}}
        ]

    def test_an_extended_deadline_moves_with_the_notice_deadline(
        self, django_capture_on_commit_callbacks
    ):
        request = workflow.extend(
            submit_request(),
            actor=StaffFactory(),
            reason="Dokumen di tiga bidang",
            now=TUESDAY_MORNING,
        )

        with django_capture_on_commit_callbacks(execute=True):
            close_office(datetime.date(2026, 9, 15))

        request = reloaded(request)
        assert (request.notice_due_on, request.extended_due_on) == (
            datetime.date(2026, 9, 23),
            datetime.date(2026, 10, 2),
        )
        assert recomputed_events(request) == [
            {
                "notice_due_on": {"from": "2026-09-22", "to": "2026-09-23"},
                "extended_due_on": {"from": "2026-10-01", "to": "2026-10-02"},
            }
        ]

    def test_a_told_deadline_never_moves_earlier(self, django_capture_on_commit_callbacks):
        request = submit_request()

        with django_capture_on_commit_callbacks(execute=True):
            CalendarOverride.objects.create(
                date=datetime.date(2026, 9, 12), kind="working_day", reason="Hari kerja pengganti"
            )

        assert reloaded(request).notice_due_on == NOTICE_DUE
        assert recomputed_events(request) == []

    def test_removing_a_closure_does_not_take_the_day_back(
        self, django_capture_on_commit_callbacks
    ):
        request = submit_request()
        with django_capture_on_commit_callbacks(execute=True):
            closure = close_office(datetime.date(2026, 9, 15))

        with django_capture_on_commit_callbacks(execute=True):
            closure.delete()

        assert reloaded(request).notice_due_on == datetime.date(2026, 9, 23)
        assert len(recomputed_events(request)) == 1

    def test_requests_no_longer_open_keep_their_dates(self, django_capture_on_commit_callbacks):
        answered = answer_granted(submit_request(), StaffFactory())

        with django_capture_on_commit_callbacks(execute=True):
            close_office(datetime.date(2026, 9, 15))

        assert reloaded(answered).notice_due_on == NOTICE_DUE
        assert recomputed_events(answered) == []

    def test_saving_through_the_admin_recomputes(self, client, django_capture_on_commit_callbacks):
        request = submit_request()
        client.force_login(StaffFactory())

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("calendar_overrides:add"),
                {"date": "2026-09-15", "kind": "closure", "reason": "Banjir"},
            )

        assert response.status_code == 302
        assert reloaded(request).notice_due_on == datetime.date(2026, 9, 23)


class TestRecomputeCommand:
    def run(self):
        output = StringIO()
        call_command("recompute_deadlines", stdout=output)
        return output.getvalue()

    def test_moves_what_the_calendar_moved_and_is_safe_to_run_again(self):
        request = submit_request()
        # Saved outside any commit hook: as if the task had not run yet.
        close_office(datetime.date(2026, 9, 15))

        first = self.run()
        second = self.run()

        assert f"{request.registration_number}: notice due 2026-09-23" in first
        assert "1 open request(s) with a new deadline." in first
        assert "0 open request(s) with a new deadline." in second
        assert len(recomputed_events(request)) == 1


class TestObjectionDeadlines:
    """The Atasan PPID's 30 working days from Thursday 24 September 2026 end on Thursday
    5 November."""

    def objection_events(self, objection):
        return list(
            objection.events.filter(kind=ObjectionEventKind.DEADLINE_RECOMPUTED).values_list(
                "data", flat=True
            )
        )

    def test_a_new_closure_moves_an_open_objections_deadline_and_logs_it(
        self, django_capture_on_commit_callbacks
    ):
        objection = file_objection()

        with django_capture_on_commit_callbacks(execute=True):
            close_office(datetime.date(2026, 10, 20))

        assert Objection.objects.get().response_due_on == datetime.date(2026, 11, 6)
        assert self.objection_events(objection) == [
            {"response_due_on": {"from": "2026-11-05", "to": "2026-11-06"}}
        ]

    def test_a_deadline_told_to_the_requester_never_moves_earlier(
        self, django_capture_on_commit_callbacks
    ):
        objection = file_objection()

        with django_capture_on_commit_callbacks(execute=True):
            CalendarOverride.objects.create(
                date=datetime.date(2026, 10, 3), kind="working_day", reason="Sabtu pengganti"
            )

        assert Objection.objects.get().response_due_on == datetime.date(2026, 11, 5)
        assert self.objection_events(objection) == []

    def test_an_answered_objection_keeps_its_dates(self, django_capture_on_commit_callbacks):
        objection = answer_objection(file_objection(), SupervisorFactory())

        with django_capture_on_commit_callbacks(execute=True):
            close_office(datetime.date(2026, 10, 20))

        assert Objection.objects.get().response_due_on == datetime.date(2026, 11, 5)
        assert self.objection_events(objection) == []

    def test_the_command_reports_the_objections_it_moved(self):
        objection = file_objection()
        close_office(datetime.date(2026, 10, 20))

        output = StringIO()
        call_command("recompute_deadlines", stdout=output)

        assert f"{objection.registration_number}: answer due 2026-11-06" in output.getvalue()
        assert "1 open objection(s) with a new deadline." in output.getvalue()
