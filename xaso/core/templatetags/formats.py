"""Template filters for money, dates and numbers (xaso.core.formats):
`{% load formats %}{{ fee|money }} {{ due|day }} {{ at|moment }} {{ score|decimal }}`."""

from django import template

from xaso.core import formats

register = template.Library()
register.filter("money", formats.money)
register.filter("grouped", formats.grouped)
register.filter("day", formats.day)
register.filter("moment", formats.moment)
register.filter("decimal", formats.decimal)
