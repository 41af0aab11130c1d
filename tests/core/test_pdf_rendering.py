import http.server
import subprocess
import threading

import pytest

from xaso.core.pdf import PdfRenderError, font_face_css, html_to_pdf, html_to_pdf_with_anchors, render_pdf
from xaso.core.qr import qr_png_data_uri

MOTTO = "Cộng hòa xã hội chủ nghĩa Việt Nam"


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def _fonts(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdffonts", str(path)], capture_output=True, check=True).stdout.decode()


def test_vietnamese_text_round_trips_through_the_pdf(tmp_path):
    pdf = html_to_pdf(f"<p><b>{MOTTO.upper()}</b></p><p>{MOTTO}</p><p>Độc lập - Tự do - Hạnh phúc</p>")
    text = _text(pdf, tmp_path)
    assert MOTTO in text
    assert MOTTO.upper() in text
    assert "Độc lập - Tự do - Hạnh phúc" in text


def test_the_pdf_embeds_only_the_local_fonts(tmp_path):
    fonts = _fonts(html_to_pdf(f"<p>{MOTTO}</p><p><b>đậm</b> <i>nghiêng</i></p>"), tmp_path)
    rows = fonts.splitlines()[2:]
    assert {row.split()[0].split("+")[1] for row in rows} == {
        "xaso-serif",
        "xaso-serif-Bold",
        "xaso-serif-Italic",
    }
    # Every font is embedded (column "emb"), so the reader's machine needs no Vietnamese font.
    assert all(" yes yes yes " in row for row in rows)


def test_a_django_template_renders_to_pdf(tmp_path, settings):
    (tmp_path / "t.html").write_text("<p>{{ greeting }}</p><img src='{{ qr }}'>", encoding="utf-8")
    templates = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    settings.TEMPLATES = templates
    pdf = render_pdf("t.html", {"greeting": "Xin chào Xã Yên Định", "qr": qr_png_data_uri("x")})
    assert pdf.startswith(b"%PDF-")
    assert "Xin chào Xã Yên Định" in _text(pdf, tmp_path)


def test_remote_resources_are_never_fetched(tmp_path):
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"p { color: red }")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        pdf = html_to_pdf(f"<link rel=stylesheet href='{url}/x.css'><img src='{url}/a.png'><p>ok</p>")
    finally:
        server.shutdown()
        server.server_close()
    assert "ok" in _text(pdf, tmp_path)
    assert hits == []


def test_a_missing_font_directory_fails_loudly(tmp_path):
    with pytest.raises(PdfRenderError):
        font_face_css(tmp_path)


def test_it_reports_where_an_element_landed_in_pdf_points():
    html = "<div style='height: 100mm'></div><div id='box' style='width: 72pt; height: 36pt'></div>"
    _pdf, anchors = html_to_pdf_with_anchors(
        html, extra_css="@page { size: 200mm 300mm; margin: 10mm } body { margin: 0 }"
    )
    box = anchors["box"].box
    mm = 72 / 25.4
    assert anchors["box"].page == 0
    assert abs(box[0] - 10 * mm) < 0.5
    assert abs(box[2] - box[0] - 72) < 0.5
    assert abs(box[3] - (300 - 10 - 100) * mm) < 0.5
    assert abs(box[3] - box[1] - 36) < 0.5
