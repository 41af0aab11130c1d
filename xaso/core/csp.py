"""django-csp's middleware with the policy built once instead of on every response.

Our policy is fixed in settings and no page uses a nonce, yet django-csp turns the settings into
a header string twice per response (the policy and the report-only one): about a quarter of a
millisecond, a third of what the whole middleware stack costs a small JSON answer. The string
is kept per settings object (override_settings makes a new one); a response that asks for its
own policy (the csp decorators), a request whose nonce was used, or a policy with excluded
prefixes goes through django-csp unchanged."""

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from csp.utils import build_policy
from django.conf import settings

_OWN_POLICY = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_exempt",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt_ro",
)


_built: list = [None, None]  # (the settings' policy objects, their headers)


def built_policies() -> tuple[str, str] | None:
    """(policy, report-only policy) for the current settings, or None to let django-csp decide
    (excluded prefixes)."""
    policy = settings.CONTENT_SECURITY_POLICY
    report_only = settings.CONTENT_SECURITY_POLICY_REPORT_ONLY
    key = (id(policy), id(report_only))
    if _built[0] != key:
        excluded = any((p or {}).get("EXCLUDE_URL_PREFIXES") for p in (policy, report_only))
        _built[:] = [key, None if excluded else (build_policy(), build_policy(report_only=True))]
    return _built[1]


def policy_headers() -> dict[str, str]:
    """The CSP headers this middleware gives an answer without its own policy (xaso.core.front
    declares them with the other headers of an anonymous answer)."""
    policy, report_only = built_policies() or ("", "")
    return {name: value for name, value in ((HEADER, policy), (HEADER_REPORT_ONLY, report_only)) if value}


class CSPMiddleware(BaseCSPMiddleware):
    def process_response(self, request, response):
        headers = built_policies()
        plain = (
            headers is not None
            and getattr(request, "_csp_nonce", None) is None
            and not any(hasattr(response, name) for name in _OWN_POLICY)
            and not (settings.DEBUG and response.status_code in (404, 500))
        )
        if not plain:
            return super().process_response(request, response)
        policy, report_only = headers
        if policy and HEADER not in response:
            response[HEADER] = policy
        if report_only and HEADER_REPORT_ONLY not in response:
            response[HEADER_REPORT_ONLY] = report_only
        # As django-csp does: a nonce asked for after the header was written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
