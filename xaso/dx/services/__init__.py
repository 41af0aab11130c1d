"""Writes of the dx app, by sub-domain (see README.md)."""
