from xaso.core import demo
from xaso.core.demo import DemoStep, demo_run
from xaso.core.models import AuditEvent


def test_a_step_runs_once_and_a_step_added_later_runs_on_the_loaded_demo(db, monkeypatch):
    runs = []

    def news(ctx):
        runs.append(("news", ctx["commune"].code, ctx.rng.random()))
        ctx.communes.add(ctx["commune"].code)

    monkeypatch.setattr(demo, "_steps", {"accounts": demo._steps["accounts"]})
    demo_run()
    demo.register_step(DemoStep("news", news, order=80))  # what an app's ready() adds: one line
    demo_run()
    demo_run()
    assert len(runs) == 1 and runs[0][1] == "15469"
    recorded = AuditEvent.objects.filter(action=demo.STEP_ACTION).values_list("target_id", flat=True)
    assert sorted(recorded) == ["accounts", "news"]


def test_each_step_draws_from_its_own_seeded_random(db, monkeypatch):
    drawn = []
    monkeypatch.setattr(demo, "_steps", {"accounts": demo._steps["accounts"]})
    demo.register_step(DemoStep("a", lambda ctx: drawn.append(ctx.rng.random()), order=20))
    demo_run(seed=7)
    assert drawn == [demo.step_rng(7, "a").random()]
