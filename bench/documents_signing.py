"""Signing and verification throughput: `python -m bench.documents_signing [--count N]`.

Signs N one-page results in the Decree 30 format with a PKCS#12 key (RSA 2048, visible block
with QR), opening the key once as a leader's batch does, then verifies every signed file the
way the public page does. One process, so the figures are per core. Also times the one-click
path (open the PKCS#12 with its passphrase, sign one document) on a sample. Appends a line of
figures to bench/results/documents_signing.txt.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("XASO_VAR_DIR", tempfile.mkdtemp(prefix="xaso-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaso.settings")

import django  # noqa: E402

django.setup()

from django.utils import timezone  # noqa: E402

from bench.registry import scenario  # noqa: E402
from xaso.core.qr import qr_png_data_uri  # noqa: E402
from xaso.documents.official import OfficialDocument, official_pdf  # noqa: E402
from xaso.documents.signing import keys, pades, pki  # noqa: E402
from xaso.documents.signing.verification import pdf_verify  # noqa: E402

PASSPHRASE = "bench-passphrase"


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[94] if len(values) >= 20 else max(values)


def run(count: int = 1000, one_click: int = 50) -> dict:
    ca = pki.ca_create("Bench CA")
    issued = pki.cert_issue(
        ca, common_name="Trịnh Văn Hùng", organisation="UBND Xã Yên Định", title="Chủ tịch"
    )
    source = keys.Pkcs12Source(pki.pkcs12_bytes(issued, ca, PASSPHRASE), [ca.cert_der])
    doc = OfficialDocument(
        kind="GXN",
        issuing_body="Ủy ban nhân dân xã Yên Định",
        body_abbr="UBND",
        place="Yên Định",
        issued_on=date.today(),
        title="Xác nhận thông tin cư trú",
        body="Ủy ban nhân dân xã Yên Định xác nhận ông Nguyễn Văn An cư trú tại thôn Phúc Lộc.\n\n" * 3,
        signer_name="Trịnh Văn Hùng",
        recipients=["Ông Nguyễn Văn An", "Lưu: VT"],
        number=15,
    )
    pdf, anchor = official_pdf(doc)

    def request(i: int) -> pades.SignRequest:
        code = f"BNCH-{i:04d}-0000"
        label = pades.SignerLabel(
            name="Trịnh Văn Hùng",
            position="Chủ tịch",
            organisation="UBND Xã Yên Định",
            is_test=True,
            qr_data_uri=qr_png_data_uri(f"https://xaso.example/xac-thuc/{code}/", border=1),
            code=code,
        )
        return pades.SignRequest(pdf=pdf, label=label, anchor=anchor, reason="Ký kết quả")

    signer = source.open(PASSPHRASE)
    sign_times, signed = [], []
    started = time.perf_counter()
    for i in range(count):
        t = time.perf_counter()
        signed.append(pades.sign_request(signer, request(i), at=timezone.now()))
        sign_times.append(time.perf_counter() - t)
    sign_total = time.perf_counter() - started

    verify_times = []
    started = time.perf_counter()
    for data in signed:
        t = time.perf_counter()
        report = pdf_verify(data, trust_roots=[ca.cert_der], max_bytes=20 * 1024 * 1024)
        verify_times.append(time.perf_counter() - t)
        if not report.ok:
            raise SystemExit("a signed result did not verify")
    verify_total = time.perf_counter() - started

    click_times = []
    for i in range(one_click):
        t = time.perf_counter()
        pades.pdf_sign(
            pdf, source=source, secret=PASSPHRASE, label=request(i).label, at=timezone.now(), anchor=anchor
        )
        click_times.append(time.perf_counter() - t)

    return {
        "count": count,
        "sign_per_s": count / sign_total,
        "sign_p95_ms": p95(sign_times) * 1000,
        "verify_per_s": count / verify_total,
        "verify_p95_ms": p95(verify_times) * 1000,
        "one_click_p95_ms": p95(click_times) * 1000,
        "one_click_n": one_click,
        "size_kb": statistics.mean(len(d) for d in signed) / 1024,
    }


@scenario("documents_signing")
def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.documents_signing", description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--one-click", type=int, default=50)
    args = parser.parse_args(argv if argv is not None else [])
    figures = run(args.count, args.one_click)
    line = (
        f"{date.today():%Y-%m-%d} sign {figures['count']}: {figures['sign_per_s']:.1f}/s per core, "
        f"p95 {figures['sign_p95_ms']:.0f} ms; verify: {figures['verify_per_s']:.1f}/s per core, "
        f"p95 {figures['verify_p95_ms']:.0f} ms; one-click (open PKCS#12 + sign) p95 "
        f"{figures['one_click_p95_ms']:.0f} ms over {figures['one_click_n']}; "
        f"mean signed size {figures['size_kb']:.0f} KiB"
    )
    print(line)
    results = Path(__file__).resolve().parent / "results"
    results.mkdir(exist_ok=True)
    with (results / "documents_signing.txt").open("a") as fh:
        fh.write(line + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
