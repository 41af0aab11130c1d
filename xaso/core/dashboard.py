"""Cards on the staff dashboard. Each app registers the cards of the roles it serves in its
AppConfig.ready(); the dashboard shows the cards of the roles the user holds."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Card:
    title: str
    url_name: str
    description: str = ""
    roles: frozenset[str] = frozenset()


_cards: list[Card] = []


def register_card(card: Card) -> None:
    if card not in _cards:
        _cards.append(card)


def cards_for(roles: set[str]) -> list[Card]:
    return [card for card in _cards if card.roles & roles]
