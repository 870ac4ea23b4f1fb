"""Admin of section 5 (広報): every model, with import/export; points inline in their item."""
from django.contrib import admin
from django.db import models
from backoffice.admin import PortalAdmin, PortalTabularInline

from .models import (
    Broadcaster,
    BroadcastProgramme,
    PolicyPoint,
    PressActivity,
    PressClubMember,
    Publication,
    PublicRelationsPolicy,
    WebChannel,
)
from .resources import (
    BroadcasterResource,
    BroadcastProgrammeResource,
    PolicyPointResource,
    PressActivityResource,
    PressClubMemberResource,
    PublicationResource,
    PublicRelationsPolicyResource,
    WebChannelResource,
)


class PolicyPointInline(PortalTabularInline):
    model = PolicyPoint


@admin.register(PublicRelationsPolicy)
class PublicRelationsPolicyAdmin(PortalAdmin):
    resource_classes = [PublicRelationsPolicyResource]
    list_display = ["number", "heading", "responsible_division", "source"]
    list_display_links = ["heading"]
    search_fields = ["heading", "body"]
    list_filter = ["responsible_division"]
    inlines = [PolicyPointInline]


@admin.register(PolicyPoint)
class PolicyPointAdmin(PortalAdmin):
    resource_classes = [PolicyPointResource]
    list_display = ["name", "policy", "order", "source"]
    list_editable = ["order"]
    search_fields = ["name"]
    list_filter = ["policy"]
    list_select_related = ["policy"]


@admin.register(Publication)
class PublicationAdmin(PortalAdmin):
    resource_classes = [PublicationResource]
    list_display = [
        "title",
        "edition",
        "audience",
        "frequency",
        "circulation",
        "circulation_unit",
        "distribution",
        "order",
    ]
    list_editable = ["order"]
    search_fields = ["title", "audience", "distribution"]
    list_filter = ["circulation_unit", "audience", "responsible_division"]


class BroadcastProgrammeInline(PortalTabularInline):
    model = BroadcastProgramme
    # responsible_division is required: without it a row added here failed with a 500.
    fields = ["medium", "title", "schedule", "order", "responsible_division"]
    show_change_link = True


@admin.register(Broadcaster)
class BroadcasterAdmin(PortalAdmin):
    resource_classes = [BroadcasterResource]
    list_display = ["name", "responsible_division", "source"]
    search_fields = ["name"]
    inlines = [BroadcastProgrammeInline]


@admin.register(BroadcastProgramme)
class BroadcastProgrammeAdmin(PortalAdmin):
    resource_classes = [BroadcastProgrammeResource]
    list_display = [
        "title",
        "medium",
        "broadcaster",
        "schedule",
        "length",
        "length_unit",
        "rebroadcast_schedule",
        "order",
    ]
    list_editable = ["order"]
    search_fields = ["title", "host_programme", "broadcaster__name", "schedule"]
    list_filter = ["medium", "broadcaster", "within_title", "responsible_division"]
    list_select_related = ["broadcaster"]
    autocomplete_fields = ["broadcaster"]


@admin.register(WebChannel)
class WebChannelAdmin(PortalAdmin):
    resource_classes = [WebChannelResource]
    # An address typed without a scheme is taken as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["label", "url", "order"]
    list_editable = ["order"]
    search_fields = ["label", "url"]
    list_filter = ["responsible_division"]


@admin.register(PressActivity)
class PressActivityAdmin(PortalAdmin):
    resource_classes = [PressActivityResource]
    list_display = ["name", "description", "count", "count_unit", "count_period", "fiscal_year", "order"]
    list_editable = ["order"]
    search_fields = ["name", "description"]
    list_filter = ["count_period", "fiscal_year", "responsible_division"]


@admin.register(PressClubMember)
class PressClubMemberAdmin(PortalAdmin):
    resource_classes = [PressClubMemberResource]
    list_display = ["name", "order", "responsible_division", "source"]
    list_editable = ["order"]
    search_fields = ["name"]
