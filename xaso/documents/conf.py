"""Settings of the documents app, read from the environment through core.env's strict helpers."""

from xaso.core.env import env_int, env_list, env_str

# Largest PDF accepted for verification, registration or signing.
MAX_PDF_BYTES = env_int("XASO_DOCUMENTS_MAX_PDF_MB", 20, minimum=1) * 1024 * 1024
# RFC 3161 timestamp authority; empty: signatures carry the signer's own clock only.
TSA_URL = env_str("XASO_TSA_URL", "")
# Certificate revocation lists checked when signing and verifying: files or http(s) URLs.
CRL_SOURCES = env_list("XASO_CRL_SOURCES", [])
# Exchange between agencies: how long one try may wait for the recipient (the retry queue's
# settings, EXCHANGE_LEASE_SECONDS and the rest, are read in settings.py).
EXCHANGE_TIMEOUT_SECONDS = env_int("XASO_EXCHANGE_TIMEOUT_SECONDS", 30, minimum=1)
