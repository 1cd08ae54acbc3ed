"""One form per staff action on an objection, and the form for a paper objection. Each hands its
details to `objection_workflow`, which alone decides whether the action is allowed and possible."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from information_requests import objection_workflow
from information_requests.admin_forms import ActionForm, note_field
from information_requests.choices import ObjectionDecision
from information_requests.deadlines import ObjectionGround
from information_requests.models import InformationRequest
from information_requests.objection_forms import ObjectionForm
from information_requests.objection_states import DISPUTE_MILESTONES, ObjectionAction


class AnswerObjectionForm(ActionForm):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=ObjectionDecision.choices, widget=forms.RadioSelect
    )
    reasons = note_field(
        _("Reasons"),
        required=True,
        help_text=_("Written reasons; the law requires them when the PPID's decision is upheld."),
    )
    order_to_ppid = note_field(
        _("Order to the PPID"), help_text=_("When the objection is granted: what the PPID must do.")
    )
    supervisor_name = forms.CharField(label=_("Name of the Atasan PPID"), max_length=255)
    supervisor_position = forms.CharField(label=_("Post of the Atasan PPID"), max_length=255)
    success_message = _("Objection %(number)s has been answered; the letter goes to the requester.")

    def perform(self, objection, actor):
        return objection_workflow.answer(objection, actor=actor, **self.cleaned_data)


class WithdrawObjectionForm(ActionForm):
    note = note_field(_("How the requester withdrew the objection"))
    success_message = _("The withdrawal of objection %(number)s has been recorded.")

    def perform(self, objection, actor):
        return objection_workflow.withdraw(objection, actor=actor, note=self.cleaned_data["note"])


class MilestoneForm(ActionForm):
    happened_on = forms.DateField(
        label=_("Date"),
        help_text=_("The day it happened, as in the Komisi Informasi's or the court's papers."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    note = note_field(_("Note"), help_text=_("Shown to the requester, e.g. the case number."))
    success_message = _("The milestone of objection %(number)s has been recorded.")

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action

    def perform(self, objection, actor):
        return objection_workflow.record_milestone(
            objection,
            self.action,
            actor=actor,
            happened_on=self.cleaned_data["happened_on"],
            note=self.cleaned_data["note"],
        )


def objection_action_form(action, objection, data=None, user=None):
    action = ObjectionAction(action)
    prefix = str(action)
    if action == ObjectionAction.ANSWER:
        initial = {"supervisor_name": user.get_full_name() if user else ""}
        return AnswerObjectionForm(data, prefix=prefix, initial=initial)
    if action == ObjectionAction.WITHDRAW:
        return WithdrawObjectionForm(data, prefix=prefix)
    if action in DISPUTE_MILESTONES:
        return MilestoneForm(data, prefix=prefix, action=action)
    raise ValueError(action)


class PaperObjectionForm(ObjectionForm):
    """An objection received on paper: which request, when it arrived, and the form's fields.
    Every ground is listed; the workflow refuses those that do not fit, with its reasons."""

    request_number = forms.CharField(
        label=_("Registration number of the request"),
        max_length=50,
        help_text=_("As on the requester's receipt, e.g. 001/PPID/2026."),
    )
    received_at = forms.DateTimeField(
        label=_("Received at"),
        help_text=_("When the paper arrived at the service desk (WIB)."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    field_order = ["request_number", "received_at", "grounds"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, grounds=ObjectionGround.values, **kwargs)

    def clean_request_number(self):
        number = self.cleaned_data["request_number"].strip()
        found = InformationRequest.objects.filter(registration_number__iexact=number).first()
        if found is None:
            raise forms.ValidationError(_("No request has this registration number."))
        return found

    def clean_received_at(self):
        received_at = self.cleaned_data["received_at"]
        if received_at > timezone.now():
            raise forms.ValidationError(_("The date and time cannot be in the future."))
        return received_at

    def perform(self, actor):
        return objection_workflow.file_objection(
            self.cleaned_data["request_number"],
            submitted_at=self.cleaned_data["received_at"],
            actor=actor,
            **self.filing(),
        )
