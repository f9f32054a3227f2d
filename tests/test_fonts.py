"""pipeline.fonts: LibreOffice sees our TH SarabunPSK through its own fontconfig file, only when
set-up has fetched it, and the system's fonts stay in the configuration."""
import subprocess
import shutil

import pytest

from pipeline import fonts


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
    assert "<include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>" in conf
    assert f"<dir>{tmp_path}/ฟอนต์ &amp; co</dir>" in conf
    assert env["PATH"] == "/usr/bin"


@pytest.mark.skipif(fonts.installed_font() is None or shutil.which("fc-match") is None,
                    reason="set-up has not fetched TH SarabunPSK (scripts/install_system.py)")
def test_the_fetched_font_is_what_fontconfig_gives_for_th_sarabunpsk():
    env = fonts.office_env()
    found = subprocess.run(["fc-match", "-f", "%{family}|%{file}", "TH SarabunPSK"], env=env,
                           capture_output=True, text=True, check=True).stdout
    family, path = found.split("|")
    assert family == "TH SarabunPSK" and path == str(fonts.installed_font())
