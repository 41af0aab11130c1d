"""The demo commune's loader: a registry of ordered steps, one or more per app.

Each app registers its steps in AppConfig.ready() (`register_step(DemoStep(...))`), as it
registers dashboard cards and portal sections, so `xaso demo` (the core command) runs the rows
of every app without core importing them. A step creates its app's rows through the app's own
services where practical (so the rows are real, audited, and statuses go through the workflow
engine) and shares what later steps need in `ctx.shared` (the commune, the villages, the demo
accounts, the households…).

Rules kept here, for every step:
- deterministic: each step gets its own `random.Random`, seeded from the demo seed and the
  step's key, so adding a step does not change another's rows;
- idempotent: a step that ran is recorded in the audit chain (`demo.step`, target its key) and
  is not run again; a step added later runs on a demo loaded before it;
- never over real data: each step may count the rows of communes' work it finds outside the
  communes the demo itself touched (`foreign`); any such row refuses the whole load.
Everything runs in one transaction: a failure leaves nothing half made.
"""

import io
import random
import time
import unicodedata
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from xaso.core.audit import audit_record
from xaso.core.calendar import local_today
from xaso.core.models import AuditEvent

DEFAULT_SEED = 18
STEP_ACTION = "demo.step"
STEP_TARGET = "core.demostep"


@dataclass
class DemoContext:
    """What the steps share: the seed, the day the demo is built on, and the rows made so far
    (`shared`: "commune", "villages", "users" by username, …). `lines` are printed by the
    command after the load."""

    seed: int
    now: datetime
    today: date
    shared: dict[str, Any] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    communes: set[str] = field(default_factory=set)
    rng: random.Random = field(default_factory=random.Random)
    timings: dict[str, float] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return self.shared[key]


@dataclass(frozen=True)
class DemoStep:
    key: str
    run: Callable[[DemoContext], None] = field(compare=False)
    order: int = 100
    # (communes the demo made) -> {label: count} of work rows elsewhere: data the demo did not make.
    foreign: Callable[[set[str]], dict[str, int]] | None = field(default=None, compare=False)
    # Run every time (the step is idempotent by itself: the accounts and their passwords).
    always: bool = False


_steps: dict[str, DemoStep] = {}


def register_step(step: DemoStep) -> None:
    """Register (or replace, by key) one demo step."""
    _steps[step.key] = step


def demo_steps() -> list[DemoStep]:
    return sorted(_steps.values(), key=lambda s: (s.order, s.key))


class DemoRefused(Exception):
    """The database holds communes' work the demo did not make."""


def _done() -> dict[str, set[str]]:
    """The steps already run, each with the communes it recorded."""
    done: dict[str, set[str]] = {}
    for key, changes in AuditEvent.objects.filter(action=STEP_ACTION).values_list("target_id", "changes"):
        done.setdefault(key, set()).update((changes or {}).get("communes", []))
    return done


def demo_communes() -> set[str]:
    """The communes whose rows the demo made (none before it ran)."""
    return set().union(*_done().values())


def real_data_found() -> dict[str, int]:
    """Rows of communes' work the demo did not make, by kind (empty: safe to load)."""
    mine = demo_communes()
    found: dict[str, int] = {}
    for step in demo_steps():
        if step.foreign is not None:
            found.update({label: n for label, n in step.foreign(mine).items() if n})
    return found


def step_rng(seed: int, key: str) -> random.Random:
    return random.Random(f"{seed}:{key}")


def demo_run(*, seed: int = DEFAULT_SEED, only: set[str] | None = None) -> DemoContext:
    """Run the registered steps in order, each once; refuse over real data (DemoRefused)."""
    found = real_data_found()
    if found:
        listed = ", ".join(f"{label}: {n}" for label, n in sorted(found.items()))
        raise DemoRefused(
            "this database holds communes' work the demo did not create "
            f"({listed}); the demo loads only into an empty database or over its own demo"
        )
    now = timezone.now()
    ctx = DemoContext(seed=seed, now=now, today=local_today())
    with transaction.atomic():
        done = _done()
        for step in demo_steps():
            if only is not None and step.key not in only:
                continue
            ctx.rng = step_rng(seed, step.key)
            ctx.communes = set()
            if step.key in done and not step.always:
                continue
            started = time.monotonic()
            step.run(ctx)
            ctx.timings[step.key] = time.monotonic() - started
            if step.key not in done:
                audit_record(
                    actor=None,
                    action=STEP_ACTION,
                    target=(STEP_TARGET, step.key),
                    commune_code=min(ctx.communes, default=""),
                    summary=f"demo step {step.key}",
                    changes={"communes": sorted(ctx.communes), "seed": seed},
                )
    return ctx


def picture(text: str, colour=(46, 125, 50), size=(480, 320)) -> SimpleUploadedFile:
    """A small PNG with a coloured band and a caption (the demo's stand-in for a photo)."""
    image = Image.new("RGB", size, (245, 243, 235))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, size[0], size[1] // 3], fill=colour)
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    draw.text((16, size[1] // 2), plain.encode("ascii", "ignore").decode(), fill=(30, 30, 30))
    out = io.BytesIO()
    image.save(out, "PNG")
    return SimpleUploadedFile(
        f"{zlib.crc32(text.encode()):08x}.png", out.getvalue(), content_type="image/png"
    )
