import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from xaso.core.audit import anchors_read, audit_verify
from xaso.core.tasks import anchor_audit_chain


class Command(BaseCommand):
    help = (
        "Audit chain tools. `audit verify` checks that no event was edited or deleted and that the "
        "chain still holds every anchored head; `audit anchor` queues the daily anchor (the signed "
        "head appended to XASO_AUDIT_ANCHOR_PATH and the log; run it from cron once a day, "
        "`--now` runs it in this process)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "anchor"])
        parser.add_argument(
            "--anchor-file",
            type=Path,
            help="verify: compare with the anchors in this file (e.g. lines copied from the log or "
            "a backup manifest) instead of XASO_AUDIT_ANCHOR_PATH",
        )
        parser.add_argument(
            "--now", action="store_true", help="anchor: run in this process instead of queueing"
        )

    def handle(self, *args, action, now=False, anchor_file=None, **options):
        if action == "anchor":
            if not now:
                anchor_audit_chain.enqueue()
                self.stdout.write("audit anchor queued")
                return
            result = anchor_audit_chain.call()
            self.stdout.write(f"audit anchor written: {json.dumps(result['anchor'], sort_keys=True)}")
            if result["problems"]:
                for problem in result["problems"]:
                    self.stderr.write(problem)
                raise CommandError(f"audit chain broken: {len(result['problems'])} problem(s)")
            return
        anchors, problems = anchors_read(anchor_file) if anchor_file else (None, [])
        report = audit_verify(anchors=anchors)
        report.problems[:0] = problems
        if not report.ok:
            for problem in report.problems:
                self.stderr.write(problem)
            raise CommandError(f"audit chain broken: {len(report.problems)} problem(s)")
        self.stdout.write(f"audit chain ok: {report.checked} events, {report.anchors} anchor(s) held")
