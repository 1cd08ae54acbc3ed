"""Demo requests, objections and satisfaction ratings for `make run`, so that the yearly service
report and the statistics page show figures.

They go through the same workflow as real ones (numbers, deadlines, events, notices as PDF), at
fixed times relative to today: two requests a month, all of last year and this year up to today,
the latest ones still open. A fixed seed makes the same history every time. Loaded only into an
installation that has no request at all, so a real register is never mixed with invented cases.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from information_requests import objection_workflow, survey, workflow
from information_requests.deadlines import policy_from_settings
from information_requests.models import InformationRequest
from information_requests.permissions import setup_roles, supervisor_group_name, utama_group_name
from information_requests.satisfaction import ELEMENT_FIELDS
from ppid_docs.models import Agency

SEED = 142008  # UU 14/2008
REQUEST_DAYS = (6, 20)  # of each month, at 09:00 WIB
REQUESTERS = [
    ("Rina Marlina", "Mahasiswa", "Jl. Z.A. Pagar Alam No. 12, Bandar Lampung"),
    ("Ahmad Fauzi", "Wartawan", "Jl. Teuku Umar No. 45, Bandar Lampung"),
    ("Dewi Anggraini", "Peneliti", "Jl. Soekarno-Hatta No. 8, Metro"),
    ("Yusuf Pratama", "Wiraswasta", "Jl. Raden Intan No. 21, Pringsewu"),
    ("Sri Wahyuni", "Guru", "Jl. Ahmad Yani No. 3, Kotabumi"),
    ("Hendra Saputra", "Aktivis LSM", "Jl. Imam Bonjol No. 77, Bandar Lampung"),
]
# What is asked, of which agency (a name the corpus brings), and why.
TOPICS = [
    ("Realisasi anggaran program imunisasi", "Dinas Kesehatan", "Penelitian skripsi"),
    ("Data penerima beasiswa daerah", "Dinas Pendidikan", "Bahan pemberitaan"),
    ("Rencana kerja pembangunan jalan provinsi", "Pekerjaan Umum", "Kajian kebijakan"),
    ("Neraca dan laporan arus kas pemerintah provinsi", "Keuangan", "Pengawasan anggaran"),
    ("Dokumen rencana tata ruang wilayah", "Perencanaan", "Rencana usaha"),
    ("Jadwal dan hasil pengadaan barang dan jasa", "Pengadaan", "Pengawasan masyarakat"),
]
# The decision each request meets in turn; None: withdrawn by the requester.
OUTCOMES = [
    "granted_full",
    "granted_full",
    "granted_partial",
    "rejected",
    "granted_full",
    "not_held",
    "granted_full",
    None,
    "not_documented",
    "granted_full",
]
NOTICE_DETAILS = {
    "granted_full": {"information_provided": "Salinan dokumen", "information_form": "softcopy"},
    "granted_partial": {
        "information_provided": "Salinan dokumen",
        "information_form": "softcopy",
        "redactions": "Nomor rekening dan NIK penerima dihitamkan (UU 14/2008 Pasal 17 huruf h).",
    },
    "rejected": {
        "exemption_ground": "h",
        "consequence_test": "Membuka data pribadi penerima; kepentingan yang dilindungi lebih "
        "besar.",
    },
    "not_held": {"holding_body": "Badan Pusat Statistik Provinsi Lampung"},
    "not_documented": {"documentation_period": "30 hari kerja"},
}
# Calendar days from receipt to the notice: most in time, a few late.
STILL_OPEN = timedelta(days=21)  # the latest requests are still being processed
DAYS_TO_ANSWER = (2, 3, 4, 5, 6, 7, 8, 9, 11, 13, 19, 24)
RATING_WEIGHTS = {1: 2, 2: 10, 3: 55, 4: 33}
COMMENTS = (
    "",
    "",
    "Petugas ramah dan cepat.",
    "Mohon dokumen diunggah dalam format yang bisa dicari.",
)
SUPERVISOR = {
    "supervisor_name": "Drs. Hendra Wijaya, M.Si.",
    "supervisor_position": "Sekretaris Daerah Provinsi Lampung",
}


@dataclass(frozen=True)
class DemoService:
    requests: int
    objections: int
    ratings: int


def submission_times(now, policy):
    """Twice a month at 09:00 WIB, from January of last year up to `now`."""
    times = []
    for year in (now.year - 1, now.year):
        for month in range(1, 13):
            for day in REQUEST_DAYS:
                moment = datetime(year, month, day, 9, tzinfo=policy.tzinfo)
                if moment < now:
                    times.append(moment)
    return times


def demo_staff():
    """A PPID Utama and an Atasan PPID to act in the demo's history. They cannot sign in."""
    setup_roles()
    users = []
    for username, group_name in (
        ("demo.ppid", utama_group_name()),
        ("demo.atasan", supervisor_group_name()),
    ):
        user, created = get_user_model().objects.get_or_create(username=username)
        if created:
            user.set_unusable_password()
            user.save()
        user.groups.add(Group.objects.get(name=group_name))
        users.append(user)
    return users


