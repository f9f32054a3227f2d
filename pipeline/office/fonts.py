"""The real TH SarabunPSK for LibreOffice on Linux, without touching the system's fonts.

Debian's fonts-thai-tlwg only gives Laksaman, whose PDFs from LibreOffice are not searchable
(`pdftotext` returns ป้ องกัน) and which sets larger than TH SarabunPSK (the ประกาศ runs to two
pages). The SIPA font files (TH SarabunPSK, TH Sarabun New) are fetched once at set-up time from a
package on PyPI and kept in a folder of ours; only LibreOffice processes started by this pipeline
see them, through a fontconfig file that adds that folder to the system's configuration.

On Windows the office PC has TH SarabunPSK installed (it is the government's standard font), so
nothing is fetched there and LibreOffice finds it by itself.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from pipeline.workbook.atomic import atomic_replace

# -- the SIPA fonts as one PyPI wheel ships them; pinned so set-up gets the files measured in
# shared notes (searchable text, the source's page counts). Only these two files are taken. --
FONT_PACKAGE = "odoo-addon-l10n-th-fonts==18.0.1.0.0.2"
FONT_MEMBERS = {
    "odoo/addons/l10n_th_fonts/static/fonts/THSarabun.ttf": "THSarabun.ttf",  # TH SarabunPSK
    "odoo/addons/l10n_th_fonts/static/fonts/THSarabunNew.ttf": "THSarabunNew.ttf",  # TH Sarabun New
}
MAIN_FONT = "THSarabun.ttf"
FONTS_ENV = "PIPELINE_FONTS_DIR"


def fonts_dir() -> Path:
    """Where our copy of the fonts lives: $PIPELINE_FONTS_DIR, or a folder in the user's data dir."""
    if os.environ.get(FONTS_ENV):
        return Path(os.environ[FONTS_ENV])
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home()))
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "anticorruption-pipeline" / "fonts"


def installed_font() -> Path | None:
    """Our TH SarabunPSK file, when set-up has fetched it."""
    path = fonts_dir() / MAIN_FONT
    return path if path.is_file() else None


def office_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for a LibreOffice process: the system's fonts plus ours (when present)."""
    env = dict(os.environ if base is None else base)
    if installed_font() is None or sys.platform == "win32":
        return env
    env["FONTCONFIG_FILE"] = str(_fontconfig_file())
    return env


def _fontconfig_file() -> Path:
    folder = fonts_dir()
    conf = folder / "fonts.conf"
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <dir>{_xml(folder)}</dir>\n  <cachedir>{_xml(folder / 'cache')}</cachedir>\n"
        "</fontconfig>\n"
    )
    if not conf.is_file() or conf.read_text(encoding="utf-8") != text:
        with atomic_replace(conf) as tmp:
            tmp.write_text(text, encoding="utf-8")
    return conf


def _xml(path: Path) -> str:
    return str(path).replace("&", "&amp;").replace("<", "&lt;")


def install_fonts(python: str = sys.executable) -> Path:
    """Fetch the SIPA fonts into fonts_dir() (once). Returns the folder; raises OSError or
    subprocess.CalledProcessError when the package registry cannot be reached."""
    folder = fonts_dir()
    if all((folder / name).is_file() for name in FONT_MEMBERS.values()):
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="thai-fonts-") as tmp:
        subprocess.run(
            [python, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:", "-d", tmp, FONT_PACKAGE],
            check=True,
        )
        wheel = next(Path(tmp).glob("*.whl"))
        with zipfile.ZipFile(wheel) as zf:
            for member, name in FONT_MEMBERS.items():
                with atomic_replace(folder / name, "part") as staged, zf.open(member) as src, open(staged, "wb") as dst:
                    shutil.copyfileobj(src, dst)
    return folder
