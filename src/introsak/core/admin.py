from django.contrib import admin

from introsak.core.models import District


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin[District]):
    list_display = ["number", "name", "nav_office", "slug"]
    search_fields = ["name", "slug"]
