from django.core.management.base import BaseCommand

from xaso.documents.tasks import warn_expiring_certificates


class Command(BaseCommand):
    help = (
        "Queue the daily warning about signing certificates that expire soon "
        "(XASO_CERTIFICATE_WARN_DAYS); run it from cron once a day."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="run in this process instead of queueing")

    def handle(self, *args, now=False, **options):
        if now:
            self.stdout.write(
                f"{warn_expiring_certificates.call()} certificate(s) about to expire warned about"
            )
        else:
            warn_expiring_certificates.enqueue()
            self.stdout.write("expiry warning queued")
