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
nothing of communes or citizens ("owner" for the citizen who filed a dossier is the app's word;
an app takes its staff roles from the permission table, `xaso.accounts.roles.roles_with`).
A guard is `guard(obj, actor) -> str | DomainError | None`: a reason to refuse (a Conflict), a
domain error to refuse with as it is (e.g. InvalidInput for an incomplete form), or None. It
imports nothing of xaso outside core.

What a transition does beside moving the status is declared in the table too, as effects
`effect(obj, move)` that get a `Move` (action, old and new status, actor, note, the moment
`at`, the caller's `args`, and the workflow itself):
- `effect` runs under the row lock after the status is set and before the save: it changes
  the object's other fields (a due date, who it is assigned to), saved with the status;
- `after` runs once the object, its event row and its audit entry are written, in the same
  transaction: work on other rows (open follow-on objects through `move.flow.apply`, withdraw
  a payment request). An error it raises rolls the whole move back.
A caller's own `update(obj, old_status)` still runs after the transition's `effect`.

Three more doors, for what is not a move:
- `hold(obj, action, actor=...)` locks and re-reads the row and checks the action as `apply`
  does, but moves nothing and writes no event: for an action that makes something beside the
  object (a signed result) inside the caller's transaction;
- `record(obj, action, ...)` writes a timeline row (and its audit entry) that moves no status
  (a fee received): the one way besides `apply` to write an event row;
- `refusal(..., role_first=True)` answers "who" before "when": NotAllowed when the actor holds
  none of the roles any transition of that action names, whatever the state. `not_offered` and
  `not_allowed` (by action) give an app's own words for the two refusals.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.core.audit import audit_record
from xaso.core.errors import Conflict, DomainError, NotAllowed

Guard = Callable[[Any, Any], str | DomainError | None]


@dataclass(frozen=True)
class Move:
    """What an effect is told about the transition being taken."""

    action: str
    old: str
    new: str
    actor: Any
    note: str
    # The moment of the move (one clock read per move; an effect that makes another move
    # passes it on through `apply(at=...)`).
    at: datetime
    # What the caller passed to `apply(args=...)`: the inputs the effects need.
    args: Mapping[str, Any]
    flow: "Workflow"


Effect = Callable[[Any, Move], None]


@dataclass(frozen=True)
class Transition:
    target: str
    roles: frozenset[str] = field(default_factory=frozenset)
    guard: Guard | None = None
    # The button's words; the app translates them (gettext_lazy).
    label: str = ""
    # Under the lock, after the status is set, before the save (see the module's docstring).
    effect: Effect | None = None
    # After the save, the event row and the audit entry, in the same transaction.
    after: Effect | None = None

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
        not_offered: Mapping[str, str] | None = None,
        not_allowed: Mapping[str, str] | None = None,
    ):
        self.name = name
        self.statuses = statuses
        self.transitions = dict(transitions)
        self.roles_of = roles_of
        self.event_model = event_model
        self.event_subject = event_subject
        self.status_field = status_field
        self.commune_of = commune_of or (lambda obj: "")
        # An app's own words for refusing an action, by action (else the engine's).
        self.not_offered = dict(not_offered or {})
        self.not_allowed = dict(not_allowed or {})
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

    def roles_for(self, action: str) -> frozenset[str]:
        """Every role any transition named `action` allows, whatever the state."""
        out: set[str] = set()
        for (_status, name), transition in self.transitions.items():
            if name == action:
                out |= transition.roles
        return frozenset(out)

    def refusal(self, obj, action: str, actor, *, role_first: bool = False) -> Exception | None:
        """Why `actor` may not take `action` on `obj` now (a domain error), or None if they may.
        Rules: the state first (Conflict), then the role (NotAllowed), then the guard (Conflict);
        `role_first` asks first whether the actor could take the action in any state."""
        if role_first and not (self.roles_for(action) & set(self.roles_of(actor, obj))):
            return self._not_allowed(action)
        status = self.status_of(obj)
        transition = self.transition(status, action)
        if transition is None:
            message = self.not_offered.get(action) or (
                _("This action is not possible while the status is “%(status)s”.")
                % {"status": self.statuses(status).label}
            )
            return Conflict(message, field="action")
        if not (transition.roles & set(self.roles_of(actor, obj))):
            return self._not_allowed(action)
        if transition.guard is not None:
            reason = transition.guard(obj, actor)
            if isinstance(reason, DomainError):
                return reason
            if reason:
                return Conflict(reason, field="action")
        return None

    def _not_allowed(self, action: str) -> NotAllowed:
        return NotAllowed(
            self.not_allowed.get(action) or _("Your role does not allow this action."), field="action"
        )

    def can(self, obj, action: str, actor) -> bool:
        return self.refusal(obj, action, actor) is None

    def allowed_actions(self, obj, actor) -> list[str]:
        """The actions `actor` may take on `obj` in its current state, in table order."""
        return [a for a in self.actions_from(self.status_of(obj)) if self.can(obj, a, actor)]

    # --- moving ------------------------------------------------------------------------------
    def hold(self, obj, action: str, *, actor, expected_status: str | None = None):
        """Lock `obj`'s row, re-read it and check that `actor` may take `action` on it now;
        return the locked copy. Rules: must run inside the caller's transaction; moves nothing
        and writes no event (for an action that makes something beside the object)."""
        model = type(obj)
        locked = model._base_manager.select_for_update().get(pk=obj.pk)
        if expected_status is not None and self.status_of(locked) != expected_status:
            raise Conflict(
                _("Someone changed this a moment ago; reload the page and try again."),
                field="action",
            )
        refusal = self.refusal(locked, action, actor)
        if refusal is not None:
            raise refusal
        return locked

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
        args: Mapping[str, Any] | None = None,
        at: datetime | None = None,
        event_fields: Mapping[str, Any] | None = None,
    ):
        """Take `action` on `obj` and return (the locked, saved object, the event row or None).
        Rules: row lock and re-read first; `expected_status` (the state the actor saw) must
        still hold; the transition's `effect`, then `update(obj, old_status)`, may change other
        fields before the save; its `after` runs once the event and the audit entry are
        written; all in one transaction. `args` and `at` reach the effects in their `Move`;
        `event_fields` are the app's own columns of the event row (a dossier's note marked
        internal)."""
        with transaction.atomic():
            locked = self.hold(obj, action, actor=actor, expected_status=expected_status)
            old = self.status_of(locked)
            transition = self.transition(old, action)
            new = transition.target
            move = Move(
                action=action,
                old=old,
                new=new,
                actor=actor,
                note=note,
                at=at or timezone.now(),
                args=dict(args or {}),
                flow=self,
            )
            setattr(locked, self.status_field, new)
            if transition.effect is not None:
                transition.effect(locked, move)
            if update is not None:
                update(locked, old)
            locked.save()
            event = self._write_event(locked, action, old, new, actor, note, data, event_fields)
            audit_record(
                actor=actor,
                action=f"{self.name}.{action}",
                target=locked,
                commune_code=self.commune_of(locked),
                summary=note[:300],
                changes={self.status_field: [old, new]},
            )
            if transition.after is not None:
                transition.after(locked, move)
        setattr(obj, self.status_field, new)
        return locked, event

    def record(self, obj, action: str, *, actor=None, note: str = "", data: dict | None = None, summary=None):
        """Write a timeline row that moves no status (from and to the current one) and its
        audit entry `<flow>.<action>`, e.g. a fee received. Rules: inside the caller's
        transaction, which has locked the row if it must; `action` need not be in the table
        (it is not an actor's choice); `summary` defaults to the note."""
        status = self.status_of(obj)
        event = self._write_event(obj, action, status, status, actor, note, data)
        audit_record(
            actor=actor,
            action=f"{self.name}.{action}",
            target=obj,
            commune_code=self.commune_of(obj),
            summary=(note if summary is None else summary)[:300],
        )
        return event

    def _write_event(self, obj, action, old, new, actor, note, data, event_fields=None):
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
            **(event_fields or {}),
        )


def roles_named(*names: Iterable[str] | str) -> frozenset[str]:
    """Flatten role names and groups into one set, for writing tables tersely."""
    out: set[str] = set()
    for name in names:
        out |= {name} if isinstance(name, str) else set(name)
    return frozenset(out)
