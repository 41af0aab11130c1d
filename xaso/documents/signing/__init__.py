"""Digital signatures: trust roots and signing credentials (PKCS#12 files, PKCS#11 tokens,
remote CSC services), PAdES signing with a visible block, signed results kept under a public
verification code, their verification (by upload or code) and certificate revocation lists.

services.py signs (`signed_result_create`, `pdf_sign_with`: the entry points of the registry,
meetings, onestop and dx); credentials.py keeps trust roots and credentials; selectors.py reads;
views.py holds the public verification pages. Pure modules without a database: pades.py (sign
a PDF), keys.py (where a private key lives), verification.py (what a PDF's signatures prove),
revocation.py (CRLs), pki.py (a test CA for tests and the demo); secret_tries.py backs off
wrong passphrases; subjects.py lets another app serve the file of a document about its subject."""
