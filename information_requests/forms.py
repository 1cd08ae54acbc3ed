"""The public request form (Perki 1/2021) and the tracking form.

Everything is checked here, before `workflow.submit` stores anything: a form with any error stores
no request and no file. Fields that do not apply to the requester type chosen are dropped, files
included, so nothing is kept that was not needed.
"""

import re

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from information_requests.choices import (
    AttachmentKind,
    DeliveryMethod,
    ObtainMethod,
    RequesterType,
)
from information_requests.nik import validate_nik
from information_requests.uploads import (
    PDF,
    check_attachment,
    max_attachment_size,
    reencode_image,
)
from portal.antispam import HoneypotForm

# Per requester type: the identity number it gives and the documents it attaches (kip-rules §2).
IDENTITY_NUMBER = {
    RequesterType.INDIVIDUAL: "nik",
    RequesterType.LEGAL_ENTITY: "legal_entity_decree",
    RequesterType.GROUP: "nik",
}
ATTACHMENTS = {
    RequesterType.INDIVIDUAL: (AttachmentKind.IDENTITY_CARD,),
    RequesterType.LEGAL_ENTITY: (AttachmentKind.LEGAL_ENTITY_DEED,),
    RequesterType.GROUP: (AttachmentKind.POWER_OF_ATTORNEY, AttachmentKind.PROXY_IDENTITY_CARD),
}
MISSING = {
    "nik": _("Enter your NIK: the 16-digit number on your identity card (KTP)."),
    "legal_entity_decree": _(
        "Enter the number of the decree of the Ministry of Law that recognises the legal entity."
    ),
    AttachmentKind.IDENTITY_CARD: _("Attach a scan or photo of your identity card (KTP)."),
    AttachmentKind.LEGAL_ENTITY_DEED: _("Attach the deed or decree of the legal entity."),
    AttachmentKind.POWER_OF_ATTORNEY: _(
        "Attach the special power of attorney (surat kuasa khusus)."
    ),
    AttachmentKind.PROXY_IDENTITY_CARD: _("Attach the identity card (KTP) of the proxy."),
}
COPY_METHODS = (ObtainMethod.SOFTCOPY, ObtainMethod.HARDCOPY)
PHONE = re.compile(r"^\+?[\d\s().-]+$")
PHONE_DIGITS = (8, 15)


def required(message):
    return {"required": message}


class AttachmentField(forms.FileField):
    """A PDF, JPEG or PNG by content, of limited size; images re-encoded without metadata. The file
    is renamed after what it is: its own name may say more about the requester than we need, and
    its extension may lie."""

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if uploaded:
            kind = check_attachment(uploaded)
            if kind != PDF:
                uploaded = reencode_image(uploaded, kind)
            uploaded.content_type = kind.content_type
            uploaded.name = f"document{kind.extension}"
        return uploaded


