"""RSS and Atom feeds of a commune's announcements, and of one village's (commune-wide
announcements plus those for the village). Django's syndication framework writes them."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from xaso.community import selectors
from xaso.core.text import xml_safe
from xaso.places.models import Village
from xaso.places.selectors import commune_public

FEED_SIZE = 30


class CommuneAnnouncementsRss(Feed):
    def get_object(self, request, code):
        return commune_public(code), None

    def title(self, obj):
        commune, village = obj
        name = f"{village.name}, {commune.name}" if village else commune.name
        return xml_safe(_("Announcements of %(place)s") % {"place": name})

    def link(self, obj):
        return reverse("community:public_announcements", args=[obj[0].code])

    def description(self, obj):
        return self.title(obj)

    def items(self, obj):
        commune, village = obj
        return selectors.announcements_public(commune, village=village)[:FEED_SIZE]

    # Announcements saved before control characters were stripped may still carry them.
    def item_title(self, item):
        return xml_safe(item.title)

    def item_description(self, item):
        return xml_safe(item.body)

    def item_link(self, item):
        return reverse("community:public_announcement", args=[item.commune_id, item.pk])

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.publish_at

    def item_categories(self, item):
        return [item.get_urgency_display()]


class CommuneAnnouncementsAtom(CommuneAnnouncementsRss):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)


class VillageAnnouncementsRss(CommuneAnnouncementsRss):
    def get_object(self, request, code, village_id):
        commune = commune_public(code)
        return commune, get_object_or_404(Village, pk=village_id, commune=commune)


class VillageAnnouncementsAtom(VillageAnnouncementsRss):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
