"""Writes of the economy app: payment points, producers, products, batches and stamps."""

import base64
import hashlib
import hmac
import ipaddress
import secrets
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models.base import ModelState
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaso.core.audit import audit_record
from xaso.core.errors import InvalidInput, NotFound
from xaso.core.permissions import require
from xaso.core.text import fold_all
from xaso.core.uploads import IMAGE, file_check
from xaso.economy.models import (
    Batch,
    Certification,
    PaymentPoint,
    PointKind,
    Producer,
    ProducerKind,
    Product,
    ProductCategory,
    Stamp,
)
from xaso.economy.scans import (  # noqa: F401
    CLONE_SOURCES,
    scan_queue,
    scans_pending,
    stamp_recent,
    stamp_remember,
)
from xaso.payments.vietqr import account_clean, bin_clean, vietqr_build

MANAGE = "economy.manage"
NOT_YOURS = gettext_lazy("You cannot manage this commune's economy records.")
PHOTO_MAX_BYTES = 5 * 1024 * 1024
MAX_LINKS = 6
# One request prints at most this many stamps; a bigger batch is stamped in several runs.
STAMPS_PER_RUN = 100_000


def _text(value, *, field: str, required: bool = False, limit: int = 200) -> str:
    value = " ".join(str(value or "").split())
    if required and not value:
        raise InvalidInput(_("This field is required."), field=field)
    if len(value) > limit:
        raise InvalidInput(_("At most %(n)d characters.") % {"n": limit}, field=field)
    return value


# -- cashless payment points -------------------------------------------------------------------


def payment_point_save(*, actor, commune, point: PaymentPoint | None = None, data: dict) -> PaymentPoint:
    """Register (or change) a cashless payment point and its static VietQR code. Rules:
    economy.manage in the commune; a BIN from the bank list and a plain account number; the
    note is folded as banks carry it."""
    require(actor, MANAGE, commune=commune, message=NOT_YOURS)
    name = _text(data.get("name"), field="name", required=True, limit=150)
    kind = data.get("kind") or ""
    if kind not in PointKind.values:
        raise InvalidInput(_("Choose the kind of payment point."), field="kind")
    bank_bin = bin_clean(data.get("bank_bin"))
    account_number = account_clean(data.get("account_number"))
    account_name = _text(data.get("account_name"), field="account_name", required=True, limit=100)
    payload, clean = vietqr_build(
        bank_bin=bank_bin, account_number=account_number, note=data.get("note") or "", dynamic=False
    )
    point = point or PaymentPoint(commune=commune)
    point.name, point.kind = name, kind
    point.place = _text(data.get("place"), field="place", limit=200)
    point.owner_name = _text(data.get("owner_name"), field="owner_name", limit=150)
    point.bank_bin, point.account_number, point.account_name = bank_bin, account_number, account_name
    point.note, point.payload = clean.text, payload
    point.is_active = bool(data.get("is_active", True))
    point.search_text = fold_all(name, point.place, point.owner_name)
    with transaction.atomic():
        point.save()
        audit_record(
            actor=actor, action="payment_point.save", target=point, summary=name, commune_code=commune.code
        )
    point.note_cleaning = clean
    return point


# -- producers and products --------------------------------------------------------------------


def producer_save(*, actor, commune, producer: Producer | None = None, data: dict) -> Producer:
    """Add or change a producer of the commune. Rules: economy.manage; a name unique in the commune."""
    require(actor, MANAGE, commune=commune, message=NOT_YOURS)
    name = _text(data.get("name"), field="name", required=True)
    kind = data.get("kind") or ""
    if kind not in ProducerKind.values:
        raise InvalidInput(_("Choose the kind of producer."), field="kind")
    clash = Producer.objects.filter(commune=commune, name__iexact=name)
    if producer is not None:
        clash = clash.exclude(pk=producer.pk)
    if clash.exists():
        raise InvalidInput(_("The commune already has a producer with this name."), field="name")
    producer = producer or Producer(commune=commune)
    producer.name, producer.kind = name, kind
    producer.representative = _text(data.get("representative"), field="representative", limit=150)
    producer.phone = _text(data.get("phone"), field="phone", limit=20)
    producer.address = _text(data.get("address"), field="address", limit=300)
    producer.description = (data.get("description") or "").strip()[:5000]
    producer.search_text = fold_all(name, producer.representative, producer.address)
    with transaction.atomic():
        producer.save()
        audit_record(
            actor=actor,
            action="producer.save",
            target=producer,
            summary=name,
            commune_code=commune.code,
        )
    return producer


def links_clean(raw) -> list[str]:
    """Marketplace listing links: https only, at most six, one per line."""
    if isinstance(raw, str):
        raw = raw.splitlines()
    links = [link.strip() for link in raw or [] if link and link.strip()]
    if len(links) > MAX_LINKS:
        raise InvalidInput(
            _("At most %(n)d marketplace links.") % {"n": MAX_LINKS}, field="marketplace_links"
        )
    validate = URLValidator(schemes=["https"])
    for link in links:
        try:
            validate(link)
        except ValidationError:
            raise InvalidInput(
                _("“%(link)s” is not a secure web address (https://…).") % {"link": link[:80]},
                field="marketplace_links",
            ) from None
    return links


