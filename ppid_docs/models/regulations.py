from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, OuterRef, Prefetch, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from portal.lazy_context import lazy
from ppid_docs.choices import RegulationRelationKind, RegulationStatus, RegulationType
from ppid_docs.models.publication import PublicationPage
from ppid_docs.serializers import RegulationChangesField, TagNamesField
from ppid_docs.status import IncomingChange, derive_status
from search.analysis import HIGHLIGHTED


class RegulationQuerySet(PageQuerySet):
    def with_status(self, today=None):
        """Annotate `status` exactly as `derive_status` decides it, in one query."""
        today = today or timezone.localdate()
        in_force = RegulationRelation.objects.filter(
            target=OuterRef("pk"), source__live=True
        ).filter(
            models.Q(source__promulgated_on__isnull=True)
            | models.Q(source__promulgated_on__lte=today)
        )
        return self.annotate(
            status=Case(
                When(promulgated_on__gt=today, then=Value(RegulationStatus.BELUM_BERLAKU.value)),
                When(
                    Exists(in_force.filter(kind=RegulationRelationKind.REVOKES)),
                    then=Value(RegulationStatus.DICABUT.value),
                ),
                When(
                    Exists(in_force.filter(kind=RegulationRelationKind.AMENDS)),
                    then=Value(RegulationStatus.DIUBAH.value),
                ),
                default=Value(RegulationStatus.BERLAKU.value),
                output_field=models.CharField(),
            )
        )

    def status_changed_between(self, after, until):
        """Regulations whose status a day in (after, until] changed: their own entry into force,
        or that of a live regulation amending or revoking them."""
        entered_force = models.Q(promulgated_on__gt=after, promulgated_on__lte=until)
        changed_by = models.Q(
            incoming_relations__source__live=True,
            incoming_relations__source__promulgated_on__gt=after,
            incoming_relations__source__promulgated_on__lte=until,
        )
        return self.filter(entered_force | changed_by).distinct()

    def with_changes(self):
        """Prefetch `changed_by()` and `changes()`: two queries for a whole listing."""
        return self.prefetch_related(
            Prefetch(
                "incoming_relations",
                queryset=RegulationRelation.objects.by_live_regulations(),
                to_attr="prefetched_changed_by",
            ),
            Prefetch(
                "outgoing_relations",
                queryset=RegulationRelation.objects.select_related("target"),
                to_attr="prefetched_changes",
            ),
        )


RegulationManager = PageManager.from_queryset(RegulationQuerySet)


class RegulationSubject(TaggedItemBase):
    content_object = ParentalKey(
        "ppid_docs.RegulationPage", on_delete=models.CASCADE, related_name="tagged_subjects"
    )


