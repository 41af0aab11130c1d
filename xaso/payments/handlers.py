"""Who to tell when a payment request is paid. Payments knows nothing of dossiers or stalls:
the app that owns a kind of request registers a handler for it in its AppConfig.ready():

    from xaso.payments.handlers import register_paid_handler
    register_paid_handler("onestop.dossier_fee", dossier_fee_paid)

The handler receives the PaymentRequest (kind, subject_id, amount, amount_received, status) and
runs inside the transaction that settles it, so the payment and its effect commit together or
not at all. It is called once per request: a request that is already settled is never settled
again.
"""

from collections.abc import Callable

_handlers: dict[str, Callable] = {}


def register_paid_handler(kind: str, handler: Callable) -> None:
    existing = _handlers.get(kind)
    if existing is not None and existing is not handler:
        raise ValueError(f"a paid handler for {kind!r} is already registered")
    _handlers[kind] = handler


def unregister_paid_handler(kind: str) -> None:
    _handlers.pop(kind, None)


def paid_handler_for(kind: str) -> Callable | None:
    return _handlers.get(kind)
