"""Judge a pip-audit JSON report: exit 1 when a known vulnerability has a fixed version available.

Vulnerabilities without a fix yet and packages that could not be audited are listed, not failed;
a report in which nothing at all was audited fails, since it proves nothing.
"""

import json
import sys


def judge(report):
    """(exit status, lines to print) for a pip-audit report."""
    fixable, unfixed, skipped = [], [], []
    for dependency in report["dependencies"]:
        if "skip_reason" in dependency:
            skipped.append(f"{dependency['name']}: {dependency['skip_reason']}")
        for vulnerability in dependency.get("vulns", []):
            line = f"{dependency['name']} {dependency['version']}: {vulnerability['id']}"
            if vulnerability["fix_versions"]:
                fixable.append(f"{line} (fixed in {', '.join(vulnerability['fix_versions'])})")
            else:
                unfixed.append(line)
    audited = len(report["dependencies"]) - len(skipped)
    lines = [f"{audited} packages audited against PyPI's vulnerability data"]
    lines += [f"not audited: {line}" for line in skipped]
    lines += [f"known vulnerability without a fix yet: {line}" for line in unfixed]
    lines += [f"VULNERABLE, upgrade: {line}" for line in fixable]
    if not audited:
        return 1, [*lines, "no package could be audited: the audit proves nothing"]
    return (1 if fixable else 0), lines


if __name__ == "__main__":
    with open(sys.argv[1]) as report_file:
        status, lines = judge(json.load(report_file))
    for line in lines:
        print(f"audit.sh: {line}")
    sys.exit(status)
