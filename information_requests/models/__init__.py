"""The app's models: requests and their history (`requests`), objections and theirs
(`objections`), the pages publishing the service's figures (`reports`) and the requesters'
ratings of the service (`satisfaction`). Import them from here."""

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
from information_requests.models.satisfaction import SatisfactionResponse

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
    "SatisfactionResponse",
    "SearchFirstHit",
    "ServiceReportPage",
    "ServiceStatisticsPage",
    "StaffAgency",
    "WrittenNotice",
    "private_attachment_path",
    "private_storage",
]
