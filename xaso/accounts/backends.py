from django.contrib.auth.backends import ModelBackend

from xaso.accounts.identity import phone_clean
from xaso.accounts.models import User
from xaso.core.errors import InvalidInput


def user_by_login(identifier: str) -> User | None:
    """Find the account a login names: a phone number, an e-mail address or a username."""
    identifier = (identifier or "").strip()
    if not identifier:
        return None
    if "@" in identifier:
        return User.objects.filter(email__iexact=identifier).first()
    try:
        phone = phone_clean(identifier)
    except InvalidInput:
        phone = None
    if phone:
        user = User.objects.filter(phone=phone).first()
        if user:
            return user
    return User.objects.filter(username=identifier).first()


class LoginBackend(ModelBackend):
    """Citizens sign in with a phone number or an e-mail address, staff with a username."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user = user_by_login(username)
        if user is None:
            User().set_password(password)  # same work either way: no timing hint of existence
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
