from django.core.management.base import BaseCommand

from xaso.places.loader import places_load


class Command(BaseCommand):
    help = "Places tools. `places load` loads the official provinces and communes (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["load"])

    def handle(self, *args, **options):
        provinces, communes = places_load()
        self.stdout.write(f"loaded {provinces} provinces and {communes} communes")