def agency_named(agencies, fragment):
    return next((agency for agency in agencies if fragment in agency.name), None)


@transaction.atomic
def load_demo_service(now=None):
    """The demo's requests with their notices, objections and ratings; None when the installation
    has requests already."""
    if InformationRequest.objects.exists():
        return None
    now = now or timezone.now()
    policy = policy_from_settings()
    utama, atasan = demo_staff()
    agencies = list(Agency.objects.order_by("name"))
    rng = random.Random(SEED)
    counts = {"requests": 0, "objections": 0, "ratings": 0}
    for number, submitted_at in enumerate(submission_times(now, policy)):
        name, occupation, address = REQUESTERS[number % len(REQUESTERS)]
        subject, agency_name, purpose = TOPICS[number % len(TOPICS)]
        request, _token = workflow.submit(
            {
                "requester_type": "individual",
                "full_name": name,
                "nik": f"18710{number:011d}",
                "address": address,
                "phone": f"08127{number:06d}",
                "occupation": occupation,
                "information_requested": f"{subject} tahun {submitted_at.year - 1}",
                "purpose": purpose,
                "obtain_method": "softcopy",
                "delivery_method": "email",
            },
            submitted_at=submitted_at,
        )
        counts["requests"] += 1
        agency = agency_named(agencies, agency_name)
        if agency is not None:
            request = workflow.assign(
                request, actor=utama, agency=agency, now=submitted_at + timedelta(hours=2)
            )
        outcome = OUTCOMES[number % len(OUTCOMES)]
        answered_at = submitted_at + timedelta(days=rng.choice(DAYS_TO_ANSWER), hours=1)
        if answered_at > now or submitted_at > now - STILL_OPEN:
            continue  # still being processed
        if outcome is None:
            workflow.withdraw(request, actor=utama, now=answered_at)
            continue
        request = workflow.answer(
            request,
            actor=utama,
            outcome=outcome,
            details=NOTICE_DETAILS[outcome],
            now=answered_at,
        )
        if outcome == "rejected":
            counts["objections"] += play_objection(request, atasan, number, answered_at, now)
        rated_at = answered_at + timedelta(days=2)
        if rated_at < now and rng.random() < 0.8:
            scores = rng.choices(list(RATING_WEIGHTS), list(RATING_WEIGHTS.values()), k=9)
            survey.record_response(
                request,
                dict(zip(ELEMENT_FIELDS, scores, strict=True)),
                rng.choice(COMMENTS),
                submitted_at=rated_at,
            )
            counts["ratings"] += 1
    return DemoService(**counts)


def play_objection(request, atasan, number, answered_at, now):
    """The requester objects three days after the rejection; the Atasan PPID answers two weeks
    later, upholding or overturning in turn. Returns how many objections were filed."""
    filed_at = answered_at + timedelta(days=3)
    if filed_at > now:
        return 0
    objection = objection_workflow.file_objection(
        request,
        grounds=["a"],
        statement="Data yang diminta adalah data agregat, bukan data pribadi.",
        submitted_at=filed_at,
    )
    decided_at = filed_at + timedelta(days=14)
    if decided_at > now:
        return 1
    overturned = (number // len(OUTCOMES)) % 2 == 1  # every other rejection
    objection_workflow.answer(
        objection,
        actor=atasan,
        decision="overturned" if overturned else "upheld",
        reasons=(
            "Data agregat tidak memuat data pribadi."
            if overturned
            else "Data memuat identitas penerima; uji konsekuensi menunjukkan harus dilindungi."
        ),
        order_to_ppid="Berikan data dalam bentuk agregat." if overturned else "",
        now=decided_at,
        **SUPERVISOR,
    )
    return 1
