"""Template filters for personal data: `{% load privacy %}{{ phone|mask_phone }}`."""

from django import template

from xaso.core import privacy

register = template.Library()
register.filter("mask_phone", privacy.mask_phone)
register.filter("mask_personal_id", privacy.mask_personal_id)
