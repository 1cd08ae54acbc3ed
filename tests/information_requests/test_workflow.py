import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from information_requests import workflow
from information_requests.choices import EventKind
from information_requests.deadlines import DeadlineError
from information_requests.models import InformationRequest, RequestEvent
from information_requests.states import TRANSITIONS, Action, InvalidTransition, Status
from tests.information_requests.factories import (
    TUESDAY_MORNING,
    StaffFactory,
    answer_granted,
    request_in,
    submit_request,
)
from tests.ppid_docs.factories import AgencyFactory

pytestmark = pytest.mark.django_db


class TestSubmit:
    def test_gives_a_number_deadlines_and_one_event(self):
        request, token = workflow.submit(
            {
                "requester_type": "individual",
                "full_name": "Budi",
                "nik": "1871010101900001",
                "address": "Metro",
                "information_requested": "DPA Dinas Pendidikan 2025",
                "purpose": "Pengawasan anggaran",
                "obtain_method": "view",
            },
            submitted_at=TUESDAY_MORNING,
        )

        assert request.registration_number == "001/PPID/2026"
        assert request.status == Status.RECEIVED
        assert request.received_on == datetime.date(2026, 9, 8)
        assert request.notice_due_on == datetime.date(2026, 9, 22)
        assert workflow.token_matches(request, token)
        assert not workflow.token_matches(request, "guess")
        assert list(request.events.values_list("kind", flat=True)) == [EventKind.SUBMITTED]

    def test_numbers_count_up_within_a_year_and_restart_in_the_next(self):
        first = submit_request()
        second = submit_request()
        next_year = submit_request(
            submitted_at=datetime.datetime(2027, 1, 4, 2, 0, tzinfo=datetime.UTC)
        )

        assert [first.registration_number, second.registration_number] == [
            "001/PPID/2026",
            "002/PPID/2026",
        ]
        assert next_year.registration_number == "001/PPID/2027"

    def test_after_hours_on_friday_counts_from_monday(self):
        friday_evening = datetime.datetime(2026, 9, 11, 9, 30, tzinfo=datetime.UTC)  # 16:30 WIB

        request = submit_request(submitted_at=friday_evening)

        assert request.received_on == datetime.date(2026, 9, 14)
        assert request.submitted_at == friday_evening


@pytest.mark.django_db(transaction=True)
class TestConcurrentSubmissions:
    def test_fifty_at_once_get_fifty_distinct_numbers(self):
        if connection.vendor != "postgresql":
            pytest.skip("row locks need PostgreSQL")
        numbers, errors = [], []

        def file_one():
            try:
                # Without an e-mail address: fifty PDF receipts are not what this test is about.
                filed = submit_request(email="", delivery_method="pick_up")
                numbers.append(filed.registration_number)
            except Exception as error:  # noqa: BLE001 - collected and asserted below
                errors.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=file_one) for _ in range(50)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert errors == []
        assert len(set(numbers)) == 50
        assert sorted(numbers) == [f"{n:03d}/PPID/2026" for n in range(1, 51)]


def perform(action, request, staff):
    moment = TUESDAY_MORNING + datetime.timedelta(days=3)
    calls = {
        Action.ASSIGN: lambda: workflow.assign(request, actor=staff, agency=AgencyFactory()),
        Action.ASK_TO_COMPLETE: lambda: workflow.ask_to_complete(
            request, actor=staff, note="Lampirkan KTP"
        ),
        Action.RECEIVE_COMPLETION: lambda: workflow.receive_completion(request, actor=staff),
        Action.EXTEND: lambda: workflow.extend(
            request, actor=staff, reason="Dokumen tersebar di tiga bidang", now=moment
        ),
        Action.ANSWER: lambda: answer_granted(request, staff),
        Action.RECORD_DELIVERY: lambda: workflow.record_delivery(request, actor=staff, now=moment),
        Action.WITHDRAW: lambda: workflow.withdraw(request, actor=staff),
        Action.CLOSE: lambda: workflow.close(request, actor=staff, now=moment),
    }
    return calls[action]()


ALL_CASES = [(action, status) for action in Action for status in Status]


