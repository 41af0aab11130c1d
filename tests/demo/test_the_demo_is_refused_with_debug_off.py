import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from xaso.accounts.models import User


def test_the_demo_is_refused_with_debug_off_unless_forced(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("demo")
    assert not User.objects.exists()
