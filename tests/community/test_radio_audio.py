"""Bulletin audio: speech from text (espeak-ng, voice vi) and phone recordings cleaned by sox;
checked with sox itself: the file exists, plays (sox decodes it) and lasts as long as speech."""

import subprocess
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from xaso.community import audio
from xaso.community.models import AudioStatus, Bulletin
from xaso.community.services.radio import bulletin_create
from xaso.core.errors import InvalidInput

TEXT = (
    "Thông báo của Ủy ban nhân dân xã Yên Định. Sáng thứ bảy tuần này, trạm y tế xã tổ chức tiêm "
    "vắc xin cho trẻ em dưới năm tuổi. Đề nghị các gia đình đưa cháu đến đúng giờ."
)


def _make(actor, commune, capture, **kwargs):
    with capture(execute=True):
        bulletin = bulletin_create(actor=actor, commune=commune, title="Tiêm chủng", **kwargs)
    bulletin.refresh_from_db()
    return bulletin


def test_text_becomes_vietnamese_speech_of_speech_length(
    one_stop_officer, commune, django_capture_on_commit_callbacks
):
    bulletin = _make(one_stop_officer, commune, django_capture_on_commit_callbacks, text=TEXT)
    assert bulletin.status == AudioStatus.READY, bulletin.error
    path = Path(bulletin.audio.path)
    assert path.exists() and path.suffix == ".ogg"
    figures = audio.stat(path)
    # About 35 words at ~150 words a minute: between 8 and 40 seconds, and not silence.
    assert 8 < figures["Length (seconds)"] < 40
    assert figures["RMS     amplitude"] > 0.01
    assert abs(bulletin.duration_seconds - figures["Length (seconds)"]) < 0.5
    info = subprocess.run(["soxi", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Channels       : 1" in info and "Sample Rate    : 22050" in info


@pytest.fixture
def noisy_recording(tmp_path):
    """Half a second of hiss, then two seconds of a quiet 'voice' (a tone) over the hiss, stereo."""
    noise, voice, out = tmp_path / "noise.wav", tmp_path / "voice.wav", tmp_path / "rec.wav"
    sox = ["sox", "-n", "-r", "44100", "-c", "2", "-b", "16"]
    subprocess.run([*sox, str(noise), "synth", "0.5", "whitenoise", "vol", "0.05"], check=True)
    subprocess.run(
        [*sox, str(voice), "synth", "2", "sine", "300", "synth", "2", "whitenoise", "mix", "vol", "0.2"],
        check=True,
    )
    subprocess.run(["sox", str(noise), str(voice), str(out)], check=True)
    return out.read_bytes()


def test_a_recording_is_cleaned_up_and_converted(
    one_stop_officer, commune, noisy_recording, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("ghi-am.wav", noisy_recording)
    bulletin = _make(one_stop_officer, commune, django_capture_on_commit_callbacks, recording=upload)
    assert bulletin.status == AudioStatus.READY, bulletin.error
    figures = audio.stat(Path(bulletin.audio.path))
    assert 2.3 < figures["Length (seconds)"] < 2.7
    assert figures["Maximum amplitude"] > 0.8  # normalised to about -1 dBFS from a quiet 0.2
    info = subprocess.run(["soxi", bulletin.audio.path], capture_output=True, text=True, check=True).stdout
    assert "Channels       : 1" in info and "Sample Rate    : 22050" in info


def test_a_file_that_is_not_audio_is_refused(one_stop_officer, commune):
    with pytest.raises(InvalidInput) as error:
        bulletin_create(
            actor=one_stop_officer,
            commune=commune,
            title="T",
            recording=SimpleUploadedFile("a.wav", b"<html>"),
        )
    assert error.value.field == "recording"
    assert not Bulletin.objects.exists()


def test_an_mp3_named_wav_is_refused_since_sox_here_cannot_read_it(one_stop_officer, commune):
    with pytest.raises(InvalidInput):
        bulletin_create(
            actor=one_stop_officer,
            commune=commune,
            title="T",
            recording=SimpleUploadedFile("a.wav", b"ID3\x03" + b"\0" * 40),
        )


def test_a_bulletin_needs_text_or_a_recording(one_stop_officer, commune):
    with pytest.raises(InvalidInput) as error:
        bulletin_create(actor=one_stop_officer, commune=commune, title="T")
    assert error.value.field == "text"


def test_an_announcement_becomes_a_bulletin(one_stop_officer, commune, django_capture_on_commit_callbacks):
    from xaso.community.services.announcements import announcement_create

    announcement = announcement_create(
        actor=one_stop_officer, commune=commune, title="Họp dân", body="Tối nay 19 giờ."
    )
    bulletin = _make(one_stop_officer, commune, django_capture_on_commit_callbacks, announcement=announcement)
    assert bulletin.text == "Họp dân. Tối nay 19 giờ."
    assert bulletin.status == AudioStatus.READY
