import datetime
import threading

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from information_requests import objection_workflow
from information_requests.choices import ObjectionChannel, ObjectionEventKind
from information_requests.models import Objection, ObjectionEvent
from information_requests.objection_rules import ObjectionRefused
from information_requests.objection_states import (
    DISPUTE_MILESTONES,
    OBJECTION_TRANSITIONS,
    InvalidObjectionTransition,
    ObjectionAction,
    ObjectionStatus,
)
from tests.information_requests.factories import (
    AFTER_THE_NOTICE_LAPSED,
    StaffFactory,
    SupervisorFactory,
    answer_granted,
    file_objection,
    submit_request,
)
from tests.information_requests.factories import answer_objection as answer
from tests.information_requests.factories import record_milestone as milestone

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_files_on_disk")]

# The Atasan's 30 working days from Thursday 24 September 2026 end on Thursday 5 November.
ANSWER_DUE = datetime.date(2026, 11, 5)
AFTER_THE_ATASAN_LAPSED = datetime.datetime(2026, 11, 6, 3, 0, tzinfo=datetime.UTC)


def objection_in(status):
    """An objection brought to `status` through the workflow itself."""
    objection = file_objection()
    utama, supervisor = StaffFactory(), SupervisorFactory()
    steps = {
        ObjectionStatus.RECEIVED: [],
        ObjectionStatus.ANSWERED: [lambda o: answer(o, supervisor)],
        ObjectionStatus.WITHDRAWN: [lambda o: objection_workflow.withdraw(o, actor=utama)],
        ObjectionStatus.DISPUTED: [
            lambda o: answer(o, supervisor),
            lambda o: milestone(o, utama, ObjectionAction.DISPUTE_FILED),
        ],
        ObjectionStatus.DISPUTE_DECIDED: [
            lambda o: answer(o, supervisor),
            lambda o: milestone(o, utama, ObjectionAction.DISPUTE_FILED),
            lambda o: milestone(o, utama, ObjectionAction.DISPUTE_DECISION),
        ],
        ObjectionStatus.IN_COURT: [
            lambda o: answer(o, supervisor),
            lambda o: milestone(o, utama, ObjectionAction.DISPUTE_FILED),
            lambda o: milestone(o, utama, ObjectionAction.DISPUTE_DECISION),
            lambda o: milestone(o, utama, ObjectionAction.COURT_CASE),
        ],
    }[status]
    for step in steps:
        objection = step(objection)
    return Objection.objects.get(pk=objection.pk)


def take(action, objection):
    if action == ObjectionAction.ANSWER:
        return answer(objection, SupervisorFactory())
    if action == ObjectionAction.WITHDRAW:
        return objection_workflow.withdraw(objection, actor=StaffFactory())
    return milestone(objection, StaffFactory(), action)


ALLOWED = [
    (action, status)
    for action, moves in OBJECTION_TRANSITIONS.items()
    for status in moves
    # A dispute before any answer needs the Atasan's time to have run out: tested below.
    if (action, status) != (ObjectionAction.DISPUTE_FILED, ObjectionStatus.RECEIVED)
]
FORBIDDEN = [
    (action, status)
    for action in ObjectionAction
    for status in ObjectionStatus
    if status not in OBJECTION_TRANSITIONS[action]
]


class TestFiling:
    def test_gives_its_own_number_the_atasan_deadline_and_one_event(self):
        request = submit_request()

        objection = file_objection(request)

        assert objection.registration_number == "001/KEB/PPID/2026"
        assert objection.request == request
        assert objection.channel == ObjectionChannel.ONLINE
        assert objection.grounds == ["c"]
        assert objection.received_on == datetime.date(2026, 9, 24)
        assert objection.response_due_on == ANSWER_DUE
        event = objection.events.get()
        assert event.kind == ObjectionEventKind.FILED
        assert event.data["filing_due_on"] == {"c": "2026-11-04"}

    def test_number_format_is_a_setting(self, settings):
        settings.PPID_OBJECTION_REGISTRATION_FORMAT = "KEB-{year}-{sequence:04d}"

        assert file_objection().registration_number == "KEB-2026-0001"

    def test_e_mails_the_receipt(self, django_capture_on_commit_callbacks):
        request = submit_request()
        with django_capture_on_commit_callbacks(execute=True):
            objection = file_objection(request)

        (message,) = mail.outbox
        assert objection.registration_number in message.subject
        assert message.to == ["siti@example.id"]
        assert message.attachments[0][2] == "application/pdf"

    def test_staff_record_a_paper_objection(self):
        utama = StaffFactory()

        objection = file_objection(actor=utama, proxy_name="LBH Bandar Lampung")

        assert objection.channel == ObjectionChannel.PAPER
        assert objection.recorded_by == utama
        assert objection.events.get().actor == utama

    def test_only_ppid_utama_record_paper_objections(self):
        with pytest.raises(PermissionDenied):
            file_objection(actor=SupervisorFactory())
        assert not Objection.objects.exists()

    def test_refuses_a_filing_after_the_window_and_stores_nothing(self):
        too_late = datetime.datetime(2026, 11, 5, 3, 0, tzinfo=datetime.UTC)

        with pytest.raises(ObjectionRefused):
            file_objection(at=too_late)
        assert not Objection.objects.exists()

    def test_refuses_a_second_objection_while_one_waits(self):
        first = file_objection()

        with pytest.raises(ObjectionRefused, match=first.registration_number):
            file_objection(first.request)

    def test_needs_a_statement(self):
        with pytest.raises(ValidationError):
            file_objection(statement="  ")

    def test_grounds_follow_the_answer(self):
        staff = StaffFactory()
        request = answer_granted(submit_request(), staff)

        objection = file_objection(request, grounds=("d", "e"))

        assert objection.grounds == ["d", "e"]
        with pytest.raises(ObjectionRefused):
            file_objection(answer_granted(submit_request(), staff), grounds=("c",))


