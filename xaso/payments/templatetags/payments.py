from django import template

register = template.Library()


@register.filter
def dong(value) -> str:
    """An amount of đồng grouped the Vietnamese way: 1.500.000 (Django's vi format has no grouping)."""
    try:
        return f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return ""
