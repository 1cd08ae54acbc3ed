import datetime
import re
from urllib.parse import urlencode

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from information_requests.choices import EventKind
from information_requests.models import InformationRequest, RequestEvent, WrittenNotice
from information_requests.states import Status
from tests.information_requests.factories import (
    KTP_SCAN,
    PelaksanaFactory,
    StaffFactory,
    answer_granted,
    assigned_request,
    request_in,
    submit_request,
)
from tests.ppid_docs.factories import AgencyFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("english_admin", "private_files_on_disk"),
]

INDEX = "request_admin:index"


def index_url(**query):
    return reverse(INDEX) + (f"?{urlencode(query, doseq=True)}" if query else "")


def inspect_url(request):
    return reverse("request_admin:inspect", args=(request.pk,))


def action_url(request, action):
    return reverse("request_admin:action", args=(request.pk, action))


def listed_numbers(response):
    return [request.registration_number for request in response.context["object_list"]]


def messages_of(response):
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


class TestListing:
    def test_shows_the_columns_with_the_nik_masked(self, client, utama, on_thursday):
        request = assigned_request(AgencyFactory(name="Dinas Kesehatan"))
        client.force_login(utama)

        response = client.get(index_url())

        html = response.content.decode()
        assert response.status_code == 200
        assert request.registration_number in html
        assert "Siti Rahmawati" in html
        assert "••••••••••••0003" in html
        assert "1871014107900003" not in html
        assert "Dinas Kesehatan" in html
        assert "8 working days left" in html

    def test_marks_overdue_requests(self, client, utama):
        submit_request()
        client.force_login(utama)

        with time_machine.travel(datetime.datetime(2026, 9, 24, 3, 0, tzinfo=datetime.UTC)):
            response = client.get(index_url())

        assert "Overdue by 2 working days" in response.content.decode()

    @pytest.mark.parametrize("size", [2, 6])
    def test_query_count_does_not_grow_with_the_list(
        self, client, utama, on_thursday, django_assert_num_queries, size
    ):
        for number in range(size):
            if number % 2:
                assigned_request(AgencyFactory())
            else:
                submit_request()
        client.force_login(utama)
        client.get(index_url())  # session and permission caches warm, as on any later page

        with django_assert_num_queries(16):
            response = client.get(index_url(ordering="due_on"))

        assert len(response.context["object_list"]) == size

    def test_filters_by_status_agency_and_year(self, client, utama, on_thursday):
        health = AgencyFactory(name="Dinas Kesehatan")
        assigned = assigned_request(health)
        unassigned = submit_request()
        last_year = submit_request(
            submitted_at=datetime.datetime(2025, 11, 4, 2, 0, tzinfo=datetime.UTC)
        )
        client.force_login(utama)

        by_status = client.get(index_url(status=Status.IN_PROGRESS))
        by_agency = client.get(index_url(agency=health.pk))
        not_assigned = client.get(index_url(agency="null"))
        by_year = client.get(index_url(year=2025))

        assert listed_numbers(by_status) == [assigned.registration_number]
        assert listed_numbers(by_agency) == [assigned.registration_number]
        assert set(listed_numbers(not_assigned)) == {
            unassigned.registration_number,
            last_year.registration_number,
        }
        assert listed_numbers(by_year) == [last_year.registration_number]

    def test_filters_overdue_and_due_within_working_days(self, client, utama):

        on_time = submit_request()  # due Tuesday 22 September
        late = submit_request(submitted_at=datetime.datetime(2026, 9, 1, 2, 0, tzinfo=datetime.UTC))
        answered = answer_granted(submit_request(submitted_at=late.submitted_at), utama)
        client.force_login(utama)

        # Friday 18 September: `late` was due on Tuesday 15th; `on_time` is due 2 working days on.
        with time_machine.travel(datetime.datetime(2026, 9, 18, 3, 0, tzinfo=datetime.UTC)):
            overdue = client.get(index_url(overdue="true"))
            not_overdue = client.get(index_url(overdue="false"))
            within_one = client.get(index_url(due_within=1))
            within_two = client.get(index_url(due_within=2))

        assert listed_numbers(overdue) == [late.registration_number]
        assert set(listed_numbers(not_overdue)) == {
            on_time.registration_number,
            answered.registration_number,
        }
        assert listed_numbers(within_one) == []
        assert listed_numbers(within_two) == [on_time.registration_number]

    @pytest.mark.parametrize(
        "query",
        ["001/PPID", "rahmawati", "realisasi anggaran"],
        ids=["number", "name", "information requested"],
    )
    def test_searches_number_name_and_information_requested(
        self, client, utama, on_thursday, query
    ):
        found = submit_request()
        submit_request(full_name="Budi Santoso", information_requested="DPA Dinas Pendidikan")
        client.force_login(utama)

        response = client.get(index_url(q=query))

        assert listed_numbers(response) == [found.registration_number]

    @pytest.mark.parametrize("query", [{"due_within": "soon"}, {"due_within": "999"}])
    def test_a_bad_filter_is_a_400_with_the_reason_on_the_form(self, client, utama, query):
        client.force_login(utama)

        response = client.get(index_url(**query))

        assert response.status_code == 400
        assert response.context["filters"].errors["due_within"]

    def test_pelaksana_see_only_their_agencys_requests(self, client, on_thursday):
        health, education = AgencyFactory(), AgencyFactory()
        theirs = assigned_request(health)
        assigned_request(education)
        submit_request()
        client.force_login(PelaksanaFactory(agency=health))

        response = client.get(index_url())

        assert listed_numbers(response) == [theirs.registration_number]

    def test_the_supervisor_sees_every_request(self, client, supervisor, on_thursday):
        assigned_request(AgencyFactory())
        submit_request()
        client.force_login(supervisor)

        response = client.get(index_url())

        assert len(listed_numbers(response)) == 2

    def test_staff_without_a_role_are_refused(self, client):
        outsider = StaffFactory(can_process=False)
        outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
        client.force_login(outsider)

        response = client.get(index_url())

        assert response.status_code == 403

    def test_there_is_no_add_edit_or_delete(self, client, utama, on_thursday):
        request = submit_request()
        client.force_login(utama)

        for path in ("new/", f"edit/{request.pk}/", f"delete/{request.pk}/"):
            assert client.get(reverse(INDEX) + path).status_code == 404