class TestTransitions:
    @pytest.mark.parametrize(
        ("action", "status"), [case for case in ALL_CASES if case[1] in TRANSITIONS[case[0]]]
    )
    def test_every_allowed_transition_succeeds_and_writes_one_event(self, action, status):
        staff = StaffFactory()
        request = request_in(status, staff)
        events_before = request.events.count()

        changed = perform(action, request, staff)

        assert changed.status == TRANSITIONS[action][status]
        assert request.events.count() == events_before + 1
        event = request.events.order_by("pk").last()
        assert (event.kind, event.from_status, event.to_status, event.actor) == (
            action,
            status,
            changed.status,
            staff,
        )

    @pytest.mark.parametrize(
        ("action", "status"), [case for case in ALL_CASES if case[1] not in TRANSITIONS[case[0]]]
    )
    def test_every_forbidden_transition_fails_and_changes_nothing(self, action, status):
        staff = StaffFactory()
        request = request_in(status, staff)
        snapshot = InformationRequest.objects.filter(pk=request.pk).values().get()
        events_before = request.events.count()

        with pytest.raises(InvalidTransition):
            perform(action, request, staff)

        assert InformationRequest.objects.filter(pk=request.pk).values().get() == snapshot
        assert request.events.count() == events_before


class TestPermissions:
    def test_staff_without_the_permission_cannot_act(self):
        request = submit_request()
        outsider = StaffFactory(can_process=False)

        with pytest.raises(PermissionDenied):
            workflow.withdraw(request, actor=outsider)

        assert InformationRequest.objects.get(pk=request.pk).status == Status.RECEIVED


class TestExtension:
    def test_moves_the_deadline_seven_working_days_past_the_notice_deadline(self):
        staff = StaffFactory()
        request = submit_request()

        extended = perform(Action.EXTEND, request, staff)

        assert extended.notice_due_on == datetime.date(2026, 9, 22)
        assert extended.extended_due_on == datetime.date(2026, 10, 1)
        assert extended.extension_reason == "Dokumen tersebar di tiga bidang"

    def test_only_once(self):
        staff = StaffFactory()
        request = perform(Action.EXTEND, submit_request(), staff)

        with pytest.raises(DeadlineError):
            perform(Action.EXTEND, request, staff)

        assert request.events.filter(kind=EventKind.EXTENDED).count() == 1

    def test_not_without_a_reason_nor_after_the_deadline(self):
        staff = StaffFactory()
        request = submit_request()
        too_late = datetime.datetime(2026, 9, 22, 17, 0, tzinfo=datetime.UTC)  # 23 Sept WIB

        with pytest.raises(DeadlineError):
            workflow.extend(request, actor=staff, reason="  ")
        with pytest.raises(DeadlineError):
            workflow.extend(request, actor=staff, reason="Alasan", now=too_late)

        assert InformationRequest.objects.get(pk=request.pk).extended_due_on is None


class TestAnswer:
    @pytest.mark.parametrize(
        ("outcome", "missing"),
        [
            ("granted_partial", "redactions"),
            ("rejected", "exemption_ground"),
            ("not_held", "holding_body"),
            ("not_documented", "documentation_period"),
        ],
    )
    def test_each_decision_needs_its_details(self, outcome, missing):
        staff = StaffFactory()
        request = submit_request()

        with pytest.raises(ValidationError) as error:
            workflow.answer(request, actor=staff, outcome=outcome, details={})

        assert missing in error.value.message_dict
        assert not RequestEvent.objects.filter(request=request, kind=EventKind.ANSWERED).exists()

    def test_delivery_only_follows_a_grant(self):
        staff = StaffFactory()
        request = workflow.answer(
            submit_request(),
            actor=staff,
            outcome="not_held",
            details={"holding_body": "Kementerian Kesehatan"},
        )

        with pytest.raises(InvalidTransition):
            workflow.record_delivery(request, actor=staff)


class TestEventLog:
    def test_events_cannot_be_edited_or_deleted(self):
        event = submit_request().events.get()

        event.note = "diubah"
        with pytest.raises(Exception, match="never edited"):
            event.save()
        with pytest.raises(Exception, match="never deleted"):
            event.delete()
