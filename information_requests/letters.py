"""The PDF letters a requester receives, in one small layout: the receipt and the written notice.

The fonts ship with the app (fonts/, DejaVu, see fonts/LICENSE) so every machine renders the same
Indonesian and English text; PDF core fonts know Latin-1 only. Letters carry no NIK, address, phone
number or token: a PDF gets forwarded.
"""

from pathlib import Path

from django.conf import settings
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from fpdf import FPDF

from information_requests.choices import GRANTED, Outcome
from information_requests.clock import format_day, format_moment, request_clock
from information_requests.links import track_form_url

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"
LABEL_WIDTH = 55  # mm, of the 170 between the margins
GUTTER = 3
LINE = 5.5


class Letter(FPDF):
    """An A4 letter: the portal's name at the top of each page, a title, label/value blocks and
    paragraphs, page numbers at the foot."""

    def __init__(self, title):
        super().__init__(format="A4", unit="mm")
        self.add_font(FAMILY, "", FONT_DIR / "DejaVuSans.ttf")
        self.add_font(FAMILY, "B", FONT_DIR / "DejaVuSans-Bold.ttf")
        self.set_margins(20, 18, 20)
        self.set_auto_page_break(True, margin=20)
        self.set_title(title)
        self.set_creator(settings.WAGTAIL_SITE_NAME)
        self.set_lang(get_language() or settings.LANGUAGE_CODE)
        self.add_page()
        self.set_font(FAMILY, "B", 15)
        self.multi_cell(0, 8, title, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(3)

    def header(self):
        self.set_font(FAMILY, "B", 10)
        self.cell(0, 5, settings.WAGTAIL_SITE_NAME, new_x="LMARGIN", new_y="NEXT")
        self.set_font(FAMILY, "", 8)
        self.cell(
            0,
            4,
            _("Information and Documentation Management Officer (PPID)"),
            new_x="LMARGIN",
            new_y="NEXT",
        )
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(6)

    def footer(self):
        self.set_y(-14)
        self.set_font(FAMILY, "", 8)
        page = _("Page %(page)s of %(pages)s") % {"page": self.page_no(), "pages": "{nb}"}
        self.cell(0, 5, page, align="C")

    def heading(self, text):
        self.ln(2)
        self.set_font(FAMILY, "B", 12)
        self.multi_cell(0, 7, text, align="L", new_x="LMARGIN", new_y="NEXT")

    def fields(self, rows):
        """Label/value pairs in two columns; empty values are left out. A long value runs on to
        the next page (a table row could not)."""
        for label, value in rows:
            if value not in (None, ""):
                self.field(str(label), str(value))
        self.ln(2)

    def field(self, label, value):
        self.set_font(FAMILY, "B", 10)
        label_lines = self.multi_cell(
            LABEL_WIDTH - GUTTER, LINE, label, dry_run=True, output="LINES"
        )
        label_height = len(label_lines) * LINE
        if self.will_page_break(label_height):
            self.add_page()
        top, page = self.get_y(), self.page
        self.multi_cell(LABEL_WIDTH - GUTTER, LINE, label, align="L", new_x="RIGHT", new_y="TOP")
        self.set_x(self.l_margin + LABEL_WIDTH)
        self.set_font(FAMILY, "", 10)
        self.multi_cell(0, LINE, value, align="L", new_x="LMARGIN", new_y="NEXT")
        if self.page == page:
            self.set_y(max(self.get_y(), top + label_height))
        self.ln(1)

    def paragraph(self, text):
        if not text:
            return
        self.set_font(FAMILY, "", 10)
        self.multi_cell(0, LINE, str(text), align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def to_bytes(self):
        return bytes(self.output())


def request_rows(request, policy):
    return [
        (_("Registration number"), request.registration_number),
        (_("Submitted"), format_moment(request.submitted_at, policy)),
        (_("Counts as received on"), format_day(request.received_on)),
        (_("Requester"), request.full_name),
        (_("Requesting as"), request.get_requester_type_display()),
        (_("Information requested"), request.information_requested),
    ]


def render_receipt_pdf(request):
    """The tanda bukti: the number, the dates and what the requester asked for (UU 22(4))."""
    clock = request_clock(request)
    letter = Letter(_("Receipt of a public information request"))
    letter.fields(
        [
            *request_rows(request, clock.policy),
            (_("Purpose"), request.purpose),
            (_("How to obtain it"), request.get_obtain_method_display()),
            (_("How to receive the copy"), request.get_delivery_method_display()),
        ]
    )
    letter.paragraph(clock.receipt_explanation())
    letter.heading(_("What happens next"))
    letter.paragraph(clock.notice_explanation())
    letter.paragraph(clock.extension_explanation())
    letter.paragraph(
        _(
            "Follow your request with the secret link in the e-mail we sent you, or at %(url)s "
            "with your registration number and the secret code from that link."
        )
        % {"url": track_form_url()}
    )
    return letter.to_bytes()


def render_notice_pdf(notice):
    """The written notice (pemberitahuan tertulis, UU 22(7)) with the fields of its decision."""
    request = notice.request
    clock = request_clock(request)
    outcome = Outcome(notice.outcome)
    letter = Letter(_("Written notice on a public information request"))
    issued_on = notice.issued_at.astimezone(clock.policy.tzinfo).date()
    letter.fields(
        [*request_rows(request, clock.policy), (_("Date of this notice"), format_day(issued_on))]
    )
    letter.heading(_("What the PPID decided"))
    letter.fields(decision_rows(notice, outcome))
    if outcome in GRANTED:
        letter.heading(_("Providing the information"))
        letter.fields(
            [
                (_("Form"), notice.get_information_form_display()),
                (_("Means of delivery"), request.get_delivery_method_display()),
                (_("Cost"), cost_text(notice)),
                (_("When it will be provided"), notice.provision_time),
            ]
        )
    letter.heading(_("If you disagree"))
    letter.paragraph(
        _(
            "You may file an objection (keberatan) with the superior of the PPID (Atasan PPID) "
            "within 30 working days of receiving this notice (UU 14/2008 Pasal 35 and 36)."
        )
    )
    return letter.to_bytes()


def decision_rows(notice, outcome):
    holds = {
        Outcome.NOT_HELD: _("No. The information is held by: %(body)s")
        % {"body": notice.holding_body},
        Outcome.NOT_DOCUMENTED: _("Not yet documented. Time needed to document it: %(period)s")
        % {"period": notice.documentation_period},
    }.get(outcome, _("Yes"))
    rows = [
        (_("Decision"), outcome.label),
        (_("Does this body hold the information?"), holds),
        (_("Information to be provided"), notice.information_provided),
        (_("Parts blacked out and why"), notice.redactions),
    ]
    if outcome == Outcome.REJECTED:
        rows += [
            (_("Exemption ground (UU 14/2008 Pasal 17)"), notice.get_exemption_ground_display()),
            (_("Consequence test (uji konsekuensi)"), notice.consequence_test),
        ]
    return rows


def cost_text(notice):
    if not notice.cost:
        return _("Free of charge")
    amount = formats.number_format(notice.cost, force_grouping=True)
    return " ".join(filter(None, [f"Rp {amount}", notice.cost_explanation]))
