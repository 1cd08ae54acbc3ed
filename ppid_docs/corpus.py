"""The corpus format: a folder with `manifest.json` (a list of records) and `files/`.

Reading and checking, without the database: `parse_record` turns one raw record into a `Record`
whose values fit the page models, or raises `InvalidRecord` with a reason the person running the
import can act on. The format is described in demo/corpus/README.md.
"""

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.utils.translation import gettext as _

from ppid_docs.choices import (
    AuditOpinion,
    FiguresBasis,
    FinancialReportType,
    InformationCategory,
    PublicInformationType,
    RegulationRelationKind,
    RegulationType,
    ReportPeriod,
    WorkPlanType,
)
from ppid_docs.figures import LINES, consistency_errors, unknown_lines

MANIFEST_NAME = "manifest.json"
# The id becomes the page's slug and the import key, hence the narrow alphabet.
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")
FIRST_YEAR, LAST_YEAR = 1945, 2100

# The names the corpus uses, next to our stable values (which are accepted as well).
REGULATION_TYPES = {
    "peraturan daerah": RegulationType.PERDA,
    "peraturan gubernur": RegulationType.PERGUB,
    "keputusan gubernur": RegulationType.KEPGUB,
    "surat edaran gubernur": RegulationType.SURAT_EDARAN,
    "surat edaran": RegulationType.SURAT_EDARAN,
    "instruksi gubernur": RegulationType.INSTRUKSI,
}
FINANCIAL_REPORT_TYPES = {
    "perubahan apbd": FinancialReportType.APBD_P,
    "lkpd audited": FinancialReportType.LKPD,
    "laporan realisasi anggaran": FinancialReportType.LRA,
    "laporan arus kas": FinancialReportType.LAK,
    "catatan atas laporan keuangan": FinancialReportType.CALK,
    "opini bpk": FinancialReportType.OPINI_BPK,
}
WORK_PLAN_TYPES = {
    "renstra perangkat daerah": WorkPlanType.RENSTRA,
    "renja perangkat daerah": WorkPlanType.RENJA,
}
PUBLIC_INFORMATION_TYPES = {
    "maklumat pelayanan": PublicInformationType.MAKLUMAT,
    "standar pelayanan": PublicInformationType.STANDAR_PELAYANAN,
    "daftar informasi publik": PublicInformationType.DAFTAR_INFORMASI,
    "standar biaya": PublicInformationType.STANDAR_BIAYA,
    "lhkpn rekap": PublicInformationType.LHKPN,
    "data statistik": PublicInformationType.STATISTIK,
    "informasi serta merta": PublicInformationType.SERTA_MERTA,
    "informasi dikecualikan": PublicInformationType.DIKECUALIKAN,
    "daftar informasi dikecualikan": PublicInformationType.DIKECUALIKAN,
    "survei kepuasan masyarakat": PublicInformationType.SURVEI,
    "laporan layanan informasi publik": PublicInformationType.LAPORAN_LAYANAN,
    "jadwal layanan": PublicInformationType.JADWAL,
}


class CorpusError(Exception):
    """The folder or its manifest cannot be read at all."""


class InvalidRecord(Exception):
    """One record cannot be imported; the message says why."""


@dataclass(frozen=True)
class Record:
    id: str
    kind: str
    agency: str
    file: Path
    # Values of the page's own fields, then its child rows by relation name.
    fields: dict
    children: dict = field(default_factory=dict)
    subjects: tuple = ()
    # (RegulationRelationKind, target record id)
    relations: tuple = ()


def read_manifest(folder):
    folder = Path(folder)
    if not folder.is_dir():
        raise CorpusError(_("“%(path)s” is not a folder.") % {"path": folder})
    manifest = folder / MANIFEST_NAME
    if not manifest.is_file():
        raise CorpusError(_("“%(path)s” has no manifest.json.") % {"path": folder})
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise CorpusError(
            _("Cannot read %(path)s: %(error)s") % {"path": manifest, "error": error}
        ) from error
    except json.JSONDecodeError as error:
        raise CorpusError(
            _("%(path)s is not valid JSON: %(error)s") % {"path": manifest, "error": error}
        ) from error
    if not isinstance(data, list):
        raise CorpusError(_("%(path)s must hold a list of records.") % {"path": manifest})
    return data


def record_id(raw):
    value = raw.get("id") if isinstance(raw, dict) else None
    return value if isinstance(value, str) and value else None


def record_kind(raw):
    value = raw.get("kind") if isinstance(raw, dict) else None
    return value if isinstance(value, str) and value else "?"


def parse_record(raw, folder):
    """A checked `Record` for one of this app's kinds (the caller handles skipped kinds)."""
    if not isinstance(raw, dict):
        raise InvalidRecord(_("the record is not a JSON object"))
    identifier = _text(raw, "id")
    if not ID_PATTERN.fullmatch(identifier):
        raise InvalidRecord(
            _("the id must be lower-case letters, digits and hyphens, at most 100 characters")
        )
    kind = _text(raw, "kind")
    if kind not in KIND_PARSERS:
        raise InvalidRecord(_("unknown kind “%(kind)s”") % {"kind": kind})
    fields = {
        "title": _text(raw, "title"),
        "summary": _text(raw, "summary"),
        "category": _choice(raw, "category", InformationCategory),
        "year": _year(raw, "year"),
        "produced_on": _date(raw, "date"),
    }
    details = KIND_PARSERS[kind](raw)
    return Record(
        id=identifier,
        kind=kind,
        agency=_text(raw, "agency"),
        file=_file(raw, Path(folder)),
        fields={**fields, **details.pop("fields")},
        **details,
    )


