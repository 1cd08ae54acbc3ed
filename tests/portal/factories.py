import factory
import wagtail_factories

from portal.models import ContentPage, HomePage
from portal.models.images import PortalImage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Beranda"
    slug = factory.Sequence(lambda n: f"beranda-{n}")

    class Meta:
        model = HomePage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Halaman {n}")
    intro = "Ringkasan halaman."

    class Meta:
        model = ContentPage


class PortalImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Foto {n}")

    class Meta:
        model = PortalImage
