"""The registry's figures on the dashboard: incoming documents to assign, outgoing to sign and to
issue, overdue ones. Each counts the user's commune only, in one query, and its link lists
exactly those documents."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.support.figures import by_label
from xaso.documents.cards import document_figures
from xaso.documents.models import RegisteredDocument


def _doc(commune, title, direction, status, *, deadline_in=None):
    deadline = timezone.localdate() + timedelta(days=deadline_in) if deadline_in is not None else None
    return RegisteredDocument.objects.create(
        commune=commune, direction=direction, status=status, kind="CV", title=title, deadline=deadline
    )


@pytest.fixture
def docs(commune, other_commune):
    return {
        "Den-moi": _doc(commune, "Den-moi", "in", "registered"),
        "Den-qua-han": _doc(commune, "Den-qua-han", "in", "assigned", deadline_in=-2),
        "Den-xong": _doc(commune, "Den-xong", "in", "done", deadline_in=-9),
        "Di-trinh-ky": _doc(commune, "Di-trinh-ky", "out", "review"),
        "Di-da-ky": _doc(commune, "Di-da-ky", "out", "signed"),
        "Xa-khac": _doc(other_commune, "Xa-khac", "in", "registered", deadline_in=-2),
    }


def test_the_clerk_registers_and_issues_the_leader_signs(clerk, commune_leader, docs):
    clerk_figures = by_label(document_figures, clerk)
    assert clerk_figures["incoming to assign"].value == 1
    assert clerk_figures["outgoing to issue"].value == 1
    assert clerk_figures["past their deadline"].value == 1
    assert "outgoing to sign" not in clerk_figures
    assert by_label(document_figures, commune_leader)["outgoing to sign"].value == 1


@pytest.mark.parametrize(
    ("label", "listed"),
    [
        ("incoming to assign", {"Den-moi"}),
        ("outgoing to issue", {"Di-da-ky"}),
        ("past their deadline", {"Den-qua-han"}),
    ],
)
def test_a_figure_lists_exactly_its_documents(login, clerk, docs, label, listed):
    figure = by_label(document_figures, clerk)[label]
    body = login(clerk).get(figure.url).content.decode()
    assert {title for title in docs if f">{title}<" in body} == listed


def test_the_counts_take_one_query(clerk, docs, django_assert_max_num_queries):
    assert clerk.roles
    with django_assert_max_num_queries(1):
        document_figures(clerk)
