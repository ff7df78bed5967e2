from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class District(models.Model):
    """One of Oslo's 15 city districts (bydel); its NAV office runs the programme."""

    slug = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    nav_office = models.CharField(_("NAV office"), max_length=100)
    number = models.PositiveSmallIntegerField(_("district number"), unique=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self) -> str:
        return self.name
