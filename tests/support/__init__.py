"""Helpers the tests share: plain data, builders and checks, grouped by topic. Fixtures stay in
the conftest.py files; the few fixtures several folders need (signing, a collection account) live
in the modules tests/conftest.py loads as plugins."""
