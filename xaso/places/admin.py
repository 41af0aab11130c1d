from django.contrib import admin

from xaso.places.models import Commune, Province, Village


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "type"]
    search_fields = ["code", "name", "search_text"]


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "type", "province"]
    list_filter = ["type", "province"]
    search_fields = ["code", "name", "search_text"]
    readonly_fields = ["code", "province", "name", "type", "codename", "search_text"]


@admin.register(Village)
class VillageAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "commune"]
    search_fields = ["name", "search_text"]
    raw_id_fields = ["commune"]