@pytest.mark.django_db(transaction=True)
class TestConcurrentFilings:
    def test_twenty_at_once_get_twenty_distinct_numbers(self):
        if connection.vendor != "postgresql":
            pytest.skip("row locks need PostgreSQL")
        requests = [submit_request(email="", delivery_method="pick_up") for _ in range(20)]
        numbers, errors = [], []

        def file_one(request):
            try:
                numbers.append(file_objection(request).registration_number)
            except Exception as error:  # noqa: BLE001 - collected and asserted below
                errors.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=file_one, args=(request,)) for request in requests]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert errors == []
        assert sorted(numbers) == [f"{n:03d}/KEB/PPID/2026" for n in range(1, 21)]


class TestTransitions:
    @pytest.mark.parametrize(("action", "status"), ALLOWED)
    def test_every_allowed_action_succeeds_and_writes_one_event(self, action, status):
        objection = objection_in(status)
        events_before = objection.events.count()

        changed = take(action, objection)

        assert changed.status == OBJECTION_TRANSITIONS[action][status]
        assert objection.events.count() == events_before + 1
        last = objection.events.last()
        assert (last.kind, last.from_status, last.to_status) == (action, status, changed.status)

    @pytest.mark.parametrize(("action", "status"), FORBIDDEN)
    def test_every_forbidden_action_changes_nothing(self, action, status):
        objection = objection_in(status)
        events_before = objection.events.count()

        with pytest.raises(InvalidObjectionTransition):
            take(action, objection)

        objection.refresh_from_db()
        assert objection.status == status
        assert objection.events.count() == events_before

    def test_a_dispute_before_an_answer_waits_for_the_atasan_to_lapse(self):
        objection = objection_in(ObjectionStatus.RECEIVED)
        utama = StaffFactory()
        with pytest.raises(InvalidObjectionTransition):
            objection_workflow.record_milestone(
                objection,
                ObjectionAction.DISPUTE_FILED,
                actor=utama,
                happened_on=datetime.date(2026, 10, 20),
                now=datetime.datetime(2026, 10, 21, 3, 0, tzinfo=datetime.UTC),
            )

        disputed = objection_workflow.record_milestone(
            objection,
            ObjectionAction.DISPUTE_FILED,
            actor=utama,
            happened_on=datetime.date(2026, 11, 6),
            now=AFTER_THE_ATASAN_LAPSED,
        )

        assert disputed.status == ObjectionStatus.DISPUTED


class TestAnswer:
    def test_records_the_decision_and_mails_the_letter(self, django_capture_on_commit_callbacks):
        objection = file_objection(submit_request(email=""))
        objection.request.email = "siti@example.id"
        objection.request.save()
        supervisor = SupervisorFactory()

        with django_capture_on_commit_callbacks(execute=True):
            answered = answer(
                objection,
                supervisor,
                decision="overturned",
                order_to_ppid="Berikan salinan LRA 2024 dalam 5 hari kerja.",
            )

        assert answered.decision == "overturned"
        assert answered.answered_by == supervisor
        answered.refresh_from_db()
        assert answered.decision_pdf.name.endswith(".pdf")
        (message,) = mail.outbox
        assert message.attachments[0][1].startswith(b"%PDF")

    @pytest.mark.parametrize(
        ("overrides", "field"),
        [
            ({"reasons": ""}, "reasons"),
            ({"decision": "overturned"}, "order_to_ppid"),
            ({"supervisor_name": " "}, "supervisor_name"),
            ({"supervisor_position": ""}, "supervisor_position"),
        ],
    )
    def test_needs_written_reasons_and_who_decided(self, overrides, field):
        objection = file_objection()

        with pytest.raises(ValidationError) as invalid:
            answer(objection, SupervisorFactory(), **overrides)

        assert field in invalid.value.message_dict
        assert ObjectionEvent.objects.filter(objection=objection).count() == 1

    @pytest.mark.parametrize("who", ["utama", "nobody"])
    def test_only_the_atasan_answers(self, who):
        actor = StaffFactory() if who == "utama" else StaffFactory(can_process=False)

        with pytest.raises(PermissionDenied):
            answer(file_objection(), actor)


class TestMilestones:
    def test_the_atasan_records_no_milestones(self):
        objection = objection_in(ObjectionStatus.ANSWERED)

        with pytest.raises(PermissionDenied):
            milestone(objection, SupervisorFactory(), ObjectionAction.DISPUTE_FILED)

    @pytest.mark.parametrize(
        "happened_on",
        [datetime.date(2026, 9, 1), datetime.date(2026, 12, 31)],
        ids=["before the objection", "in the future"],
    )
    def test_dates_must_be_real(self, happened_on):
        objection = objection_in(ObjectionStatus.ANSWERED)

        with pytest.raises(ValidationError):
            milestone(objection, StaffFactory(), ObjectionAction.DISPUTE_FILED, happened_on)

    def test_only_milestones_are_recorded_as_milestones(self):
        with pytest.raises(ValueError):
            objection_workflow.record_milestone(
                file_objection(),
                ObjectionAction.ANSWER,
                actor=StaffFactory(),
                happened_on=datetime.date(2026, 10, 1),
            )

    def test_every_milestone_is_an_action(self):
        assert set(DISPUTE_MILESTONES) <= set(OBJECTION_TRANSITIONS)


def test_filing_moment_is_kept(db):
    assert file_objection().submitted_at == AFTER_THE_NOTICE_LAPSED
