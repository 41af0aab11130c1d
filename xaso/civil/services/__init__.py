"""Writes of the civil-status register: entries (entries.py), duplicate confirmations
(confirmations.py). Each service checks the permission, writes in one transaction and records
an audit event."""
