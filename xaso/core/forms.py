"""Form → service → error, once for every view.

    form = VillageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with form_refusals(form):
            village_create(actor=request.user, commune=commune, **form.cleaned_data)
            messages.success(request, _("The village was added."))
            return redirect("web:villages")
    return form_render(request, "web/villages.html", {"form": form})

A page that answers a refusal with its own status (429 for a rate limit) reads it from the
context manager: `with form_refusals(form) as refused: …` then `refused.status`.

A refusal the user can put right (xaso.core.errors.USER_ERRORS) lands on the form beside the
field it names, keeping what was typed, and the page is shown again with 422; NotAllowed and
NotFound go on to the middleware (403/404).
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.shortcuts import render

from xaso.core.errors import USER_ERRORS, DomainError


def attach_error(form, exc: DomainError) -> None:
    """Show a service's refusal on the form, beside the field it names, keeping what was typed."""
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, str(exc.message))


class Refused:
    """What `form_refusals` caught: `error` (None when the block ran through) and its status."""

    error: DomainError | None = None

    @property
    def status(self) -> int:
        return self.error.status if self.error is not None else 200


@contextmanager
def form_refusals(form) -> Iterator[Refused]:
    """Run the service call in the block; a USER_ERRORS refusal goes onto `form` and the block
    ends there. The yielded `Refused` tells a page that answers 429 for a rate limit which it was."""
    refused = Refused()
    try:
        yield refused
    except USER_ERRORS as exc:
        attach_error(form, exc)
        refused.error = exc


def form_render(request, template: str, context: dict, *, form=None, status: int | None = None):
    """Render a page with a form: 422 when the form (context["form"] unless named) has errors,
    else 200; a `status` given wins."""
    form = context.get("form") if form is None else form
    if status is None:
        status = 422 if form is not None and form.errors else 200
    return render(request, template, context, status=status)
