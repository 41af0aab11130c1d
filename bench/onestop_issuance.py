"""A result's two signatures, timed: `python -m bench.onestop_issuance [--count N]`.

Each round is what signing and issuing one result costs the server (xaso.onestop.results and
xaso.onestop.issuance, without the database): render the result in the Decree 30 format with
its number box, the leader's PAdES signature (visible block with the verification QR), the
number box read back from the signed PDF (`official.anchor_in_pdf`, as issuance does), and the
commune seal's signature as an incremental update over the number. Keys are opened once (a PKCS#12 each), so
the figures are the work per core; every issued file is checked to carry two valid signatures.
Appends a line of figures to bench/results/onestop_issuance.txt.
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
from xaso.core.pdf import html_to_pdf_with_anchors  # noqa: E402
from xaso.core.qr import qr_png_data_uri  # noqa: E402
from xaso.documents.official import (  # noqa: E402
    NUMBER_ANCHOR,
    NUMBER_BOX,
    SIGNATURE_ANCHOR,
    OfficialDocument,
    anchor_in_pdf,
    official_html,
)
from xaso.documents.signing import keys, pades, pki  # noqa: E402
from xaso.documents.signing.verification import pdf_verify  # noqa: E402

PASSPHRASE = "bench-passphrase"


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[94] if len(values) >= 20 else max(values)


def _document() -> OfficialDocument:
    return OfficialDocument(
        kind="GXN",
        printed_kind="TRÍCH LỤC KHAI SINH",
        issuing_body="ỦY BAN NHÂN DÂN XÃ YÊN ĐỊNH",
        body_abbr="UBND",
        place="Yên Định",
        issued_on=date.today(),
        title="Đăng ký khai sinh — hồ sơ 15469-261208-0001",
        body="Họ, chữ đệm, tên: Lê Minh An\n\nNgày, tháng, năm sinh: 01/03/2026\n\n" * 4,
        signer_name="Trịnh Văn Hùng",
        recipients=["Bà Trần Thị Bình", "Lưu: VT, hồ sơ 15469-261208-0001"],
        is_test=True,
        reserve_number_box=True,
    )


def run(count: int = 100) -> dict:
    ca = pki.ca_create("Bench CA")
    organisation = "UBND Xã Yên Định"
    leader = pki.cert_issue(ca, common_name="Trịnh Văn Hùng", organisation=organisation, title="Chủ tịch")
    seal = pki.cert_issue(ca, common_name=organisation, organisation=organisation)
    leader_signer = keys.Pkcs12Source(pki.pkcs12_bytes(leader, ca, PASSPHRASE), [ca.cert_der]).open(
        PASSPHRASE
    )
    seal_signer = keys.Pkcs12Source(pki.pkcs12_bytes(seal, ca, PASSPHRASE), [ca.cert_der]).open(PASSPHRASE)
    html = official_html(_document())
    rounds, signatures, issued = [], [], []
    for i in range(count):
        code = f"BNCH-{i:04d}-0000"
        started = time.perf_counter()
        pdf, anchors = html_to_pdf_with_anchors(html)
        t = time.perf_counter()
        signed = pades.sign_request(
            leader_signer,
            pades.SignRequest(
                pdf=pdf,
                label=pades.SignerLabel(
                    name="Trịnh Văn Hùng",
                    position="Chủ tịch",
                    organisation=organisation,
                    is_test=True,
                    qr_data_uri=qr_png_data_uri(f"https://xaso.example/xac-thuc/{code}/", border=1),
                    code=code,
                ),
                anchor=anchors[SIGNATURE_ANCHOR],
            ),
            at=timezone.now(),
        )
        signatures.append(time.perf_counter() - t)
        number_box = anchor_in_pdf(signed, NUMBER_ANCHOR, NUMBER_BOX)
        t = time.perf_counter()
        sealed = pades.sign_request(
            seal_signer,
            pades.SignRequest(
                pdf=signed,
                label=pades.SignerLabel(
                    name=organisation,
                    organisation=organisation,
                    is_test=True,
                    headline=f"Số: {i + 1:02d}/GXN-UBND - ngày {date.today():%d/%m/%Y}",
                ),
                anchor=number_box,
            ),
            at=timezone.now(),
        )
        now = time.perf_counter()
        signatures.append(now - t)
        rounds.append(now - started)
        issued.append(sealed)
    for data in issued:
        report = pdf_verify(data, trust_roots=[ca.cert_der], max_bytes=20 * 1024 * 1024)
        if len(report.signatures) != 2 or not report.ok:
            raise SystemExit("an issued result does not carry two valid signatures")
    return {
        "count": count,
        "round_p95_ms": p95(rounds) * 1000,
        "round_median_ms": statistics.median(rounds) * 1000,
        "signatures_per_s": len(signatures) / sum(signatures),
        "size_kb": statistics.mean(len(d) for d in issued) / 1024,
    }


@scenario("onestop_issuance")
def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.onestop_issuance", description=__doc__)
    parser.add_argument("--count", type=int, default=100)
    args = parser.parse_args(argv if argv is not None else [])
    figures = run(args.count)
    line = (
        f"{date.today():%Y-%m-%d} issue {figures['count']} results (render + leader signature + "
        f"seal): p95 {figures['round_p95_ms']:.0f} ms, median {figures['round_median_ms']:.0f} ms "
        f"per core; signatures {figures['signatures_per_s']:.1f}/s per core; mean issued size "
        f"{figures['size_kb']:.0f} KiB"
    )
    print(line)
    results = Path(__file__).resolve().parent / "results"
    results.mkdir(exist_ok=True)
    with (results / "onestop_issuance.txt").open("a") as fh:
        fh.write(line + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
