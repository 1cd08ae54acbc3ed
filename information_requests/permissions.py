"""Who sees and works on which information requests.

Three roles, each a group (named by a setting) created by `manage.py setup_ppid_roles`:

- **PPID Utama** (`PPID_UTAMA_GROUP`): members with the `process_informationrequest` permission see
  and work on every request, and alone assign requests to agencies.
- **PPID Pelaksana** (`PPID_PELAKSANA_GROUP`): members with the same permission see and work on the
  requests assigned to the agencies they are linked to by a `StaffAgency` row, and nothing else.
- **Atasan PPID** (`PPID_SUPERVISOR_GROUP`): members see every request but change none.

Active superusers count as PPID Utama. `workflow.check_permission` asks `roles_of(actor)` before
every change; the admin views list and open only `visible_requests(user)`.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

from information_requests.models import (
    InformationRequest,
    Objection,
    SatisfactionResponse,
    StaffAgency,
)
from information_requests.objection_states import ObjectionAction
from information_requests.states import Action

PROCESS_PERMISSION = "information_requests.process_informationrequest"
IDENTITY_DOCUMENT_PERMISSION = "information_requests.view_identity_document"

DEFAULT_GROUP_NAMES = {
    "PPID_UTAMA_GROUP": "PPID Utama",
    "PPID_PELAKSANA_GROUP": "PPID Pelaksana",
    "PPID_SUPERVISOR_GROUP": "Atasan PPID",
}


def group_name(setting):
    return getattr(settings, setting, DEFAULT_GROUP_NAMES[setting])


def utama_group_name():
    return group_name("PPID_UTAMA_GROUP")


def pelaksana_group_name():
    return group_name("PPID_PELAKSANA_GROUP")


def supervisor_group_name():
    return group_name("PPID_SUPERVISOR_GROUP")


@dataclass(frozen=True)
class StaffRoles:
    """What one user may do with requests; worked out once per user object (`roles_of`)."""

    can_process: bool = False
    in_utama: bool = False
    in_supervisors: bool = False
    agency_ids: frozenset[int] = frozenset()
    can_open_identity_documents: bool = False

    @property
    def works_on_all(self):
        return self.can_process and self.in_utama

    @property
    def sees_all(self):
        return self.works_on_all or self.in_supervisors

    @property
    def sees_any(self):
        return self.sees_all or (self.can_process and bool(self.agency_ids))

    def may_view(self, request):
        return self.sees_all or (self.can_process and request.agency_id in self.agency_ids)

    def may_act(self, action, request):
        if self.works_on_all:
            return True
        # Assigning decides which agency answers: that is PPID Utama's call alone.
        return (
            self.can_process
            and Action(action) != Action.ASSIGN
            and request.agency_id in self.agency_ids
        )

    def may_open_identity_documents(self, request):
        return self.can_open_identity_documents and self.may_view(request)

    # Objections go to the Atasan PPID, who alone answers them; PPID Utama registers paper
    # objections and records the dispute's milestones. PPID Pelaksana see their agencies' ones.

    @property
    def may_record_objections(self):
        return self.works_on_all

    def may_act_on_objection(self, action):
        if ObjectionAction(action) == ObjectionAction.ANSWER:
            return self.in_supervisors
        return self.works_on_all

    def may_view_objection(self, objection):
        return self.may_view(objection.request)


NO_ROLES = StaffRoles()
EVERY_ROLE = StaffRoles(
    can_process=True, in_utama=True, in_supervisors=True, can_open_identity_documents=True
)


def roles_of(user):
    """The user's roles, cached on the user object so a page asks the database once."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NO_ROLES
    cached = getattr(user, "_ppid_roles", None)
    if cached is not None:
        return cached
    if user.is_superuser:
        roles = EVERY_ROLE
    else:
        groups = set(user.groups.values_list("name", flat=True))
        roles = StaffRoles(
            can_process=user.has_perm(PROCESS_PERMISSION),
            in_utama=utama_group_name() in groups,
            in_supervisors=supervisor_group_name() in groups,
            agency_ids=frozenset(
                StaffAgency.objects.filter(user=user).order_by().values_list("agency_id", flat=True)
            ),
            can_open_identity_documents=user.has_perm(IDENTITY_DOCUMENT_PERMISSION),
        )
    user._ppid_roles = roles
    return roles


def visible_requests(user, queryset=None):
    """The requests `user` may see: all of them, their agencies' ones, or none."""
    if queryset is None:
        queryset = InformationRequest.objects.all()
    roles = roles_of(user)
    if roles.sees_all:
        return queryset
    if roles.can_process and roles.agency_ids:
        return queryset.filter(agency_id__in=roles.agency_ids)
    return queryset.none()


