import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.documents import get_permission_policy
from wagtail.models import GroupCollectionPermission, GroupPagePermission, WorkflowPage

from ppid_docs.models import RegulationPage
from ppid_docs.permissions import MODERATORS_GROUP, ensure_agency_editors
from tests.ppid_docs.factories import (
    AgencyIndexPageFactory,
    AgencyPageFactory,
    RegulationPageFactory,
)


@pytest.fixture
def index(home_page):
    return AgencyIndexPageFactory(parent=home_page)


@pytest.fixture
def dinkes(index):
    return AgencyPageFactory(parent=index, agency__acronym="Dinkes", agency__slug="dinkes")


@pytest.fixture
def dlh(index):
    return AgencyPageFactory(parent=index, agency__acronym="DLH", agency__slug="dlh")


def user_in(group, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "x" * 16)
    user.groups.add(group)
    return user


@pytest.fixture
def editor(dinkes, dlh):
    ensure_agency_editors(dlh)
    return user_in(ensure_agency_editors(dinkes), "editor-dinkes")


@pytest.fixture
def moderator(editor):
    return user_in(Group.objects.get(name=MODERATORS_GROUP), "moderator")


class TestEnsureAgencyEditors:
    def test_gives_the_editor_group_its_section_and_its_collection(self, dinkes):
        group = ensure_agency_editors(dinkes)

        assert group.name == "Editor Dinkes"
        assert {
            (permission.page_id, permission.permission.codename)
            for permission in GroupPagePermission.objects.filter(group=group)
        } == {(dinkes.pk, "add_page"), (dinkes.pk, "change_page")}
        dinkes.agency.refresh_from_db()
        assert {
            (permission.collection_id, permission.permission.codename)
            for permission in GroupCollectionPermission.objects.filter(group=group)
        } == {
            (dinkes.agency.collection_id, codename)
            for codename in (
                "add_document",
                "change_document",
                "choose_document",
                "add_image",
                "change_image",
                "choose_image",
            )
        }
        assert group.permissions.filter(codename="access_admin").exists()

    def test_running_it_again_adds_nothing(self, dinkes):
        ensure_agency_editors(dinkes)
        counts = (
            Group.objects.count(),
            GroupPagePermission.objects.count(),
            GroupCollectionPermission.objects.count(),
            WorkflowPage.objects.count(),
        )

        ensure_agency_editors(dinkes)

        assert (
            Group.objects.count(),
            GroupPagePermission.objects.count(),
            GroupCollectionPermission.objects.count(),
            WorkflowPage.objects.count(),
        ) == counts

    def test_puts_the_agency_sections_under_the_review_workflow(self, dinkes):
        ensure_agency_editors(dinkes)
        page = RegulationPageFactory(parent=dinkes)

        workflow = page.get_workflow()

        assert workflow.name == "PPID review"
        [task] = [task.specific for task in workflow.tasks]
        assert list(task.groups.values_list("name", flat=True)) == [MODERATORS_GROUP]


class TestAgencyEditor:
    def test_edits_pages_in_their_own_section_only(self, editor, dinkes, dlh):
        own = RegulationPageFactory(parent=dinkes)
        other = RegulationPageFactory(parent=dlh)

        assert own.permissions_for_user(editor).can_edit()
        assert dinkes.permissions_for_user(editor).can_add_subpage()
        assert not other.permissions_for_user(editor).can_edit()
        assert not dlh.permissions_for_user(editor).can_add_subpage()

    def test_the_admin_opens_their_pages_and_turns_them_away_from_others(
        self, client, editor, dinkes, dlh
    ):
        own = RegulationPageFactory(parent=dinkes)
        other = RegulationPageFactory(parent=dlh)
        client.force_login(editor)

        assert client.get(reverse("wagtailadmin_pages:edit", args=[own.pk])).status_code == 200
        refused = client.get(reverse("wagtailadmin_pages:edit", args=[other.pk]))
        assert refused.status_code == 302
        assert refused.url == reverse("wagtailadmin_home")

    def test_cannot_publish(self, editor, dinkes):
        page = RegulationPageFactory(parent=dinkes)

        assert not page.permissions_for_user(editor).can_publish()

    def test_uses_documents_in_their_collection_only(self, editor, dinkes):
        policy = get_permission_policy()
        dinkes.agency.refresh_from_db()

        for action in ("add", "change", "choose"):
            assert list(policy.collections_user_has_permission_for(editor, action)) == [
                dinkes.agency.collection
            ]


class TestModeration:
    def test_a_moderator_publishes_in_every_section(self, moderator, dinkes, dlh):
        for section in (dinkes, dlh):
            page = RegulationPageFactory(parent=section)
            assert page.permissions_for_user(moderator).can_publish()

    def test_an_editors_change_goes_live_once_a_moderator_approves(self, editor, moderator, dinkes):
        page = RegulationPageFactory(parent=dinkes, title="Perda lama")
        page.title = "Perda baru"
        page.save_revision(user=editor)
        workflow_state = page.get_workflow().start(page, editor)
        task_state = workflow_state.current_task_state
        task = task_state.task.specific

        assert task.get_actions(page, editor) == []
        assert RegulationPage.objects.get(pk=page.pk).title == "Perda lama"

        task.on_action(task_state, moderator, "approve")

        page.refresh_from_db()
        assert page.live
        assert page.title == "Perda baru"
        assert page.live_revision.user == editor
