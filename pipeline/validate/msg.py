"""One entry of the message catalogue (pipeline.validate.messages)."""
from typing import NamedTuple


class Msg(NamedTuple):
    severity: str
    th: str
    fix: str
    en: str


E, W = "error", "warning"
