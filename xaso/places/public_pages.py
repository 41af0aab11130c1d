"""What changes the cached public pages (xaso.core.public_cache): a commune's record and villages."""

from xaso.core.public_cache import invalidate_on
from xaso.places.models import Commune, Village

invalidate_on(Commune, lambda commune: [f"commune:{commune.pk}"])
invalidate_on(Village, lambda village: [f"commune:{village.commune_id}"])
