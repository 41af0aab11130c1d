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


# The problem body every 4xx of the API carries (problem_response above), as an OpenAPI schema.
PROBLEM_SCHEMA = {
    "title": "Problem",
    "type": "object",
    "description": "RFC 9457 problem details; `errors` names each field that was refused.",
    "properties": {
        "type": {"type": "string", "example": "about:blank#invalid"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
                "required": ["field", "message"],
            },
        },
    },
    "required": ["type", "title", "status"],
}

PROBLEM_STATUSES = {
    400: "The request could not be completed",
    401: "Sign in or send a valid token",
    403: "You are not allowed to do this",
    404: "Not found (or not yours to see)",
    409: "The object's current state does not allow this",
    422: "Some information is not valid: `errors` names the fields",
    429: "Too many requests",
}


def _statuses_of(operation: dict, method: str, path: str) -> list[int]:
    """The 4xx an operation can answer, by the rules every operation follows: any input can be
    refused (400, 422); a signed-in operation refuses strangers (401) and other roles (403),
    and an operation of the "auth" tag refuses wrong credentials (401);
    a path or query parameter names a row that may not exist or be the caller's (404); a write may meet
    an object in the wrong state (409); anything may be rate-limited (429)."""
    statuses = [400, 422, 429]
    if operation.get("security"):
        statuses += [401, 403]
    if "auth" in operation.get("tags", ()):
        statuses.append(401)
    if "{" in path or operation.get("parameters"):
        statuses.append(404)
    if method in ("post", "put", "patch", "delete"):
        statuses += [403, 409]
    return sorted(set(statuses))


def document_problems(schema: dict) -> dict:
    """Add the problem body of every 4xx an operation can answer to the OpenAPI document, so
    clients (and schemathesis) know each refusal's shape."""
    schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    ref = {"$ref": "#/components/schemas/Problem"}
    for path, item in schema.get("paths", {}).items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            for status in _statuses_of(operation, method, path):
                responses.setdefault(
                    status,
                    {"description": PROBLEM_STATUSES[status], "content": {PROBLEM_TYPE: {"schema": ref}}},
                )
    return schema