def _stars(value):
    if value in (None, ""):
        return None
    try:
        value = int(value)
    except (TypeError, ValueError):
        value = 0
    if value not in (3, 4, 5):
        raise InvalidInput(_("An OCOP rating is 3, 4 or 5 stars."), field="ocop_stars")
    return value


def _price(value, field):
    if value in (None, ""):
        return None
    try:
        value = int(str(value).replace(".", "").replace(",", "").replace(" ", ""))
    except ValueError:
        raise InvalidInput(_("Enter a whole number of đồng."), field=field) from None
    if value <= 0:
        raise InvalidInput(_("A price is more than 0 đồng."), field=field)
    return value


def _certifications(values) -> list[str]:
    values = list(values or [])
    unknown = [v for v in values if v not in Certification.values]
    if unknown:
        raise InvalidInput(_("Unknown certification."), field="certifications")
    return sorted(set(values))


def product_save(
    *, actor, producer: Producer, product: Product | None = None, data: dict, photo=None
) -> Product:
    """Add or change a product. Rules: economy.manage in the producer's commune; OCOP stars 3–5
    with a certificate number; prices in đồng, from ≤ to; https marketplace links; a photo
    checked by its content."""
    commune = producer.commune
    require(actor, MANAGE, commune=commune, message=NOT_YOURS)
    name = _text(data.get("name"), field="name", required=True)
    category = data.get("category") or ""
    if category not in ProductCategory.values:
        raise InvalidInput(_("Choose the product's category."), field="category")
    stars = _stars(data.get("ocop_stars"))
    certificate = _text(data.get("ocop_certificate"), field="ocop_certificate", limit=100)
    if stars and not certificate:
        raise InvalidInput(_("Enter the OCOP certificate number."), field="ocop_certificate")
    year = data.get("ocop_year") or None
    if year is not None:
        try:
            year = int(year)
        except (TypeError, ValueError):
            year = 0
        if not 2018 <= year <= date.today().year:
            raise InvalidInput(_("Enter the year the OCOP rating was given."), field="ocop_year")
    price_min, price_max = (
        _price(data.get("price_min"), "price_min"),
        _price(data.get("price_max"), "price_max"),
    )
    if price_min and price_max and price_min > price_max:
        raise InvalidInput(_("The lowest price is above the highest."), field="price_max")
    if photo is not None:
        # Written again without EXIF, with a light web version for the public catalogue.
        photo = file_check(photo, field="photo", kinds=(IMAGE,), max_bytes=PHOTO_MAX_BYTES, web_version=True)
    product = product or Product(producer=producer, commune=commune)
    product.name, product.category = name, category
    product.ocop_stars, product.ocop_certificate, product.ocop_year = stars, certificate, year
    product.certifications = _certifications(data.get("certifications"))
    product.description = (data.get("description") or "").strip()[:5000]
    product.price_min, product.price_max = price_min, price_max
    product.unit = _text(data.get("unit"), field="unit", limit=40)
    product.marketplace_links = links_clean(data.get("marketplace_links"))
    product.is_published = bool(data.get("is_published", True))
    product.search_text = fold_all(name, producer.name, commune.name, product.get_category_display())
    with transaction.atomic():
        if photo is not None:
            product.photo, product.photo_web = photo.content(), photo.web_content()
        product.save()
        audit_record(
            actor=actor,
            action="product.save",
            target=product,
            summary=name,
            commune_code=commune.code,
        )
    return product


# -- batches and stamps ------------------------------------------------------------------------


def batch_create(*, actor, product: Product, data: dict) -> Batch:
    """Record a production batch. Rules: economy.manage; a code unique for the product; a date
    not in the future; a quantity of at least one unit (each unit gets one stamp)."""
    require(actor, MANAGE, commune=product.commune, message=NOT_YOURS)
    code = _text(data.get("code"), field="code", required=True, limit=40)
    produced_on = data.get("produced_on")
    if not isinstance(produced_on, date):
        raise InvalidInput(_("Enter the harvest or production date (dd/mm/yyyy)."), field="produced_on")
    if produced_on > timezone.localdate():
        raise InvalidInput(_("The production date is in the future."), field="produced_on")
    try:
        quantity = int(data.get("quantity") or 0)
    except (TypeError, ValueError):
        quantity = 0
    if not 1 <= quantity <= 10_000_000:
        raise InvalidInput(_("Enter the number of units, from 1 to 10,000,000."), field="quantity")
    if Batch.objects.filter(product=product, code__iexact=code).exists():
        raise InvalidInput(_("This product already has a batch with this code."), field="code")
    with transaction.atomic():
        batch = Batch.objects.create(
            product=product,
            commune=product.commune,
            code=code,
            produced_on=produced_on,
            area=_text(data.get("area"), field="area", limit=200),
            inputs=(data.get("inputs") or "").strip()[:5000],
            certifications=_certifications(data.get("certifications")),
            quantity=quantity,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action="batch.create",
            target=batch,
            summary=f"{product.name} {code} ×{quantity}",
            commune_code=product.commune_id,
        )
    return batch