class TestInspect:
    def test_shows_details_deadlines_timeline_and_documents(self, client, utama, on_thursday):
        request = assigned_request(AgencyFactory(name="Dinas Kesehatan"))
        client.force_login(utama)

        response = client.get(inspect_url(request))

        html = response.content.decode()
        assert response.status_code == 200
        assert "Laporan realisasi anggaran" in html
        assert "Written notice due (10 working days)" in html
        assert "not counted, Weekend" in html
        assert "Agency: Dinas Kesehatan" in html
        assert utama.username in html

    def test_lists_attachments_with_a_download_link_for_those_allowed(
        self, client, utama, on_thursday
    ):
        request = submit_request(with_identity_card=True)
        attachment = request.attachments.get()
        client.force_login(utama)

        html = client.get(inspect_url(request)).content.decode()

        assert "Identity card (KTP)" in html
        assert f"{len(KTP_SCAN)}" in html
        assert reverse("request_admin:identity_document", args=(attachment.pk,)) in html
        assert "1871014107900003" in html  # allowed to see identity documents: the full NIK

    def test_pelaksana_see_no_identity_documents_nor_the_full_nik(self, client, on_thursday):
        agency = AgencyFactory()
        request = request_in(
            Status.IN_PROGRESS,
            StaffFactory(),
            request=submit_request(with_identity_card=True),
            agency=agency,
        )
        client.force_login(PelaksanaFactory(agency=agency))

        html = client.get(inspect_url(request)).content.decode()

        assert "identity-document" not in html
        assert "1871014107900003" not in html
        assert "••••••••••••0003" in html

    def test_internal_events_are_on_the_timeline(self, client, utama, on_thursday):
        request = submit_request(with_identity_card=True)
        client.force_login(utama)
        client.get(
            reverse(
                "request_admin:identity_document",
                args=(request.attachments.get().pk,),
            )
        )

        response = client.get(inspect_url(request))

        entries = response.context["events"]
        assert [entry.event.kind for entry in entries] == [
            EventKind.SUBMITTED,
            EventKind.IDENTITY_DOCUMENT_OPENED,
        ]
        assert entries[1].internal
        assert entries[1].event.actor == utama

    def test_shows_the_written_notice(self, client, utama, on_thursday):
        request = answer_granted(submit_request(), utama)
        client.force_login(utama)

        html = client.get(inspect_url(request)).content.decode()

        assert "Granted in full" in html
        assert "LRA 2024" in html

    def test_offers_only_the_actions_possible_and_allowed(self, client, on_thursday):
        agency = AgencyFactory()
        request = assigned_request(agency)
        client.force_login(PelaksanaFactory(agency=agency))

        response = client.get(inspect_url(request))

        offered = [item["action"] for item in response.context["actions"]]
        # In progress: PPID Utama could also re-assign; delivery and closing come later.
        assert offered == ["ask_to_complete", "extend", "answer", "withdraw"]

    def test_says_why_extending_is_no_longer_possible(self, client, utama, on_thursday):
        request = submit_request()
        client.force_login(utama)
        client.post(action_url(request, "extend"), {"extend-reason": "Dokumen di tiga bidang"})

        response = client.get(inspect_url(request))

        extend = next(item for item in response.context["actions"] if item["action"] == "extend")
        assert extend["form"] is None
        assert "already been extended" in extend["refusal"]

    def test_another_agencys_request_is_not_found(self, client, on_thursday):
        request = assigned_request(AgencyFactory())
        client.force_login(PelaksanaFactory())

        assert client.get(inspect_url(request)).status_code == 404


