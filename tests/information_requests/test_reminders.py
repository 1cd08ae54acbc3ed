import datetime
from io import StringIO
from smtplib import SMTPException

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command

from information_requests import workflow
from information_requests.choices import PUBLIC_EVENT_KINDS, EventKind
from information_requests.models import RequestEvent
from tests.information_requests.factories import (
    PelaksanaFactory,
    StaffFactory,
    SupervisorFactory,
    answer_granted,
    assigned_request,
    submit_request,
)
from tests.ppid_docs.factories import AgencyFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("english_admin", "private_files_on_disk"),
]

# The request of TUESDAY_MORNING is due by the end of Tuesday 22 September 2026.
THURSDAY_17 = datetime.datetime(2026, 9, 17, 1, 0, tzinfo=datetime.UTC)  # 08:00 WIB
FRIDAY_18 = datetime.datetime(2026, 9, 18, 1, 0, tzinfo=datetime.UTC)  # 2 working days before
MONDAY_21 = datetime.datetime(2026, 9, 21, 1, 0, tzinfo=datetime.UTC)
WEDNESDAY_23 = datetime.datetime(2026, 9, 23, 1, 0, tzinfo=datetime.UTC)  # overdue
FRIDAY_25 = datetime.datetime(2026, 9, 25, 1, 0, tzinfo=datetime.UTC)


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise SMTPException("Connection refused")


def run_reminders(at, **options):
    output, errors = StringIO(), StringIO()
    with time_machine.travel(at, tick=False):
        call_command("send_deadline_reminders", stdout=output, stderr=errors, **options)
    return output.getvalue(), errors.getvalue()


def reminders_recorded(request):
    return [
        (event.data["reminder"], event.data["recipient_role"], event.data["due_on"])
        for event in RequestEvent.objects.filter(
            request=request, kind=EventKind.REMINDER_SENT
        ).order_by("pk")
    ]


@pytest.fixture
def health():
    return AgencyFactory(name="Dinas Kesehatan")


class TestBeforeTheDeadline:
    def test_the_agencys_staff_are_reminded_two_working_days_before_and_only_once(self, health):
        staff = PelaksanaFactory(agency=health, email="pelaksana@dinkes.lampungprov.go.id")
        PelaksanaFactory(email="someone.else@lampungprov.go.id")  # another agency's
        request = assigned_request(health)

        run_reminders(FRIDAY_18)
        run_reminders(FRIDAY_18)
        run_reminders(MONDAY_21)

        assert [message.to for message in mail.outbox] == [[staff.email]]
        assert request.registration_number in mail.outbox[0].subject
        assert f"/admin/information-requests/inspect/{request.pk}/" in mail.outbox[0].body
        assert reminders_recorded(request) == [("due_soon", "agency_staff", "2026-09-22")]
        event = request.events.get(kind=EventKind.REMINDER_SENT)
        assert event.data["sent_on"] == "2026-09-18"
        assert event.data["recipients"] == 1
        assert EventKind.REMINDER_SENT not in PUBLIC_EVENT_KINDS

    def test_nothing_is_sent_earlier(self, health):
        PelaksanaFactory(agency=health)
        assigned_request(health)

        run_reminders(THURSDAY_17)

        assert mail.outbox == []

    def test_unassigned_requests_remind_ppid_utama(self):
        utama = StaffFactory()
        request = submit_request()

        run_reminders(FRIDAY_18)

        assert [message.to for message in mail.outbox] == [[utama.email]]
        assert reminders_recorded(request) == [("due_soon", "ppid_utama", "2026-09-22")]

    def test_the_number_of_working_days_is_a_setting(self, settings, health):
        settings.PPID_REMINDER_WORKING_DAYS = 5
        PelaksanaFactory(agency=health)
        assigned_request(health)

        run_reminders(datetime.datetime(2026, 9, 15, 1, 0, tzinfo=datetime.UTC))

        assert len(mail.outbox) == 1

    def test_an_extended_deadline_earns_its_own_reminder(self, health):
        PelaksanaFactory(agency=health)
        request = assigned_request(health)
        run_reminders(FRIDAY_18)
        workflow.extend(request, actor=StaffFactory(), reason="Data di tiga bidang", now=FRIDAY_18)

        run_reminders(datetime.datetime(2026, 9, 29, 1, 0, tzinfo=datetime.UTC))

        assert reminders_recorded(request) == [
            ("due_soon", "agency_staff", "2026-09-22"),
            ("due_soon", "agency_staff", "2026-10-01"),
        ]


