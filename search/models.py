from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


class PendingIndexUpdate(models.Model):
    """An object whose index entry could not be written while the engine was unreachable.

    One row per object, whatever happened to it since: the replay indexes it again if it still
    exists and is indexable, and removes it from the index otherwise.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    first_failed_at = models.DateTimeField(auto_now_add=True)
    last_failed_at = models.DateTimeField(auto_now=True)
    attempts = models.PositiveIntegerField(default=1)
    last_error = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="unique_pending_index_update"
            )
        ]
        verbose_name = _("pending index update")
        verbose_name_plural = _("pending index updates")

    def __str__(self):
        return f"{self.content_type} {self.object_id}"

    @classmethod
    def record(cls, obj, error):
        model = index.get_indexed_instance(obj, check_exists=False) or obj
        update, created = cls.objects.get_or_create(
            content_type=ContentType.objects.get_for_model(model, for_concrete_model=True),
            object_id=str(obj.pk),
            defaults={"last_error": str(error)[:1000]},
        )
        if not created:
            update.attempts = models.F("attempts") + 1
            update.last_error = str(error)[:1000]
            update.save(update_fields=["attempts", "last_error", "last_failed_at"])
        return update


class Synonym(models.Model):
    """Words or phrases that mean the same to a searcher (APBD = anggaran pendapatan …).

    Applied at search time only, so editing one needs no reindex (see search/synonyms.py).
    """

    terms = models.TextField(
        _("terms"),
        help_text=_(
            "Words or phrases that mean the same, separated by commas, e.g. "
            "“APBD, anggaran pendapatan dan belanja daerah”."
        ),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["terms"]
        verbose_name = _("synonym")
        verbose_name_plural = _("synonyms")

    def __str__(self):
        return self.terms

    def term_list(self):
        return [term.strip().lower() for term in self.terms.split(",") if term.strip()]

    def clean(self):
        terms = self.term_list()
        if len(terms) < 2:
            raise ValidationError({"terms": _("Give at least two terms, separated by commas.")})
        if any(character in term for term in terms for character in "=>#\\"):
            raise ValidationError(
                {"terms": _("Use only words and spaces in each term (no “=>”, “#” or “\\”).")}
            )
        self.terms = ", ".join(terms)

    def rule(self):
        """The line of the engine's synonym list (Solr format: equivalent terms)."""
        return ", ".join(self.term_list())
