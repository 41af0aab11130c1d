"""The documents tests sign with the test PKI of tests/support/signing.py (loaded for every folder
by tests/conftest.py): its CA, the leader's and the seal's credentials, poppler's checks."""