def visible_objections(user, queryset=None):
    """The objections against the requests `user` may see."""
    if queryset is None:
        queryset = Objection.objects.all()
    roles = roles_of(user)
    if roles.sees_all:
        return queryset
    if roles.can_process and roles.agency_ids:
        return queryset.filter(request__agency_id__in=roles.agency_ids)
    return queryset.none()


def visible_satisfaction_responses(user):
    """The survey responses on the requests `user` may see."""
    return SatisfactionResponse.objects.filter(request__in=visible_requests(user))


# --- The groups themselves --------------------------------------------------------------------

ADMIN_ACCESS = "wagtailadmin.access_admin"
VIEW_PERMISSION = "information_requests.view_informationrequest"
VIEW_OBJECTION_PERMISSION = "information_requests.view_objection"
ANSWER_OBJECTION_PERMISSION = "information_requests.answer_objection"
CALENDAR_PERMISSIONS = tuple(
    f"information_requests.{action}_calendaroverride"
    for action in ("add", "change", "delete", "view")
)

ROLE_PERMISSIONS = {
    "PPID_UTAMA_GROUP": (
        ADMIN_ACCESS,
        VIEW_PERMISSION,
        PROCESS_PERMISSION,
        IDENTITY_DOCUMENT_PERMISSION,
        VIEW_OBJECTION_PERMISSION,
        *CALENDAR_PERMISSIONS,
    ),
    "PPID_PELAKSANA_GROUP": (
        ADMIN_ACCESS,
        VIEW_PERMISSION,
        PROCESS_PERMISSION,
        VIEW_OBJECTION_PERMISSION,
    ),
    "PPID_SUPERVISOR_GROUP": (
        ADMIN_ACCESS,
        VIEW_PERMISSION,
        VIEW_OBJECTION_PERMISSION,
        ANSWER_OBJECTION_PERMISSION,
    ),
}


def setup_roles():
    """Create the three groups with their permissions; safe to run again (adds what is missing,
    takes nothing away). Returns (group, created, permissions added) per group."""
    results = []
    for setting, permission_names in ROLE_PERMISSIONS.items():
        group, created = Group.objects.get_or_create(name=group_name(setting))
        wanted = set()
        for name in permission_names:
            app_label, codename = name.split(".")
            wanted.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        missing = wanted - set(group.permissions.all())
        group.permissions.add(*missing)
        results.append((group, created, sorted(permission.codename for permission in missing)))
    return results


# --- Who receives what (reminders) ------------------------------------------------------------


def _has_permission(codename):
    permission = Permission.objects.filter(
        content_type__app_label="information_requests", codename=codename
    )
    return (
        Q(is_superuser=True)
        | Q(user_permissions__in=permission)
        | Q(groups__permissions__in=permission)
    )


def _active_staff_with_email():
    return get_user_model().objects.filter(is_active=True).exclude(email="")


def agency_staff(agency):
    """Active staff linked to `agency` who may work on its requests, with an e-mail address."""
    return (
        _active_staff_with_email()
        .filter(ppid_agencies__agency=agency)
        .filter(_has_permission("process_informationrequest"))
        .distinct()
    )


def utama_staff():
    return (
        _active_staff_with_email()
        .filter(groups__name=utama_group_name())
        .filter(_has_permission("process_informationrequest"))
        .distinct()
    )


def supervisors():
    return _active_staff_with_email().filter(groups__name=supervisor_group_name()).distinct()


# --- The Wagtail admin's view of it -----------------------------------------------------------


class VisibleByRolePolicy(ModelPermissionPolicy):
    """Viewed by role and agency; nobody adds, edits or deletes through a form (status changes
    are workflow actions, checked there). Subclasses say what a user may see."""

    def visible(self, user):
        raise NotImplementedError

    def may_view(self, roles, instance):
        raise NotImplementedError

    def user_has_permission(self, user, action):
        return action == "view" and roles_of(user).sees_any

    def user_has_permission_for_instance(self, user, action, instance):
        return action == "view" and self.may_view(roles_of(user), instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if "view" in actions:
            return self.visible(user)
        return self.model._default_manager.none()

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(
                _has_permission("process_informationrequest")
                | Q(groups__name=supervisor_group_name())
            )
            .distinct()
        )


class ObjectionPermissionPolicy(VisibleByRolePolicy):
    def visible(self, user):
        return visible_objections(user)

    def may_view(self, roles, instance):
        return roles.may_view_objection(instance)


class InformationRequestPermissionPolicy(VisibleByRolePolicy):
    """Status changes are workflow actions, checked by `workflow.check_permission`."""

    def visible(self, user):
        return visible_requests(user)

    def may_view(self, roles, instance):
        return roles.may_view(instance)


class SatisfactionResponsePermissionPolicy(VisibleByRolePolicy):
    """Responses are read, never changed: they are the requester's."""

    def visible(self, user):
        return visible_satisfaction_responses(user)

    def may_view(self, roles, instance):
        return roles.may_view(instance.request)
