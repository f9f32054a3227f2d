"""Install the system packages the PDFs need (LibreOffice, Thai fonts, poppler) when missing.

Only acts on Debian/Ubuntu as root; anywhere else it prints what to install and carries on,
because Word and Excel outputs are still made without them.
"""
import os
import shutil
import subprocess
import sys

PACKAGES = ["fonts-thai-tlwg", "libreoffice-writer-nogui", "libreoffice-calc-nogui", "poppler-utils"]


def missing() -> bool:
    have_font = shutil.which("fc-list") and "Laksaman" in subprocess.run(
        ["fc-list"], capture_output=True, text=True).stdout
    return not (shutil.which("soffice") and shutil.which("pdftotext") and have_font)


def main() -> int:
    if not missing():
        return 0
    apt = shutil.which("apt-get")
    if not apt or not hasattr(os, "geteuid") or os.geteuid() != 0:
        print("LibreOffice/Thai fonts not found; PDFs will be skipped. Install: "
              "sudo apt-get install " + " ".join(PACKAGES) +
              " (Windows: https://www.libreoffice.org/download/)")
        return 0
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run([apt, "update", "-qq"], check=True, env=env)
    subprocess.run([apt, "install", "-y", "-qq", "--no-install-recommends", *PACKAGES],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    return 0


if __name__ == "__main__":
    sys.exit(main())
