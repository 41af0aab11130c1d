import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaso.settings")
application = get_wsgi_application()

from xaso.community.receiver_wsgi import with_receiver_fast_path  # noqa: E402  (needs the apps loaded)
from xaso.core.lean_wsgi import with_lean_paths  # noqa: E402

# The public lookup's JSON straight to its plain view (same answer as the ninja operation).
LEAN_VIEWS = {r"/api/v1/lookup/(?P<code>[^/]+)": "xaso.onestop.api.lookup_json"}
application = with_receiver_fast_path(with_lean_paths(application, LEAN_VIEWS))
