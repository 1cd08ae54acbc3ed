"""The requester's objection form, offering only the grounds that fit the request's history.

Whether each ground is still in time is the workflow's call (`objection_rules.check_filing`), so
the same rule answers the online form and staff recording a paper objection."""

from django import forms
from django.utils.translation import gettext_lazy as _

from information_requests.deadlines import ObjectionGround


class ObjectionForm(forms.Form):
    grounds = forms.MultipleChoiceField(
        label=_("Grounds of your objection (UU 14/2008 Pasal 35(1))"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose every ground that applies."),
        error_messages={
            "required": _("Choose at least one ground for the objection."),
            "invalid_choice": _("“%(value)s” is not a ground that fits this request."),
        },
    )
    periodic_information_due_on = forms.DateField(
        label=_("Date the periodic information should have been published"),
        required=False,
        help_text=_("Only for ground b. Your 30 working days to object count from this date."),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date such as 2026-10-01.")},
    )
    statement = forms.CharField(
        label=_("Why you object"),
        max_length=5000,
        help_text=_("What happened, and what you ask the Atasan PPID to decide."),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Say why you object: what happened and what you ask for.")},
    )
    proxy_name = forms.CharField(
        label=_("Name of the proxy filing for the requester"),
        max_length=255,
        required=False,
        help_text=_("Leave empty when you file it yourself."),
    )

    def __init__(self, *args, grounds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grounds"].choices = [
            (ground.value, ground.label) for ground in map(ObjectionGround, grounds)
        ]

    def clean(self):
        cleaned = super().clean()
        periodic = ObjectionGround.PERIODIC_NOT_PUBLISHED.value
        if periodic in cleaned.get("grounds", ()):
            if not cleaned.get("periodic_information_due_on") and not self.has_error(
                "periodic_information_due_on"
            ):
                self.add_error(
                    "periodic_information_due_on",
                    _("Give the date by which the periodic information should have been out."),
                )
        else:
            cleaned["periodic_information_due_on"] = None
        return cleaned

    def filing(self):
        """The keyword arguments of `objection_workflow.file_objection`."""
        return {
            "grounds": self.cleaned_data["grounds"],
            "statement": self.cleaned_data["statement"],
            "stated_on": self.cleaned_data["periodic_information_due_on"],
            "proxy_name": self.cleaned_data["proxy_name"],
        }
