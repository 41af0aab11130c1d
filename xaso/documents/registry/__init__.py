"""The registry of official documents (sổ văn bản đến/đi): incoming documents registered,
numbered, assigned and handled; outgoing ones drafted, reviewed, signed by a leader, issued
under the commune's seal with the next number and distributed.

services.py writes, selectors.py reads (search, the DX figures), workflow.py holds the two
flows as core.workflow tables, fulltext.py the search index of both databases, views.py the
pages of the commune's staff."""