ACTION_DATA = {
    "ask_to_complete": {"ask_to_complete-note": "Lampirkan scan KTP yang terbaca"},
    "extend": {"extend-reason": "Dokumen tersebar di tiga bidang"},
    "answer": {
        "answer-outcome": "granted_full",
        "answer-information_provided": "LRA Dinas Kesehatan 2024",
        "answer-information_form": "softcopy",
        "answer-cost": "0",
    },
    "withdraw": {"withdraw-note": "Pemohon menarik permohonan melalui surel"},
}


class TestActions:
    def test_assign(self, client, utama, on_thursday):
        request = submit_request()
        agency = AgencyFactory(name="Dinas Kesehatan")
        client.force_login(utama)

        response = client.post(action_url(request, "assign"), {"assign-agency": agency.pk})

        assert response.status_code == 302
        assert response["Location"] == inspect_url(request)
        request.refresh_from_db()
        assert (request.status, request.agency) == (Status.IN_PROGRESS, agency)
        assert messages_of(response) == [
            f"Request {request.registration_number} assigned to Dinas Kesehatan."
        ]

    @pytest.mark.parametrize(
        ("action", "status"),
        [
            ("ask_to_complete", Status.AWAITING_COMPLETION),
            ("extend", Status.RECEIVED),
            ("answer", Status.ANSWERED),
            ("withdraw", Status.WITHDRAWN),
        ],
    )
    def test_each_action_goes_through_the_workflow(
        self, client, utama, on_thursday, action, status
    ):
        request = submit_request()
        client.force_login(utama)

        response = client.post(action_url(request, action), ACTION_DATA[action])

        assert response.status_code == 302
        request.refresh_from_db()
        assert request.status == status
        event = request.events.order_by("pk").last()
        assert (event.kind, event.actor) == (action, utama)

    def test_receive_completion_record_delivery_and_close(self, client, utama, on_thursday):
        waiting = request_in(Status.AWAITING_COMPLETION, utama)
        answered = answer_granted(submit_request(), utama)
        client.force_login(utama)

        client.post(action_url(waiting, "receive_completion"), {})
        client.post(action_url(answered, "record_delivery"), {"record_delivery-note": "Surel"})
        client.post(action_url(answered, "close"), {})

        waiting.refresh_from_db()
        answered.refresh_from_db()
        assert waiting.status == Status.IN_PROGRESS
        assert answered.status == Status.CLOSED
        assert answered.delivered_at is not None

    def test_answer_stores_only_the_details_of_the_decision(self, client, utama, on_thursday):
        request = submit_request()
        client.force_login(utama)

        client.post(
            action_url(request, "answer"),
            {
                "answer-outcome": "not_held",
                "answer-holding_body": "Kementerian Kesehatan",
                "answer-redactions": "typed by mistake",
                "answer-cost": "0",
            },
        )

        notice = WrittenNotice.objects.get(request=request)
        assert (notice.outcome, notice.holding_body, notice.redactions) == (
            "not_held",
            "Kementerian Kesehatan",
            "",
        )

    def test_extending_twice_is_refused_on_the_form_and_changes_nothing(
        self, client, utama, on_thursday
    ):
        request = submit_request()
        client.force_login(utama)
        client.post(action_url(request, "extend"), ACTION_DATA["extend"])
        extended = InformationRequest.objects.get(pk=request.pk)

        response = client.post(action_url(request, "extend"), {"extend-reason": "Lagi"})

        assert response.status_code == 400
        assert "already been extended" in response.content.decode()
        assert InformationRequest.objects.get(pk=request.pk).extended_due_on == (
            extended.extended_due_on
        )
        assert request.events.filter(kind=EventKind.EXTENDED).count() == 1

    def test_extending_after_the_deadline_is_refused(self, client, utama):

        request = submit_request()
        client.force_login(utama)

        with time_machine.travel(datetime.datetime(2026, 9, 23, 3, 0, tzinfo=datetime.UTC)):
            response = client.post(action_url(request, "extend"), ACTION_DATA["extend"])

        assert response.status_code == 400
        assert "too late to extend" in response.content.decode()
        assert InformationRequest.objects.get(pk=request.pk).extended_due_on is None

    def test_missing_details_are_shown_on_the_form(self, client, utama, on_thursday):
        request = submit_request()
        client.force_login(utama)

        rejected = client.post(
            action_url(request, "answer"), {"answer-outcome": "rejected", "answer-cost": "0"}
        )
        incomplete = client.post(action_url(request, "ask_to_complete"), {})

        assert rejected.status_code == incomplete.status_code == 400
        assert "exemption_ground" in rejected.context["form"].errors
        assert "note" in incomplete.context["form"].errors
        assert InformationRequest.objects.get(pk=request.pk).status == Status.RECEIVED
        assert request.events.count() == 1

    def test_an_action_not_possible_now_is_a_message_not_an_error_page(
        self, client, utama, on_thursday
    ):
        request = request_in(Status.CLOSED, utama)
        client.force_login(utama)

        response = client.post(action_url(request, "answer"), ACTION_DATA["answer"])

        assert response.status_code == 302
        assert response["Location"] == inspect_url(request)
        assert "not possible" in messages_of(response)[0]
        assert InformationRequest.objects.get(pk=request.pk).status == Status.CLOSED

    def test_delivery_of_information_not_granted_is_not_possible(self, client, utama, on_thursday):
        client.force_login(utama)
        request = submit_request()
        client.post(
            action_url(request, "answer"),
            {"answer-outcome": "not_held", "answer-holding_body": "BPS", "answer-cost": "0"},
        )

        response = client.post(action_url(request, "record_delivery"), {})

        assert response.status_code == 302
        assert InformationRequest.objects.get(pk=request.pk).status == Status.ANSWERED

    def test_actions_are_post_only_and_need_the_csrf_token(self, utama, on_thursday):
        request = submit_request()
        client = Client(enforce_csrf_checks=True)
        client.force_login(utama)

        assert client.get(action_url(request, "withdraw")).status_code == 405
        assert client.post(action_url(request, "withdraw"), {}).status_code == 403
        assert InformationRequest.objects.get(pk=request.pk).status == Status.RECEIVED

    def test_an_unknown_action_is_not_found(self, client, utama, on_thursday):
        client.force_login(utama)

        assert client.post(action_url(submit_request(), "approve"), {}).status_code == 404

    def test_pelaksana_cannot_act_on_another_agencys_request(self, client, on_thursday):
        request = assigned_request(AgencyFactory())
        client.force_login(PelaksanaFactory())

        response = client.post(action_url(request, "withdraw"), {})

        assert response.status_code == 404
        assert InformationRequest.objects.get(pk=request.pk).status == Status.IN_PROGRESS

    def test_pelaksana_cannot_reassign_and_the_supervisor_cannot_act(
        self, client, supervisor, on_thursday
    ):
        agency = AgencyFactory()
        request = assigned_request(agency)

        client.force_login(PelaksanaFactory(agency=agency))
        reassign = client.post(action_url(request, "assign"), {"assign-agency": agency.pk})
        client.force_login(supervisor)
        withdraw = client.post(action_url(request, "withdraw"), {})

        assert reassign.status_code == withdraw.status_code == 403
        assert InformationRequest.objects.get(pk=request.pk).status == Status.IN_PROGRESS


