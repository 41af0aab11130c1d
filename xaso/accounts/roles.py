"""Roles and what they permit, in one place. A permission is a dotted name; services and views
check it with `xaso.core.permissions.require` / `holds`, selectors scope rows with it through
`xaso.core.tenancy`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ONE_STOP_OFFICER = "one_stop_officer", _("One-stop officer")
    SPECIALIST = "specialist", _("Specialist")
    COMMUNE_LEADER = "commune_leader", _("Commune leader")
    CLERK = "clerk", _("Clerk")
    VILLAGE_HEAD = "village_head", _("Village head")
    DIGITAL_TEAM_MEMBER = "digital_team_member", _("Digital team member")
    PROVINCE_SUPERVISOR = "province_supervisor", _("Province supervisor")
    SYSTEM_ADMIN = "system_admin", _("System administrator")


# Roles held in a province rather than a commune.
PROVINCE_ROLES = frozenset({Role.PROVINCE_SUPERVISOR})
# Roles held over the whole installation.
GLOBAL_ROLES = frozenset({Role.SYSTEM_ADMIN})
COMMUNE_ROLES = frozenset(Role) - PROVINCE_ROLES - GLOBAL_ROLES
COMMUNE_STAFF = frozenset({Role.ONE_STOP_OFFICER, Role.SPECIALIST, Role.COMMUNE_LEADER, Role.CLERK})

PERMISSIONS: dict[str, frozenset[str]] = {
    # Any staff membership lets one see the commune's own records.
    "core.view_commune": frozenset(Role) - GLOBAL_ROLES,
    "core.view_audit": frozenset({Role.COMMUNE_LEADER, Role.PROVINCE_SUPERVISOR}),
    "places.manage_villages": frozenset({Role.ONE_STOP_OFFICER, Role.COMMUNE_LEADER, Role.CLERK}),
    "accounts.view_citizens": COMMUNE_STAFF | {Role.VILLAGE_HEAD},
    "accounts.manage_citizens": frozenset({Role.ONE_STOP_OFFICER, Role.COMMUNE_LEADER}),
    # The civil-status register (xaso.civil): the justice–civil-status specialist keeps it, the
    # one-stop officer and the leader register events at the counter or on approval.
    "civil.view_entry": COMMUNE_STAFF | {Role.PROVINCE_SUPERVISOR},
    "civil.register_entry": frozenset({Role.ONE_STOP_OFFICER, Role.SPECIALIST, Role.COMMUNE_LEADER}),
    "civil.amend_entry": frozenset({Role.SPECIALIST, Role.COMMUNE_LEADER}),
    "community.handle_feedback": COMMUNE_STAFF | {Role.VILLAGE_HEAD},
    "community.manage_households": frozenset({Role.ONE_STOP_OFFICER, Role.COMMUNE_LEADER, Role.VILLAGE_HEAD}),
    "community.manage_info_pages": COMMUNE_STAFF | {Role.VILLAGE_HEAD},
    "community.manage_radio": (COMMUNE_STAFF - {Role.SPECIALIST}) | {Role.VILLAGE_HEAD},
    "community.publish_announcements": COMMUNE_STAFF | {Role.VILLAGE_HEAD},
    "community.view_households": COMMUNE_STAFF | {Role.VILLAGE_HEAD, Role.DIGITAL_TEAM_MEMBER},
    "documents.manage_credentials": frozenset({Role.COMMUNE_LEADER}),
    # Enrol the commune's organisation certificate (the seal the clerk issues with).
    "documents.enrol_seal": frozenset({Role.CLERK, Role.COMMUNE_LEADER}),
    "documents.register": frozenset({Role.CLERK, Role.COMMUNE_LEADER}),
    "documents.sign": frozenset({Role.COMMUNE_LEADER}),
    "documents.view": COMMUNE_STAFF | {Role.PROVINCE_SUPERVISOR},
    "dx.fill_assessments": COMMUNE_STAFF,
    "dx.log_help": COMMUNE_STAFF | {Role.VILLAGE_HEAD, Role.DIGITAL_TEAM_MEMBER},
    "dx.manage_plans": COMMUNE_STAFF | {Role.PROVINCE_SUPERVISOR},
    "dx.manage_sets": frozenset({Role.PROVINCE_SUPERVISOR}),
    "dx.manage_teams": COMMUNE_STAFF | {Role.VILLAGE_HEAD},
    "dx.review_assessments": frozenset({Role.PROVINCE_SUPERVISOR}),
    "economy.manage": frozenset({Role.ONE_STOP_OFFICER, Role.SPECIALIST, Role.COMMUNE_LEADER}),
    "economy.view": COMMUNE_STAFF | {Role.PROVINCE_SUPERVISOR, Role.DIGITAL_TEAM_MEMBER},
    # Approve, refuse or send back a dossier, and sign its result (xaso.onestop.workflow).
    "onestop.decide_dossiers": frozenset({Role.COMMUNE_LEADER}),
    # Issue a signed result with the commune's seal (văn thư: xaso.onestop.issuance).
    "onestop.issue_results": frozenset({Role.CLERK}),
    "onestop.manage_procedures": frozenset({Role.ONE_STOP_OFFICER, Role.COMMUNE_LEADER}),
    "onestop.process_dossiers": frozenset({Role.ONE_STOP_OFFICER, Role.SPECIALIST, Role.COMMUNE_LEADER}),
    "onestop.receive_dossiers": frozenset({Role.ONE_STOP_OFFICER}),
    "onestop.view_dossiers": COMMUNE_STAFF | {Role.PROVINCE_SUPERVISOR},
    "onestop.view_reports": frozenset({Role.ONE_STOP_OFFICER, Role.COMMUNE_LEADER, Role.PROVINCE_SUPERVISOR}),
    "payments.manage_accounts": frozenset({Role.COMMUNE_LEADER}),
    "payments.reconcile": frozenset({Role.ONE_STOP_OFFICER, Role.COMMUNE_LEADER}),
    "payments.view": COMMUNE_STAFF | {Role.PROVINCE_SUPERVISOR},
}


def roles_with(perm: str) -> frozenset[str]:
    try:
        return PERMISSIONS[perm]
    except KeyError:
        raise KeyError(f"unknown permission {perm!r}: add it to xaso.accounts.roles") from None
