"""Paperless meetings: scheduling with an agenda of registry documents or uploads, invitations
with one QR code, the meeting pack for the invited only, check-in from a phone, and minutes
signed as a PDF.

services.py writes, selectors.py reads, links.py makes the personal links of guests from
outside, views.py holds the staff's pages and the invitees' meeting pack."""
