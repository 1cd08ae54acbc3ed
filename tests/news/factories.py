import datetime

import factory
import wagtail_factories

from news.models import NewsIndexPage, NewsPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Berita"
    slug = "berita"

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Berita {n}")
    slug = factory.Sequence(lambda n: f"berita-{n}")
    kind = "berita"
    published_on = datetime.date(2026, 11, 2)
    summary = "Ringkasan berita untuk daftar dan umpan."

    class Meta:
        model = NewsPage
        skip_postgeneration_save = True

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        """`tags=["ppid", ...]` tags the item."""
        if extracted:
            self.tags.add(*extracted)
            if create:
                self.save()
