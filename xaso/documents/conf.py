"""Settings of the documents app, read from the environment through core.env's strict helpers."""

from xaso.core.env import env_int, env_str

# Largest PDF accepted for verification, registration or signing.
MAX_PDF_BYTES = env_int("XASO_DOCUMENTS_MAX_PDF_MB", 20, minimum=1) * 1024 * 1024
# RFC 3161 timestamp authority; empty: signatures carry the signer's own clock only.
TSA_URL = env_str("XASO_TSA_URL", "")
