"""The economy's section of the commune portal (xaso.core.portal): a few of the commune's
published products, with their photos served by the public photo page (never a raw /media/
path), and a link to the commune's part of the product catalogue. Left out when the commune has
no published product. Registered when the app is ready."""

from xaso.core.portal import Section, register_section
from xaso.economy import selectors

PORTAL_PRODUCTS = 4


def products_context(request, commune) -> dict | None:
    products = selectors.catalogue(commune_code=commune.code)
    shown = list(products[:PORTAL_PRODUCTS])
    if not shown:
        return None
    return {"products": shown, "total": products.count()}


register_section(Section("products", "economy/portal_products.html", products_context, order=70))
