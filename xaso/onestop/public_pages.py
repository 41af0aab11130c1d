"""What changes the cached public pages (xaso.core.public_cache): the procedure catalogue, and a
commune switching a procedure off or on (its portal lists the commune's catalogue)."""

from xaso.core.public_cache import invalidate_on
from xaso.onestop.models import Procedure, ProcedureSwitch

invalidate_on(Procedure, lambda procedure: ["procedures"])
invalidate_on(ProcedureSwitch, lambda switch: ["procedures", f"commune:{switch.commune_id}"])
