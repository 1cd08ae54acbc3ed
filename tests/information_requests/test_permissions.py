from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from information_requests import workflow
from information_requests.models import InformationRequest, StaffAgency
from information_requests.permissions import (
    InformationRequestPermissionPolicy,
    roles_of,
    visible_requests,
)
from information_requests.states import Action, Status
from tests.information_requests.factories import (
    PelaksanaFactory,
    StaffFactory,
    SupervisorFactory,
    assigned_request,
    submit_request,
)
from tests.ppid_docs.factories import AgencyFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("english_admin", "private_files_on_disk"),
]


@pytest.fixture
def health():
    return AgencyFactory(name="Dinas Kesehatan")


@pytest.fixture
def requests_by_agency(health):
    """One request assigned to Dinas Kesehatan, one to another agency, one not assigned."""
    return {
        "health": assigned_request(health),
        "other": assigned_request(AgencyFactory()),
        "unassigned": submit_request(),
    }


def visible(user):
    return set(visible_requests(user).values_list("pk", flat=True))


class TestVisibility:
    def test_ppid_utama_see_every_request(self, requests_by_agency):
        assert visible(StaffFactory()) == {r.pk for r in requests_by_agency.values()}

    def test_pelaksana_see_only_their_agencies_requests(self, health, requests_by_agency):
        assert visible(PelaksanaFactory(agency=health)) == {requests_by_agency["health"].pk}

    def test_pelaksana_of_two_agencies_see_both(self, health, requests_by_agency):
        staff = PelaksanaFactory(agency=health)
        StaffAgency.objects.create(user=staff, agency=requests_by_agency["other"].agency)

        assert visible(staff) == {
            requests_by_agency["health"].pk,
            requests_by_agency["other"].pk,
        }

    def test_the_supervisor_sees_every_request(self, requests_by_agency):
        assert visible(SupervisorFactory()) == {r.pk for r in requests_by_agency.values()}

    def test_staff_without_a_role_see_nothing(self, health, requests_by_agency):
        no_role = StaffFactory(can_process=False)
        linked_without_permission = StaffFactory(can_process=False)
        StaffAgency.objects.create(user=linked_without_permission, agency=health)

        assert visible(no_role) == set()
        assert visible(linked_without_permission) == set()

    def test_inactive_staff_see_nothing(self, requests_by_agency):
        assert visible(StaffFactory(is_active=False)) == set()

    def test_active_superusers_count_as_ppid_utama(self, requests_by_agency):
        admin = StaffFactory(can_process=False, is_superuser=True)

        assert visible(admin) == {r.pk for r in requests_by_agency.values()}
        assert roles_of(admin).may_act(Action.ASSIGN, requests_by_agency["unassigned"])

    def test_group_names_come_from_settings(self, settings, requests_by_agency):
        settings.PPID_UTAMA_GROUP = "PPID Provinsi Lampung"
        staff = StaffFactory(can_process=False)
        renamed = Group.objects.create(name="PPID Provinsi Lampung")
        renamed.permissions.add(Permission.objects.get(codename="process_informationrequest"))
        staff.groups.add(renamed)

        assert visible(staff) == {r.pk for r in requests_by_agency.values()}


