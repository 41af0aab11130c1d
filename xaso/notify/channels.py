"""Channels: one interface for every way a message reaches a person.

A channel says which address of a recipient it uses (`address_for`), whether it is set up
(`configured`) and delivers one outbox row (`send`), returning the provider's message id or
raising `TemporaryFailure` (retry later) or `PermanentFailure` (dead at once). The in-app
channel is `transactional`: it writes the inbox row in the sender's own transaction instead.
"""

import json
import smtplib
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage


class DeliveryError(Exception):
    pass


class TemporaryFailure(DeliveryError):
    """The channel may work later: network down, gateway busy (5xx, 429)."""


class PermanentFailure(DeliveryError):
    """Retrying cannot help: address refused, request rejected (4xx)."""


@dataclass(frozen=True)
class Recipient:
    """Who a message is for: a user, or just addresses (a household contact with no account).
    `user_id` alone may stand for the user when sending in bulk (no need to load each User)."""

    user: Any = None
    name: str = ""
    user_id: int | None = None
    email: str = ""
    phone: str = ""
    zalo_id: str = ""

    @classmethod
    def of(cls, user_or_recipient) -> "Recipient":
        if isinstance(user_or_recipient, Recipient):
            return user_or_recipient
        user = user_or_recipient
        return cls(
            user=user,
            user_id=user.pk,
            name=getattr(user, "full_name", "") or "",
            email=getattr(user, "email", "") or "",
            phone=getattr(user, "phone", "") or "",
        )


def recipient_user_id(recipient: Recipient) -> int | None:
    if recipient.user_id is not None:
        return recipient.user_id
    return recipient.user.pk if recipient.user is not None else None


class Channel:
    name: str = ""
    transactional = False

    def configured(self) -> bool:
        return True

    def address_for(self, recipient: Recipient) -> str:
        raise NotImplementedError

    def send(self, message) -> str:
        raise NotImplementedError


def message_text(message) -> str:
    """The plain text every external channel sends: the body, then the link on its own line."""
    link = message.link
    if link and link.startswith("/"):
        link = settings.SITE_URL + link
    return f"{message.body}\n\n{link}".strip() if link else message.body


class InAppChannel(Channel):
    name = "inapp"
    transactional = True

    def address_for(self, recipient: Recipient) -> str:
        return str(recipient_user_id(recipient) or "")


class EmailChannel(Channel):
    """E-mail through Django's mail (SMTP in production). The outbox uid is the Message-ID."""

    name = "email"

    def address_for(self, recipient: Recipient) -> str:
        return recipient.email

    def send(self, message) -> str:
        domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "xaso"
        message_id = f"<{message.uid}@{domain}>"
        email = EmailMessage(
            subject=message.subject,
            body=message_text(message),
            to=[message.address],
            headers={"Message-ID": message_id},
        )
        try:
            email.send()
        except smtplib.SMTPRecipientsRefused as exc:
            raise PermanentFailure(f"recipient refused: {exc.recipients}") from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise TemporaryFailure(f"{type(exc).__name__}: {exc}") from exc
        return message_id


def _post_json(url: str, payload: dict, headers: dict[str, str]) -> dict:
    """POST JSON and return the JSON answer; map HTTP outcomes onto the failure kinds."""
    request = urllib.request.Request(  # noqa: S310  (the URL comes from the operator's settings)
        url,
        data=json.dumps(payload, ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json; charset=utf-8", **headers},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.NOTIFY_HTTP_TIMEOUT_SECONDS) as response:  # noqa: S310
            raw = response.read()
    except urllib.error.HTTPError as exc:
        text = exc.read()[:300].decode(errors="replace")
        if exc.code == 429 or exc.code >= 500:
            raise TemporaryFailure(f"HTTP {exc.code}: {text}") from exc
        raise PermanentFailure(f"HTTP {exc.code}: {text}") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise TemporaryFailure(f"{type(exc).__name__}: {exc}") from exc
    try:
        return json.loads(raw or b"{}")
    except ValueError as exc:
        raise TemporaryFailure("the gateway answered with something that is not JSON") from exc


class SmsGatewayChannel(Channel):
    """SMS through a generic HTTP gateway: POST {to, text, client_ref} with a bearer token;
    the answer's `id` is the provider's message id. `client_ref` and the Idempotency-Key
    header carry the outbox uid so the gateway can drop a resend after a worker crash."""

    name = "sms"

    def configured(self) -> bool:
        return bool(settings.NOTIFY_SMS_URL)

    def address_for(self, recipient: Recipient) -> str:
        return recipient.phone

    def send(self, message) -> str:
        answer = _post_json(
            settings.NOTIFY_SMS_URL,
            {"to": message.address, "text": message_text(message), "client_ref": str(message.uid)},
            {"Authorization": f"Bearer {settings.NOTIFY_SMS_TOKEN}", "Idempotency-Key": str(message.uid)},
        )
        return str(answer.get("id", ""))


class ZaloOAChannel(Channel):
    """Zalo Official Account "customer service" text message (POST /v3.0/oa/message/cs with
    the `access_token` header). Zalo answers HTTP 200 with `error` 0 on success, or a negative
    code; an expired token (-216) is worth retrying after the operator renews it."""

    name = "zalo"
    RETRYABLE_ERRORS = frozenset({-216, -32, -1})

    def configured(self) -> bool:
        return bool(settings.NOTIFY_ZALO_TOKEN)

    def address_for(self, recipient: Recipient) -> str:
        return recipient.zalo_id

    def send(self, message) -> str:
        text = f"{message.subject}\n{message_text(message)}"[:2000]
        answer = _post_json(
            settings.NOTIFY_ZALO_BASE_URL.rstrip("/") + "/v3.0/oa/message/cs",
            {"recipient": {"user_id": message.address}, "message": {"text": text}},
            {"access_token": settings.NOTIFY_ZALO_TOKEN, "X-Idempotency-Key": str(message.uid)},
        )
        error = answer.get("error", -1)
        if error != 0:
            kind = TemporaryFailure if error in self.RETRYABLE_ERRORS else PermanentFailure
            raise kind(f"Zalo error {error}: {answer.get('message', '')}")
        return str((answer.get("data") or {}).get("message_id", ""))


CHANNELS: dict[str, Channel] = {
    c.name: c for c in (InAppChannel(), EmailChannel(), SmsGatewayChannel(), ZaloOAChannel())
}
ALL_CHANNELS = tuple(CHANNELS)


def channel_get(name: str) -> Channel:
    try:
        return CHANNELS[name]
    except KeyError:
        raise ValueError(f"unknown notification channel {name!r}") from None
