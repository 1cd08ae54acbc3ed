"""A regulation's status, derived from the changes other regulations make to it and their dates.

Pure Python for the rule itself; `RegulationQuerySet.with_status()` computes the same in SQL so that
listings can filter and count by status. The two are tested against each other.
"""

from dataclasses import dataclass
from datetime import date

from ppid_docs.choices import RegulationRelationKind, RegulationStatus


@dataclass(frozen=True)
class IncomingChange:
    """Another regulation amending or revoking this one, in force from `effective_on`."""

    kind: str
    effective_on: date | None


def derive_status(promulgated_on, incoming_changes, today):
    if promulgated_on and promulgated_on > today:
        return RegulationStatus.BELUM_BERLAKU
    effective = {
        change.kind
        for change in incoming_changes
        if change.effective_on is None or change.effective_on <= today
    }
    if RegulationRelationKind.REVOKES in effective:
        return RegulationStatus.DICABUT
    if RegulationRelationKind.AMENDS in effective:
        return RegulationStatus.DIUBAH
    return RegulationStatus.BERLAKU
