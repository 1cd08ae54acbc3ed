"""The app's models: requests and their history (`requests`), objections and theirs
(`objections`). Import them from here."""

from information_requests.models.objections import (
    Objection,
    ObjectionEvent,
    ObjectionRegistrationCounter,
)
from information_requests.models.reports import ServiceReportPage, ServiceStatisticsPage
from information_requests.models.requests import (
    AppendOnlyError,
    AppendOnlyEvent,
    CalendarOverride,
    InformationRequest,
    RegistrationCounter,
    RequestAttachment,
    RequestEvent,
    SearchFirstHit,
    StaffAgency,
    WrittenNotice,
    private_attachment_path,
    private_storage,
)

__all__ = [
    "AppendOnlyError",
    "AppendOnlyEvent",
    "CalendarOverride",
    "InformationRequest",
    "Objection",
    "ObjectionEvent",
    "ObjectionRegistrationCounter",
    "RegistrationCounter",
    "RequestAttachment",
    "RequestEvent",
    "SearchFirstHit",
    "ServiceReportPage",
    "ServiceStatisticsPage",
    "StaffAgency",
    "WrittenNotice",
    "private_attachment_path",
    "private_storage",
]
