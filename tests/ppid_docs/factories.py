import datetime

import factory
import wagtail_factories
from django.core.files.base import ContentFile

from ppid_docs.models import (
    Agency,
    AgencyIndexPage,
    AgencyPage,
    DipPage,
    ExemptionDecision,
    ExemptRegisterPage,
    FinancialFigure,
    FinancialReportIndexPage,
    FinancialReportPage,
    PPIDDocument,
    PublicInformationIndexPage,
    PublicInformationPage,
    RegulationIndexPage,
    RegulationPage,
    RegulationRelation,
    WorkPlanIndexPage,
    WorkPlanPage,
    WorkPlanProgramme,
)
from tests.ppid_docs.pdfs import blank_pdf


class AgencyFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Dinas Contoh {n} Provinsi Lampung")
    acronym = factory.Sequence(lambda n: f"DC{n}")
    slug = factory.Sequence(lambda n: f"dinas-contoh-{n}")

    class Meta:
        model = Agency


class DocumentFactory(factory.django.DjangoModelFactory):
    """A document just uploaded, its text extraction pending.

    Given extraction fields (`page_count=12`, `extracted_text=...`), it is the document as the
    background task leaves it: saving a new file queues the task after commit, which test
    transactions never reach, so those fields are written the way the task writes them.
    """

    title = factory.Sequence(lambda n: f"Dokumen {n}")
    file = factory.LazyAttribute(
        lambda o: ContentFile(
            blank_pdf(pages=getattr(o, "page_count", None) or 1), name="dokumen.pdf"
        )
    )
    # Measured on upload, as the admin does.
    file_size = factory.LazyAttribute(lambda o: o.file.size)

    class Meta:
        model = PPIDDocument

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        extraction = {field: kwargs.pop(field) for field in EXTRACTION_FIELDS if field in kwargs}
        document = super()._create(model_class, *args, **kwargs)
        if extraction:
            extraction.setdefault(
                "text_extraction", "done" if extraction.get("extracted_text") else "no_text"
            )
            model_class.objects.filter(pk=document.pk).update(**extraction)
            document.refresh_from_db()
        return document


EXTRACTION_FIELDS = ("page_count", "extracted_text", "text_extraction", "text_extraction_error")


class AgencyIndexPageFactory(wagtail_factories.PageFactory):
    title = "Perangkat Daerah"
    slug = "perangkat-daerah"

    class Meta:
        model = AgencyIndexPage


class AgencyPageFactory(wagtail_factories.PageFactory):
    agency = factory.SubFactory(AgencyFactory)
    title = factory.SelfAttribute("agency.name")
    slug = factory.SelfAttribute("agency.slug")

    class Meta:
        model = AgencyPage


class PublicationFactory(wagtail_factories.PageFactory):
    # Titles repeat (two APBD of one year); slugs must not.
    slug = factory.Sequence(lambda n: f"publikasi-{n}")
    category = "berkala"
    year = 2024
    summary = "Ringkasan isi informasi."

    class Meta:
        abstract = True


class RegulationPageFactory(PublicationFactory):
    title = factory.LazyAttribute(
        lambda o: f"Peraturan Daerah Nomor {o.number} Tahun {o.year} tentang {o.about}"
    )
    regulation_type = "perda"
    number = factory.Sequence(lambda n: str(n + 1))
    about = "Penyelenggaraan Keterbukaan Informasi Publik"
    category = "setiap_saat"
    enacted_on = factory.LazyAttribute(lambda o: datetime.date(o.year, 3, 1))
    promulgated_on = factory.LazyAttribute(lambda o: datetime.date(o.year, 3, 2))

    class Meta:
        model = RegulationPage
        skip_postgeneration_save = True

    @factory.post_generation
    def subjects(self, create, extracted, **kwargs):
        """`subjects=["keterbukaan informasi", ...]` tags the regulation."""
        if extracted:
            self.subjects.add(*extracted)
            if create:
                self.save()


class RegulationRelationFactory(factory.django.DjangoModelFactory):
    kind = "amends"
    # The admin's inline panel numbers the changes in the order the editor gave them.
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = RegulationRelation


class FinancialReportPageFactory(PublicationFactory):
    title = factory.LazyAttribute(lambda o: f"APBD Tahun Anggaran {o.year}")
    report_type = "apbd"
    period = "tahunan"
    figures_basis = "anggaran"

    class Meta:
        model = FinancialReportPage


class FinancialFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FinancialFigure


class WorkPlanPageFactory(PublicationFactory):
    title = factory.LazyAttribute(lambda o: f"RKPD Provinsi Lampung Tahun {o.year}")
    plan_type = "rkpd"
    period_start = factory.SelfAttribute("year")
    period_end = factory.SelfAttribute("year")
    category = "setiap_saat"

    class Meta:
        model = WorkPlanPage


class WorkPlanProgrammeFactory(factory.django.DjangoModelFactory):
    programme = "Peningkatan layanan kesehatan"
    indicator = "Angka harapan hidup"
    target = "72 tahun"

    class Meta:
        model = WorkPlanProgramme


class PublicInformationPageFactory(PublicationFactory):
    title = factory.Sequence(lambda n: f"Standar Pelayanan {n}")
    information_type = "sop"

    class Meta:
        model = PublicInformationPage


class ExemptionDecisionFactory(factory.django.DjangoModelFactory):
    information = factory.Sequence(lambda n: f"Dokumen pengadaan yang dikecualikan {n}")
    agency = factory.SubFactory(AgencyFactory)
    ground = "b"
    reasons = "Membuka informasi ini dapat merugikan persaingan usaha yang sehat."
    decided_by = "PPID Utama Provinsi Lampung"
    decided_on = datetime.date(2024, 1, 15)
    exemption_period = "5 tahun"
    exempt_until = datetime.date(2029, 1, 15)

    class Meta:
        model = ExemptionDecision


class RegulationIndexPageFactory(wagtail_factories.PageFactory):
    title = "Peraturan"
    slug = "peraturan"

    class Meta:
        model = RegulationIndexPage


class FinancialReportIndexPageFactory(wagtail_factories.PageFactory):
    title = "Laporan Keuangan"
    slug = "laporan-keuangan"

    class Meta:
        model = FinancialReportIndexPage


class WorkPlanIndexPageFactory(wagtail_factories.PageFactory):
    title = "Rencana Kerja"
    slug = "rencana-kerja"

    class Meta:
        model = WorkPlanIndexPage


class PublicInformationIndexPageFactory(wagtail_factories.PageFactory):
    title = "Informasi Publik"
    slug = "informasi-publik"

    class Meta:
        model = PublicInformationIndexPage


class DipPageFactory(wagtail_factories.PageFactory):
    title = "Daftar Informasi Publik"
    slug = "daftar-informasi-publik"

    class Meta:
        model = DipPage


class ExemptRegisterPageFactory(wagtail_factories.PageFactory):
    title = "Informasi yang Dikecualikan"
    slug = "informasi-dikecualikan"

    class Meta:
        model = ExemptRegisterPage
