"""The civil-status register's routes in the authorization matrix (kept apart, as dx and the
community API keep theirs). The entry of commune A is registered here on first use."""

from datetime import date

from tests.security.authz_matrix import COMMUNE_STAFF, Route, _static
from xaso.civil.models import RegisterEntry
from xaso.civil.services.entries import entry_register

# Who reads a register: every commune's staff and supervisors (each their own communes').
READERS_ANYWHERE = COMMUNE_STAFF | {
    "province_supervisor",
    "other_province_supervisor",
    "other_commune_officer",
    "system_admin",
}
# Who reads commune A's entry.
READERS = COMMUNE_STAFF | {"province_supervisor", "system_admin"}
KEEPERS = frozenset({"one_stop_officer", "specialist", "commune_leader", "system_admin"})
AMENDERS = frozenset({"specialist", "commune_leader", "system_admin"})


def entry(world) -> RegisterEntry:
    found = RegisterEntry.objects.filter(commune=world.commune).first()
    return found or entry_register(
        actor=world.users["specialist"],
        commune=world.commune,
        kind="birth",
        data={"name": "Lê Minh Hà", "birth_date": date(2026, 1, 2), "mother_name": "Trần Thị Bình"},
        registered_on=date(2026, 2, 1),
    )


CIVIL_ROUTES = [
    Route("civil:entries", _static("/ho-tich/?q=le+minh"), READERS_ANYWHERE, note="each their own communes'"),
    Route("civil:entry", lambda w: f"/ho-tich/{entry(w).pk}/", READERS),
    Route("civil:amend", lambda w: f"/ho-tich/{entry(w).pk}/sua/", AMENDERS),
    Route("civil:duplicates", lambda w: f"/ho-tich/ho-so/{w.dossier.code}/trung/", KEEPERS),
    Route("civil:completeness", _static("/ho-tich/day-du/"), READERS_ANYWHERE),
    Route("GET /api/v1/register/entries", _static("/api/v1/register/entries?q=le"), READERS_ANYWHERE),
    Route(
        "GET /api/v1/register/entries/{entry_id}",
        lambda w: f"/api/v1/register/entries/{entry(w).pk}",
        READERS,
    ),
]
