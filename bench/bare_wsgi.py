"""The bare-Django ceiling's WSGI application: Django's own handler with bench/settings_bare.py,
without xaso.wsgi's fast paths."""

import os

from django.core.wsgi import get_wsgi_application

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings_bare"
application = get_wsgi_application()
