from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from introsak.casefacts import enums as facts
from introsak.cases.enums import EducationLevel, ProtectedAddress, ResidenceBasis, Sex


class Person(models.Model):
    """A newly settled refugee. Identity numbers are validated at the boundary
    (``introsak.identity``); gender is recorded as given, never derived from the number."""

    # NULL (not "") when absent, so the unique constraint applies to given numbers only.
    national_id = models.CharField(  # noqa: DJ001
        _("national identity number or D-number"), max_length=11, null=True, blank=True
    )
    duf_number = models.CharField(  # noqa: DJ001
        _("DUF number"), max_length=12, null=True, blank=True
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    birth_date = models.DateField(_("birth date"))
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, blank=True)
    residence_basis = models.CharField(
        _("residence basis"), max_length=30, choices=ResidenceBasis.choices
    )
    permit_date = models.DateField(_("residence permit date"))
    settlement_date = models.DateField(_("settlement date"))
    settled_by_agreement = models.BooleanField(_("settled by agreement with IMDi"))
    education_level = models.CharField(
        _("education at arrival"), max_length=30, choices=EducationLevel.choices
    )
    has_children_under_18 = models.BooleanField(_("has children under 18"), default=False)
    expecting_child = models.BooleanField(_("expecting a child"), default=False)
    protected_address = models.CharField(
        _("protected address"),
        max_length=30,
        choices=ProtectedAddress.choices,
        default=facts.ProtectedAddress.NONE,
    )
    address = models.TextField(_("address"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        constraints = [
            models.UniqueConstraint(
                fields=["national_id"],
                condition=Q(national_id__isnull=False),
                name="person_national_id_unique",
            ),
            models.CheckConstraint(
                name="strictly_confidential_has_no_address",
                condition=~Q(protected_address=facts.ProtectedAddress.STRICTLY_CONFIDENTIAL)
                | Q(address=""),
            ),
        ]
        indexes = [
            # The access gateway excludes the few strictly confidential persons from every
            # list by id (``access.domain.gateway``); this keeps that set one index read.
            models.Index(
                fields=["id"],
                condition=Q(protected_address=facts.ProtectedAddress.STRICTLY_CONFIDENTIAL),
                name="person_strictly_confidential",
            ),
        ]

    def __str__(self) -> str:
        return f"Person {self.pk}"
