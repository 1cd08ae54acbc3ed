"""One form per staff action. Each collects the action's details and hands them to `workflow`,
which alone decides whether the action is allowed and possible; status is never a field."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from information_requests import workflow
from information_requests.choices import Outcome
from information_requests.deadlines import ExtensionRefused
from information_requests.models import WrittenNotice
from information_requests.notices import REQUIRED_DETAILS
from information_requests.states import Action
from ppid_docs.models import Agency


def note_field(label, required=False, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ActionForm(forms.Form):
    # May name the request's %(number)s and %(agency)s, as they stand after the action.
    success_message = ""

    def perform(self, request, actor):
        raise NotImplementedError

    def add_refusal(self, error):
        """Show a refusal of the details (ValidationError, DeadlineError) on the form."""
        if isinstance(error, ValidationError):
            self.add_error(None, error)
        else:
            self.add_error(None, str(error))


class AssignForm(ActionForm):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.all())
    note = note_field(_("Note for the agency"))
    success_message = _("Request %(number)s assigned to %(agency)s.")

    def perform(self, request, actor):
        return workflow.assign(
            request, actor=actor, agency=self.cleaned_data["agency"], note=self.cleaned_data["note"]
        )


class AskToCompleteForm(ActionForm):
    note = note_field(
        _("What is missing"),
        required=True,
        help_text=_("Sent to the requester: say exactly what they need to add."),
    )
    success_message = _("The requester has been asked to complete the request.")

    def perform(self, request, actor):
        return workflow.ask_to_complete(request, actor=actor, note=self.cleaned_data["note"])


class ReceiveCompletionForm(ActionForm):
    note = note_field(_("What the requester sent"))
    success_message = _("The completed request has been recorded.")

    def perform(self, request, actor):
        return workflow.receive_completion(request, actor=actor, note=self.cleaned_data["note"])


class ExtendForm(ActionForm):
    reason = note_field(
        _("Written reason for the extension"),
        required=True,
        help_text=_(
            "Told to the requester. The notice period can be extended once, by 7 working "
            "days, and only before it ends (UU 14/2008 Pasal 22(8))."
        ),
    )
    success_message = _("The notice period has been extended.")

    def perform(self, request, actor):
        return workflow.extend(request, actor=actor, reason=self.cleaned_data["reason"])

    def add_refusal(self, error):
        if getattr(error, "code", None) == ExtensionRefused.Code.REASON_REQUIRED:
            self.add_error("reason", str(error))
        else:
            super().add_refusal(error)


class AnswerForm(forms.ModelForm, ActionForm):
    """The written notice: the decision and the details that decision requires
    (`notices.REQUIRED_DETAILS`), plus cost and timing."""

    COMMON_DETAILS = ("cost", "cost_explanation", "provision_time")
    FIELDSETS = (
        (_("Decision"), ("outcome",)),
        (
            _("If granted in full or in part"),
            ("information_provided", "information_form", "redactions"),
        ),
        (_("If rejected as exempt"), ("exemption_ground", "consequence_test")),
        (_("If not held by this body"), ("holding_body",)),
        (_("If not yet documented"), ("documentation_period",)),
        (_("Cost and time"), COMMON_DETAILS),
    )
    success_message = _("The written notice has been issued.")

    class Meta:
        model = WrittenNotice
        fields = [
            "outcome",
            "information_provided",
            "information_form",
            "redactions",
            "exemption_ground",
            "consequence_test",
            "holding_body",
            "documentation_period",
            "cost",
            "cost_explanation",
            "provision_time",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("information_provided", "redactions", "consequence_test")
        }

    def fieldsets(self):
        return [(legend, [self[name] for name in names]) for legend, names in self.FIELDSETS]

    def details(self):
        """Only the fields that belong to the decision taken go on the notice."""
        outcome = Outcome(self.cleaned_data["outcome"])
        names = (*REQUIRED_DETAILS[outcome], *self.COMMON_DETAILS)
        return {name: self.cleaned_data[name] for name in names}

    def perform(self, request, actor):
        return workflow.answer(
            request, actor=actor, outcome=self.cleaned_data["outcome"], details=self.details()
        )


class RecordDeliveryForm(ActionForm):
    note = note_field(_("How and when it was delivered"))
    success_message = _("Delivery of the information has been recorded.")

    def perform(self, request, actor):
        return workflow.record_delivery(request, actor=actor, note=self.cleaned_data["note"])


class WithdrawForm(ActionForm):
    note = note_field(_("How the requester withdrew the request"))
    success_message = _("The withdrawal has been recorded.")

    def perform(self, request, actor):
        return workflow.withdraw(request, actor=actor, note=self.cleaned_data["note"])


class CloseForm(ActionForm):
    note = note_field(_("Note"))
    success_message = _("The request has been closed.")

    def perform(self, request, actor):
        return workflow.close(request, actor=actor, note=self.cleaned_data["note"])


ACTION_FORMS = {
    Action.ASSIGN: AssignForm,
    Action.ASK_TO_COMPLETE: AskToCompleteForm,
    Action.RECEIVE_COMPLETION: ReceiveCompletionForm,
    Action.EXTEND: ExtendForm,
    Action.ANSWER: AnswerForm,
    Action.RECORD_DELIVERY: RecordDeliveryForm,
    Action.WITHDRAW: WithdrawForm,
    Action.CLOSE: CloseForm,
}


def action_form(action, request, data=None):
    """The form for `action` on `request`, prefixed so that several fit on one page."""
    form_class = ACTION_FORMS[Action(action)]
    initial = {"agency": request.agency_id} if action == Action.ASSIGN else None
    return form_class(data, prefix=str(action), initial=initial)
