"""Key sources behind one interface: where the private key of a signing certificate lives.

- PKCS#12: a file encrypted under its passphrase; the passphrase is typed at signing time and
  never stored.
- PKCS#11: a token (USB signing tokens, HSMs; SoftHSM2 in the tests); the PIN is typed at
  signing time and the key never leaves the token.
- CSC: a remote signing service speaking the Cloud Signature Consortium API v1; the PIN
  authorises each signature (credentials/authorize), the service signs the hash.

Each source opens an async context that yields a pyHanko `Signer`, so the signing code does
not care where the key is. A wrong secret raises `WrongSecret`; an unreachable or broken key
store raises `KeyUnavailable`.
"""

import asyncio
import contextlib
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import aiohttp
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from pkcs11 import exceptions as p11_errors
from pyhanko.config.pkcs11 import TokenCriteria
from pyhanko.sign import Signer
from pyhanko.sign.general import SigningError
from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session
from pyhanko.sign.signers import SimpleSigner
from pyhanko.sign.signers.csc_signer import (
    CSCAuthorizationInfo,
    CSCAuthorizationManager,
    CSCServiceSessionInfo,
    CSCSigner,
    fetch_certs_in_csc_credential,
)
from pyhanko.sign.signers.pdf_cms import (
    translate_pyca_cryptography_cert_to_asn1,
    translate_pyca_cryptography_key_to_asn1,
)
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash


def run_async(coro):
    """Run a coroutine to completion from sync code, also when this thread already runs an
    event loop (an ASGI worker, Playwright's sync API): then in a helper thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


class WrongSecret(Exception):
    """The passphrase or PIN did not open the key."""


class KeyUnavailable(Exception):
    """The key store could not be reached or did not hold the expected key."""


def _certs(ders: list[bytes]) -> list[asn1_x509.Certificate]:
    return [asn1_x509.Certificate.load(der) for der in ders]


class _LoadedKeySigner(SimpleSigner):
    """pyHanko's SimpleSigner re-parses the private key (with RSA's expensive consistency
    check) on every call and signs even the dry run that sizes the signature; this keeps the
    parsed key and answers the dry run with zeros of the right length. Other key types go
    through pyHanko unchanged."""

    def __init__(self, *, pyca_key, **kwargs):
        super().__init__(**kwargs)
        self._pyca_key = pyca_key

    async def async_sign_raw(self, data: bytes, digest_algorithm: str, dry_run=False) -> bytes:
        if not isinstance(self._pyca_key, rsa.RSAPrivateKey):
            return self.sign_raw(data, digest_algorithm)
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
        if mechanism["algorithm"].native not in {f"{digest_algorithm}_rsa", "rsassa_pkcs1v15"}:
            return self.sign_raw(data, digest_algorithm)
        if dry_run:
            return bytes(self._pyca_key.key_size // 8)
        return self._pyca_key.sign(data, padding.PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))


@dataclass
class Pkcs12Source:
    data: bytes
    chain_der: list[bytes] = field(default_factory=list)

    def open(self, secret: str) -> Signer:
        try:
            key, cert, extra = pkcs12.load_key_and_certificates(self.data, (secret or "").encode())
        except (ValueError, TypeError):
            raise WrongSecret("the passphrase does not open this PKCS#12 file") from None
        if key is None or cert is None:
            raise KeyUnavailable("the PKCS#12 file holds no key and certificate")
        store = cert_store(self.chain_der)
        store.register_multiple(translate_pyca_cryptography_cert_to_asn1(c) for c in extra or [])
        return _LoadedKeySigner(
            pyca_key=key,
            signing_key=translate_pyca_cryptography_key_to_asn1(key),
            signing_cert=translate_pyca_cryptography_cert_to_asn1(cert),
            cert_registry=store,
        )

    @contextlib.asynccontextmanager
    async def signer(self, secret: str) -> AsyncIterator[Signer]:
        yield self.open(secret)


@dataclass
class Pkcs11Source:
    library: str
    token_label: str
    key_label: str
    cert_der: bytes
    chain_der: list[bytes] = field(default_factory=list)

    @contextlib.asynccontextmanager
    async def signer(self, secret: str) -> AsyncIterator[Signer]:
        try:
            session = open_pkcs11_session(
                self.library, token_criteria=TokenCriteria(label=self.token_label), user_pin=secret or ""
            )
        except (p11_errors.PinIncorrect, p11_errors.PinInvalid, p11_errors.PinLenRange):
            raise WrongSecret("the PIN does not open this token") from None
        except (p11_errors.PKCS11Error, SigningError, OSError, RuntimeError) as exc:
            raise KeyUnavailable(f"the token {self.token_label!r} cannot be opened: {exc!r}") from None
        try:
            yield PKCS11Signer(
                session,
                key_label=self.key_label,
                signing_cert=asn1_x509.Certificate.load(self.cert_der),
                ca_chain=_certs(self.chain_der),
            )
        finally:
            session.close()


class _PinAuthorization(CSCAuthorizationManager):
    """Asks credentials/authorize for a SAD bound to the hashes, with the user's PIN."""

    def __init__(self, session_info, credential_info, http: aiohttp.ClientSession, pin: str):
        super().__init__(session_info, credential_info)
        self.http = http
        self.pin = pin

    async def authorize_signature(self, hash_b64s: list[str]) -> CSCAuthorizationInfo:
        body = self.format_csc_auth_request(pin=self.pin, hash_b64s=hash_b64s)
        url = self.csc_session_info.endpoint_url("credentials/authorize")
        async with self.http.post(url, json=body, headers=self.auth_headers) as response:
            if response.status in (400, 401, 403):
                raise WrongSecret("the signing service refused the PIN")
            if response.status >= 300:
                raise KeyUnavailable(f"the signing service answered {response.status}")
            return self.parse_csc_auth_response(await response.json())


@dataclass
class CscSource:
    service_url: str
    credential_id: str
    oauth_token: str = ""
    timeout: int = 30

    def session_info(self) -> CSCServiceSessionInfo:
        return CSCServiceSessionInfo(
            service_url=self.service_url.rstrip("/"),
            credential_id=self.credential_id,
            oauth_token=self.oauth_token or None,
        )

    @contextlib.asynccontextmanager
    async def signer(self, secret: str) -> AsyncIterator[Signer]:
        info = self.session_info()
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.timeout)) as http:
            try:
                credential = await fetch_certs_in_csc_credential(http, info, timeout=self.timeout)
                yield CSCSigner(http, _PinAuthorization(info, credential, http, secret or ""))
            except (SigningError, aiohttp.ClientError, TimeoutError) as exc:
                raise KeyUnavailable(f"the signing service failed: {exc!r}") from None

    def certificates(self) -> tuple[bytes, list[bytes]]:
        """The credential's certificate and chain as the service describes them (DER)."""

        async def fetch():
            async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.timeout)) as http:
                return await fetch_certs_in_csc_credential(http, self.session_info(), timeout=self.timeout)

        try:
            credential = run_async(fetch())
        except (SigningError, aiohttp.ClientError, TimeoutError) as exc:
            raise KeyUnavailable(f"the signing service failed: {exc!r}") from None
        return credential.signing_cert.dump(), [c.dump() for c in credential.chain]


def cert_store(ders: list[bytes]) -> SimpleCertificateStore:
    store = SimpleCertificateStore()
    store.register_multiple(_certs(ders))
    return store
