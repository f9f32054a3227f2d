"""The one rich Console the commands print through."""

from rich.console import Console


def console() -> Console:
    out = Console(highlight=False)
    if not out.is_terminal:  # -- piped output: do not squeeze Thai into 80 columns --
        out = Console(highlight=False, width=160)
    return out
