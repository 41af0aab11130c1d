"""Template filters for automatic indicators: `{% load calculators %}{{ i.calculator|calculator_title }}`
shows "Villages with an active community digital team", never the key `dx.villages_with_team`;
`{{ result.note|calculator_note }}` shows a calculator's "no data" reason in the reader's language."""

from django import template

from xaso.dx.calculators import REGISTRY, note_text

register = template.Library()


@register.filter
def calculator_title(name: str) -> str:
    calculator = REGISTRY.get(name or "")
    return str(calculator.title) if calculator else ""


register.filter("calculator_note", note_text)
