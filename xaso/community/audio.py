"""Audio for radio bulletins, with the Debian tools: espeak-ng reads Vietnamese text (voice
`vi`), sox cleans a phone recording (noise reduction from the first half second, a speech
compander for even loudness, peak normalisation) and converts everything to one format.

The common format: Ogg Vorbis, mono, 22,050 Hz — what IP receivers play and small over 4G.
Text goes to espeak-ng on stdin and files by path: nothing typed reaches a shell.
"""

import re
import subprocess
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

from xaso.core.errors import InvalidInput

RATE = "22050"
TIMEOUT = 120
MAX_RECORDING_BYTES = 25 * 1024 * 1024
# What sox on Debian reads (no MP3 or AAC there): WAV, Ogg, FLAC, AMR (Android's voice memos).
RECORDING_SIGNATURES = [
    (lambda h: h[:4] == b"RIFF" and h[8:12] == b"WAVE", "wav"),
    (lambda h: h[:4] == b"OggS", "ogg"),
    (lambda h: h[:4] == b"fLaC", "flac"),
    (lambda h: h.startswith(b"#!AMR-WB\n"), "amr-wb"),
    (lambda h: h.startswith(b"#!AMR\n"), "amr-nb"),
]
# A speech compander from the sox manual, then peak normalisation to -1 dBFS.
LEVEL = ["compand", "0.3,1", "6:-70,-60,-20", "-5", "-90", "0.2", "norm", "-1"]


class AudioError(Exception):
    pass


def recording_kind(upload) -> str:
    """The sox type of an uploaded recording, by content; InvalidInput if not one we read."""
    if upload.size > MAX_RECORDING_BYTES:
        raise InvalidInput(_("The recording is too big (25 MB at most)."), field="recording")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for matches, kind in RECORDING_SIGNATURES:
        if matches(head):
            return kind
    raise InvalidInput(_("The recording must be a WAV, Ogg, FLAC or AMR file."), field="recording")


def _run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(cmd, check=True, capture_output=True, timeout=TIMEOUT, **kwargs)  # noqa: S603
    except subprocess.CalledProcessError as exc:
        raise AudioError(exc.stderr.decode(errors="replace")[-500:]) from exc
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise AudioError(str(exc)) from exc


def speak(text: str, out: Path) -> None:
    """Vietnamese speech from text into `out` (.ogg)."""
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "speech.wav"
        _run(["espeak-ng", "-v", "vi", "-s", "150", "-w", str(wav), "--stdin"], input=text.encode())
        _run(["sox", str(wav), "-C", "4", str(out), "channels", "1", "rate", RATE, "norm", "-1"])


def clean(source: Path, kind: str, out: Path) -> None:
    """A phone recording cleaned up and converted into `out` (.ogg)."""
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "noise.prof"
        _run(
            [
                "sox",
                "-t",
                kind,
                str(source),
                "-n",
                "channels",
                "1",
                "trim",
                "0",
                "0.5",
                "noiseprof",
                str(profile),
            ]
        )
        _run(
            ["sox", "-t", kind, str(source), "-C", "4", str(out), "channels", "1", "rate", RATE,
             "highpass", "80", "noisered", str(profile), "0.21", *LEVEL]
        )  # fmt: skip


def duration(path: Path) -> float:
    """Length in seconds, as sox reads the file."""
    return float(_run(["soxi", "-D", str(path)]).stdout.decode().strip())


def stat(path: Path) -> dict[str, float]:
    """sox's `stat` figures of a file (length, RMS and maximum amplitude…)."""
    output = _run(["sox", str(path), "-n", "stat"]).stderr.decode()
    figures = {}
    for line in output.splitlines():
        match = re.match(r"^(.+?):\s+(-?[\d.]+)\s*$", line)
        if match:
            figures[match.group(1).strip()] = float(match.group(2))
    return figures
