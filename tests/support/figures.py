"""The dashboard's figures of a card, keyed by their English label (the source string), so a
test names the figure it reads whatever the language the pages are rendered in."""

from django.utils import translation


def by_label(figures_of, user) -> dict:
    with translation.override("en"):
        return {str(figure.label): figure for figure in figures_of(user)}
