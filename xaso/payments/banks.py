"""Vietnamese banks that take VietQR transfers, by their NAPAS BIN (the 6-digit bank
identification number placed in field 38.01.00 of a VietQR payload).

The list is the members of the NAPAS 247 fast-transfer network that communes most often bank
with; a BIN missing here is refused rather than guessed, so a typo cannot send money nowhere.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Bank:
    bin: str
    code: str
    short_name: str
    name: str


BANKS: tuple[Bank, ...] = (
    Bank("970405", "VBA", "Agribank", "Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam"),
    Bank("970436", "VCB", "Vietcombank", "Ngân hàng TMCP Ngoại thương Việt Nam"),
    Bank("970415", "ICB", "VietinBank", "Ngân hàng TMCP Công thương Việt Nam"),
    Bank("970418", "BIDV", "BIDV", "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam"),
    Bank("999888", "VBSP", "VBSP", "Ngân hàng Chính sách xã hội"),
    Bank("970422", "MB", "MBBank", "Ngân hàng TMCP Quân đội"),
    Bank("970407", "TCB", "Techcombank", "Ngân hàng TMCP Kỹ thương Việt Nam"),
    Bank("970416", "ACB", "ACB", "Ngân hàng TMCP Á Châu"),
    Bank("970432", "VPB", "VPBank", "Ngân hàng TMCP Việt Nam Thịnh Vượng"),
    Bank("970423", "TPB", "TPBank", "Ngân hàng TMCP Tiên Phong"),
    Bank("970403", "STB", "Sacombank", "Ngân hàng TMCP Sài Gòn Thương Tín"),
    Bank("970437", "HDB", "HDBank", "Ngân hàng TMCP Phát triển Thành phố Hồ Chí Minh"),
    Bank("970441", "VIB", "VIB", "Ngân hàng TMCP Quốc tế Việt Nam"),
    Bank("970443", "SHB", "SHB", "Ngân hàng TMCP Sài Gòn - Hà Nội"),
    Bank("970431", "EIB", "Eximbank", "Ngân hàng TMCP Xuất Nhập khẩu Việt Nam"),
    Bank("970426", "MSB", "MSB", "Ngân hàng TMCP Hàng Hải Việt Nam"),
    Bank("970448", "OCB", "OCB", "Ngân hàng TMCP Phương Đông"),
    Bank("970440", "SEAB", "SeABank", "Ngân hàng TMCP Đông Nam Á"),
    Bank("970449", "LPB", "LPBank", "Ngân hàng TMCP Lộc Phát Việt Nam"),
    Bank("970454", "VCCB", "BVBank", "Ngân hàng TMCP Bản Việt"),
    Bank("970429", "SCB", "SCB", "Ngân hàng TMCP Sài Gòn"),
    Bank("970438", "BVB", "BaoVietBank", "Ngân hàng TMCP Bảo Việt"),
    Bank("970409", "BAB", "BacABank", "Ngân hàng TMCP Bắc Á"),
    Bank("970412", "PVCB", "PVcomBank", "Ngân hàng TMCP Đại Chúng Việt Nam"),
    Bank("970419", "NCB", "NCB", "Ngân hàng TMCP Quốc Dân"),
    Bank("970425", "ABB", "ABBANK", "Ngân hàng TMCP An Bình"),
    Bank("970427", "VAB", "VietABank", "Ngân hàng TMCP Việt Á"),
    Bank("970428", "NAB", "NamABank", "Ngân hàng TMCP Nam Á"),
    Bank("970430", "PGB", "PGBank", "Ngân hàng TMCP Thịnh vượng và Phát triển"),
    Bank("970433", "VIETBANK", "VietBank", "Ngân hàng TMCP Việt Nam Thương Tín"),
    Bank("970452", "KLB", "KienLongBank", "Ngân hàng TMCP Kiên Long"),
    Bank("970400", "SGICB", "SaigonBank", "Ngân hàng TMCP Sài Gòn Công Thương"),
    Bank("970408", "GPB", "GPBank", "Ngân hàng TM TNHH MTV Dầu Khí Toàn Cầu"),
    Bank("970424", "SHBVN", "ShinhanBank", "Ngân hàng TNHH MTV Shinhan Việt Nam"),
    Bank("970446", "COOPBANK", "Co-opBank", "Ngân hàng Hợp tác xã Việt Nam"),
)

BY_BIN: dict[str, Bank] = {bank.bin: bank for bank in BANKS}


def bank_choices() -> list[tuple[str, str]]:
    return [
        (bank.bin, f"{bank.short_name} ({bank.bin})") for bank in sorted(BANKS, key=lambda b: b.short_name)
    ]


def bank_by_bin(bin_: str) -> Bank | None:
    return BY_BIN.get((bin_ or "").strip())
