"""Install what the PDFs need when it is missing: LibreOffice, the Thai fonts, poppler (apt-get),
and the real TH SarabunPSK (fetched from PyPI into our own fonts folder, see pipeline/office/fonts.py);
and chromium, the browser the web page's end-to-end tests drive.

apt-get only acts on Debian/Ubuntu as root; anywhere else it prints what to install and carries
on, because Word and Excel outputs are still made without them.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from pipeline.office.fonts import fonts_dir, install_fonts  # noqa: E402  (stdlib only; no venv needed)

PACKAGES = ["fonts-thai-tlwg", "libreoffice-writer-nogui", "libreoffice-calc-nogui", "poppler-utils", "chromium"]


def missing() -> bool:
    have_font = (
        shutil.which("fc-list") and "Laksaman" in subprocess.run(["fc-list"], capture_output=True, text=True).stdout
    )
    return not (shutil.which("soffice") and shutil.which("pdftotext") and have_font and shutil.which("chromium"))


def install_packages() -> None:
    if not missing():
        return
    apt = shutil.which("apt-get")
    if not apt or not hasattr(os, "geteuid") or os.geteuid() != 0:
        print(
            "LibreOffice/Thai fonts not found; PDFs will be skipped. Install: "
            "sudo apt-get install " + " ".join(PACKAGES) + " (Windows: https://www.libreoffice.org/download/)"
        )
        return
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run([apt, "update", "-qq"], check=True, env=env)
    subprocess.run(
        [apt, "install", "-y", "-qq", "--no-install-recommends", *PACKAGES],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )


def main() -> int:
    install_packages()
    if sys.platform != "win32":  # Windows offices have TH SarabunPSK installed already
        try:
            install_fonts()
        except (OSError, subprocess.CalledProcessError) as exc:
            print(
                f"TH SarabunPSK could not be fetched into {fonts_dir()} ({exc}); "
                "PDFs will use Laksaman (larger, not text-searchable)."
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
