"""Changes made through the admin site (/quan-tri/), each in one transaction with an audit event
naming who acted, what changed and every changed field as [old, new].

The admin (xaso/accounts/admin.py) calls these from `save_model`, `delete_model`,
`delete_queryset`, `save_formset` and the password page instead of saving rows itself, so
granting a role or the superuser flag, editing a token or a citizen's profile, and deleting a
user are all in the chain. Secrets are recorded as "changed", never by value."""

from django.db import models, transaction

from xaso.accounts.models import ApiToken, CitizenProfile, Membership, User
from xaso.core.audit import actor_label, audit_record

# Fields whose value never goes into the chain, only the fact that they changed.
SECRET_FIELDS = {"password", "key_hash", "personal_id"}
# Bookkeeping the admin does not edit and the chain need not repeat.
SKIPPED_FIELDS = {"id", "last_login", "search_text", "created_at", "updated_at", "last_used_at"}


def _value(field: models.Field, obj: models.Model):
    value = field.value_from_object(obj)
    if value is None or isinstance(value, bool | int):
        return value
    return str(value)


def _diff(before: models.Model | None, after: models.Model) -> dict:
    """[old, new] for every changed concrete field (foreign keys by id); secrets as "changed"."""
    changes = {}
    for field in after._meta.concrete_fields:
        if field.attname in SKIPPED_FIELDS or field.name in SKIPPED_FIELDS:
            continue
        old = _value(field, before) if before is not None else None
        new = _value(field, after)
        if old == new or (before is None and new in (None, "")):
            continue
        changes[field.attname] = "changed" if field.name in SECRET_FIELDS else [old, new]
    return changes


def _commune_code(obj) -> str:
    return getattr(obj, "commune_id", None) or ""


def _save(*, actor, obj: models.Model, entity: str, created_verb: str = "create") -> dict:
    with transaction.atomic():
        before = None if obj._state.adding else type(obj)._base_manager.filter(pk=obj.pk).first()
        obj.save()
        changes = _diff(before, obj)
        if before is not None and not changes:
            return changes
        audit_record(
            actor=actor,
            action=f"{entity}.{created_verb if before is None else 'update'}",
            target=obj,
            summary=str(obj),
            changes=changes,
            commune_code=_commune_code(obj),
        )
    return changes


def _delete(
    *, actor, obj: models.Model, entity: str, verb: str = "delete", changes: dict | None = None
) -> None:
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=f"{entity}.{verb}",
            target=obj,
            summary=str(obj),
            changes=changes or {},
            commune_code=_commune_code(obj),
        )
        obj.delete()


def user_admin_save(*, actor, user: User) -> dict:
    """Create or change an account from the admin: flags (is_staff, is_superuser, is_active)
    and identity fields, audited old → new."""
    return _save(actor=actor, obj=user, entity="user")


def user_admin_delete(*, actor, user: User) -> None:
    """Delete an account (a lawful erasure). The event keeps the account's label and the roles
    it held; the chain still verifies afterwards (it hashes labels, not user ids)."""
    roles = [str(m) for m in user.memberships.all()]
    _delete(actor=actor, obj=user, entity="user", changes={"user": actor_label(user), "memberships": roles})


def user_admin_password_set(*, actor, user: User) -> None:
    """Record a password set by an administrator on the admin's password page."""
    audit_record(
        actor=actor,
        action="user.password_set",
        target=user,
        summary=str(user),
        changes={"password": "changed"},
    )


def membership_admin_save(*, actor, membership: Membership) -> dict:
    """Grant a role (a new membership) or change one, from the admin."""
    return _save(actor=actor, obj=membership, entity="membership", created_verb="grant")


def membership_admin_delete(*, actor, membership: Membership) -> None:
    """Take a role away, from the admin."""
    _delete(
        actor=actor, obj=membership, entity="membership", verb="revoke", changes={"role": membership.role}
    )


def api_token_admin_save(*, actor, token: ApiToken) -> dict:
    return _save(actor=actor, obj=token, entity="api_token")


def api_token_admin_delete(*, actor, token: ApiToken) -> None:
    _delete(actor=actor, obj=token, entity="api_token", verb="revoke")


def profile_admin_save(*, actor, profile: CitizenProfile) -> dict:
    return _save(actor=actor, obj=profile, entity="profile")


def profile_admin_delete(*, actor, profile: CitizenProfile) -> None:
    _delete(actor=actor, obj=profile, entity="profile")
