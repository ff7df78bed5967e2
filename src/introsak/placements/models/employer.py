from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from introsak.cases.enums import Sector
from introsak.placements.enums import Ownership


class Employer(models.Model):
    """A workplace that offers placements. ``orgnr`` is the nine-digit organisation number
    of the Central Coordinating Register for Legal Entities, validated at the boundary
    (``introsak.identity.clean_orgnr``); it is the key import merges on."""

    orgnr = models.CharField(_("organisation number"), max_length=9, unique=True)
    name = models.CharField(_("name"), max_length=200)
    sector = models.CharField(_("sector"), max_length=40, choices=Sector.choices)
    ownership = models.CharField(_("ownership"), max_length=20, choices=Ownership.choices)
    district = models.ForeignKey(
        "core.District",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employers",
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("employer")
        verbose_name_plural = _("employers")

    def __str__(self) -> str:
        return self.name
