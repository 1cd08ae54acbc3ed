"""The lines of a regional financial report and the arithmetic that ties them together.

Pure Python: the admin form, the importer and the charts all use these definitions, so a figure
that does not add up is refused in the same words wherever it comes from.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    section: str
    parent: str | None = None


SECTIONS = {
    "pendapatan": _("Revenue"),
    "belanja": _("Spending"),
    "pembiayaan": _("Financing"),
    "neraca": _("Balance sheet"),
    "arus_kas": _("Cash flow"),
}

LINES = [
    Line("pendapatan_daerah", _("Regional revenue"), "pendapatan"),
    Line(
        "pendapatan_asli_daerah", _("Own-source revenue (PAD)"), "pendapatan", "pendapatan_daerah"
    ),
    Line("pajak_daerah", _("Regional taxes"), "pendapatan", "pendapatan_asli_daerah"),
    Line("retribusi_daerah", _("Regional levies"), "pendapatan", "pendapatan_asli_daerah"),
    Line(
        "hasil_pengelolaan_kekayaan_daerah_yang_dipisahkan",
        _("Returns on separated regional assets"),
        "pendapatan",
        "pendapatan_asli_daerah",
    ),
    Line(
        "lain_lain_pad_yang_sah", _("Other legitimate PAD"), "pendapatan", "pendapatan_asli_daerah"
    ),
    Line("pendapatan_transfer", _("Transfer revenue"), "pendapatan", "pendapatan_daerah"),
    Line(
        "lain_lain_pendapatan_daerah_yang_sah",
        _("Other legitimate revenue"),
        "pendapatan",
        "pendapatan_daerah",
    ),
    Line("belanja_daerah", _("Regional spending"), "belanja"),
    Line("belanja_operasi", _("Operating spending"), "belanja", "belanja_daerah"),
    Line("belanja_pegawai", _("Personnel"), "belanja", "belanja_operasi"),
    Line("belanja_barang_dan_jasa", _("Goods and services"), "belanja", "belanja_operasi"),
    Line("belanja_bunga", _("Interest"), "belanja", "belanja_operasi"),
    Line("belanja_hibah", _("Grants"), "belanja", "belanja_operasi"),
    Line("belanja_bantuan_sosial", _("Social assistance"), "belanja", "belanja_operasi"),
    Line("belanja_modal", _("Capital spending"), "belanja", "belanja_daerah"),
    Line("belanja_tidak_terduga", _("Unexpected spending"), "belanja", "belanja_daerah"),
    Line("belanja_transfer", _("Transfer spending"), "belanja", "belanja_daerah"),
    Line("belanja_bagi_hasil", _("Revenue sharing"), "belanja", "belanja_transfer"),
    Line("belanja_bantuan_keuangan", _("Financial assistance"), "belanja", "belanja_transfer"),
    Line("surplus_defisit", _("Surplus / deficit"), "belanja"),
    Line("penerimaan_pembiayaan", _("Financing receipts"), "pembiayaan"),
    Line(
        "silpa_tahun_sebelumnya",
        _("Previous year's surplus (SiLPA)"),
        "pembiayaan",
        "penerimaan_pembiayaan",
    ),
    Line("penerimaan_pinjaman_daerah", _("Regional loans"), "pembiayaan", "penerimaan_pembiayaan"),
    Line("pengeluaran_pembiayaan", _("Financing expenditure"), "pembiayaan"),
    Line(
        "penyertaan_modal_daerah",
        _("Regional equity participation"),
        "pembiayaan",
        "pengeluaran_pembiayaan",
    ),
    Line(
        "pembayaran_cicilan_pokok_utang",
        _("Debt principal repayment"),
        "pembiayaan",
        "pengeluaran_pembiayaan",
    ),
    Line("pembiayaan_netto", _("Net financing"), "pembiayaan"),
    Line("silpa", _("Surplus of budget financing (SiLPA)"), "pembiayaan"),
    Line("total_aset", _("Total assets"), "neraca"),
    Line("aset_lancar", _("Current assets"), "neraca", "total_aset"),
    Line("kas", _("Cash"), "neraca", "aset_lancar"),
    Line("piutang", _("Receivables"), "neraca", "aset_lancar"),
    Line("persediaan", _("Inventories"), "neraca", "aset_lancar"),
    Line("investasi_jangka_panjang", _("Long-term investments"), "neraca", "total_aset"),
    Line("aset_tetap", _("Fixed assets"), "neraca", "total_aset"),
    Line("aset_lainnya", _("Other assets"), "neraca", "total_aset"),
    Line("total_kewajiban", _("Total liabilities"), "neraca"),
    Line("kewajiban_jangka_pendek", _("Short-term liabilities"), "neraca", "total_kewajiban"),
    Line("kewajiban_jangka_panjang", _("Long-term liabilities"), "neraca", "total_kewajiban"),
    Line("ekuitas", _("Equity"), "neraca"),
    Line("arus_kas_operasi", _("Operating cash flow"), "arus_kas"),
    Line("arus_kas_investasi", _("Investing cash flow"), "arus_kas"),
    Line("arus_kas_pendanaan", _("Financing cash flow"), "arus_kas"),
    Line("kenaikan_kas", _("Increase in cash"), "arus_kas"),
    Line("saldo_awal_kas", _("Opening cash balance"), "arus_kas"),
    Line("saldo_akhir_kas", _("Closing cash balance"), "arus_kas"),
]
LINES_BY_KEY = {line.key: line for line in LINES}
LINE_CHOICES = [(line.key, line.label) for line in LINES]

# Totals that must equal the sum of their parts, and the few derived balances.
IDENTITIES = [
    ("surplus_defisit", [("pendapatan_daerah", 1), ("belanja_daerah", -1)]),
    ("pembiayaan_netto", [("penerimaan_pembiayaan", 1), ("pengeluaran_pembiayaan", -1)]),
    ("silpa", [("surplus_defisit", 1), ("pembiayaan_netto", 1)]),
    ("ekuitas", [("total_aset", 1), ("total_kewajiban", -1)]),
    (
        "kenaikan_kas",
        [("arus_kas_operasi", 1), ("arus_kas_investasi", 1), ("arus_kas_pendanaan", 1)],
    ),
    ("saldo_akhir_kas", [("saldo_awal_kas", 1), ("kenaikan_kas", 1)]),
]


def children_of(key):
    return [line.key for line in LINES if line.parent == key]


def consistency_errors(figures):
    """Every identity that does not hold for the figures given (missing lines are not checked)."""
    errors = []
    for total, parts in _sum_rules() + IDENTITIES:
        if total not in figures or any(key not in figures for key, _sign in parts):
            continue
        expected = sum(sign * figures[key] for key, sign in parts)
        if figures[total] != expected:
            errors.append(
                _("%(total)s is %(actual)s but its parts add up to %(expected)s.")
                % {
                    "total": LINES_BY_KEY[total].label,
                    "actual": format_rupiah(figures[total]),
                    "expected": format_rupiah(expected),
                }
            )
    return errors


def unknown_lines(figures):
    return sorted(set(figures) - set(LINES_BY_KEY))


def _sum_rules():
    rules = []
    for line in LINES:
        parts = children_of(line.key)
        if parts:
            rules.append((line.key, [(part, 1) for part in parts]))
    return rules


def format_rupiah(amount):
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{abs(amount):,}".replace(",", ".")


COMPACT_SCALES = [
    (10**12, _("Rp%(amount)s trillion")),
    (10**9, _("Rp%(amount)s billion")),
    (10**6, _("Rp%(amount)s million")),
]


def format_rupiah_compact(amount):
    """Short enough for a chart label: Rp7,12 trillion (Indonesian decimal comma)."""
    for scale, template in COMPACT_SCALES:
        if abs(amount) >= scale:
            number = f"{amount / scale:.2f}".rstrip("0").rstrip(".").replace(".", ",")
            return template % {"amount": number}
    return format_rupiah(amount)