class TestAfterTheDeadline:
    def test_the_supervisor_and_the_requester_are_told_once(self):
        supervisor = SupervisorFactory()
        request = submit_request()

        output, _errors = run_reminders(WEDNESDAY_23)
        run_reminders(WEDNESDAY_23)
        run_reminders(FRIDAY_25)

        recipients = sorted(message.to[0] for message in mail.outbox)
        assert recipients == sorted([supervisor.email, "siti@example.id"])
        assert reminders_recorded(request) == [
            ("overdue", "supervisor", "2026-09-22"),
            ("not_answered", "requester", "2026-09-22"),
        ]
        assert "2 reminder(s) sent" in output

    def test_the_requester_learns_of_the_right_to_object(self):
        submit_request()

        run_reminders(WEDNESDAY_23)

        (to_requester,) = [m for m in mail.outbox if m.to == ["siti@example.id"]]
        assert "keberatan" in to_requester.body
        assert "Pasal 35(1) c" in to_requester.body

    def test_a_requester_without_an_e_mail_address_is_not_written_to(self):
        SupervisorFactory()
        request = submit_request(email="")

        run_reminders(WEDNESDAY_23)

        assert reminders_recorded(request) == [("overdue", "supervisor", "2026-09-22")]

    def test_answered_requests_get_no_reminders(self):
        SupervisorFactory()
        answer_granted(submit_request(), StaffFactory())

        run_reminders(FRIDAY_18)
        run_reminders(WEDNESDAY_23)

        assert mail.outbox == []


class TestWhenSendingFails:
    def test_nobody_to_tell_records_nothing_so_a_later_run_sends_it(self, health):
        request = assigned_request(health)

        _output, errors = run_reminders(FRIDAY_18)
        assert "nobody to send it to" in errors
        assert reminders_recorded(request) == []

        PelaksanaFactory(agency=health)
        run_reminders(MONDAY_21)

        assert len(mail.outbox) == 1
        assert reminders_recorded(request) == [("due_soon", "agency_staff", "2026-09-22")]

    def test_a_mail_server_failure_records_nothing_and_fails_the_run(self, settings, health):
        PelaksanaFactory(agency=health)
        request = assigned_request(health)
        settings.EMAIL_BACKEND = "tests.information_requests.test_reminders.FailingBackend"

        with pytest.raises(CommandError, match="will be retried"):
            run_reminders(FRIDAY_18)

        assert reminders_recorded(request) == []


class TestObjectionReminders:
    """The objection of 24 September 2026 must be answered by the end of Thursday 5 November."""

    def reminders_of(self, objection):
        return list(
            objection.events.filter(kind="reminder_sent").values_list("data__reminder", flat=True)
        )

    def test_the_atasan_is_reminded_before_and_after_the_deadline_once_each(self):
        from tests.information_requests.factories import file_objection

        atasan = SupervisorFactory()
        objection = file_objection(submit_request(email=""))
        early = datetime.datetime(2026, 10, 30, 1, 0, tzinfo=datetime.UTC)
        two_days_before = datetime.datetime(2026, 11, 3, 1, 0, tzinfo=datetime.UTC)
        overdue = datetime.datetime(2026, 11, 6, 1, 0, tzinfo=datetime.UTC)

        run_reminders(early)
        assert self.reminders_of(objection) == []
        run_reminders(two_days_before)
        run_reminders(two_days_before)
        run_reminders(overdue)

        assert self.reminders_of(objection) == ["objection_due_soon", "objection_overdue"]
        to_atasan = [
            message
            for message in mail.outbox
            if message.to == [atasan.email] and message.subject.startswith("Objection")
        ]
        assert [message.subject for message in to_atasan] == [
            "Objection 001/KEB/PPID/2026: your answer is due by Nov. 5, 2026",
            "Objection 001/KEB/PPID/2026 is overdue: your answer was due by Nov. 5, 2026",
        ]
        assert "/admin/information-requests/objections/inspect/" in to_atasan[0].body
