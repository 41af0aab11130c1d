import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from xaso.core.bounds import parse_int
from xaso.core.errors import NotAllowed, NotFound
from xaso.core.forms import form_refusals, form_render
from xaso.core.permissions import holds, require
from xaso.core.public_cache import public_page
from xaso.core.ratelimit import TRACE, limit_request
from xaso.core.spreadsheets import csv_writerow, xlsx_append
from xaso.core.uploads import file_response
from xaso.economy import selectors, trace_page
from xaso.economy.forms import BatchForm, PaymentPointForm, ProducerForm, ProductForm, StampsForm
from xaso.economy.models import ProductCategory
from xaso.economy.printing import SHEET_MAX_LABELS, payment_point_sign_pdf, stamp_sheet_pdf
from xaso.economy.services import (
    MANAGE,
    NOT_YOURS,
    batch_create,
    payment_point_save,
    producer_save,
    product_save,
    stamp_scan,
    stamps_generate,
)
from xaso.places.models import Commune, Province
from xaso.places.selectors import commune_of


def _managed_commune(request) -> Commune:
    return commune_of(request.user, MANAGE, message=_("You do not manage any commune's economy records."))


def _can_manage(request, commune) -> bool:
    return holds(request.user, MANAGE, commune=commune)


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_required
def home(request):
    commune = _managed_commune(request)
    return render(
        request,
        "economy/home.html",
        {
            "commune": commune,
            "points": selectors.payment_points_for(request.user).filter(commune=commune),
            "producers": selectors.producers_for(request.user).filter(commune=commune),
            "flagged": selectors.flagged_stamps_for(request.user).filter(batch__commune=commune)[:20],
        },
    )


def _point_initial(point) -> dict:
    fields = (
        "name",
        "kind",
        "place",
        "owner_name",
        "bank_bin",
        "account_number",
        "account_name",
        "note",
        "is_active",
    )
    return {f: getattr(point, f) for f in fields}


@login_required
def point_edit(request, point_id: int | None = None):
    point = selectors.payment_point_for(request.user, point_id) if point_id else None
    commune = point.commune if point else _managed_commune(request)
    require(request.user, MANAGE, commune=commune, message=NOT_YOURS)
    form = PaymentPointForm(request.POST or None, initial=_point_initial(point) if point else None)
    if request.method == "POST" and form.is_valid():
        with form_refusals(form):
            saved = payment_point_save(
                actor=request.user, commune=commune, point=point, data=form.cleaned_data
            )
            for said in saved.note_cleaning.messages():
                messages.warning(request, said)
            messages.success(request, _("The payment point was saved."))
            return redirect("economy:home")
    return form_render(request, "economy/point_edit.html", {"form": form, "point": point})


@login_required
def point_sign(request, point_id: int):
    point = selectors.payment_point_for(request.user, point_id)
    return _pdf(payment_point_sign_pdf(point), f"diem-thanh-toan-{point.pk}.pdf")


@login_required
def producer_edit(request, producer_id: int | None = None):
    producer = selectors.producer_for(request.user, producer_id) if producer_id else None
    commune = producer.commune if producer else _managed_commune(request)
    can_manage = _can_manage(request, commune)
    if producer is None and not can_manage:
        raise NotAllowed(NOT_YOURS)
    initial = None
    if producer:
        initial = {
            f: getattr(producer, f)
            for f in ("name", "kind", "representative", "phone", "address", "description")
        }
    form = ProducerForm(request.POST or None, initial=initial)
    if request.method == "POST" and can_manage and form.is_valid():
        with form_refusals(form):
            saved = producer_save(
                actor=request.user, commune=commune, producer=producer, data=form.cleaned_data
            )
            messages.success(request, _("The producer was saved."))
            return redirect("economy:producer", producer_id=saved.pk)
    return form_render(
        request,
        "economy/producer_edit.html",
        {
            "form": form,
            "producer": producer,
            "products": producer.products.order_by("name") if producer else [],
            "can_manage": can_manage,
        },
    )


def _product_initial(product) -> dict:
    fields = (
        "name",
        "category",
        "ocop_certificate",
        "certifications",
        "description",
        "unit",
        "is_published",
    )
    initial = {f: getattr(product, f) for f in fields}
    initial.update(
        ocop_stars=str(product.ocop_stars or ""),
        ocop_year=str(product.ocop_year or ""),
        price_min=product.price_min or "",
        price_max=product.price_max or "",
        marketplace_links="\n".join(product.marketplace_links),
    )
    return initial


