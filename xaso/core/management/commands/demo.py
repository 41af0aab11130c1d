import logging
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from xaso.core.demo import DEFAULT_SEED, DemoRefused, demo_run


class Command(BaseCommand):
    help = (
        "Load the demo commune (Xã Yên Định, Thanh Hóa) alive: its villages, one account per role, "
        "households, dossiers, announcements, products, documents, its DX assessment and the "
        "province's TEST certificates. Idempotent; refused over real data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="allow it with DEBUG off")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="the seed of the generated names")

    def handle(self, *args, force=False, seed=DEFAULT_SEED, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "demo accounts have published passwords: refused with DEBUG off (use --force "
                "on a machine nobody else can reach)"
            )
        started = time.monotonic()
        # Thousands of "channel not configured" warnings (no SMS/Zalo on a demo) say nothing here.
        notify_log = logging.getLogger("xaso.notify")
        level = notify_log.level
        notify_log.setLevel(logging.ERROR)
        try:
            ctx = demo_run(seed=seed)
        except DemoRefused as refused:
            raise CommandError(f"demo refused: {refused}") from None
        finally:
            notify_log.setLevel(level)
        for line in ctx.lines:
            self.stdout.write(line)
        if ctx.timings:
            self.stdout.write("steps: " + ", ".join(f"{k} {v:.1f} s" for k, v in ctx.timings.items()))
        self.stdout.write(f"demo loaded in {time.monotonic() - started:.1f} s (seed {seed})")
