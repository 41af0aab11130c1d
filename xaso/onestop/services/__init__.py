"""Writes of the one-stop shop, one module per sub-domain (callers import the module they need):

- `catalogue` — the shipped procedures and which ones a commune offers;
- `filing` — a citizen's draft and online filing (idempotent under a key);
- `counter` — filing at the counter on a citizen's behalf, and the citizen's profile;
- `lifecycle` — every later action on a dossier (`dossier_act`), run by the workflow table;
- `papers` — the papers of a dossier (uploads and the citizen's wallet);
- `reading` — who opened a dossier's personal data;
- `ratings` — the citizen's rating after delivery;
- `deadlines` — the daily sweep of late dossiers;
- `fee_payment` — the paid handler of a dossier's fee (registered with xaso.payments).

Every dossier state change goes through `DOSSIER_FLOW.apply` (xaso.core.workflow): row lock,
role check, event row, audit entry, all in one transaction; the citizen is told in the same
transaction (xaso.notify).
"""