def attachment_field(label):
    return AttachmentField(
        label=label,
        required=False,
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


class RequestForm(HoneypotForm):
    requester_type = forms.ChoiceField(
        label=_("You request as"),
        choices=RequesterType.choices,
        widget=forms.RadioSelect,
        error_messages=required(
            _("Choose whether you request as an individual, a legal entity or a group or proxy.")
        ),
    )
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=255,
        help_text=_("For a legal entity: its name as in its deed."),
        error_messages=required(_("Enter your full name.")),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    nik = forms.CharField(
        label=_("NIK (population identity number)"),
        required=False,
        max_length=32,
        help_text=_(
            "The 16 digits on your identity card (KTP); for a group or proxy, the proxy's NIK."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    legal_entity_decree = forms.CharField(
        label=_("Decree number of the legal entity"),
        required=False,
        max_length=100,
        help_text=_("The number of the Ministry of Law decree that recognises it."),
    )
    occupation = forms.CharField(
        label=_("Occupation"),
        max_length=100,
        help_text=_("For a legal entity: its field of activity."),
        error_messages=required(_("Enter your occupation.")),
    )
    address = forms.CharField(
        label=_("Address"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
        error_messages=required(_("Enter your address.")),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("We send the registration number, the receipt and the notice here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Enter an e-mail address such as nama@contoh.id.")},
    )
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    identity_card = attachment_field(AttachmentKind.IDENTITY_CARD.label)
    legal_entity_deed = attachment_field(AttachmentKind.LEGAL_ENTITY_DEED.label)
    power_of_attorney = attachment_field(AttachmentKind.POWER_OF_ATTORNEY.label)
    proxy_identity_card = attachment_field(AttachmentKind.PROXY_IDENTITY_CARD.label)
    information_requested = forms.CharField(
        label=_("Information you request"),
        max_length=5000,
        help_text=_("Describe it as precisely as you can: the subject, the period, the agency."),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages=required(_("Describe the information you request.")),
    )
    purpose = forms.CharField(
        label=_("What you will use it for"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=required(_("Say what you will use the information for.")),
    )
    obtain_method = forms.ChoiceField(
        label=_("How you want to obtain it"),
        choices=ObtainMethod.choices,
        widget=forms.RadioSelect,
        error_messages=required(_("Choose how you want to obtain the information.")),
    )
    delivery_method = forms.ChoiceField(
        label=_("How you want to receive the copy"),
        choices=DeliveryMethod.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Only for a copy."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        size = filesizeformat(max_attachment_size())
        for kind in AttachmentKind.values:
            self.fields[kind].help_text = _("PDF, JPG or PNG, at most %(size)s.") % {"size": size}

    def clean_nik(self):
        nik = self.cleaned_data["nik"]
        return validate_nik(nik) if nik.strip() else ""

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        digits = sum(character.isdigit() for character in phone)
        if phone and (not PHONE.match(phone) or not PHONE_DIGITS[0] <= digits <= PHONE_DIGITS[1]):
            raise forms.ValidationError(
                _("Enter a phone number of 8 to 15 digits, such as 0812 3456 7890."),
                code="phone",
            )
        return phone

    def clean(self):
        cleaned = super().clean()
        requester_type = cleaned.get("requester_type")
        if requester_type:
            self.keep_only_what_applies(RequesterType(requester_type))
        if not cleaned.get("email") and not cleaned.get("phone") and not self.has_contact_error():
            self.add_error(
                "email", _("Give an e-mail address or a phone number, so that we can reach you.")
            )
        obtain_method = cleaned.get("obtain_method")
        if obtain_method in COPY_METHODS:
            delivery_method = cleaned.get("delivery_method")
            if not delivery_method:
                self.add_error("delivery_method", _("Choose how you want to receive the copy."))
            elif (
                delivery_method == DeliveryMethod.EMAIL
                and not cleaned.get("email")
                and "email" not in self.errors
            ):
                self.add_error(
                    "email", _("Give your e-mail address to receive the copy by e-mail.")
                )
        elif obtain_method:
            cleaned["delivery_method"] = ""
        return cleaned

    def keep_only_what_applies(self, requester_type):
        """Require the identity number and documents of `requester_type`; forget the others,
        errors included (their fields are hidden, and nothing unneeded is stored)."""
        number = IDENTITY_NUMBER[requester_type]
        kinds = ATTACHMENTS[requester_type]
        for name in {*IDENTITY_NUMBER.values(), *AttachmentKind.values}:
            if name == number or name in kinds:
                if not self.cleaned_data.get(name) and name not in self.errors:
                    self.add_error(name, MISSING[name])
            else:
                self.errors.pop(name, None)
                self.cleaned_data[name] = None if name in AttachmentKind.values else ""

    def has_contact_error(self):
        return "email" in self.errors or "phone" in self.errors

    def requester_fields(self):
        """The cleaned fields `workflow.submit` stores."""
        names = (
            "requester_type",
            "full_name",
            "nik",
            "legal_entity_decree",
            "address",
            "phone",
            "email",
            "occupation",
            "information_requested",
            "purpose",
            "obtain_method",
            "delivery_method",
        )
        return {name: self.cleaned_data[name] for name in names}

    def attachments(self):
        """(kind, file, content type by content) for the documents the requester type needs."""
        kinds = ATTACHMENTS[RequesterType(self.cleaned_data["requester_type"])]
        return [
            (kind, self.cleaned_data[kind], self.cleaned_data[kind].content_type) for kind in kinds
        ]

    def max_attachment_size(self):
        return max_attachment_size()


class TrackingForm(HoneypotForm):
    registration_number = forms.CharField(
        label=_("Registration number"),
        max_length=50,
        help_text=_("As on your receipt, such as 001/PPID/2026."),
        error_messages=required(_("Enter the registration number of your request.")),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    token = forms.CharField(
        label=_("Secret code"),
        max_length=500,
        help_text=_(
            "The last part of the link in the e-mail we sent you. You may paste the whole link."
        ),
        error_messages=required(_("Enter the secret code from your link.")),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_token(self):
        """Take the code from a pasted link: its last path segment."""
        token = self.cleaned_data["token"].strip()
        segments = [segment for segment in token.split("?")[0].split("/") if segment]
        return segments[-1] if segments else token
