from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class NewsKind(models.TextChoices):
    BERITA = "berita", pgettext_lazy("kind of news item", "News")
    PENGUMUMAN = "pengumuman", pgettext_lazy("kind of news item", "Announcement")
    AGENDA = "agenda", pgettext_lazy("kind of news item", "Event")


class EventTiming(models.TextChoices):
    """The listing's filter on agenda items by whether their event is over."""

    UPCOMING = "upcoming", _("Upcoming and ongoing")
    PAST = "past", _("Past")
