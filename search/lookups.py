"""Recognise a searcher asking for one regulation or report by its identity.

"perda 8 2019", "Pergub No. 31 Tahun 2019", "apbd 2023" name a single publication: the engine is
then told to put that one first. Pure Python, tested directly.
"""

import re
from dataclasses import dataclass

from ppid_docs.choices import FinancialReportType, RegulationType

REGULATION_WORDS = {
    "perda": RegulationType.PERDA,
    "peraturan daerah": RegulationType.PERDA,
    "pergub": RegulationType.PERGUB,
    "peraturan gubernur": RegulationType.PERGUB,
    "kepgub": RegulationType.KEPGUB,
    "keputusan gubernur": RegulationType.KEPGUB,
    "se": RegulationType.SURAT_EDARAN,
    "surat edaran": RegulationType.SURAT_EDARAN,
    "ingub": RegulationType.INSTRUKSI,
    "instruksi gubernur": RegulationType.INSTRUKSI,
}
REPORT_WORDS = {
    "apbd": FinancialReportType.APBD,
    "perubahan apbd": FinancialReportType.APBD_P,
    "apbd perubahan": FinancialReportType.APBD_P,
    "apbd-p": FinancialReportType.APBD_P,
    "apbdp": FinancialReportType.APBD_P,
    "lra": FinancialReportType.LRA,
    "neraca": FinancialReportType.NERACA,
    "lak": FinancialReportType.LAK,
    "calk": FinancialReportType.CALK,
    "lkpd": FinancialReportType.LKPD,
}
YEAR = r"(?P<year>(?:19|20)\d\d)"


def _alternatives(words):
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


REGULATION_PATTERN = re.compile(
    rf"^(?P<kind>{_alternatives(REGULATION_WORDS)})(?:\s+provinsi\s+lampung)?"
    rf"\s+(?:no(?:mor)?\.?\s*)?(?P<number>[\w./-]+?)"
    rf"(?:\s+|\s*/\s*)(?:tahun\s+|th\.?\s+)?{YEAR}$"
)
REPORT_PATTERN = re.compile(
    rf"^(?P<kind>{_alternatives(REPORT_WORDS)})\s+(?:(?:tahun\s+)?(?:anggaran\s+)?|ta\.?\s+){YEAR}$"
)


@dataclass(frozen=True)
class RegulationLookup:
    regulation_type: str
    number: str
    year: int


@dataclass(frozen=True)
class ReportLookup:
    report_type: str
    year: int


def parse_exact_lookup(query):
    """A `RegulationLookup` or `ReportLookup` when the query names one, else None."""
    text = " ".join(query.lower().replace(",", " ").split())
    match = REGULATION_PATTERN.match(text)
    if match:
        return RegulationLookup(
            REGULATION_WORDS[match["kind"]].value, match["number"].upper(), int(match["year"])
        )
    match = REPORT_PATTERN.match(text)
    if match:
        return ReportLookup(REPORT_WORDS[match["kind"]].value, int(match["year"]))
    return None