class TestIdentityDocument:
    def document_url(self, request):
        return reverse("request_admin:identity_document", args=(request.attachments.get().pk,))

    def test_streams_the_file_and_logs_each_opening(self, client, utama, on_thursday):
        request = submit_request(with_identity_card=True)
        client.force_login(utama)

        first = client.get(self.document_url(request))
        second = client.get(self.document_url(request))

        assert first.status_code == 200
        assert b"".join(first.streaming_content) == KTP_SCAN
        assert first["Content-Type"] == "application/pdf"
        assert {"private", "no-store"} <= set(first["Cache-Control"].split(", "))
        assert "attachment" in first["Content-Disposition"]
        assert second.status_code == 200
        opened = RequestEvent.objects.filter(
            request=request, kind=EventKind.IDENTITY_DOCUMENT_OPENED
        )
        assert [(event.actor, event.data["attachment"]) for event in opened] == [
            (utama, request.attachments.get().pk)
        ] * 2

    def test_needs_the_permission(self, client, on_thursday):
        agency = AgencyFactory()
        request = request_in(
            Status.IN_PROGRESS,
            StaffFactory(),
            request=submit_request(with_identity_card=True),
            agency=agency,
        )
        client.force_login(PelaksanaFactory(agency=agency))

        response = client.get(self.document_url(request))

        assert response.status_code == 403
        assert not request.events.filter(kind=EventKind.IDENTITY_DOCUMENT_OPENED).exists()

    def test_is_only_served_inside_the_admin(self, client, on_thursday):
        request = submit_request(with_identity_card=True)

        url = self.document_url(request)
        response = client.get(url)

        assert url.startswith("/admin/")
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
        assert not request.events.filter(kind=EventKind.IDENTITY_DOCUMENT_OPENED).exists()

    def test_a_file_missing_from_storage_is_not_found_and_not_logged(
        self, client, utama, on_thursday
    ):
        request = submit_request(with_identity_card=True)
        attachment = request.attachments.get()
        attachment.file.storage.delete(attachment.file.name)
        client.force_login(utama)

        response = client.get(self.document_url(request))

        assert response.status_code == 404
        assert not request.events.filter(kind=EventKind.IDENTITY_DOCUMENT_OPENED).exists()


class TestMenu:
    def menu_urls(self, client, user):
        client.force_login(user)
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        return set(re.findall(r'"url": "(/admin/information-requests/[^"]*)"', html))

    def test_each_role_finds_what_it_may_use(self, client, utama, pelaksana, supervisor):
        outsider = StaffFactory(can_process=False)
        outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))

        every_role = {
            "/admin/information-requests/",
            "/admin/information-requests/objections/",
            "/admin/information-requests/register/",
            "/admin/information-requests/objection-register/",
            "/admin/information-requests/satisfaction/",
        }
        assert self.menu_urls(client, utama) == every_role | {
            "/admin/information-requests/calendar/"
        }
        assert self.menu_urls(client, pelaksana) == every_role
        assert self.menu_urls(client, supervisor) == every_role
        assert self.menu_urls(client, outsider) == set()
        assert "/admin/information-requests/agency-staff/" in self.menu_urls(
            client, StaffFactory(is_superuser=True)
        )