@login_required
def product_edit(request, producer_id: int | None = None, product_id: int | None = None):
    product = selectors.product_for(request.user, product_id) if product_id else None
    producer = product.producer if product else selectors.producer_for(request.user, producer_id)
    can_manage = _can_manage(request, producer.commune)
    if product is None and not can_manage:
        raise NotAllowed(NOT_YOURS)
    form = ProductForm(
        request.POST or None, request.FILES or None, initial=_product_initial(product) if product else None
    )
    if request.method == "POST" and can_manage and form.is_valid():
        data = dict(form.cleaned_data)
        photo = data.pop("photo", None)
        with form_refusals(form):
            saved = product_save(
                actor=request.user, producer=producer, product=product, data=data, photo=photo
            )
            messages.success(request, _("The product was saved."))
            return redirect("economy:product", product_id=saved.pk)
    batch_form = BatchForm(prefix="batch")
    return form_render(
        request,
        "economy/product_edit.html",
        {
            "form": form,
            "product": product,
            "producer": producer,
            "batch_form": batch_form,
            "batches": product.batches.order_by("-produced_on") if product else [],
            "can_manage": can_manage,
        },
    )


@login_required
@require_POST
def batch_new(request, product_id: int):
    product = selectors.product_for(request.user, product_id)
    form = BatchForm(request.POST, prefix="batch")
    if form.is_valid():
        with form_refusals(form):
            batch = batch_create(actor=request.user, product=product, data=form.cleaned_data)
            messages.success(request, _("The batch was recorded."))
            return redirect("economy:batch", batch_id=batch.pk)
    require(request.user, MANAGE, commune=product.commune, message=NOT_YOURS)
    return render(
        request,
        "economy/product_edit.html",
        {
            "form": ProductForm(initial=_product_initial(product)),
            "product": product,
            "producer": product.producer,
            "batch_form": form,
            "batches": product.batches.order_by("-produced_on"),
            "can_manage": True,
        },
        status=422,
    )


@login_required
def batch_detail(request, batch_id: int):
    batch = selectors.batch_for(request.user, batch_id)
    can_manage = _can_manage(request, batch.commune)
    issued = batch.stamps.count()
    form = StampsForm(request.POST or None, initial={"count": max(batch.quantity - issued, 1)})
    if request.method == "POST":
        if not can_manage:
            raise NotAllowed(NOT_YOURS)
        if form.is_valid():
            with form_refusals(form):
                n = stamps_generate(actor=request.user, batch=batch, count=form.cleaned_data["count"])
                messages.success(request, _("%(n)d stamps were issued.") % {"n": n})
                return redirect("economy:batch", batch_id=batch.pk)
    sheets = [
        {"start": start, "end": min(start + SHEET_MAX_LABELS, issued)}
        for start in range(0, issued, SHEET_MAX_LABELS)
    ]
    return form_render(
        request,
        "economy/batch.html",
        {
            "batch": batch,
            "product": batch.product,
            "issued": issued,
            "form": form,
            "can_manage": can_manage and issued < batch.quantity,
            "sheets": sheets,
            "scanned": batch.stamps.filter(scan_count__gt=0).count(),
            "flagged": batch.stamps.filter(flagged_at__isnull=False).count(),
        },
    )


@login_required
def stamp_sheet(request, batch_id: int):
    batch = selectors.batch_for(request.user, batch_id)
    start = parse_int(request.GET.get("tu"), field="tu", label=_("From stamp"), high=10**9, default=0)
    return _pdf(stamp_sheet_pdf(batch, start=start), f"tem-{batch.code}-{start + 1}.pdf")


# -- public ------------------------------------------------------------------------------------


def _catalogue_filters(request) -> dict:
    return {
        "q": request.GET.get("q", "").strip()[:100],
        "province_code": request.GET.get("tinh", "").strip()[:2],
        "commune_code": request.GET.get("xa", "").strip()[:5],
        "category": request.GET.get("loai", "")
        if request.GET.get("loai", "") in ProductCategory.values
        else "",
        "ocop_only": request.GET.get("ocop") == "1",
    }


@public_page("products")
def catalogue(request):
    filters = _catalogue_filters(request)
    products = selectors.catalogue(**filters)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "economy/catalogue.html",
        {
            **filters,
            "provinces": Province.objects.order_by("name"),
            "categories": ProductCategory.choices,
            "page": Paginator(products, 24).get_page(request.GET.get("page")),
            "extra_query": (query.urlencode() + "&amp;") if query else "",
            "feed_query": query.urlencode(),
        },
    )


def product_public(request, product_id: int):
    product = selectors.product_public(product_id)
    return render(request, "economy/product_public.html", {"product": product})


def product_photo(request, product_id: int):
    """A published product's photo for the public: the light web version, without EXIF."""
    product = selectors.product_public(product_id)
    stored = product.photo_web or product.photo
    if not stored:
        raise Http404
    return file_response(stored)


