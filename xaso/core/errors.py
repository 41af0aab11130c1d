"""Domain errors: what a user can cause. Views turn them into a Vietnamese message, the API
into a 4xx problem body (application/problem+json). Anything else escaping a view is a bug."""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    status = 400
    code = "invalid"
    title = _("The request could not be completed")

    def __init__(self, message, *, field: str | None = None, code: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field
        if code:
            self.code = code

    def problem(self) -> dict:
        body = {
            "type": f"about:blank#{self.code}",
            "title": str(self.title),
            "status": self.status,
            "detail": str(self.message),
        }
        if self.field:
            body["errors"] = [{"field": self.field, "message": str(self.message)}]
        return body


class InvalidInput(DomainError):
    status = 422
    code = "invalid"
    title = _("Some information is not valid")


class NotAllowed(DomainError):
    status = 403
    code = "forbidden"
    title = _("You are not allowed to do this")


class NotFound(DomainError):
    status = 404
    code = "not_found"
    title = _("Not found")


class Conflict(DomainError):
    """The action does not fit the object's current state (or another user changed it first)."""

    status = 409
    code = "conflict"
    title = _("This cannot be done in the current state")


class RateLimited(DomainError):
    status = 429
    code = "rate_limited"
    title = _("Too many requests")


# What a page shows on its form, beside the field: refusals about the input, the state or the
# pace, which the user can put right. NotAllowed and NotFound are never caught by a view: the
# middleware (xaso.core.middleware.DomainErrorMiddleware) answers 403/404, so a form never hints
# at what the actor may not touch. Every view catches this tuple and no other.
USER_ERRORS = (InvalidInput, Conflict, RateLimited)
