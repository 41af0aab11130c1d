from django.core.management.base import BaseCommand

from xaso.onestop.tasks import sweep_late


class Command(BaseCommand):
    help = "Queue the daily sweep that flags late dossiers (run it from cron once a day)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="run in this process instead of queueing")

    def handle(self, *args, now=False, **options):
        if now:
            self.stdout.write(f"{sweep_late.call()} late dossier(s) flagged")
        else:
            sweep_late.enqueue()
            self.stdout.write("late sweep queued")
