from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.views import serve as wagtail_serve

from portal import two_factor
from portal import views as portal_views
from portal.routing import DOWNLOAD_EXTENSIONS
from portal.sitemap import AllLanguagesSitemap
from search import views as search_views

urlpatterns = [
    path("healthz", portal_views.healthz, name="healthz"),
    path("admin/two-factor/setup/", two_factor.setup, name="portal_two_factor_setup"),
    path("admin/two-factor/verify/", two_factor.verify, name="portal_two_factor_verify"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/", include("ppid_docs.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": AllLanguagesSitemap}}, name="sitemap"),
    path("robots.txt", portal_views.robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Indonesian at the root, English under /en/.
urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("search/suggest/", search_views.suggest, name="search_suggest"),
    path("permohonan-informasi/", include("information_requests.urls")),
    # Page URLs never contain a dot, but the files pages offer do (figures.csv, export.xlsx).
    re_path(
        rf"^((?:[\w\-]+/)*[\w\-]+\.(?:{'|'.join(DOWNLOAD_EXTENSIONS)}))/?$",
        wagtail_serve,
        name="page_download",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
