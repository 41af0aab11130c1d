from django.core.management.base import BaseCommand

from xaso.core.tasks import purge_idempotency_keys


class Command(BaseCommand):
    help = "Queue the daily purge of old idempotency keys (run it from cron once a day)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="run in this process instead of queueing")

    def handle(self, *args, now=False, **options):
        if now:
            self.stdout.write(f"{purge_idempotency_keys.call()} idempotency key(s) deleted")
        else:
            purge_idempotency_keys.enqueue()
            self.stdout.write("idempotency purge queued")
