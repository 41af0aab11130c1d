"""A USB signing token, played by SoftHSM2 in a temporary directory: the leader's key and
certificate on it, as a provider hands them over. One token for the session: SoftHSM reads its
configuration once per process, so the environment variable is set before the library is first
loaded and left in place. Loaded for every folder by tests/conftest.py."""

import os
import subprocess

import pkcs11
import pytest

LIBRARY = "/usr/lib/softhsm/libsofthsm2.so"
TOKEN = "xaso-test-token"
PIN = "123456"
KEY_LABEL = "leader"


@pytest.fixture(scope="session")
def softhsm_token(tmp_path_factory, leader_cert, test_ca):
    root = tmp_path_factory.mktemp("softhsm")
    (root / "tokens").mkdir()
    conf = root / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {root / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n"
    )
    os.environ["SOFTHSM2_CONF"] = str(conf)
    env = {**os.environ}
    init = ["softhsm2-util", "--init-token", "--free", "--label", TOKEN, "--pin", PIN, "--so-pin", "654321"]
    subprocess.run(init, check=True, capture_output=True, env=env)
    key = root / "leader-key.pem"
    key.write_bytes(leader_cert.key_pem())
    subprocess.run(
        ["softhsm2-util", "--import", str(key), "--token", TOKEN, "--label", KEY_LABEL, "--id", "01"]
        + ["--pin", PIN],
        check=True,
        capture_output=True,
        env=env,
    )
    key.unlink()  # the key now lives on the token only
    # The certificates beside the key, under the key's label and id, as providers store them.
    with pkcs11.lib(LIBRARY).get_token(token_label=TOKEN).open(user_pin=PIN, rw=True) as session:
        for label, issued, ident in (
            (KEY_LABEL, leader_cert, b"\x01"),
            ("ca", test_ca, b"\x02"),
        ):
            session.create_object(
                {
                    pkcs11.Attribute.CLASS: pkcs11.ObjectClass.CERTIFICATE,
                    pkcs11.Attribute.CERTIFICATE_TYPE: pkcs11.CertificateType.X_509,
                    pkcs11.Attribute.TOKEN: True,
                    pkcs11.Attribute.LABEL: label,
                    pkcs11.Attribute.ID: ident,
                    pkcs11.Attribute.SUBJECT: issued.cert.subject.public_bytes(),
                    pkcs11.Attribute.VALUE: issued.cert_der,
                }
            )
    return TOKEN
