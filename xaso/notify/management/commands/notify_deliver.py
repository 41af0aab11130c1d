import time

from django.core.management.base import BaseCommand

from xaso.notify.delivery import outbox_process


class Command(BaseCommand):
    help = "Deliver due outbox messages (once, or keep watching with --watch)."

    def add_arguments(self, parser):
        parser.add_argument("--watch", action="store_true", help="keep running, polling for due messages")
        parser.add_argument("--interval", type=float, default=5.0, help="seconds between polls with --watch")

    def handle(self, *args, watch=False, interval=5.0, **options):
        while True:
            report = outbox_process()
            if report.handled:
                self.stdout.write(f"sent {report.sent}, retrying {report.retrying}, dead {report.dead}")
            if not watch:
                return
            time.sleep(interval)
