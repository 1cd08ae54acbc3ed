"""Demo site structure for `make run`: home, profile, publishing and news pages, both languages.

Idempotent: what exists already (perhaps edited by someone) is left as it is.
"""

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from information_requests.models import ServiceReportPage, ServiceStatisticsPage
from news.importer import import_news, import_news_records
from news.models import NewsIndexPage
from portal.models import ContactSettings, ContentPage, HomePage
from ppid_docs.models import (
    Agency,
    DipPage,
    ExemptRegisterPage,
    FinancialReportIndexPage,
    PublicInformationIndexPage,
    RegulationIndexPage,
    WorkPlanIndexPage,
)

DEMO_PAGES = Path(settings.BASE_DIR) / "demo" / "pages.json"

# Where citizens find the published information: (page type, slug, Indonesian and English title).
MENU_PAGES = {"profil-ppid", "tata-cara-permohonan-informasi"}
CONTACT = {
    "office_name": "PPID Utama Provinsi Lampung",
    "address": "Dinas Komunikasi, Informatika dan Statistik Provinsi Lampung\n"
    "Jl. Wolter Monginsidi No. 69, Teluk Betung, Bandar Lampung 35215",
    "phone": "(0721) 481107",
    "email": "ppid@lampungprov.go.id",
    "service_hours": "Senin–Jumat 08.00–16.00 WIB, kecuali hari libur nasional dan cuti bersama",
}

PUBLISHING_SECTIONS = [
    (RegulationIndexPage, "peraturan", "Peraturan", "Regulations"),
    (FinancialReportIndexPage, "laporan-keuangan", "Laporan Keuangan", "Financial reports"),
    (WorkPlanIndexPage, "rencana-kerja", "Rencana Kerja", "Work plans"),
    (PublicInformationIndexPage, "informasi-publik", "Informasi Publik", "Public information"),
    (DipPage, "daftar-informasi-publik", "Daftar Informasi Publik", "Public information list"),
    (
        ExemptRegisterPage,
        "informasi-dikecualikan",
        "Informasi yang Dikecualikan",
        "Exempt information",
    ),
]


def stream(blocks):
    return [
        {"type": block_type, "value": _block_value(block_type, value)}
        for block_type, value in blocks
    ]


def _block_value(block_type, value):
    return {"text": value, "level": "h2"} if block_type == "heading" else value


def default_and_english_locales():
    default = Locale.get_default()
    english, _ = Locale.objects.get_or_create(language_code="en")
    return default, english


