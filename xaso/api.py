"""The JSON API at /api/v1. Each app contributes a router; errors become problem bodies."""

from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer, django_auth

from xaso.accounts.api import citizens_router
from xaso.accounts.api import router as accounts_router
from xaso.accounts.services import api_token_user
from xaso.civil.api import router as register_router
from xaso.community.api import router as community_router
from xaso.core.api.calendar import router as calendar_router
from xaso.core.api.problems import document_problems, domain_problem, problem_response
from xaso.core.errors import DomainError
from xaso.documents.api import router as documents_router
from xaso.documents.exchange.api import router as exchange_router
from xaso.dx.api import router as dx_router
from xaso.onestop.api import dossiers_router, lookup_router, procedures_router
from xaso.payments.api import router as payments_router
from xaso.places.api import router as places_router

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        # Any other method writes: a read token, or a token without the second factor for
        # someone whose role needs it, is refused there (403).
        user = api_token_user(token, writes=request.method not in SAFE_METHODS)
        if user is not None:
            request.user = user
        return user


class XasoAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        # Every 4xx an operation can answer is documented with its problem body.
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return document_problems(schema)


api = XasoAPI(
    title="xaso API",
    version="1",
    description="Xã Số — the digital commune platform. Token auth: POST /api/v1/auth/token.",
    urls_namespace="api",
    auth=[BearerToken(), django_auth],
)


def _field_of(loc) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload", "form")]
    return ".".join(parts) or "body"


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    errors = [{"field": _field_of(e.get("loc", [])), "message": e.get("msg", "")} for e in exc.errors]
    return problem_response(422, _("Some information is not valid"), errors=errors, code="invalid")


@api.exception_handler(DomainError)
def on_domain_error(request, exc: DomainError):
    return domain_problem(exc)


@api.exception_handler(AuthenticationError)
def on_auth_error(request, exc):
    return problem_response(401, _("Sign in or send a valid token"), code="unauthorized")


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    return problem_response(exc.status_code, str(exc), code="error")


api.add_router("/auth", accounts_router)
api.add_router("/places", places_router)
api.add_router("/citizens", citizens_router)
api.add_router("/calendar", calendar_router)
api.add_router("/payments", payments_router)
api.add_router("/verify", documents_router)
api.add_router("/exchange", exchange_router)
api.add_router("/dx", dx_router)
api.add_router("/procedures", procedures_router)
api.add_router("/dossiers", dossiers_router)
api.add_router("/lookup", lookup_router)
api.add_router("/community", community_router)
api.add_router("/register", register_router)