def _regulation(raw):
    relations = tuple(
        (relation_kind, target)
        for relation_kind in RegulationRelationKind
        for target in _text_list(raw, relation_kind.value)
    )
    if any(target == raw["id"] for _kind, target in relations):
        raise InvalidRecord(_("the regulation amends or revokes itself"))
    return {
        "fields": {
            "regulation_type": _choice(raw, "reg_type", RegulationType, REGULATION_TYPES),
            "number": _text(raw, "number"),
            "about": _text(raw, "about"),
            "enacted_on": _date(raw, "enacted_on", required=False),
            "promulgated_on": _date(raw, "promulgated_on", required=False),
            "legal_field": _text(raw, "legal_field", required=False),
        },
        "subjects": tuple(dict.fromkeys(_text_list(raw, "subjects"))),
        "relations": relations,
    }


def _financial_report(raw):
    figures = _figures(raw)
    return {
        "fields": {
            "report_type": _choice(raw, "report_type", FinancialReportType, FINANCIAL_REPORT_TYPES),
            "year": _year(raw, "fiscal_year"),
            "period": _choice(raw, "period", ReportPeriod),
            "figures_basis": _choice(raw, "figures_basis", FiguresBasis),
            "audit_opinion": _choice(raw, "bpk_opinion", AuditOpinion, required=False),
        },
        "children": {
            "figures": [
                {"line": line.key, "amount": figures[line.key]}
                for line in LINES
                if line.key in figures
            ]
        },
    }


def _work_plan(raw):
    period_start, period_end = _year(raw, "period_start"), _year(raw, "period_end")
    if period_end < period_start:
        raise InvalidRecord(_("period_end comes before period_start"))
    programmes = [_programme(item) for item in _list(raw, "programs")]
    total = _integer(raw, "total_pagu", required=False)
    budgets = [programme["budget"] for programme in programmes if programme["budget"] is not None]
    if total is not None and total != sum(budgets):
        raise InvalidRecord(
            _("total_pagu is %(total)s but the programmes add up to %(sum)s")
            % {"total": total, "sum": sum(budgets)}
        )
    return {
        "fields": {
            "plan_type": _choice(raw, "plan_type", WorkPlanType, WORK_PLAN_TYPES),
            "period_start": period_start,
            "period_end": period_end,
        },
        "children": {"programmes": programmes},
    }


def _public_information(raw):
    information_type = _choice(raw, "info_type", PublicInformationType, PUBLIC_INFORMATION_TYPES)
    return {"fields": {"information_type": information_type}}


KIND_PARSERS = {
    "regulation": _regulation,
    "financial_report": _financial_report,
    "work_plan": _work_plan,
    "public_information": _public_information,
}


def _programme(item):
    if not isinstance(item, dict):
        raise InvalidRecord(_("each of “programs” must be an object"))
    return {
        "programme": _text(item, "program"),
        "indicator": _text(item, "indikator"),
        "target": _text(item, "target"),
        "budget": _integer(item, "pagu", required=False),
    }


def _figures(raw):
    figures = raw.get("figures") or {}
    if not isinstance(figures, dict) or not all(_is_integer(value) for value in figures.values()):
        raise InvalidRecord(_("“figures” must map line names to whole rupiah amounts"))
    unknown = unknown_lines(figures)
    if unknown:
        raise InvalidRecord(_("unknown figure lines: %(lines)s") % {"lines": ", ".join(unknown)})
    errors = consistency_errors(figures)
    if errors:
        raise InvalidRecord(
            _("the figures do not add up: %(errors)s") % {"errors": " ".join(map(str, errors))}
        )
    return figures


def _file(raw, folder):
    relative = _text(raw, "file")
    path = (folder / relative).resolve()
    if not path.is_relative_to(folder.resolve()):
        raise InvalidRecord(
            _("the file “%(path)s” lies outside the corpus folder") % {"path": relative}
        )
    if not path.is_file():
        raise InvalidRecord(_("missing file “%(path)s”") % {"path": relative})
    return path


def _present(raw, key, required):
    value = raw.get(key)
    if value is None or value == "" or value == []:
        if required:
            raise InvalidRecord(_("missing required field “%(field)s”") % {"field": key})
        return None
    return value


def _text(raw, key, required=True):
    value = _present(raw, key, required)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidRecord(_("“%(field)s” must be text") % {"field": key})
    return value.strip()


def _text_list(raw, key):
    values = _list(raw, key)
    if not all(isinstance(value, str) and value.strip() for value in values):
        raise InvalidRecord(_("“%(field)s” must be a list of texts") % {"field": key})
    return [value.strip() for value in values]


def _list(raw, key):
    values = raw.get(key) or []
    if not isinstance(values, list):
        raise InvalidRecord(_("“%(field)s” must be a list") % {"field": key})
    return values


def _is_integer(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _integer(raw, key, required=True):
    value = _present(raw, key, required)
    if value is None:
        return None
    if not _is_integer(value):
        raise InvalidRecord(_("“%(field)s” must be a whole number") % {"field": key})
    return value


def _year(raw, key):
    value = _integer(raw, key)
    if not FIRST_YEAR <= value <= LAST_YEAR:
        raise InvalidRecord(
            _("“%(field)s” is not a plausible year: %(value)s") % {"field": key, "value": value}
        )
    return value


def _date(raw, key, required=True):
    value = _text(raw, key, required)
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise InvalidRecord(
            _("bad date in “%(field)s”: “%(value)s” (expected YYYY-MM-DD)")
            % {"field": key, "value": value}
        ) from error


def _choice(raw, key, choices, aliases=None, required=True):
    value = _text(raw, key, required)
    if not value:
        return ""
    normalized = value.lower()
    if normalized in choices.values:
        return normalized
    if aliases and normalized in aliases:
        return aliases[normalized].value
    raise InvalidRecord(_("unknown %(field)s “%(value)s”") % {"field": key, "value": value})
