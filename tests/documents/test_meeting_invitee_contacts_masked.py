"""A meeting's invited people: their phones in full for those who organise it (the clerk, the
chair), masked for other readers such as the province supervisor."""

import pytest
from django.urls import reverse

from tests.documents.test_meeting_pack import meeting  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def _page(client, meeting):  # noqa: F811
    response = client.get(reverse("documents:meeting_detail", args=[meeting.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_clerk_who_organises_it_sees_the_full_phone(login, clerk, meeting):  # noqa: F811
    assert "0912345678" in _page(login(clerk), meeting)


def test_the_province_supervisor_sees_the_phone_masked(login, province_supervisor, meeting):  # noqa: F811
    page = _page(login(province_supervisor), meeting)
    assert "091****678" in page and "0912345678" not in page
