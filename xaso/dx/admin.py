from django.contrib import admin

from xaso.dx.models import Assessment, DigitalTeam, HelpLog, Indicator, IndicatorSet, RecognitionLevel


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


class LevelInline(admin.TabularInline):
    model = RecognitionLevel
    extra = 0


@admin.register(IndicatorSet)
class IndicatorSetAdmin(admin.ModelAdmin):
    list_display = ["name", "province", "year", "status", "is_public"]
    list_filter = ["status", "year"]
    inlines = [IndicatorInline, LevelInline]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["commune", "indicator_set", "status", "score", "level"]
    list_filter = ["status"]
    raw_id_fields = ["commune"]
    readonly_fields = ["score", "summary", "level", "decided_by", "decided_at", "submitted_at"]


@admin.register(DigitalTeam)
class DigitalTeamAdmin(admin.ModelAdmin):
    list_display = ["name", "commune", "village", "is_active"]
    raw_id_fields = ["commune", "village"]


@admin.register(HelpLog)
class HelpLogAdmin(admin.ModelAdmin):
    list_display = ["household", "commune", "action", "helped_on"]
    raw_id_fields = ["commune", "village", "team", "helper"]
