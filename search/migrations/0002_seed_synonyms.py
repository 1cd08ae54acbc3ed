from django.db import migrations

# A copy, not an import: a migration must not change when the code does.
DEFAULT_SYNONYMS = [
    "apbd, anggaran pendapatan dan belanja daerah",
    "apbd perubahan, perubahan apbd, p-apbd, apbd-p",
    "perda, peraturan daerah",
    "pergub, peraturan gubernur",
    "kepgub, keputusan gubernur",
    "ingub, instruksi gubernur",
    "lkpd, laporan keuangan pemerintah daerah",
    "lra, laporan realisasi anggaran",
    "lak, laporan arus kas",
    "calk, catatan atas laporan keuangan",
    "bpk, badan pemeriksa keuangan",
    "wtp, wajar tanpa pengecualian",
    "rpjmd, rencana pembangunan jangka menengah daerah",
    "rpjpd, rencana pembangunan jangka panjang daerah",
    "rkpd, rencana kerja pemerintah daerah",
    "renstra, rencana strategis",
    "renja, rencana kerja",
    "dpa, dokumen pelaksanaan anggaran",
    "rka, rencana kerja dan anggaran",
    "sop, standar operasional prosedur",
    "ppid, pejabat pengelola informasi dan dokumentasi",
    "lhkpn, laporan harta kekayaan penyelenggara negara",
    "pad, pendapatan asli daerah",
    "opd, perangkat daerah, skpd",
    "rtrw, rencana tata ruang wilayah",
    "pkb, pajak kendaraan bermotor",
    "bbnkb, bea balik nama kendaraan bermotor",
    "rsud, rumah sakit umum daerah",
    "bumd, badan usaha milik daerah",
]


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    if not Synonym.objects.exists():
        Synonym.objects.bulk_create(Synonym(terms=terms) for terms in DEFAULT_SYNONYMS)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