SERIAL_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
SERIAL_LENGTH = 16  # 80 random bits


# RFC 4648 base-32 mapped onto Crockford's alphabet (no I, L, O, U).
_TO_CROCKFORD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", SERIAL_ALPHABET)


def serial_new() -> str:
    """16 symbols from 10 random bytes (80 bits)."""
    return base64.b32encode(secrets.token_bytes(10)).decode().translate(_TO_CROCKFORD)


def stamps_generate(*, actor, batch: Batch, count: int | None = None) -> int:
    """Issue stamps for a batch, never more than its quantity. Rules: economy.manage; serials
    are random and unique (the database's unique index is the last word: a clash, at 80 bits
    practically never, is drawn again). Returns how many were issued."""
    require(actor, MANAGE, commune=batch.commune, message=NOT_YOURS)
    remaining = batch.quantity - batch.stamps.count()
    count = remaining if count is None else int(count)
    if count <= 0 or count > remaining:
        raise InvalidInput(
            _("This batch can take %(n)d more stamps.") % {"n": max(remaining, 0)}, field="count"
        )
    if count > STAMPS_PER_RUN:
        raise InvalidInput(_("Issue at most %(n)d stamps at a time.") % {"n": STAMPS_PER_RUN}, field="count")
    issued = 0
    with transaction.atomic():
        while issued < count:
            wanted = count - issued
            serials = {serial_new() for _ in range(wanted)}
            try:
                with transaction.atomic():
                    Stamp.objects.bulk_create(
                        [Stamp(batch=batch, serial=s) for s in serials], batch_size=5000
                    )
            except IntegrityError:
                continue  # a serial already existed: draw this chunk again
            issued += len(serials)
        audit_record(
            actor=actor,
            action="stamp.generate",
            target=batch,
            summary=f"{count}",
            commune_code=batch.commune_id,
        )
    return issued


def _network_of(ip: str | None) -> str:
    parts = (ip or "").split(".")
    if len(parts) == 4 and all(
        p.isascii() and p.isdigit() and str(int(p)) == p and int(p) < 256 for p in parts
    ):
        return f"{parts[0]}.{parts[1]}.{parts[2]}.0/24"  # the usual case, without ipaddress's parsing
    try:
        address = ipaddress.ip_address(ip or "")
        prefix = 24 if address.version == 4 else 48
        return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))
    except ValueError:
        return "unknown"


def _source_of(ip: str | None) -> str:
    """A keyed hash of the scanner's /24 (IPv4) or /48 (IPv6) network."""
    network = _network_of(ip)
    return hmac.new(settings.SECRET_KEY.encode(), network.encode(), hashlib.sha256).hexdigest()[:16]


def _copy_of(stamp: Stamp) -> Stamp:
    """A copy of a loaded stamp row for one request (copy.copy goes through pickling's hooks)."""
    copied = Stamp.__new__(Stamp)
    copied.__dict__.update(stamp.__dict__)
    copied._state = ModelState()
    copied._state.db, copied._state.adding = stamp._state.db, False
    return copied


def stamp_scan(*, serial: str, ip: str | None) -> Stamp:
    """Record a public look-up of a stamp; a stamp scanned from more places (distinct
    networks, never hits) than one unit plausibly is gets flagged as a possible clone when the scan is written
    (xaso.economy.scans: in batches, or at once with XASO_STAMP_SCAN_BATCH = 1). Returns the
    stamp with its batch, product and producer; `pending_scans` says how many of its scans
    (this one included) this process has not written yet. Anonymous: no actor. No write
    happens here unless the batch is full. While scans are batched, the stamp row may be
    remembered for up to XASO_STAMP_SCAN_SECONDS (xaso.economy.scans.stamp_recent)."""
    serial = "".join((serial or "").split()).upper()
    recent = stamp_recent(serial)
    if recent is None:
        recent = Stamp.objects.filter(serial=serial).first()
        if recent is None:
            raise NotFound(_("No stamp has this serial: the product may be counterfeit."), field="serial")
        stamp_remember(recent)
    stamp = _copy_of(recent)  # the remembered row is shared by this process's threads
    scan_queue(stamp_id=stamp.pk, source=_source_of(ip))
    pending = scans_pending(stamp.pk)
    if not pending:  # written at once: show the stamp as it is now
        stamp.refresh_from_db(
            fields=["scan_count", "places", "first_scanned_at", "last_scanned_at", "flagged_at"]
        )
    stamp.pending_scans = pending
    return stamp
