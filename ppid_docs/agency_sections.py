"""An agency's place in the portal: the snippet, its document collection and its page section.

Each `ensure_*` function creates what is missing and leaves what exists (perhaps edited by
someone) as it is, so the importer and the demo loader may call them again and again.
"""

import re

from django.utils.text import slugify
from wagtail.models import Collection

from ppid_docs.models import Agency, AgencyIndexPage, AgencyPage

PROVINCE_SUFFIX = re.compile(r"\s+Provinsi Lampung$")
# How Lampung's agencies call themselves; other names fall back to their initials.
KNOWN_ACRONYMS = {
    "Badan Pendapatan Daerah": "Bapenda",
    "Badan Penanggulangan Bencana Daerah": "BPBD",
    "Badan Pengelola Keuangan dan Aset Daerah": "BPKAD",
    "Badan Perencanaan Pembangunan Daerah": "Bappeda",
    "Badan Lingkungan Hidup Daerah": "BLHD",
    "Biro Pengadaan Barang dan Jasa Sekretariat Daerah": "Biro PBJ",
    "Biro Perekonomian Sekretariat Daerah": "Biro Perekonomian",
    "Dinas Kebudayaan dan Pariwisata": "Disbudpar",
    "Dinas Kelautan dan Perikanan": "DKP",
    "Dinas Kesehatan": "Dinkes",
    "Dinas Ketahanan Pangan, Tanaman Pangan dan Hortikultura": "DKPTPH",
    "Dinas Komunikasi dan Informatika": "Diskominfo",
    "Dinas Komunikasi, Informatika dan Statistik": "Diskominfotik",
    "Dinas Lingkungan Hidup": "DLH",
    "Dinas Pariwisata dan Ekonomi Kreatif": "Disparekraf",
    "Dinas Pekerjaan Umum dan Penataan Ruang": "Dinas PUPR",
    "Dinas Pendapatan Daerah": "Dispenda",
    "Dinas Pendidikan dan Kebudayaan": "Disdikbud",
    "Dinas Perhubungan": "Dishub",
    "Dinas Perindustrian dan Perdagangan": "Disperindag",
    "Dinas Perkebunan": "Disbun",
    "Dinas Sosial": "Dinsos",
    "Dinas Tanaman Pangan dan Hortikultura": "Distan TPH",
    "Inspektorat": "Inspektorat",
    "RSUD Dr. H. Abdul Moeloek": "RSUDAM",
}
MINOR_WORDS = {"dan", "dr.", "h.", "provinsi", "lampung"}
AGENCY_INDEX = {"title": "Perangkat Daerah", "slug": "perangkat-daerah"}


def derive_acronym(name):
    """ "Dinas Kesehatan Provinsi Lampung" → "Dinkes"; an unknown agency → its initials."""
    short = PROVINCE_SUFFIX.sub("", name.strip())
    if short in KNOWN_ACRONYMS:
        return KNOWN_ACRONYMS[short]
    words = [word for word in re.split(r"[\s,]+", short) if word.lower() not in MINOR_WORDS]
    return "".join(word[0].upper() for word in words if word[0].isalnum()) or short


def ensure_agency(name):
    agency = Agency.objects.filter(name=name).first()
    if agency is None:
        acronym = _unused_acronym(derive_acronym(name))
        agency = Agency.objects.create(name=name, acronym=acronym, slug=_unused_slug(acronym))
    ensure_agency_collection(agency)
    return agency


def ensure_agency_collection(agency):
    """The collection the agency's editors may use for documents and images."""
    if agency.collection_id is None:
        existing = Collection.objects.filter(name=agency.name).first()
        agency.collection = existing or Collection.get_first_root_node().add_child(name=agency.name)
        agency.save(update_fields=["collection"])
    return agency.collection


def ensure_agency_index(home):
    index = AgencyIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(instance=AgencyIndexPage(**AGENCY_INDEX))
        index.save_revision().publish()
    return index


def ensure_agency_section(agency, index):
    section = AgencyPage.objects.filter(agency=agency).first()
    if section is None:
        section = index.add_child(
            instance=AgencyPage(agency=agency, title=agency.name, slug=agency.slug)
        )
        section.save_revision().publish()
    return section


def _unused_acronym(acronym):
    # Editor groups are named after acronyms, so two agencies must not share one.
    candidate, number = acronym, 1
    while Agency.objects.filter(acronym=candidate).exists():
        number += 1
        candidate = f"{acronym} {number}"
    return candidate


def _unused_slug(acronym):
    base = slugify(acronym)[:70] or "perangkat-daerah"
    candidate, number = base, 1
    while Agency.objects.filter(slug=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate
