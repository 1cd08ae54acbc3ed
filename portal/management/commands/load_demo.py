from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from information_requests.demo import load_demo_service
from portal.demo import (
    fill_demo_agency_contacts,
    load_demo_news,
    load_demo_pages,
    load_demo_service_pages,
)
from portal.demo_english import load_demo_english
from ppid_docs.management.commands.import_corpus import quiet

DEMO_CORPUS = settings.BASE_DIR / "demo" / "corpus"


class Command(BaseCommand):
    help = (
        "Load the demo site (home and profile pages, Indonesian and English), the demo corpus "
        "of regulations, financial reports, plans, public information and news, and a history of "
        "requests, objections and satisfaction ratings behind the service report and statistics "
        "pages. Safe to re-run."
    )

    def handle(self, *args, **options):
        pages = load_demo_pages()
        self.stdout.write(
            self.style.SUCCESS(f"Demo site ready: {len(pages)} pages in each language.")
        )
        call_command("import_corpus", str(DEMO_CORPUS))
        fill_demo_agency_contacts()
        with quiet("wagtail"):
            reports = load_demo_news(DEMO_CORPUS)
        for report in reports:
            self.stdout.write(f"news: {report.summary()}")
            for problem in report.problems:
                self.stderr.write(f"  {problem.record}: {problem.reason}")
        with quiet("wagtail"):
            translated = load_demo_english()
        self.stdout.write(f"English versions of {len(translated)} publications and news items.")
        with quiet("wagtail"):
            service_pages = load_demo_service_pages()
        for page in service_pages:
            self.stdout.write(f"service page: {page.url}")
        service = load_demo_service()
        if service is None:
            self.stdout.write("requests: the installation has requests already, none added")
        else:
            self.stdout.write(
                f"requests: {service.requests}, objections: {service.objections}, "
                f"satisfaction ratings: {service.ratings}"
            )
