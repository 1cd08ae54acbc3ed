from .agencies import Agency, AgencyIndexPage, AgencyPage
from .dip import DipPage
from .documents import PPIDDocument, TextExtraction
from .exemptions import ExemptionDecision
from .finance import FinancialFigure, FinancialReportPage
from .indexes import (
    ExemptRegisterPage,
    FinancialReportIndexPage,
    PublicInformationIndexPage,
    RegulationIndexPage,
    WorkPlanIndexPage,
)
from .plans import WorkPlanPage, WorkPlanProgramme
from .public_information import PublicInformationPage
from .regulations import RegulationPage, RegulationRelation, RegulationSubject

__all__ = [
    "Agency",
    "AgencyIndexPage",
    "AgencyPage",
    "DipPage",
    "ExemptRegisterPage",
    "ExemptionDecision",
    "FinancialFigure",
    "FinancialReportIndexPage",
    "FinancialReportPage",
    "PPIDDocument",
    "PublicInformationIndexPage",
    "PublicInformationPage",
    "RegulationIndexPage",
    "RegulationPage",
    "RegulationRelation",
    "RegulationSubject",
    "TextExtraction",
    "WorkPlanIndexPage",
    "WorkPlanPage",
    "WorkPlanProgramme",
]
