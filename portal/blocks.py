"""StreamField blocks every app may use."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    """A section heading; level 2 or 3 so the page keeps one h1 and a sound outline."""

    text = blocks.CharBlock(label=_("Text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"), choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))], default="h2"
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"


class ImageBlock(blocks.StructBlock):
    """An image with the alternative text screen-reader users rely on."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    """A link to a document, shown with its format and size so people on slow links can decide."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"), required=False, help_text=_("Defaults to the document title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "blocks/document_link_block.html"


# Services of the portal that are not pages, linked in the visitor's language.
PORTAL_SERVICES = [
    ("information_requests:form", _("Information request form")),
    ("information_requests:track", _("Track a request")),
    ("search", _("Search")),
]


class QuickLinkBlock(blocks.StructBlock):
    """A prominent link on the home page: to a page, a service of the portal, or any address."""

    label = blocks.CharBlock(label=_("Label"), max_length=60)
    description = blocks.CharBlock(label=_("Description"), required=False, max_length=140)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    service = blocks.ChoiceBlock(label=_("Service"), choices=PORTAL_SERVICES, required=False)
    url = blocks.CharBlock(
        label=_("Address"),
        required=False,
        max_length=300,
        help_text=_("A path on this site (/permohonan-informasi/) or a full address."),
    )

    class Meta:
        icon = "link"
        template = "blocks/quick_link_block.html"

    def clean(self, value):
        value = super().clean(value)
        targets = [name for name in ("page", "service", "url") if value.get(name)]
        if len(targets) != 1:
            message = _("Choose exactly one of: a page, a service, an address.")
            raise StructBlockValidationError(
                block_errors={name: ValidationError(message) for name in ("page", "service", "url")}
            )
        if value.get("url") and not value["url"].startswith("/"):
            try:
                URLValidator(schemes=["http", "https"])(value["url"])
            except ValidationError:
                raise StructBlockValidationError(
                    block_errors={
                        "url": ValidationError(
                            _("Give a path starting with / or a full http(s) address.")
                        )
                    }
                ) from None
        return value


class PPIDRole(models.TextChoices):
    SUPERIOR = "atasan", _("Atasan PPID (PPID superior)")
    MAIN = "utama", _("PPID Utama (main PPID)")
    IMPLEMENTING = "pelaksana", _("PPID Pelaksana (implementing PPID)")
    OTHER = "other", _("Other")


class OfficialBlock(blocks.StructBlock):
    """One post in the PPID structure: who holds it, how to reach them, what they do."""

    role = blocks.ChoiceBlock(label=_("Role"), choices=PPIDRole.choices)
    position = blocks.CharBlock(label=_("Position"), max_length=200)
    name = blocks.CharBlock(label=_("Name"), required=False, max_length=200)
    phone = blocks.CharBlock(label=_("Phone"), required=False, max_length=50)
    email = blocks.EmailBlock(label=_("E-mail"), required=False)
    duties = blocks.ListBlock(
        blocks.CharBlock(label=_("Duty"), max_length=300), label=_("Duties"), default=[]
    )

    class Meta:
        icon = "user"
        template = "blocks/official_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["role_label"] = PPIDRole(value["role"]).label
        return context


class CostTableBlock(blocks.StructBlock):
    """The published rates for copies and postage (UU 14/2008: only these may be charged)."""

    caption = blocks.CharBlock(label=_("Caption"), max_length=200)
    rows = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("item", blocks.CharBlock(label=_("Item"), max_length=200)),
                ("unit", blocks.CharBlock(label=_("Unit"), max_length=50)),
                ("price", blocks.IntegerBlock(label=_("Price (rupiah)"), min_value=0)),
            ]
        ),
        label=_("Rates"),
    )
    note = blocks.CharBlock(label=_("Note"), required=False, max_length=300)

    class Meta:
        icon = "table"
        template = "blocks/cost_table_block.html"


class StepsBlock(blocks.StructBlock):
    """A procedure as numbered steps: how to request, to object, to bring a dispute."""

    steps = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("title", blocks.CharBlock(label=_("Step"), max_length=200)),
                ("text", blocks.TextBlock(label=_("Explanation"), required=False)),
            ]
        ),
        label=_("Steps"),
    )

    class Meta:
        icon = "list-ol"
        template = "blocks/steps_block.html"


class AgencyPPIDListBlock(blocks.StaticBlock):
    """Every agency's PPID Pelaksana and contacts, as kept in the agency records."""

    class Meta:
        icon = "group"
        template = "blocks/agency_ppid_list_block.html"
        admin_text = _("Lists each agency's PPID Pelaksana from the agency records.")

    def get_context(self, value, parent_context=None):
        from ppid_docs.models import Agency

        context = super().get_context(value, parent_context)
        context["agencies"] = Agency.objects.exclude(ppid_officer="")
        return context


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        icon="pilcrow",
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
    )
    image = ImageBlock()
    document = DocumentLinkBlock()
    official = OfficialBlock()
    cost_table = CostTableBlock()
    steps = StepsBlock()
    agency_ppids = AgencyPPIDListBlock()

    class Meta:
        template = "blocks/body_block.html"
