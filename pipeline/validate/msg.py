"""One entry of the message catalogue (pipeline.validate.messages)."""

from typing import NamedTuple


class Msg(NamedTuple):
    severity: str
    th: str
    fix: str
    en: str


E, W = "error", "warning"

# -- how to type an amount: shared by the plan's and the monitoring sheet's messages --
NUMBER_FIX = "ใส่เป็นตัวเลขอารบิก เช่น 20000 (ไม่ต้องมีจุลภาคหรือคำว่าบาท)"