class RegulationPage(PublicationPage):
    """A Perda, Pergub, Kepgub, circular or instruction, with its JDIH metadata."""

    regulation_type = models.CharField(
        _("type"), max_length=20, choices=RegulationType.choices, db_index=True
    )
    number = models.CharField(_("number"), max_length=100)
    about = models.TextField(_("about (tentang)"))
    enacted_on = models.DateField(_("enacted on"), null=True, blank=True)
    enacted_at = models.CharField(_("enacted at"), max_length=100, default="Bandar Lampung")
    promulgated_on = models.DateField(_("promulgated on"), null=True, blank=True)
    issuing_body = models.CharField(
        _("issuing body (TEU)"), max_length=255, default="Provinsi Lampung"
    )
    legal_field = models.CharField(_("legal field"), max_length=255, blank=True)
    subjects = ClusterTaggableManager(
        through=RegulationSubject, blank=True, verbose_name=_("subjects")
    )
    abstract = models.TextField(_("abstract"), blank=True)
    language = models.CharField(_("language"), max_length=50, default="Bahasa Indonesia")
    source = models.CharField(
        _("source"),
        max_length=255,
        blank=True,
        help_text=_("Where it was published, e.g. Lembaran Daerah Provinsi Lampung 2019 Nomor 8."),
    )

    objects = RegulationManager()

    class Meta:
        verbose_name = _("regulation")
        verbose_name_plural = _("regulations")

    def status(self, today=None, changed_by=None):
        """Pass `changed_by` when it is already loaded, to spare a query."""
        today = today or timezone.localdate()
        changes = [
            IncomingChange(relation.kind, relation.source.promulgated_on)
            for relation in (self.changed_by() if changed_by is None else changed_by)
        ]
        return RegulationStatus(derive_status(self.promulgated_on, changes, today))

    def get_status_display(self):
        return self.status().label

    def changed_by(self):
        """Live regulations that amend or revoke this one ("diubah oleh", "dicabut oleh")."""
        if self.pk is None:  # previewing a new page: nothing can point at it yet
            return RegulationRelation.objects.none()
        if hasattr(self, "prefetched_changed_by"):
            return self.prefetched_changed_by
        return self.incoming_relations.by_live_regulations()

    def changes(self):
        """The regulations this one amends or revokes ("mengubah", "mencabut")."""
        if hasattr(self, "prefetched_changes"):
            return self.prefetched_changes
        return self.outgoing_relations.select_related("target")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: when the cached content fragment is served, none of this is read.
        details = lazy(self.relation_details)
        context.update(
            status=lazy(lambda: details["status"]),
            relations=lazy(lambda: details["relations"]),
            subjects=lazy(lambda: list(self.subjects.all())),
        )
        return context

    def relation_details(self):
        """The status and the related regulations under their headings, for the page."""
        changed_by = list(self.changed_by())
        changes = [relation for relation in self.changes() if relation.target.live]
        headings = {
            ("out", RegulationRelationKind.AMENDS): _("Amends"),
            ("out", RegulationRelationKind.REVOKES): _("Revokes"),
            ("in", RegulationRelationKind.AMENDS): _("Amended by"),
            ("in", RegulationRelationKind.REVOKES): _("Revoked by"),
        }
        related = {
            ("out", kind): [relation.target for relation in changes if relation.kind == kind]
            for kind in RegulationRelationKind
        } | {
            ("in", kind): [relation.source for relation in changed_by if relation.kind == kind]
            for kind in RegulationRelationKind
        }
        return {
            "status": self.status(changed_by=changed_by),
            "relations": [(headings[key], related[key]) for key in headings if related[key]],
        }

    content_panels = PublicationPage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("regulation_type"), FieldPanel("number"), FieldPanel("year")]
                ),
                FieldPanel("about"),
                FieldRowPanel([FieldPanel("enacted_on"), FieldPanel("enacted_at")]),
                FieldPanel("promulgated_on"),
                FieldPanel("issuing_body"),
                FieldPanel("source"),
            ],
            heading=_("Identification"),
        ),
        FieldPanel("category"),
        FieldPanel("summary"),
        FieldPanel("abstract"),
        FieldPanel("subjects"),
        FieldPanel("legal_field"),
        FieldPanel("language"),
        FieldPanel("document"),
        InlinePanel("outgoing_relations", heading=_("Amends or revokes"), label=_("Change")),
        *PublicationPage.dip_panels,
    ]
    api_fields = PublicationPage.api_fields + [
        APIField("regulation_type"),
        APIField("number"),
        APIField("about"),
        APIField("enacted_on"),
        APIField("enacted_at"),
        APIField("promulgated_on"),
        APIField("issuing_body"),
        APIField("source"),
        APIField("subjects", serializer=TagNamesField()),
        APIField("legal_field"),
        APIField("abstract"),
        APIField("language"),
        APIField("status"),
        APIField("changes", serializer=RegulationChangesField(other_end="target")),
        APIField("changed_by", serializer=RegulationChangesField(other_end="source")),
    ]
    search_fields = PublicationPage.search_fields + [
        index.SearchField("about", boost=3, **HIGHLIGHTED),
        index.SearchField("number", boost=2),
        index.SearchField("abstract"),
        index.SearchField("legal_field"),
        index.RelatedFields("subjects", [index.SearchField("name", boost=2)]),
        index.FilterField("regulation_type"),
        index.FilterField("promulgated_on"),
        # Derived from dates and other regulations: re-indexed when those change (search/signals).
        index.FilterField("status"),
    ]
    parent_page_types = ["ppid_docs.AgencyPage"]
    subpage_types = []


class RegulationRelationQuerySet(models.QuerySet):
    def by_live_regulations(self):
        """Changes made by live regulations, in the order they were made."""
        return (
            self.filter(source__live=True)
            .select_related("source")
            .order_by("source__year", "source__promulgated_on", "pk")
        )


class RegulationRelation(Orderable):
    """`source` amends or revokes `target`; the target's status follows from it."""

    source = ParentalKey(
        RegulationPage, on_delete=models.CASCADE, related_name="outgoing_relations"
    )
    target = models.ForeignKey(
        RegulationPage,
        verbose_name=_("regulation"),
        on_delete=models.CASCADE,
        related_name="incoming_relations",
    )
    kind = models.CharField(_("change"), max_length=10, choices=RegulationRelationKind.choices)

    objects = RegulationRelationQuerySet.as_manager()

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"], name="unique_regulation_relation"
            ),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="regulation_not_self_related"
            ),
        ]
        verbose_name = _("regulation change")
        verbose_name_plural = _("regulation changes")

    def __str__(self):
        return f"{self.source} {self.get_kind_display()} {self.target}"

    def clean(self):
        if self.source_id and self.source_id == self.target_id:
            raise ValidationError({"target": _("A regulation cannot change itself.")})

    panels = [FieldPanel("kind"), FieldPanel("target")]
