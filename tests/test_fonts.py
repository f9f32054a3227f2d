"""pipeline.office.fonts: LibreOffice sees our TH SarabunPSK through its own fontconfig file, only when
set-up has fetched it, and the system's fonts stay in the configuration."""

import shutil
import subprocess

import pytest

from pipeline.office import fonts


def test_without_our_font_the_environment_is_left_alone(tmp_path, monkeypatch):
    monkeypatch.setenv(fonts.FONTS_ENV, str(tmp_path / "none"))
    assert "FONTCONFIG_FILE" not in fonts.office_env({"PATH": "/usr/bin"})
    assert fonts.installed_font() is None


def test_with_our_font_libreoffice_gets_a_fontconfig_file_adding_its_folder(tmp_path, monkeypatch):
    folder = tmp_path / "ฟอนต์ & co"
    folder.mkdir()
    (folder / fonts.MAIN_FONT).write_bytes(b"not really a font")
    monkeypatch.setenv(fonts.FONTS_ENV, str(folder))
    env = fonts.office_env({"PATH": "/usr/bin"})
    conf = (folder / "fonts.conf").read_text(encoding="utf-8")
    assert env["FONTCONFIG_FILE"] == str(folder / "fonts.conf")
    assert '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>' in conf
    assert f"<dir>{tmp_path}/ฟอนต์ &amp; co</dir>" in conf
    assert env["PATH"] == "/usr/bin"


@pytest.mark.skipif(
    fonts.installed_font() is None or shutil.which("fc-match") is None,
    reason="set-up has not fetched TH SarabunPSK (scripts/install_system.py)",
)
def test_the_fetched_font_is_what_fontconfig_gives_for_th_sarabunpsk():
    env = fonts.office_env()
    found = subprocess.run(
        ["fc-match", "-f", "%{family}|%{file}", "TH SarabunPSK"], env=env, capture_output=True, text=True, check=True
    ).stdout
    family, path = found.split("|")
    assert family == "TH SarabunPSK" and path == str(fonts.installed_font())


def name_record(font_file, name_id: int) -> str:
    """A record of the font's name table (13: the licence description), from a Windows entry."""
    import struct

    data = font_file.read_bytes()
    count = struct.unpack(">H", data[4:6])[0]
    tables = {
        data[12 + 16 * i : 16 + 16 * i]: struct.unpack(">I", data[20 + 16 * i : 24 + 16 * i])[0] for i in range(count)
    }
    at = tables[b"name"]
    records, strings = struct.unpack(">HH", data[at + 2 : at + 6])
    for i in range(records):
        platform, _, _, nid, length, offset = struct.unpack(">6H", data[at + 6 + 12 * i : at + 18 + 12 * i])
        if nid == name_id and platform == 3:
            return data[at + strings + offset : at + strings + offset + length].decode("utf-16-be")
    return ""


@pytest.mark.skipif(fonts.installed_font() is None, reason="set-up has not fetched TH SarabunPSK")
def test_the_fetched_fonts_licences_allow_embedding_them_in_published_pdfs():
    """What the README says: OFL 1.1 for THSarabun.ttf, GPL with the font exception for THSarabunNew.ttf."""
    folder = fonts.installed_font().parent
    assert "SIL Open Font License, Version 1.1" in name_record(folder / "THSarabun.ttf", 13)
    new = name_record(folder / "THSarabunNew.ttf", 13)
    assert "GNU General Public License" in new and "embed this font" in new
