import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaso.settings")
application = get_wsgi_application()

from xaso.community.receiver_wsgi import with_receiver_fast_path  # noqa: E402  (needs the apps loaded)
from xaso.core.lean_wsgi import LeanHandler, with_lean_paths  # noqa: E402
from xaso.onestop import lookup_wsgi  # noqa: E402

# The public lookup, through the lean chain straight to its views: its JSON (a plain view giving
# the ninja operation's answer) and its page (the view the URLconf names onestop:lookup; a page,
# so a session cookie sends it the full way). path pattern -> (view, is a page)
LEAN_ROUTES = {
    lookup_wsgi.PATH.pattern: ("xaso.onestop.api.lookup_json", False),
    r"/tra-cuu/": ("xaso.onestop.views.public.lookup", True),
}
lean = LeanHandler(LEAN_ROUTES)
# Ahead of both, a found dossier's JSON answered without Django's request and response objects
# (xaso/onestop/lookup_wsgi.py); its refusals and anything unusual go to the lean chain.
application = with_lean_paths(application, lean)
application = with_receiver_fast_path(lookup_wsgi.with_lookup_fast_path(application, lean))
