from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from xaso.accounts.demo import DEMO_ACCOUNTS, demo_load


class Command(BaseCommand):
    help = "Create the demo commune (Xã Yên Định, Thanh Hóa), its villages and one user per role."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="allow it with DEBUG off")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "demo accounts have published passwords: refused with DEBUG off (use --force "
                "on a machine nobody else can reach)"
            )
        commune = demo_load()
        self.stdout.write(f"demo commune: {commune.name}, {commune.province.name} ({commune.code})")
        self.stdout.write(f"demo accounts (password: {settings.DEMO_PASSWORD}):")
        for username, full_name, role, _village in DEMO_ACCOUNTS:
            self.stdout.write(f"  {username:<14} {role or 'citizen':<22} {full_name}")
