"""Things in the source that look wrong but were imported as printed, for staff to check."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Anomaly:
    code: str        # stable kebab-case, e.g. "duplicate-row"
    message: str     # Thai, says where (year, row, project sheet)
    where: str = ""  # source position: "บรรทัด 161" / "ตารางที่ 8"
