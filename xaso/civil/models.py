"""The electronic civil-status register (sổ hộ tịch điện tử): a book per commune, kind and
year; one entry per registered event, numbered without gaps within its book; the amendments
of an entry (corrections and changes), each with who, when, why and on which decision.

An entry keeps the main person's name, dates, sex, parents and place in columns (searched,
checked for duplicates), the other data of the event as the law's forms name it (declarant,
spouses, witnesses…) in `details`. Folded columns (xaso.core.text.fold) let a name typed
without diacritics find the entry."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xaso.core.tenancy import ScopedManager


class EntryKind(models.TextChoices):
    BIRTH = "birth", _("Birth")
    DEATH = "death", _("Death")
    MARRIAGE = "marriage", _("Marriage")
    RECOGNITION = "recognition", _("Recognition of parent and child")
    GUARDIANSHIP = "guardianship", _("Guardianship")
    CHANGE = "change", _("Change or correction of civil status")
    REREGISTRATION = "reregistration", _("Re-registration of birth")


class Sex(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


class RegisterBook(models.Model):
    """A book (quyển) of the commune's register for one kind of event and one year. It is also
    the counter of its entries' numbers (xaso.core.counters.next_number locks it)."""

    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=EntryKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    ordinal = models.PositiveSmallIntegerField(_("book number"), default=1)
    last = models.PositiveIntegerField(default=0)

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("civil-status register book")
        verbose_name_plural = _("civil-status register books")
        constraints = [
            models.UniqueConstraint(fields=["commune", "kind", "year"], name="civil_book_one_per_kind_year")
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        """As printed after "Quyển số": "01/2026"."""
        return f"{self.ordinal:02d}/{self.year}"


class RegisterEntry(models.Model):
    book = models.ForeignKey(RegisterBook, on_delete=models.PROTECT, related_name="entries")
    number = models.PositiveIntegerField(_("number"))
    # Denormalised from the book: scoping, the search's index and the completeness table.
    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=EntryKind.choices)
    registered_on = models.DateField(_("registered on"))
    village = models.ForeignKey(
        "places.Village", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The main person: the child (birth), the deceased, the husband (marriage), the person
    # recognised, the ward (guardianship), the person whose record changes or is re-registered.
    name = models.CharField(_("full name"), max_length=150)
    name_folded = models.CharField(max_length=150)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    # The date of the event when it is not the registration's: the death.
    event_date = models.DateField(_("date of the event"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    # The second person: the wife (marriage), the parent or child recognising, the guardian.
    other_name = models.CharField(_("other person"), max_length=150, blank=True)
    other_folded = models.CharField(max_length=150, blank=True)
    other_birth_date = models.DateField(_("other person's date of birth"), null=True, blank=True)
    father_name = models.CharField(_("father"), max_length=150, blank=True)
    father_folded = models.CharField(max_length=150, blank=True)
    mother_name = models.CharField(_("mother"), max_length=150, blank=True)
    mother_folded = models.CharField(max_length=150, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    dossier = models.OneToOneField(
        "onestop.Dossier", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The number and symbol of the signed paper issued from the entry (set by whoever issues it).
    paper_code = models.CharField(_("paper issued"), max_length=60, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")
        ordering = ["-registered_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["book", "number"], name="civil_entry_number_unique_in_book")
        ]
        indexes = [
            # The search: a name without diacritics, then a birth date or year (bench: 1M rows).
            models.Index(fields=["commune", "name_folded", "birth_date"], name="civil_entry_name_idx"),
            models.Index(fields=["name_folded", "birth_date"], name="civil_entry_name_any_idx"),
            # The duplicate check on a birth and the completeness table.
            models.Index(fields=["kind", "name_folded", "birth_date"], name="civil_entry_dup_idx"),
            models.Index(fields=["commune", "kind", "registered_on"], name="civil_entry_kind_day_idx"),
        ]

    def __str__(self):
        return f"{self.number}/{self.book.name} {self.name}"


class EntryAmendment(models.Model):
    """A correction or change of an entry: the entry's values before and after, never lost."""

    entry = models.ForeignKey(RegisterEntry, on_delete=models.CASCADE, related_name="amendments")
    at = models.DateTimeField(_("at"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_name = models.CharField(_("amended by"), max_length=150, blank=True)
    reason = models.TextField(_("reason"))
    decision = models.CharField(_("decision"), max_length=300)
    # {field: [before, after]}, values as the entry shows them (dates ISO).
    changes = models.JSONField(_("changes"), default=dict)

    commune_path = "entry__commune"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.entry_id}: {self.decision}"


class DuplicateConfirmation(models.Model):
    """An officer's confirmation that a dossier's event is not one already in the register,
    although it looks like one: the approval then records the entry."""

    dossier = models.OneToOneField("onestop.Dossier", on_delete=models.CASCADE, related_name="+")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(auto_now_add=True)
    # The entries it was shown (ids): a new look-alike registered later asks again.
    entries = models.JSONField(default=list)
    note = models.CharField(_("note"), max_length=300, blank=True)

    commune_path = "dossier__commune"
    objects = ScopedManager()

    def __str__(self):
        return f"{self.dossier_id}: {self.entries}"


class EntryExtract(models.Model):
    """An extract copy (bản sao trích lục, procedure 2.000635) asked for by a dossier and
    issued from an entry: the register links them when the dossier is approved. The copy's own
    number is the outgoing registry's, taken when the clerk issues it (xaso.onestop.issuance);
    the entry's `dossier` stays the dossier that registered the event."""

    entry = models.ForeignKey(RegisterEntry, on_delete=models.PROTECT, related_name="extracts")
    dossier = models.OneToOneField("onestop.Dossier", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    commune_path = "entry__commune"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("extract copy")
        verbose_name_plural = _("extract copies")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.entry_id}: {self.dossier_id}"
