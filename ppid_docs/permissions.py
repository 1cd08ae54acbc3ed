"""Who may do what in the admin: each agency's editors in their own section and collection, the
PPID moderators everywhere, and a review step between the two.

Editors may add and change pages but not publish: what they write goes through the "PPID review"
workflow (submit → a moderator approves → published). Every function here is idempotent and only
adds what is missing, so permissions an administrator added by hand stay.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from ppid_docs.agency_sections import ensure_agency_collection

MODERATORS_GROUP = "PPID moderators"
REVIEW_WORKFLOW = "PPID review"
REVIEW_TASK = "PPID moderators approval"

EDITOR_PAGE_PERMISSIONS = [("wagtailcore", "add_page"), ("wagtailcore", "change_page")]
MODERATOR_PAGE_PERMISSIONS = [
    *EDITOR_PAGE_PERMISSIONS,
    *(("wagtailcore", codename) for codename in ("publish_page", "lock_page", "unlock_page")),
]
# Wagtail checks document and image permissions against its own models, also for custom ones.
MEDIA_PERMISSIONS = [
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
]
MODERATOR_MODEL_PERMISSIONS = [
    ("ppid_docs", f"{action}_{model}")
    for model in ("agency", "exemptiondecision")
    for action in ("add", "change", "delete", "view")
]
ADMIN_ACCESS = ("wagtailadmin", "access_admin")


def editor_group_name(agency):
    return f"Editor {agency.short_name}"


@transaction.atomic
def ensure_agency_editors(agency_page):
    """The agency's editor group, and the moderators and review workflow above it."""
    agency = agency_page.agency
    permissions = _permissions()
    editors, _created = Group.objects.get_or_create(name=editor_group_name(agency))
    editors.permissions.add(permissions[ADMIN_ACCESS])
    _grant(GroupPagePermission, editors, EDITOR_PAGE_PERMISSIONS, permissions, page=agency_page)
    collection = ensure_agency_collection(agency)
    _grant(
        GroupCollectionPermission, editors, MEDIA_PERMISSIONS, permissions, collection=collection
    )
    ensure_review_workflow(agency_page.get_parent(), ensure_moderators())
    return editors


def ensure_moderators():
    permissions = _permissions()
    moderators, _created = Group.objects.get_or_create(name=MODERATORS_GROUP)
    moderators.permissions.add(
        *(permissions[key] for key in [ADMIN_ACCESS, *MODERATOR_MODEL_PERMISSIONS])
    )
    root_page, root_collection = Page.get_first_root_node(), Collection.get_first_root_node()
    _grant(GroupPagePermission, moderators, MODERATOR_PAGE_PERMISSIONS, permissions, page=root_page)
    _grant(
        GroupCollectionPermission,
        moderators,
        MEDIA_PERMISSIONS,
        permissions,
        collection=root_collection,
    )
    return moderators


def ensure_review_workflow(page, moderators):
    """Changes below `page` need a moderator's approval, unless a workflow is set there already."""
    task, _created = GroupApprovalTask.objects.get_or_create(name=REVIEW_TASK)
    task.groups.add(moderators)
    workflow, created = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
    return workflow


def _grant(model, group, keys, permissions, **target):
    """Add what the group misses of `keys` on the target page or collection."""
    granted = set(
        model.objects.filter(group=group, **target).values_list("permission_id", flat=True)
    )
    model.objects.bulk_create(
        model(group=group, permission=permissions[key], **target)
        for key in keys
        if permissions[key].pk not in granted
    )


def _permissions():
    """Every permission this module grants, by (app label, codename), in one query."""
    keys = [
        ADMIN_ACCESS,
        *MODERATOR_MODEL_PERMISSIONS,
        *MEDIA_PERMISSIONS,
        *MODERATOR_PAGE_PERMISSIONS,
    ]
    query = Q()
    for app_label, codename in keys:
        query |= Q(content_type__app_label=app_label, codename=codename)
    return {
        (permission.content_type.app_label, permission.codename): permission
        for permission in Permission.objects.filter(query).select_related("content_type")
    }
