"""Masking of personal numbers: enough to recognise one's own, not to identify a stranger."""

from django.template import Context, Template

from xaso.core.privacy import mask_personal_id, mask_phone


def test_a_phone_keeps_its_prefix_and_last_three_digits():
    assert mask_phone("0912345678") == "091****678"


def test_a_personal_id_keeps_only_its_last_three_digits():
    assert mask_personal_id("038190000123") == "*********123"


def test_short_or_empty_values_are_hidden_whole():
    assert mask_phone("12345") == "*****"
    assert mask_phone("") == ""


def test_templates_mask_through_filters():
    rendered = Template("{% load privacy %}{{ p|mask_phone }} {{ n|mask_personal_id }}").render(
        Context({"p": "0912345678", "n": "038190000123"})
    )
    assert rendered == "091****678 *********123"
