"""One regulation as the JDIHN (Jaringan Dokumentasi dan Informasi Hukum Nasional) harvests it.

The keys and fixed values follow the JSON that JDIH member sites publish for the national network;
docs/api.md gives the mapping and the assumptions behind it. The values are Indonesian by
definition of the format, whatever the visitor's language, so they are not translated.
"""

from wagtail.api.utils import get_full_url

from ppid_docs.choices import RegulationRelationKind, RegulationStatus, RegulationType

# JDIHN marks a bibliographic field with no value with a dash.
NO_VALUE = "-"
# Every record is sent as a full, visible entry (not a deletion).
OPERATION = "4"
DISPLAY = "1"

TYPE_NAMES = {
    RegulationType.PERDA: ("Peraturan Daerah", "PERDA"),
    RegulationType.PERGUB: ("Peraturan Gubernur", "PERGUB"),
    RegulationType.KEPGUB: ("Keputusan Gubernur", "KEPGUB"),
    RegulationType.SURAT_EDARAN: ("Surat Edaran Gubernur", "SE"),
    RegulationType.INSTRUKSI: ("Instruksi Gubernur", "INGUB"),
}
STATUS_NAMES = {
    RegulationStatus.BERLAKU: "Berlaku",
    RegulationStatus.DIUBAH: "Diubah",
    RegulationStatus.DICABUT: "Dicabut",
    RegulationStatus.BELUM_BERLAKU: "Belum berlaku",
}
CHANGED_BY_VERBS = {
    RegulationRelationKind.AMENDS: "Diubah dengan",
    RegulationRelationKind.REVOKES: "Dicabut dengan",
}
CHANGES_VERBS = {
    RegulationRelationKind.AMENDS: "Mengubah",
    RegulationRelationKind.REVOKES: "Mencabut",
}


def jdihn_record(regulation, request, public):
    """`public` answers `page in public` for related regulations (see PublicPageCheck)."""
    type_name, type_abbreviation = TYPE_NAMES[regulation.regulation_type]
    document = regulation.document
    return {
        "idData": str(regulation.pk),
        "tahun_pengundangan": str(regulation.year),
        "tanggal_pengundangan": iso_date(regulation.promulgated_on),
        "jenis": type_name,
        "noPeraturan": regulation.number,
        "judul": regulation.title,
        "noPanggil": NO_VALUE,
        "singkatanJenis": type_abbreviation,
        "cetakan": NO_VALUE,
        "tempatTerbit": regulation.enacted_at or NO_VALUE,
        "penerbit": regulation.agency.name if regulation.agency else NO_VALUE,
        "deskripsiFisik": physical_description(document),
        "sumber": regulation.source or NO_VALUE,
        "subjek": ", ".join(sorted(tag.name for tag in regulation.subjects.all())) or NO_VALUE,
        "isbn": NO_VALUE,
        "status": STATUS_NAMES[regulation.status()],
        "keteranganStatus": status_note(regulation, public),
        "bahasa": regulation.language or NO_VALUE,
        "bidangHukum": regulation.legal_field or NO_VALUE,
        "teuBadan": regulation.issuing_body or NO_VALUE,
        "nomorIndukBuku": NO_VALUE,
        "fileDownload": document.filename if document else None,
        "urlDownload": get_full_url(request, document.url) if document else None,
        "urlDetailPeraturan": regulation.full_url,
        "operasi": OPERATION,
        "display": DISPLAY,
        "tanggal_penetapan": iso_date(regulation.enacted_on),
        "tempat_penetapan": regulation.enacted_at or NO_VALUE,
        "abstrak": regulation.abstract or regulation.summary or NO_VALUE,
    }


def iso_date(value):
    return value.isoformat() if value else None


def physical_description(document):
    if document is None or not document.page_count:
        return NO_VALUE
    return f"{document.page_count} hlm."


def citation(regulation):
    """ "Peraturan Daerah Nomor 1 Tahun 2024", as a regulation is cited."""
    type_name = TYPE_NAMES[regulation.regulation_type][0]
    return f"{type_name} Nomor {regulation.number} Tahun {regulation.year}"


def status_note(regulation, public):
    """What changed this regulation and what it changes: "Dicabut dengan …; Mengubah …"."""
    notes = [
        f"{CHANGED_BY_VERBS[relation.kind]} {citation(relation.source)}"
        for relation in regulation.changed_by()
        if relation.source in public
    ]
    notes += [
        f"{CHANGES_VERBS[relation.kind]} {citation(relation.target)}"
        for relation in regulation.changes()
        if relation.target in public
    ]
    return "; ".join(notes) or NO_VALUE