class TestWorkflowPermission:
    def test_pelaksana_work_on_their_agencys_requests(self, health, requests_by_agency):
        staff = PelaksanaFactory(agency=health)

        changed = workflow.withdraw(requests_by_agency["health"], actor=staff)

        assert changed.status == Status.WITHDRAWN

    @pytest.mark.parametrize("which", ["other", "unassigned"])
    def test_pelaksana_cannot_touch_other_requests(self, health, requests_by_agency, which):
        staff = PelaksanaFactory(agency=health)
        request = requests_by_agency[which]

        with pytest.raises(PermissionDenied):
            workflow.withdraw(request, actor=staff)

        assert InformationRequest.objects.get(pk=request.pk).status == request.status

    def test_only_ppid_utama_assign(self, health, requests_by_agency):
        request = requests_by_agency["health"]

        with pytest.raises(PermissionDenied):
            workflow.assign(request, actor=PelaksanaFactory(agency=health), agency=health)
        workflow.assign(request, actor=StaffFactory(), agency=AgencyFactory())

    def test_the_supervisor_reads_but_does_not_act(self, requests_by_agency):
        with pytest.raises(PermissionDenied):
            workflow.withdraw(requests_by_agency["unassigned"], actor=SupervisorFactory())

    def test_the_agency_checked_is_the_current_one_not_the_loaded_one(
        self, health, requests_by_agency
    ):
        staff = PelaksanaFactory(agency=health)
        loaded = InformationRequest.objects.get(pk=requests_by_agency["health"].pk)
        workflow.assign(loaded, actor=StaffFactory(), agency=AgencyFactory())

        with pytest.raises(PermissionDenied):
            workflow.withdraw(loaded, actor=staff)


class TestPermissionPolicy:
    policy = InformationRequestPermissionPolicy(InformationRequest)

    def test_nobody_adds_edits_or_deletes_through_forms(self):
        admin = StaffFactory(is_superuser=True)

        for action in ("add", "change", "delete"):
            assert not self.policy.user_has_permission(admin, action)
        assert self.policy.user_has_permission(admin, "view")

    def test_viewing_follows_the_roles(self, health, requests_by_agency):
        staff = PelaksanaFactory(agency=health)

        assert self.policy.user_has_permission(staff, "view")
        assert self.policy.user_has_permission_for_instance(
            staff, "view", requests_by_agency["health"]
        )
        assert not self.policy.user_has_permission_for_instance(
            staff, "view", requests_by_agency["other"]
        )
        assert not self.policy.user_has_permission(StaffFactory(can_process=False), "view")

    def test_users_who_may_view(self, health):
        utama, pelaksana, supervisor = (
            StaffFactory(),
            PelaksanaFactory(agency=health),
            SupervisorFactory(),
        )
        StaffFactory(can_process=False)

        assert set(self.policy.users_with_any_permission(["view"])) == {
            utama,
            pelaksana,
            supervisor,
        }


class TestSetupRolesCommand:
    def run(self):
        output = StringIO()
        call_command("setup_ppid_roles", stdout=output)
        return output.getvalue()

    def permissions_of(self, name):
        return set(
            Group.objects.get(name=name).permissions.values_list(
                "content_type__app_label", "codename"
            )
        )

    def test_creates_the_three_groups_with_their_permissions(self):
        output = self.run()

        assert "PPID Utama: created" in output
        assert self.permissions_of("PPID Utama") >= {
            ("wagtailadmin", "access_admin"),
            ("information_requests", "process_informationrequest"),
            ("information_requests", "view_identity_document"),
            ("information_requests", "add_calendaroverride"),
        }
        assert self.permissions_of("PPID Pelaksana") == {
            ("wagtailadmin", "access_admin"),
            ("information_requests", "view_informationrequest"),
            ("information_requests", "process_informationrequest"),
            ("information_requests", "view_objection"),
        }
        assert self.permissions_of("Atasan PPID") == {
            ("wagtailadmin", "access_admin"),
            ("information_requests", "view_informationrequest"),
            ("information_requests", "view_objection"),
            ("information_requests", "answer_objection"),
        }

    def test_running_again_changes_nothing_and_keeps_what_admins_added(self):
        self.run()
        groups = Group.objects.count()
        extra = Permission.objects.get(codename="view_identity_document")
        Group.objects.get(name="Atasan PPID").permissions.add(extra)

        output = self.run()

        assert "Atasan PPID: exists; permissions added: nothing new" in output
        assert Group.objects.count() == groups
        assert ("information_requests", "view_identity_document") in self.permissions_of(
            "Atasan PPID"
        )
