from xaso.core.errors import DomainError


def attach_error(form, exc: DomainError) -> None:
    """Show a service's refusal on the form, beside the field it names, keeping what was typed."""
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, str(exc.message))
