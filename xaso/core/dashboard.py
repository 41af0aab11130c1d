"""Cards on the staff dashboard. Each app registers the cards of the roles it serves in its
AppConfig.ready(); the dashboard shows the cards of the roles the user holds.

A card may carry `figures`: a function of the signed-in user returning what that role has to do
today (a queue's count, what falls due soon, approvals waiting), each figure a label, a number
and where to go; the dashboard shows them on the card so no role lands on an empty page."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Figure:
    label: str
    value: int
    url: str = ""
    # "due" / "late" colour the figure; "" is neutral.
    tone: str = ""


@dataclass(frozen=True)
class Card:
    title: str
    url_name: str
    description: str = ""
    roles: frozenset[str] = frozenset()
    figures: Callable[[Any], list[Figure]] | None = field(default=None, compare=False)


_cards: list[Card] = []


def register_card(card: Card) -> None:
    if card not in _cards:
        _cards.append(card)


def cards_for(roles: set[str]) -> list[Card]:
    return [card for card in _cards if card.roles & roles]


def cards_with_figures(user) -> list[tuple[Card, list[Figure]]]:
    """The user's cards, each with the figures of what it has to do today."""
    return [(card, card.figures(user) if card.figures else []) for card in cards_for(user.roles)]
