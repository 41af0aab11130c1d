"""The notify app's settings are defined in xaso/settings.py (NOTIFY_*, from XASO_NOTIFY_* in the
environment) and read as `settings.NOTIFY_…`. `conf(name)` is that read by name, kept only for
xaso/notify/delivery.py until it moves onto core's retry queue (issue 17 part 4); delete this
module with its last caller."""

from django.conf import settings


def conf(name: str):
    return getattr(settings, name)
