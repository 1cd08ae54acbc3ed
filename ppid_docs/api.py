"""The read-only JSON API (Wagtail API v2) at /api/v2/: pages, documents and images.

Only what anyone may see, the same for every visitor, so successful JSON answers are cached
publicly for a few minutes. Fields, filters and examples: docs/api.md.
"""

from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from wagtail.api import APIField
from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    OrderingFilter,
    SearchFilter,
    TranslationOfFilter,
)
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.serializers import DocumentSerializer
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet

from ppid_docs.api_filters import (
    FILTERS,
    KIND_TYPE_FIELDS,
    SHARED_FILTERS,
    ContentLocaleFilter,
    PublicationFilter,
    StrictFieldsFilter,
    refuse_null_characters,
)
from ppid_docs.models import FinancialReportPage, RegulationPage, WorkPlanPage
from ppid_docs.models.publication import PublicationPage
from ppid_docs.public import PublicPageCheck, outside_restricted_collections, public_pages
from ppid_docs.serializers import AgencyField, TagNamesField

CACHE_SECONDS = 5 * 60

# What each kind's api_fields read beyond its own row, fetched once per listing.
PREFETCHES = {
    RegulationPage: ["subjects"],
    FinancialReportPage: ["figures"],
    WorkPlanPage: ["programmes"],
}


class BoundedPagination(WagtailPagination):
    """An offset past the end gives an empty page without asking the database, which would
    overflow on a huge one."""

    def paginate_queryset(self, queryset, request, view=None):
        page = super().paginate_queryset(queryset, request, view)
        return [] if int(request.GET.get("offset", 0)) >= self.total_count else page


class PublicEndpointMixin:
    """Answers anyone may cache, and the query strings Wagtail would fail on refused with a 400."""

    pagination_class = BoundedPagination

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        refuse_null_characters(request.GET)

    def find_object(self, queryset, request):
        if "id" in request.GET and not request.GET["id"].isdigit():
            raise BadRequestError(_("id must be a whole number."))
        return super().find_object(queryset, request)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # The browsable HTML view names the signed-in user: only the JSON may be shared.
        if response.status_code == 200 and response.accepted_renderer.format == "json":
            patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
        return response


class PublicationPagesAPIViewSet(PublicEndpointMixin, PagesAPIViewSet):
    filter_backends = [
        StrictFieldsFilter,
        PublicationFilter,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        OrderingFilter,
        TranslationOfFilter,
        ContentLocaleFilter,
        SearchFilter,  # last: search results cannot be filtered further
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters | FILTERS

    @classmethod
    def get_listing_default_fields(cls, model):
        fields = super().get_listing_default_fields(model)
        if issubclass(model, PublicationPage):
            fields += ["agency", "category", "year", KIND_TYPE_FIELDS[model], "document"]
        return fields

    def get_base_queryset(self):
        # Asked for several times per request; each build reads the view restrictions.
        if not hasattr(self, "_public_pages"):
            self._public_pages = public_pages(self.request)
        return self._public_pages

    def get_queryset(self):
        queryset = super().get_queryset().select_related("locale")
        model = queryset.model
        if issubclass(model, PublicationPage):
            queryset = queryset.select_related("agency", "document")
        if model is RegulationPage:
            queryset = queryset.with_changes()
        return queryset.prefetch_related(*PREFETCHES.get(model, []))

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["public_pages"] = PublicPageCheck()
        return context


class PublicMediaMixin:
    """Documents or images outside restricted collections, with their tags prefetched."""

    def get_queryset(self):
        # Asked for twice per listing: read the restrictions once.
        if not hasattr(self, "_public_media"):
            queryset = outside_restricted_collections(self.get_media_queryset())
            self._public_media = queryset.order_by("id")
        return self._public_media

    def get_media_queryset(self):
        return self.model.objects.prefetch_related("tags")


class PPIDDocumentSerializer(DocumentSerializer):
    # Read from the prefetched tags; Wagtail's own field queries once per document.
    tags = TagNamesField(read_only=True)


class PPIDDocumentsAPIViewSet(PublicEndpointMixin, PublicMediaMixin, DocumentsAPIViewSet):
    base_serializer_class = PPIDDocumentSerializer
    filter_backends = [StrictFieldsFilter, PublicationFilter, OrderingFilter, SearchFilter]
    known_query_parameters = DocumentsAPIViewSet.known_query_parameters | SHARED_FILTERS
    body_fields = DocumentsAPIViewSet.body_fields + [
        "description",
        APIField("agency", serializer=AgencyField()),
        "category",
        "year",
        "file_size",
        "page_count",
        "text_extraction",
        "extracted_text",
    ]
    # The extracted text can run to megabytes: only a document's own page offers it, on request.
    detail_only_fields = ["extracted_text"]
    listing_default_fields = DocumentsAPIViewSet.listing_default_fields + [
        "agency",
        "category",
        "year",
        "file_size",
        "page_count",
    ]
    nested_default_fields = DocumentsAPIViewSet.nested_default_fields + [
        "file_size",
        "page_count",
    ]

    @classmethod
    def get_detail_default_fields(cls, model):
        return [
            field
            for field in super().get_detail_default_fields(model)
            if field not in cls.detail_only_fields
        ]

    def get_media_queryset(self):
        return super().get_media_queryset().select_related("agency")


class PortalImageSerializer(ImageSerializer):
    tags = TagNamesField(read_only=True)


class PortalImagesAPIViewSet(PublicEndpointMixin, PublicMediaMixin, ImagesAPIViewSet):
    base_serializer_class = PortalImageSerializer


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicationPagesAPIViewSet)
api_router.register_endpoint("documents", PPIDDocumentsAPIViewSet)
api_router.register_endpoint("images", PortalImagesAPIViewSet)
