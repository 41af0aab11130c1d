"""Writes of the community app, one module per topic: `households` (one household, starting an
import), `importing` (the import run by the task), `announcements` and `fanout` (publishing and
reaching every household), `radio` and `rendering` (loudspeaker clusters, bulletins and their
audio), `infopages` (QR pages), `feedback` (citizen reports, moved by `community.workflow`)."""
