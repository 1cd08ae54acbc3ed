import datetime
import io

import factory
import wagtail_factories
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from information_requests import workflow
from information_requests.models import (
    InformationRequest,
    ServiceReportPage,
    ServiceStatisticsPage,
    StaffAgency,
)
from information_requests.permissions import (
    pelaksana_group_name,
    setup_roles,
    supervisor_group_name,
    utama_group_name,
)
from information_requests.states import Status
from tests.ppid_docs.factories import AgencyFactory

REQUESTER = {
    "requester_type": "individual",
    "full_name": "Siti Rahmawati",
    "nik": "1871014107900003",
    "address": "Jl. Wolter Monginsidi No. 69, Bandar Lampung",
    "phone": "081234567890",
    "email": "siti@example.id",
    "occupation": "Peneliti",
    "information_requested": "Laporan realisasi anggaran Dinas Kesehatan tahun 2024",
    "purpose": "Penelitian kebijakan kesehatan daerah",
    "obtain_method": "softcopy",
    "delivery_method": "email",
}

# A Tuesday morning in WIB: received the same day, no holiday within ten working days.
TUESDAY_MORNING = datetime.datetime(2026, 9, 8, 2, 0, tzinfo=datetime.UTC)

KTP_SCAN = b"%PDF-1.4\n% KTP scan\n%%EOF\n"


def submit_request(submitted_at=TUESDAY_MORNING, with_identity_card=False, **overrides):
    attachments = []
    if with_identity_card:
        scan = SimpleUploadedFile("ktp.pdf", KTP_SCAN, content_type="application/pdf")
        attachments.append(("identity_card", scan, "application/pdf"))
    request, _token = workflow.submit(
        {**REQUESTER, **overrides}, attachments=attachments, submitted_at=submitted_at
    )
    return request


def role_group(group_name):
    """A role's group with its permissions, as `manage.py setup_ppid_roles` creates it."""
    if not Group.objects.filter(name=group_name).exists():
        setup_roles()
    return Group.objects.get(name=group_name)


class StaffFactory(factory.django.DjangoModelFactory):
    """A member of PPID Utama: sees and works on every request. `can_process=False` gives a
    member of staff with no role at all."""

    username = factory.Sequence(lambda n: f"petugas{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@lampungprov.go.id")
    is_staff = True

    class Meta:
        model = "auth.User"
        skip_postgeneration_save = True

    @factory.post_generation
    def can_process(user, create, extracted, **kwargs):
        if extracted is not False:
            user.groups.add(role_group(utama_group_name()))


class PelaksanaFactory(StaffFactory):
    """A PPID Pelaksana linked to `agency` (a new one unless given)."""

    username = factory.Sequence(lambda n: f"pelaksana{n}")

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def can_process(user, create, extracted, **kwargs):
        user.groups.add(role_group(pelaksana_group_name()))

    @factory.post_generation
    def agency(user, create, extracted, **kwargs):
        StaffAgency.objects.create(user=user, agency=extracted or AgencyFactory())


class SupervisorFactory(StaffFactory):
    """A member of the Atasan PPID group: sees every request, changes none."""

    username = factory.Sequence(lambda n: f"atasan{n}")

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def can_process(user, create, extracted, **kwargs):
        user.groups.add(role_group(supervisor_group_name()))


def answer_granted(request, staff, now=TUESDAY_MORNING + datetime.timedelta(days=2)):
    return workflow.answer(
        request,
        actor=staff,
        outcome="granted_full",
        details={"information_provided": "LRA 2024", "information_form": "softcopy"},
        now=now,
    )


def request_in(status, staff, request=None, agency=None):
    """A request brought to `status` through the workflow itself."""
    request = request or submit_request()
    path = {
        Status.RECEIVED: [],
        Status.IN_PROGRESS: [
            lambda r: workflow.assign(r, actor=staff, agency=agency or AgencyFactory())
        ],
        Status.AWAITING_COMPLETION: [
            lambda r: workflow.ask_to_complete(r, actor=staff, note="Lampirkan KTP")
        ],
        Status.ANSWERED: [lambda r: answer_granted(r, staff)],
        Status.DELIVERED: [
            lambda r: answer_granted(r, staff),
            lambda r: workflow.record_delivery(r, actor=staff),
        ],
        Status.WITHDRAWN: [lambda r: workflow.withdraw(r, actor=staff)],
        Status.CLOSED: [
            lambda r: workflow.withdraw(r, actor=staff),
            lambda r: workflow.close(r, actor=staff),
        ],
    }[status]
    for step in path:
        request = step(request)
    return InformationRequest.objects.get(pk=request.pk)