@login_required
def product_photo_original(request, product_id: int):
    """The photo as the producer's commune staff uploaded it (re-encoded, without EXIF)."""
    product = selectors.product_for(request.user, product_id)
    if not product.photo:
        raise Http404
    return file_response(product.photo)


FEED_COLUMNS = (
    "id",
    "name",
    "category",
    "ocop_stars",
    "ocop_certificate",
    "certifications",
    "price_min",
    "price_max",
    "unit",
    "producer",
    "producer_kind",
    "commune_code",
    "commune",
    "province",
    "marketplace_links",
    "url",
)


def _feed_rows(request):
    base = request.build_absolute_uri("/")[:-1]
    for p in selectors.catalogue(**_catalogue_filters(request)).iterator(chunk_size=2000):
        yield [
            p.pk,
            p.name,
            p.category,
            p.ocop_stars or "",
            p.ocop_certificate,
            ";".join(p.certifications),
            p.price_min or "",
            p.price_max or "",
            p.unit,
            p.producer.name,
            p.producer.kind,
            p.commune_id,
            p.commune.name,
            p.commune.province.name,
            " ".join(p.marketplace_links),
            f"{base}/san-pham/{p.pk}/",
        ]


def feed_csv(request):
    buf = io.StringIO()
    writer = csv.writer(buf)
    csv_writerow(writer, FEED_COLUMNS)
    for row in _feed_rows(request):
        csv_writerow(writer, row)
    response = HttpResponse(("\ufeff" + buf.getvalue()).encode(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="san-pham.csv"'
    return response


def feed_xlsx(request):
    book = Workbook(write_only=True)
    sheet = book.create_sheet("san-pham")
    xlsx_append(sheet, FEED_COLUMNS)
    for row in _feed_rows(request):
        xlsx_append(sheet, row)
    buf = io.BytesIO()
    book.save(buf)
    response = HttpResponse(
        buf.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="san-pham.xlsx"'
    return response


TRACE_ORIGIN_SECONDS = 60


def _trace_origin(batch_id: int) -> dict:
    """What a trace page says about the batch, product and producer: the same for every stamp of
    the batch, so rendered once a minute per process and language, not on every scan."""
    key = f"economy:trace-origin:{batch_id}:{get_language()}"
    origin = cache.get(key)
    if origin is None:
        batch = selectors.batch_public(batch_id)
        origin = {
            "product_id": batch.product_id,
            "product_name": batch.product.name,
            "html": render_to_string(
                "economy/_trace_origin.html",
                {"batch": batch, "product": batch.product, "producer": batch.product.producer},
            ),
        }
        cache.set(key, origin, TRACE_ORIGIN_SECONDS)
    return origin


def _first_scanned(stamp) -> str:
    """As the template's |date:"d/m/Y H:i" writes it, in the current time zone."""
    return timezone.localtime(stamp.first_scanned_at or timezone.now()).strftime("%d/%m/%Y %H:%M")


def trace_search(request):
    """A stamp's code typed by hand (the QR code is torn, or the buyer has no camera): the code
    printed under the QR code leads to the same trace page. Limited as the trace page is."""
    limit_request(request, TRACE)
    serial = "".join(request.GET.get("tem", "").replace("-", "").split()).upper()[:40]
    error = ""
    if serial:
        try:
            stamp = selectors.stamp_public(serial)
        except NotFound as refused:
            error = refused.message
        else:
            return redirect("economy:trace", serial=stamp.serial)
    return render(
        request, "economy/trace_search.html", {"serial": serial, "error": error}, status=404 if error else 200
    )


def trace(request, serial: str):
    """The public page a stamp's QR code opens. Reads only: the scan is queued (see
    xaso.economy.scans) and the counts shown include this process's scans not yet written.
    A visitor without a session or messages (anyone scanning a pack) gets the page from a shell
    kept per batch and language (xaso.economy.trace_page); others get the full render."""
    limit_request(request, TRACE)
    stamp = stamp_scan(serial=serial, ip=request.META.get("REMOTE_ADDR"))
    scans = stamp.scan_count + stamp.pending_scans
    flagged = stamp.flagged_at is not None
    values = {
        "serial": stamp.serial,
        "scans": scans,
        "places": max(stamp.places, 1),
        "first": _first_scanned(stamp),
    }
    if trace_page.plain_visit(request):
        shell = trace_page.shell_for(request, stamp.batch_id, flagged, _trace_origin)
        return HttpResponse(shell.fill(**values, path=request.get_full_path()))
    return render(
        request, "economy/trace.html", trace_page.context(_trace_origin(stamp.batch_id), flagged, values)
    )
