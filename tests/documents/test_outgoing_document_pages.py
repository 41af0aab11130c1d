"""The outgoing flow through its screens: a specialist drafts (recipients: offices, villages,
other agencies), the leader returns it, it is changed and sent again, the leader signs with
their certificate, the clerk issues it with the seal (the number is given) and distributes it."""

from django.urls import reverse

from tests.support.signing import PASSPHRASE
from xaso.documents.models import DocumentStatus, RegisteredDocument


def _draft(client, **extra):
    data = {
        "kind": "TB",
        "title": "Thông báo lịch tiêm chủng tháng 12",
        "body": "Ủy ban nhân dân xã thông báo lịch tiêm chủng.",
        "offices": ["Phòng Văn hóa - Xã hội"],
        "villages": ["Thôn Phúc Lộc"],
        "agencies": "Trạm Y tế xã\nTrường Tiểu học Yên Định",
        **extra,
    }
    return client.post(reverse("documents:outgoing_new"), data)


def test_the_whole_outgoing_flow_on_its_pages(
    login, specialist, commune_leader, clerk, village, media_root, leader_credential, seal_credential
):
    # one test client: login() switches who is signed in on it
    writer = login(specialist)
    assert "Thôn Phúc Lộc" in writer.get(reverse("documents:outgoing_new")).content.decode()
    response = _draft(writer)
    assert response.status_code == 302
    doc = RegisteredDocument.objects.get(direction="out")
    assert doc.recipients == [
        "Phòng Văn hóa - Xã hội",
        "Thôn Phúc Lộc",
        "Trạm Y tế xã",
        "Trường Tiểu học Yên Định",
    ]
    action = reverse("documents:registry_action", args=[doc.pk])
    assert writer.post(action, {"action": "submit"}).status_code == 302

    leader = login(commune_leader)
    page = leader.get(reverse("documents:registry_detail", args=[doc.pk])).content.decode()
    assert reverse("documents:outgoing_sign", args=[doc.pk]) in page
    leader.post(action, {"action": "return", "note": "Ghi rõ địa điểm"})
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.DRAFT

    writer = login(specialist)
    edit = reverse("documents:outgoing_edit", args=[doc.pk])
    assert "Trường Tiểu học Yên Định" in writer.get(edit).content.decode()
    response = writer.post(
        edit,
        {
            "kind": "TB",
            "title": "Thông báo lịch tiêm chủng tại Trạm Y tế",
            "body": "Tại Trạm Y tế xã.",
            "villages": ["Thôn Phúc Lộc"],
        },
    )
    assert response.status_code == 302
    writer.post(action, {"action": "submit"})

    leader = login(commune_leader)
    sign = reverse("documents:outgoing_sign", args=[doc.pk])
    wrong = leader.post(sign, {"credential": leader_credential.pk, "secret": "sai"})
    assert wrong.status_code == 422 and "không đúng" in wrong.content.decode()
    assert leader.post(sign, {"credential": leader_credential.pk, "secret": PASSPHRASE}).status_code == 302
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.SIGNED and doc.book_number is None

    registrar = login(clerk)
    page = registrar.get(reverse("documents:registry_detail", args=[doc.pk])).content.decode()
    assert "Con dấu UBND Xã Yên Định" in page
    issue = reverse("documents:outgoing_issue", args=[doc.pk])
    response = registrar.post(issue, {"credential": seal_credential.pk, "secret": PASSPHRASE})
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.ISSUED and doc.number_symbol == "01/TB-UBND"
    assert registrar.get(reverse("documents:registry_file", args=[doc.pk])).status_code == 200
    registrar.post(action, {"action": "distribute"})
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.DISTRIBUTED


def test_a_draft_needs_a_recipient(login, specialist, media_root):
    response = _draft(login(specialist), offices=[], villages=[], agencies="")
    assert response.status_code == 422
    assert not RegisteredDocument.objects.exists()


def test_a_specialist_cannot_sign_and_a_leader_cannot_seal_with_a_personal_key(
    login, specialist, commune_leader, village, media_root, leader_credential
):
    _draft(login(specialist))
    doc = RegisteredDocument.objects.get()
    login(specialist).post(reverse("documents:registry_action", args=[doc.pk]), {"action": "submit"})
    sign = reverse("documents:outgoing_sign", args=[doc.pk])
    assert (
        login(specialist).post(sign, {"credential": leader_credential.pk, "secret": PASSPHRASE}).status_code
        == 403
    )
    # the issue form offers seals only: the leader's personal certificate is not a choice
    issue = reverse("documents:outgoing_issue", args=[doc.pk])
    response = login(commune_leader).post(issue, {"credential": leader_credential.pk, "secret": PASSPHRASE})
    assert response.status_code == 409
    doc.refresh_from_db()
    assert doc.status == DocumentStatus.IN_REVIEW


def test_a_signed_document_can_no_longer_be_changed(login, specialist, village, media_root):
    _draft(login(specialist))
    doc = RegisteredDocument.objects.get()
    RegisteredDocument.objects.filter(pk=doc.pk).update(status=DocumentStatus.SIGNED)
    response = login(specialist).post(
        reverse("documents:outgoing_edit", args=[doc.pk]),
        {"kind": "TB", "title": "Đổi sau khi ký", "body": "x", "agencies": "Sở Y tế"},
    )
    assert response.status_code == 409
    doc.refresh_from_db()
    assert doc.title != "Đổi sau khi ký"


def test_another_communes_officer_cannot_reach_the_draft(
    login, specialist, other_officer, village, media_root
):
    _draft(login(specialist))
    doc = RegisteredDocument.objects.get()
    client = login(other_officer)
    assert client.get(reverse("documents:outgoing_edit", args=[doc.pk])).status_code == 404
    assert client.post(reverse("documents:outgoing_sign", args=[doc.pk]), {}).status_code == 404
