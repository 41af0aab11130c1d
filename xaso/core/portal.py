"""Sections of a commune's public portal (`/xa/<code>/`). Each app registers the sections it
owns in its AppConfig.ready() (as dashboard cards are registered), so the shell at the bottom of
the import ladder renders what the apps above it publish without importing them.

A section is a template rendered with the context its `context` function returns for the
commune; a function that returns None leaves the section out (e.g. nothing published yet and the
section has no useful empty state). Sections are shown by `order`, then by registration."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

# (request, commune) -> context or None; the commune is a places.Commune (core sits below places).
SectionContext = Callable[[HttpRequest, Any], dict[str, Any] | None]


@dataclass(frozen=True)
class Section:
    key: str
    template: str
    context: SectionContext = field(compare=False)
    order: int = 100


_sections: dict[str, Section] = {}


def register_section(section: Section) -> None:
    """Register (or replace, by key) one portal section."""
    _sections[section.key] = section


def sections_for(request: HttpRequest, commune) -> list[tuple[Section, dict[str, Any]]]:
    """The sections to show on this commune's portal with their rendering context."""
    out = []
    for section in sorted(_sections.values(), key=lambda s: s.order):
        context = section.context(request, commune)
        if context is not None:
            out.append((section, context))
    return out
