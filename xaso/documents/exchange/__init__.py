"""The exchange of documents between agencies (another xaso, another tenant, or one of our
communes): an issued outgoing document travels as a signed envelope and comes back with a signed
receipt; an envelope received from a pinned agency is registered as an incoming document.

- models.py: the registry of agencies (pinned certificates, our exchange keys), the envelopes
  we send (EnvelopeDelivery) and those we received (InboundEnvelope); imported by
  documents/models.py so that Django registers them with the documents app.
- envelope.py: the wire format, pure (no database): envelope and receipt JSON, detached CMS.
- services.py: the writes: the agency registry, `exchange_send`, `envelope_receive`.
- delivery.py: the channel on the core retry queue (xaso.core.outbox): POST one envelope,
  check and keep the receipt.
- selectors.py: reads for the document pages; api.py: `POST /api/v1/exchange/envelopes`.
"""
