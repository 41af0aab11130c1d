"""The one engine that runs every workflow table (dossiers, documents, assessments …).

An app declares its states as `TextChoices` and a table:

    TRANSITIONS = {
        (Status.SUBMITTED, "assign"): Transition(Status.ASSIGNED, roles={"one_stop_officer"}),
        (Status.APPROVED, "deliver"): Transition(Status.DELIVERED, roles={...}, guard=has_result),
        ...
    }
    DOSSIER_FLOW = Workflow(name="dossier", statuses=Status, transitions=TRANSITIONS,
                            roles_of=dossier_roles, event_model=DossierEvent, event_subject="dossier")

and its services call `DOSSIER_FLOW.apply(obj, action, actor=..., note=...)`. The engine, in one
transaction:
1. locks the object's row (`select_for_update`; on SQLite the write transaction itself serialises)
   and re-reads its status, so two officers acting at once cannot both win: the second sees the
   state the first left and is refused;
2. refuses with `Conflict` (409) an action the current state does not offer, or whose guard
   gives a reason not to, and with `NotAllowed` (403) an actor without one of the named roles;
3. moves the status, lets the caller change other fields (`update`), saves, writes the event
   row (old, new, action, actor, note) that the timeline shows, and appends to the audit chain.

Roles are plain strings that the app's `roles_of(actor, obj)` hands out, so the engine knows
nothing of communes or citizens ("owner" for the citizen who filed a dossier is the app's word).
A guard is `guard(obj, actor) -> str | DomainError | None`: a reason to refuse (a Conflict), a
domain error to refuse with as it is (e.g. InvalidInput for an incomplete form), or None. An
effect is `effect(obj, actor)`: what the move does besides the status (stamp a date, schedule a
task with `transaction.on_commit`), declared beside the transition and run by `apply` after the
caller's `update`, before the save, in the same transaction. It imports nothing of xaso outside core.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from xaso.core.audit import audit_record
from xaso.core.errors import Conflict, DomainError, NotAllowed

Guard = Callable[[Any, Any], str | DomainError | None]
Effect = Callable[[Any, Any], None]


@dataclass(frozen=True)
class Transition:
    target: str
    roles: frozenset[str] = field(default_factory=frozenset)
    guard: Guard | None = None
    # The button's words; the app translates them (gettext_lazy).
    label: str = ""
    effect: Effect | None = None

    def __post_init__(self):
        object.__setattr__(self, "roles", frozenset(self.roles))


class Workflow:
    def __init__(
        self,
        *,
        name: str,
        statuses: type[models.TextChoices],
        transitions: Mapping[tuple[str, str], Transition],
        roles_of: Callable[[Any, Any], set[str]],
        event_model: type[models.Model] | None = None,
        event_subject: str = "subject",
        status_field: str = "status",
        commune_of: Callable[[Any], str] | None = None,
    ):
        self.name = name
        self.statuses = statuses
        self.transitions = dict(transitions)
        self.roles_of = roles_of
        self.event_model = event_model
        self.event_subject = event_subject
        self.status_field = status_field
        self.commune_of = commune_of or (lambda obj: "")
        self._check_table()

    def _check_table(self) -> None:
        known = set(self.statuses.values)
        for (status, action), transition in self.transitions.items():
            if status not in known or transition.target not in known:
                raise ValueError(f"{self.name}: ({status!r}, {action!r}) names an unknown status")
            if not transition.roles:
                raise ValueError(f"{self.name}: ({status!r}, {action!r}) names no role")

    # --- reading the table -------------------------------------------------------------------
    def actions(self) -> set[str]:
        return {action for _status, action in self.transitions}

    def actions_from(self, status: str) -> list[str]:
        return [action for (s, action) in self.transitions if s == status]

    def transition(self, status: str, action: str) -> Transition | None:
        return self.transitions.get((status, action))

    def status_of(self, obj) -> str:
        return getattr(obj, self.status_field)

    def refusal(self, obj, action: str, actor) -> Exception | None:
        """Why `actor` may not take `action` on `obj` now (a domain error), or None if they may."""
        status = self.status_of(obj)
        transition = self.transition(status, action)
        if transition is None:
            return Conflict(
                _("This action is not possible while the status is “%(status)s”.")
                % {"status": self.statuses(status).label},
                field="action",
            )
        if not (transition.roles & set(self.roles_of(actor, obj))):
            return NotAllowed(_("Your role does not allow this action."), field="action")
        if transition.guard is not None:
            reason = transition.guard(obj, actor)
            if isinstance(reason, DomainError):
                return reason
            if reason:
                return Conflict(reason, field="action")
        return None

    def can(self, obj, action: str, actor) -> bool:
        return self.refusal(obj, action, actor) is None

    def allowed_actions(self, obj, actor) -> list[str]:
        """The actions `actor` may take on `obj` in its current state, in table order."""
        return [a for a in self.actions_from(self.status_of(obj)) if self.can(obj, a, actor)]

    # --- moving ------------------------------------------------------------------------------
    def apply(
        self,
        obj,
        action: str,
        *,
        actor,
        note: str = "",
        expected_status: str | None = None,
        update: Callable[[Any, str], None] | None = None,
        data: dict | None = None,
    ):
        """Take `action` on `obj` and return (the locked, saved object, the event row or None).
        Rules: row lock and re-read first; `expected_status` (the state the actor saw) must
        still hold; `update(obj, old_status)` may change other fields before the save; all in
        one transaction with the event and the audit entry."""
        model = type(obj)
        with transaction.atomic():
            locked = model._base_manager.select_for_update().get(pk=obj.pk)
            old = self.status_of(locked)
            if expected_status is not None and old != expected_status:
                raise Conflict(
                    _("Someone changed this a moment ago; reload the page and try again."),
                    field="action",
                )
            refusal = self.refusal(locked, action, actor)
            if refusal is not None:
                raise refusal
            transition = self.transition(old, action)
            new = transition.target
            setattr(locked, self.status_field, new)
            if update is not None:
                update(locked, old)
            if transition.effect is not None:
                transition.effect(locked, actor)
            locked.save()
            event = self._write_event(locked, action, old, new, actor, note, data)
            audit_record(
                actor=actor,
                action=f"{self.name}.{action}",
                target=locked,
                commune_code=self.commune_of(locked),
                summary=note[:300],
                changes={self.status_field: [old, new]},
            )
        setattr(obj, self.status_field, new)
        return locked, event

    def _write_event(self, obj, action, old, new, actor, note, data):
        if self.event_model is None:
            return None
        authenticated = actor is not None and getattr(actor, "is_authenticated", False)
        return self.event_model.objects.create(
            **{self.event_subject: obj},
            action=action,
            from_status=old,
            to_status=new,
            actor=actor if authenticated else None,
            actor_label=(str(actor) if authenticated else "")[:200],
            note=note,
            data=data or {},
        )


def roles_named(*names: Iterable[str] | str) -> frozenset[str]:
    """Flatten role names and groups into one set, for writing tables tersely."""
    out: set[str] = set()
    for name in names:
        out |= {name} if isinstance(name, str) else set(name)
    return frozenset(out)
