"""scripts/audit_report.py decides whether `make test` fails on pip-audit's findings."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "audit_report.py"
spec = importlib.util.spec_from_file_location("audit_report", SCRIPT)
audit_report = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit_report)


def dependency(name, version="1.0", vulns=()):
    return {"name": name, "version": version, "vulns": list(vulns)}


def vulnerability(identifier, *fixed_in):
    return {"id": identifier, "fix_versions": list(fixed_in), "aliases": [], "description": ""}


def test_a_vulnerability_with_a_fix_available_fails_the_run():
    report = {"dependencies": [dependency("django", "5.2.0", [vulnerability("PYSEC-1", "5.2.1")])]}

    status, lines = audit_report.judge(report)

    assert status == 1
    assert "VULNERABLE, upgrade: django 5.2.0: PYSEC-1 (fixed in 5.2.1)" in lines


def test_a_vulnerability_without_a_fix_is_reported_only():
    report = {"dependencies": [dependency("pypdf", vulns=[vulnerability("GHSA-2")])]}

    status, lines = audit_report.judge(report)

    assert status == 0
    assert "known vulnerability without a fix yet: pypdf 1.0: GHSA-2" in lines


def test_clean_packages_pass_and_are_counted():
    status, lines = audit_report.judge({"dependencies": [dependency("wagtail"), dependency("a")]})

    assert (status, lines[0]) == (0, "2 packages audited against PyPI's vulnerability data")


def test_a_report_that_audited_nothing_proves_nothing():
    report = {"dependencies": [{"name": "x", "version": "1", "skip_reason": "not found on PyPI"}]}

    status, _lines = audit_report.judge(report)

    assert status == 1
