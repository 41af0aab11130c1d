"""What changes the cached public pages (xaso.core.public_cache): producers and products (the
product catalogue and the commune's portal)."""

from xaso.core.public_cache import invalidate_on
from xaso.economy.models import Producer, Product

invalidate_on(Producer, lambda row: ["products", f"commune:{row.commune_id}"])
invalidate_on(Product, lambda row: ["products", f"commune:{row.commune_id}"])
