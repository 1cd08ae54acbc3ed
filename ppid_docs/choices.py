"""Controlled vocabularies of public information: stable lower_snake values, translatable labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InformationCategory(models.TextChoices):
    """The classes of public information in UU 14/2008 (Pasal 9, 10, 11 and 17)."""

    BERKALA = "berkala", _("Periodic (berkala)")
    SERTA_MERTA = "serta_merta", _("Immediate (serta-merta)")
    SETIAP_SAAT = "setiap_saat", _("Available at any time (setiap saat)")
    DIKECUALIKAN = "dikecualikan", _("Exempt (dikecualikan)")


class DocumentForm(models.TextChoices):
    SOFTCOPY = "softcopy", _("Softcopy")
    HARDCOPY = "hardcopy", _("Hardcopy")
    BOTH = "both", _("Softcopy and hardcopy")


class RegulationType(models.TextChoices):
    PERDA = "perda", _("Regional regulation (Perda)")
    PERGUB = "pergub", _("Governor regulation (Pergub)")
    KEPGUB = "kepgub", _("Governor decree (Kepgub)")
    SURAT_EDARAN = "surat_edaran", _("Governor circular (Surat Edaran)")
    INSTRUKSI = "instruksi", _("Governor instruction (Instruksi)")


class RegulationStatus(models.TextChoices):
    """Derived from the amend/revoke relations and dates, never typed by hand."""

    BERLAKU = "berlaku", _("In force (berlaku)")
    DIUBAH = "diubah", _("Amended (diubah)")
    DICABUT = "dicabut", _("Revoked (dicabut)")
    BELUM_BERLAKU = "belum_berlaku", _("Not yet in force")


class RegulationRelationKind(models.TextChoices):
    AMENDS = "amends", _("amends")
    REVOKES = "revokes", _("revokes")


class FinancialReportType(models.TextChoices):
    APBD = "apbd", _("Regional budget (APBD)")
    APBD_P = "apbd_p", _("Revised regional budget (Perubahan APBD)")
    LRA = "lra", _("Budget realisation report (LRA)")
    NERACA = "neraca", _("Balance sheet (Neraca)")
    LAK = "lak", _("Cash flow statement (LAK)")
    CALK = "calk", _("Notes to the financial statements (CaLK)")
    LKPD = "lkpd", _("Audited regional financial report (LKPD)")
    OPINI_BPK = "opini_bpk", _("BPK audit opinion")


class ReportPeriod(models.TextChoices):
    TAHUNAN = "tahunan", _("Annual")
    SEMESTER = "semester", _("Half-year")
    TRIWULAN = "triwulan", _("Quarter")


class FiguresBasis(models.TextChoices):
    ANGGARAN = "anggaran", _("Budget")
    REALISASI = "realisasi", _("Realisation")


class AuditOpinion(models.TextChoices):
    WTP = "wtp", _("Unqualified (WTP)")
    WDP = "wdp", _("Qualified (WDP)")
    TW = "tw", _("Adverse (TW)")
    TMP = "tmp", _("Disclaimer (TMP)")


class WorkPlanType(models.TextChoices):
    RPJPD = "rpjpd", _("Long-term development plan (RPJPD)")
    RPJMD = "rpjmd", _("Medium-term development plan (RPJMD)")
    RENSTRA = "renstra", _("Agency strategic plan (Renstra)")
    RKPD = "rkpd", _("Regional government work plan (RKPD)")
    RENJA = "renja", _("Agency work plan (Renja)")
    RKA = "rka", _("Work plan and budget (RKA)")
    DPA = "dpa", _("Budget implementation document (DPA)")


class PublicInformationType(models.TextChoices):
    SOP = "sop", _("Standard operating procedure")
    MAKLUMAT = "maklumat", _("Service charter")
    STANDAR_PELAYANAN = "standar_pelayanan", _("Service standard")
    DAFTAR_INFORMASI = "daftar_informasi", _("Information list")
    STANDAR_BIAYA = "standar_biaya", _("Cost standard")
    PENGADAAN = "pengadaan", _("Procurement")
    LHKPN = "lhkpn", _("Officials' wealth reports (LHKPN)")
    STATISTIK = "statistik", _("Statistics")
    SERTA_MERTA = "serta_merta", _("Immediate information")
    DIKECUALIKAN = "dikecualikan", _("Exempt information notice")
    SURVEI = "survei", _("Satisfaction survey")
    LAPORAN_LAYANAN = "laporan_layanan", _("Information service report")
    JADWAL = "jadwal", _("Service schedule")
    LAINNYA = "lainnya", _("Other")


class ExemptionGround(models.TextChoices):
    """UU 14/2008 Pasal 17 a–j; a–f are time-limited."""

    A = "a", _("a. Obstructs law enforcement")
    B = "b", _("b. Harms intellectual property or fair competition")
    C = "c", _("c. Endangers national defence and security")
    D = "d", _("d. Reveals Indonesia's natural wealth")
    E = "e", _("e. Harms the national economy")
    F = "f", _("f. Harms foreign relations")
    G = "g", _("g. Reveals the contents of an authentic personal will")
    H = "h", _("h. Reveals personal secrets")
    I = "i", _("i. Internal memoranda that are confidential by nature")  # noqa: E741
    J = "j", _("j. Information that may not be disclosed under a law")


TIME_LIMITED_GROUNDS = {"a", "b", "c", "d", "e", "f"}
