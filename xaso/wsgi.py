import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaso.settings")
application = get_wsgi_application()

from xaso.community.receiver_wsgi import with_receiver_fast_path  # noqa: E402  (needs the apps loaded)
from xaso.core.lean_wsgi import with_lean_paths  # noqa: E402

# Straight to their views, ahead of the URLconf: the public lookup's JSON (a plain view giving
# the ninja operation's answer) and its page (the view the URLconf names onestop:lookup).
LEAN_VIEWS = {
    r"/api/v1/lookup/(?P<code>[^/]+)": "xaso.onestop.api.lookup_json",
    r"/tra-cuu/": "xaso.onestop.views.lookup",
}
application = with_receiver_fast_path(with_lean_paths(application, LEAN_VIEWS))
