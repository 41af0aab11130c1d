"""A dashboard card shows the figures its app computes for the signed-in user (what the role has
to do today), each linking to the work."""

import pytest

from xaso.core import dashboard


@pytest.fixture
def probe_card():
    saved = list(dashboard._cards)
    dashboard.register_card(
        dashboard.Card(
            title="Probe",
            url_name="web:profile",
            roles=frozenset({"commune_leader"}),
            figures=lambda user: [dashboard.Figure("waiting for " + user.username, 7, "/probe/", tone="due")],
        )
    )
    yield
    dashboard._cards[:] = saved


def test_a_card_shows_its_figures_for_the_user(client, commune_leader, probe_card):
    client.force_login(commune_leader)
    body = client.get("/bang-dieu-khien/").content.decode()
    assert '<li class="tone-due"><a href="/probe/"><strong>7</strong> waiting for lanhdao</a></li>' in body
