"""Pages of the one-stop shop, one module per audience or journey:

- `citizen` — find a procedure, file it step by step (a draft kept between visits), my dossiers;
- `dossier` — one dossier's page and what its citizen and officers do there (act, papers,
  receipt, apology letter, rating);
- `own` — the citizen's steps with a page of their own: withdraw (confirmed, with a reason),
  answer a supplement request (the paper and the resubmission in one form);
- `fees` — the fee's QR and the cashier's card on the dossier page;
- `result` — the leader signs the result; its citizen and officers download it;
- `counter` — the officers' queue, counter intake, the commune's procedures;
- `reports` — reports and their Excel download;
- `public` — the public lookup by code (served by `xaso.wsgi`'s lean path too).
"""

# Rows per page of every listing.
PAGE_SIZE = 25
