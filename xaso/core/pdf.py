"""HTML → PDF with WeasyPrint, from a Django template, with local fonts only.

Official documents are set in a serif (Decree 30/2020 asks for Times New Roman); DejaVu Serif is
the free face on the servers that carries every Vietnamese diacritic, so templates name the
families `xaso-serif` / `xaso-sans` and this module maps them to local files. Nothing is ever
fetched from the network: the URL fetcher accepts file: and data: URIs only, so a template or a
user-supplied string cannot make the server call out (or hang on a rural link).
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

# family -> (regular, bold, italic, bold italic) file names inside the font directory.
FONT_FILES = {
    "xaso-serif": (
        "DejaVuSerif.ttf",
        "DejaVuSerif-Bold.ttf",
        "DejaVuSerif-Italic.ttf",
        "DejaVuSerif-BoldItalic.ttf",
    ),
    "xaso-sans": (
        "DejaVuSans.ttf",
        "DejaVuSans-Bold.ttf",
        "DejaVuSans-Oblique.ttf",
        "DejaVuSans-BoldOblique.ttf",
    ),
}
_FACES = (("normal", "normal"), ("bold", "normal"), ("normal", "italic"), ("bold", "italic"))

BASE_CSS = """
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
html { font-family: xaso-serif, serif; font-size: 13pt; line-height: 1.35; }
"""


class PdfRenderError(Exception):
    """The HTML could not be turned into a PDF (a template bug, never user input)."""


def font_dir() -> Path:
    return Path(settings.XASO_PDF_FONT_DIR)


def font_face_css(directory: Path | None = None) -> str:
    """@font-face rules pointing at local files; fails loudly if a file is missing, because a
    silent fallback would print Vietnamese with boxes instead of letters."""
    directory = directory or font_dir()
    rules = []
    for family, files in FONT_FILES.items():
        for (weight, style), name in zip(_FACES, files, strict=True):
            path = directory / name
            if not path.is_file():
                raise PdfRenderError(f"font file {path} is missing (set XASO_PDF_FONT_DIR)")
            rules.append(
                f"@font-face {{ font-family: {family}; font-weight: {weight}; font-style: {style}; "
                f"src: url('{path.as_uri()}'); }}"
            )
    return "\n".join(rules)


@cache
def _stylesheet(directory: str) -> tuple[CSS, FontConfiguration]:
    fonts = FontConfiguration()
    css = CSS(string=font_face_css(Path(directory)) + BASE_CSS, font_config=fonts, url_fetcher=_fetcher())
    return css, fonts


def _fetcher() -> URLFetcher:
    return URLFetcher(allowed_protocols={"file", "data"}, allow_redirects=False)


@dataclass(frozen=True)
class Anchor:
    """Where an element with an id landed: page index and box in PDF points, origin bottom-left
    (what pyHanko and other PDF tools expect), so a signature can be stamped over it."""

    page: int
    box: tuple[float, float, float, float]


_PX_TO_PT = 0.75  # CSS px are 1/96 in, PDF points 1/72 in.


def html_to_pdf_with_anchors(
    html: str, *, base_url: str | None = None, extra_css: str = ""
) -> tuple[bytes, dict[str, Anchor]]:
    """Render HTML to PDF bytes and report where each element with an id was placed."""
    css, fonts = _stylesheet(str(font_dir()))
    stylesheets = [css]
    if extra_css:
        stylesheets.append(CSS(string=extra_css, font_config=fonts, url_fetcher=_fetcher()))
    document = HTML(string=html, base_url=base_url or font_dir().as_uri(), url_fetcher=_fetcher()).render(
        stylesheets=stylesheets, font_config=fonts
    )
    anchors = {}
    for index, page in enumerate(document.pages):
        height = page.height * _PX_TO_PT
        for name, (x1, y1, x2, y2) in page.anchors.items():
            anchors[name] = Anchor(
                page=index,
                box=(x1 * _PX_TO_PT, height - y2 * _PX_TO_PT, x2 * _PX_TO_PT, height - y1 * _PX_TO_PT),
            )
    return document.write_pdf(), anchors


def html_to_pdf(html: str, *, base_url: str | None = None, extra_css: str = "") -> bytes:
    """Render an HTML string to PDF bytes. `base_url` (a file: URL) resolves relative images."""
    return html_to_pdf_with_anchors(html, base_url=base_url, extra_css=extra_css)[0]


def render_pdf(template_name: str, context: dict | None = None, *, extra_css: str = "") -> bytes:
    """Render a Django template to PDF bytes."""
    return html_to_pdf(render_to_string(template_name, context or {}), extra_css=extra_css)
