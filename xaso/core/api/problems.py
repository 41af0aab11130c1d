"""Problem bodies (RFC 9457) for every API error, so a client always learns which field."""

from django.http import JsonResponse

PROBLEM_TYPE = "application/problem+json"


def problem_response(
    status: int, title: str, detail: str = "", errors: list | None = None, code: str = "error"
) -> JsonResponse:
    body = {"type": f"about:blank#{code}", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    if errors:
        body["errors"] = errors
    return JsonResponse(
        body, status=status, content_type=PROBLEM_TYPE, json_dumps_params={"ensure_ascii": False}
    )


def domain_problem(exc) -> JsonResponse:
    """The problem response of a xaso.core.errors.DomainError."""
    body = exc.problem()
    return problem_response(exc.status, body["title"], body["detail"], body.get("errors"), exc.code)