def assigned_request(agency, **overrides):
    """A request PPID Utama has assigned to `agency`."""
    return request_in(
        Status.IN_PROGRESS, StaffFactory(), request=submit_request(**overrides), agency=agency
    )


# Identity documents as a browser uploads them. The bytes decide what a file is, not its name.
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def image_bytes(image_format, size=(8, 8), **save_options):
    """A small real picture as a camera or scanner would save it; options such as exif=... add
    what phones write into their photos."""
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, image_format, **save_options)
    return buffer.getvalue()


JPEG_BYTES = image_bytes("JPEG")
PNG_BYTES = image_bytes("PNG")
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00This program cannot be run"
HTML_BYTES = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def upload(name="ktp.pdf", content=PDF_BYTES, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


# The form as a requester fills it in, per requester type: the fields and the files it needs.
FORM_FIELDS = {
    key: value for key, value in REQUESTER.items() if key not in {"requester_type", "nik"}
}
FORM_BY_TYPE = {
    "individual": (
        {"requester_type": "individual", "nik": REQUESTER["nik"]},
        ("identity_card",),
    ),
    "legal_entity": (
        {
            "requester_type": "legal_entity",
            "legal_entity_decree": "AHU-0012345.AH.01.04.Tahun 2020",
        },
        ("legal_entity_deed",),
    ),
    "group": (
        {"requester_type": "group", "nik": "1871011203850002"},
        ("power_of_attorney", "proxy_identity_card"),
    ),
}


def form_data(requester_type="individual", **overrides):
    """POST data and files of a complete, valid request of `requester_type`."""
    fields, kinds = FORM_BY_TYPE[requester_type]
    data = {**FORM_FIELDS, **fields, **overrides}
    files = {kind: upload(f"{kind}.pdf") for kind in kinds}
    return data, files


# The notice of a TUESDAY_MORNING request was due by the end of Tuesday 22 September 2026: the
# "not answered" ground arises on Wednesday 23 September, whose 30 working days end on Wednesday
# 4 November 2026 (no holiday in between).
AFTER_THE_NOTICE_LAPSED = datetime.datetime(2026, 9, 24, 2, 0, tzinfo=datetime.UTC)


def file_objection(request=None, *, grounds=("c",), at=AFTER_THE_NOTICE_LAPSED, **details):
    """An objection filed online against `request` (an unanswered one unless given)."""
    from information_requests import objection_workflow

    return objection_workflow.file_objection(
        request or submit_request(),
        grounds=list(grounds),
        statement=details.pop("statement", "Permohonan saya tidak ditanggapi."),
        submitted_at=at,
        **details,
    )


OBJECTION_ANSWERED_AT = datetime.datetime(2026, 10, 1, 3, 0, tzinfo=datetime.UTC)


def answer_objection(objection, supervisor, **overrides):
    """The Atasan PPID upholds the PPID's decision (unless `overrides` say otherwise)."""
    from information_requests import objection_workflow

    details = {
        "decision": "upheld",
        "reasons": "Informasi dikecualikan berdasarkan uji konsekuensi.",
        "supervisor_name": "Drs. Hendra Wijaya",
        "supervisor_position": "Sekretaris Daerah Provinsi Lampung",
        "now": OBJECTION_ANSWERED_AT,
        **overrides,
    }
    return objection_workflow.answer(objection, actor=supervisor, **details)


def record_milestone(objection, staff, action, happened_on=datetime.date(2026, 11, 20)):
    """A dispute milestone recorded by `staff` on 1 December 2026."""
    from information_requests import objection_workflow

    return objection_workflow.record_milestone(
        objection,
        action,
        actor=staff,
        happened_on=happened_on,
        now=datetime.datetime(2026, 12, 1, 3, 0, tzinfo=datetime.UTC),
    )


class ServiceReportPageFactory(wagtail_factories.PageFactory):
    title = "Laporan Layanan Informasi Publik 2026"
    slug = "laporan-layanan-2026"
    year = 2026
    policy = "<p>Layanan informasi publik diselenggarakan oleh PPID Utama.</p>"
    constraints = "<p>Jumlah petugas PPID Pelaksana masih terbatas.</p>"

    class Meta:
        model = ServiceReportPage


class ServiceStatisticsPageFactory(wagtail_factories.PageFactory):
    title = "Statistik Layanan Informasi"
    slug = "statistik"

    class Meta:
        model = ServiceStatisticsPage
