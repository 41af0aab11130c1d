"""The leader signs a result with the demo certificates; a citizen downloads it from its public
record and checks the file on the public verification page; a changed copy is caught. A clerk
registers an incoming document and finds it again by typing without accents."""

from playwright.sync_api import expect

from xaso.accounts.demo import demo_load
from xaso.accounts.models import User
from xaso.core.pdf import html_to_pdf
from xaso.documents.demo import DEMO_PASSPHRASE, pki_demo_load
from xaso.documents.signing.services import signed_result_create


def _signed_result(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    settings.MEDIA_ROOT = tmp_path / "media"
    credentials = pki_demo_load()
    leader = User.objects.get(username="lanhdao")
    personal = next(c for c in credentials if c.holder_id == leader.pk)
    return signed_result_create(
        actor=leader,
        commune=personal.commune,
        title="Trích lục khai sinh",
        html_or_pdf="<p>Trích lục khai sinh của cháu Nguyễn Văn Minh</p>",
        credential=personal,
        secret=DEMO_PASSPHRASE,
    )


def test_a_citizen_verifies_the_downloaded_signed_result(page, transactional_db, settings, tmp_path):
    doc = _signed_result(settings, tmp_path)
    page.goto(f"/xac-thuc/{doc.code}/")
    expect(page.get_by_role("heading", name="Văn bản đã ký số")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải tệp PDF đã ký").click()
    saved = tmp_path / "tai-ve.pdf"
    download.value.save_as(saved)

    page.get_by_role("link", name="Kiểm tra tệp bạn đang giữ").click()
    page.get_by_label("Tệp PDF đã ký").set_input_files(str(saved))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    expect(page.get_by_text("Mọi chữ ký trong văn bản đều hợp lệ")).to_be_visible()
    expect(page.get_by_text("Trịnh Văn Hùng").first).to_be_visible()
    expect(page.get_by_text("Chứng thư thử nghiệm")).to_be_visible()

    data = bytearray(saved.read_bytes())
    data[data.index(b"WeasyPrint") + 1] ^= 1
    changed = tmp_path / "da-sua.pdf"
    changed.write_bytes(bytes(data))
    page.get_by_label("Tệp PDF đã ký").set_input_files(str(changed))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    expect(page.get_by_text("Văn bản đã bị sửa đổi sau khi ký")).to_be_visible()


def test_a_clerk_registers_an_incoming_document_and_finds_it(
    page, sign_in, transactional_db, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    demo_load()
    pdf = tmp_path / "cong-van.pdf"
    pdf.write_bytes(html_to_pdf("<p>Đề nghị các xã di dời dân khỏi vùng sạt lở đất.</p>"))
    sign_in("vanthu", settings.DEMO_PASSWORD)
    page.goto("/van-ban/")
    page.get_by_role("link", name="Vào sổ văn bản đến").click()
    page.get_by_label("Loại văn bản").select_option(label="Công văn")
    page.get_by_label("Trích yếu nội dung").fill("Công văn về việc phòng chống sạt lở")
    page.get_by_role("textbox", name="Cơ quan gửi", exact=True).fill("Ban Chỉ huy PCTT tỉnh")
    page.get_by_label("Tệp PDF").set_input_files(str(pdf))
    page.get_by_role("button", name="Vào sổ", exact=True).click()
    expect(page.get_by_text("Văn bản đã được vào sổ với số 1.")).to_be_visible()
    page.goto("/van-ban/")
    page.get_by_label("Tìm kiếm").fill("di doi dan")
    page.get_by_role("button", name="Tìm kiếm").click()
    expect(page.get_by_role("link", name="Công văn về việc phòng chống sạt lở")).to_be_visible()
