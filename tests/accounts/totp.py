"""The code an authenticator app would show now for a device (two-factor tests)."""

from django_otp.oath import TOTP


def code_for(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"
