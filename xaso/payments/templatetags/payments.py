from django import template

from xaso.core.formats import grouped

register = template.Library()


@register.filter
def dong(value) -> str:
    """An amount of đồng grouped the Vietnamese way: 1.500.000 (xaso.core.formats.grouped;
    `money` there adds the "đ")."""
    return grouped(value)
