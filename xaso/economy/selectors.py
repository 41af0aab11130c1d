"""Reads of the economy app: staff lists scoped to the actor, the public catalogue, and the
counts the DX indicators read."""

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from xaso.core.errors import NotFound
from xaso.core.text import fold
from xaso.economy.models import Batch, PaymentPoint, Producer, Product, Stamp

VIEW = "economy.view"


def payment_points_for(actor, *, q: str = "") -> QuerySet[PaymentPoint]:
    points = PaymentPoint.objects.for_actor(actor, VIEW)
    if q:
        points = points.filter(search_text__contains=fold(q))
    return points


def payment_point_for(actor, point_id: int) -> PaymentPoint:
    try:
        return payment_points_for(actor).get(pk=point_id)
    except PaymentPoint.DoesNotExist:
        raise NotFound("payment point", field="point_id") from None


def payment_points_count(*, commune_code: str | None = None, province_code: str | None = None) -> int:
    """Active cashless payment points of a commune or a province: the DX indicator
    "cashless payment points" (xaso.dx reads it; public figures, no actor)."""
    points = PaymentPoint.objects.filter(is_active=True)
    if commune_code:
        points = points.filter(commune_id=commune_code)
    if province_code:
        points = points.filter(commune__province_id=province_code)
    return points.count()


def payment_points_by_commune(*, province_code: str) -> dict[str, int]:
    """{commune code: active cashless payment points} for a province's ranking."""
    rows = (
        PaymentPoint.objects.filter(is_active=True, commune__province_id=province_code)
        .values_list("commune_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return dict(rows)


def producers_for(actor, *, q: str = "") -> QuerySet[Producer]:
    producers = Producer.objects.for_actor(actor, VIEW).annotate(product_count=Count("products"))
    if q:
        producers = producers.filter(search_text__contains=fold(q))
    return producers


def producer_for(actor, producer_id: int) -> Producer:
    try:
        return Producer.objects.for_actor(actor, VIEW).get(pk=producer_id)
    except Producer.DoesNotExist:
        raise NotFound("producer", field="producer_id") from None


def product_for(actor, product_id: int) -> Product:
    try:
        return Product.objects.for_actor(actor, VIEW).select_related("producer").get(pk=product_id)
    except Product.DoesNotExist:
        raise NotFound("product", field="product_id") from None


def batch_for(actor, batch_id: int) -> Batch:
    try:
        return Batch.objects.for_actor(actor, VIEW).select_related("product__producer").get(pk=batch_id)
    except Batch.DoesNotExist:
        raise NotFound("batch", field="batch_id") from None


def catalogue(
    *,
    q: str = "",
    province_code: str = "",
    commune_code: str = "",
    ocop_only: bool = False,
    category: str = "",
) -> QuerySet[Product]:
    """Published products for the public catalogue and the feed. Search ignores accents."""
    products = Product.objects.filter(is_published=True).select_related("producer", "commune__province")
    if province_code:
        products = products.filter(commune__province_id=province_code)
    if commune_code:
        products = products.filter(commune_id=commune_code)
    if category:
        products = products.filter(category=category)
    if ocop_only:
        products = products.filter(ocop_stars__isnull=False)
    for word in fold(q).split()[:6]:
        products = products.filter(search_text__contains=word)
    return products.order_by("-ocop_stars", "name", "pk")


def product_public(product_id: int) -> Product:
    try:
        return catalogue().get(pk=product_id)
    except Product.DoesNotExist:
        raise NotFound("product", field="product_id") from None


def batch_public(batch_id: int) -> Batch:
    """A batch with its product, producer and place, for the public trace page."""
    return Batch.objects.select_related("product__producer", "commune__province").get(pk=batch_id)


def stamp_public(serial: str) -> Stamp:
    """A stamp with its batch, product and producer, for the public trace page."""
    serial = "".join((serial or "").split()).upper()
    stamp = (
        Stamp.objects.select_related("batch__product__producer", "batch__commune__province")
        .filter(serial=serial)
        .first()
    )
    if stamp is None:
        raise NotFound(_("No stamp has this serial: the product may be counterfeit."), field="serial")
    return stamp


def flagged_stamps_for(actor) -> QuerySet[Stamp]:
    return Stamp.objects.filter(
        Q(flagged_at__isnull=False), batch__in=Batch.objects.for_actor(actor, VIEW)
    ).select_related("batch__product")


def payment_points_by_communes(commune_codes: list[str], *, end=None) -> dict[str, int]:
    """{commune code: active cashless payment points (set up by `end`, a local date, if given)}
    for many communes in one grouped query: the DX indicator "cashless payment points". A
    commune without any active point is absent."""
    points = PaymentPoint.objects.filter(commune_id__in=commune_codes, is_active=True)
    if end is not None:
        points = points.filter(created_at__date__lte=end)
    return dict(points.values_list("commune_id").annotate(n=Count("pk")).order_by())


def products_online_by_communes(commune_codes: list[str]) -> dict[str, dict]:
    """{commune code: {"products", "online"}}: the commune's products on xaso, and those listed
    on at least one e-commerce marketplace (a marketplace link recorded): the DX indicator
    "local products sold online", one grouped query. A commune without products is absent."""
    rows = (
        Product.objects.filter(commune_id__in=commune_codes)
        .values("commune_id")
        .annotate(products=Count("pk"), online=Count("pk", filter=~Q(marketplace_links=[])))
        .order_by()
    )
    return {row.pop("commune_id"): row for row in rows}