@transaction.atomic
def ensure_home_page(content):
    """Make a HomePage the root of the default site, replacing Wagtail's welcome page."""
    site = Site.objects.filter(is_default_site=True).first()
    if site and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(slug="beranda", **content))
    home.save_revision().publish()
    if site:
        placeholder = site.root_page
        site.root_page = home
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()
        if placeholder.specific_class is Page:
            placeholder.delete()
    else:
        Site.objects.create(
            hostname="localhost",
            root_page=home,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
    return home


def ensure_translation(page, locale, content):
    existing = page.get_translation_or_none(locale)
    if existing:
        return existing
    translated = page.copy_for_translation(locale)
    for field, value in content.items():
        setattr(translated, field, stream(value) if field == "body" else value)
    translated.save_revision().publish()
    return translated


def ensure_child_page(parent, page):
    """Publish `page` under `parent` unless a page with its slug is there already."""
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing:
        return existing.specific
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_content_page(parent, slug, content):
    return ensure_child_page(
        parent,
        ContentPage(
            slug=slug,
            show_in_menus=slug in MENU_PAGES,
            title=content["title"],
            intro=content.get("intro", ""),
            body=stream(content.get("body", [])),
        ),
    )


def ensure_publishing_sections(home, english):
    """The lists of regulations, reports, plans and information, the DIP and the exempt register."""
    pages = []
    for page_type, slug, title, english_title in PUBLISHING_SECTIONS:
        page = ensure_child_page(home, page_type(slug=slug, title=title, show_in_menus=True))
        ensure_translation(page, english, {"title": english_title})
        pages.append(page)
    return pages


def ensure_news_index(home, english, content):
    index = ensure_child_page(
        home,
        NewsIndexPage(
            slug=content["slug"], title=content["id"]["title"], intro=content["id"]["intro"]
        ),
    )
    ensure_translation(index, english, content["en"])
    return index


def load_demo_news(corpus):
    """The corpus' news and the demo's agenda items, under the news list of the default site."""
    index = NewsIndexPage.objects.filter(locale=Locale.get_default()).first()
    if index is None:
        return ()  # removed by an editor: nothing to put the news under
    data = json.loads(DEMO_PAGES.read_text(encoding="utf-8"))["news"]
    return import_news(corpus, index), import_news_records(data["items"], index)


def load_demo_pages():
    data = json.loads(DEMO_PAGES.read_text(encoding="utf-8"))
    _default, english = default_and_english_locales()
    home = ensure_home_page(data["home"]["id"])
    ensure_translation(home, english, data["home"]["en"])
    pages = [home]
    for entry in data["pages"]:
        page = ensure_content_page(home, entry["slug"], entry["id"])
        ensure_translation(page, english, entry["en"])
        pages.append(page)
    pages.extend(ensure_publishing_sections(home, english))
    pages.append(ensure_news_index(home, english, data["news"]))
    ensure_quick_links(home, {page.slug: page for page in pages})
    ensure_contact_details()
    return pages


def ensure_quick_links(home, pages_by_slug):
    """The home page's quick links, in each language of the home page."""
    dip = pages_by_slug["daftar-informasi-publik"].pk
    procedures = pages_by_slug["tata-cara-permohonan-informasi"].pk
    links = [
        (
            "service",
            "information_requests:form",
            "Ajukan permohonan informasi",
            "Isi formulir, dapatkan nomor registrasi",
            "Request information",
            "Fill in the form, get a registration number",
        ),
        (
            "service",
            "information_requests:track",
            "Lacak permohonan",
            "Dengan nomor registrasi dan tautan pribadi Anda",
            "Track a request",
            "With your registration number and private link",
        ),
        (
            "page",
            dip,
            "Daftar Informasi Publik",
            "Semua informasi yang kami kuasai",
            "Public information list",
            "All the information we hold",
        ),
        (
            "page",
            procedures,
            "Tata cara permohonan",
            "Hak, biaya, jangka waktu dan keberatan",
            "How to request",
            "Your rights, costs, deadlines and objections",
        ),
    ]
    for page in [home, *home.get_translations()]:
        page = page.specific
        if page.quick_links:
            continue
        english = page.locale.language_code == "en"
        page.quick_links = [
            {
                "type": "link",
                "value": {
                    target: value,
                    "label": en_label if english else id_label,
                    "description": en_description if english else id_description,
                },
            }
            for target, value, id_label, id_description, en_label, en_description in links
        ]
        page.save_revision().publish()


def ensure_contact_details():
    site = Site.objects.get(is_default_site=True)
    contact = ContactSettings.for_site(site)
    if not contact.email:
        for field, value in CONTACT.items():
            setattr(contact, field, value)
        contact.save()


def fill_demo_agency_contacts():
    """Demo PPID Pelaksana for the agencies the corpus brought, so the PPID profile lists them.
    (A real import never invents officials: these come from the agencies' decrees.)"""
    for agency in Agency.objects.filter(ppid_officer=""):
        agency.ppid_officer = f"Sekretaris {agency.name}"
        agency.ppid_email = f"ppid.{agency.slug}@lampungprov.go.id"
        agency.save(update_fields=["ppid_officer", "ppid_email"])


def load_demo_service_pages():
    """The public statistics page and last year's service report, in both languages, under the
    home page of the default site (none if an editor removed it)."""
    home = HomePage.objects.filter(locale=Locale.get_default()).first()
    if home is None:
        return []
    data = json.loads(DEMO_PAGES.read_text(encoding="utf-8"))["service"]
    _default, english = default_and_english_locales()
    year = timezone.localdate().year - 1
    report, statistics = data["report"], data["statistics"]
    pages = [
        (
            ServiceReportPage(
                slug=report["slug"].format(year=year),
                year=year,
                **{field: value.format(year=year) for field, value in report["id"].items()},
            ),
            {field: value.format(year=year) for field, value in report["en"].items()},
        ),
        (ServiceStatisticsPage(slug=statistics["slug"], **statistics["id"]), statistics["en"]),
    ]
    published = []
    for page, english_content in pages:
        page = ensure_child_page(home, page)
        ensure_translation(page, english, english_content)
        published.append(page)
    return published
