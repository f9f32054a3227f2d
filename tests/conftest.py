"""Shared fixtures: a small plan built in code, and the committed real master workbook."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from pipeline.model import Dimension, Plan, Project, Settings, YearRow
from pipeline.web.app import create_app

ROOT = Path(__file__).resolve().parent.parent
MASTER = ROOT / "inputs" / "master.xlsx"
SOURCE = ROOT / "inputs" / "source" / "khoksamrong-plan-2566-2570.txt"

DIMENSIONS = [
    Dimension(1, "การสร้างวัฒนธรรมสุจริต"),
    Dimension(2, "การบริหารราชการด้วยความโปร่งใส"),
    Dimension(3, "การส่งเสริมบทบาทและการมีส่วนร่วมของภาคประชาชน"),
    Dimension(4, "การยกระดับกลไกการตรวจสอบการดำเนินงานขององค์กรปกครองส่วนท้องถิ่น"),
]


def make_small_plan() -> Plan:
    """Three projects over two years; project P02 has a budget in the first year only."""
    settings = Settings(
        organisation="องค์การบริหารส่วนตำบลทดสอบ",
        start_year=2566,
        end_year=2567,
        announce_date=date(2022, 9, 30),
        signer="นางทดสอบ ลงนาม",
        signer_position="นายกองค์การบริหารส่วนตำบลทดสอบ",
        data_as_of=date(2023, 7, 7),
        reporter="นายรายงาน ทดสอบ",
        plan_title="แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส",
        announcement_body=["ด้วยย่อหน้าแรกของประกาศ & <ทดสอบ>", "ย่อหน้าที่สอง"],
    )
    projects = [
        Project(
            "P01",
            1,
            "มาตรการ NO Gift Policy",
            2,
            rationale=["ย่อหน้าแรก", "ย่อหน้าที่สอง"],
            objectives=["เพื่อหนึ่ง", "เพื่อสอง"],
            target_group=["บุคลากร จำนวน ๖๐ คน"],
            method=["ขั้นหนึ่ง", "ขั้นสอง", "ขั้นสาม"],
            responsible=["องค์การบริหารส่วนตำบลทดสอบ"],
            outputs=["ผลผลิตหนึ่ง"],
            outcomes=["ผลลัพธ์หนึ่ง", "ผลลัพธ์สอง"],
        ),
        Project(
            "P02",
            2,
            "โครงการจัดเวทีประชาคม",
            3,
            rationale=["เหตุผล"],
            objectives=["เพื่อรับฟัง"],
            target_group=["ประชาชน จำนวน ๕๐๐ คน"],
            method=["จัดเวที"],
            responsible=["กองช่าง"],
            outputs=["มีเวที"],
            outcomes=["ได้ข้อมูล"],
        ),
        Project(
            "P03",
            3,
            "โครงการเสริมสร้างองค์ความรู้ด้านการต่อต้านการทุจริต",
            1,
            rationale=["เหตุผล"],
            objectives=["เพื่อความรู้"],
            target_group=["บุคลากร"],
            method=["อบรม"],
            responsible=["สำนักปลัด"],
            outputs=["อบรม ๑ ครั้ง"],
            outcomes=["รู้มากขึ้น"],
        ),
    ]
    rows = []
    for year in (2566, 2567):
        for order, p in enumerate(projects, 1):
            budget = Decimal(20000) if (p.code == "P02" and year == 2566) else Decimal(0)
            quarters = (True, True, True, p.code != "P03")
            rows.append(YearRow(year, order, p.code, p.name, p.dimension, budget, quarters))
    return Plan(settings, list(DIMENSIONS), projects, rows)


@pytest.fixture
def small_plan() -> Plan:
    return make_small_plan()


@pytest.fixture
def master_path() -> Path:
    if not MASTER.exists():
        pytest.fail(
            "inputs/master.xlsx is missing: run "
            "`pipeline import inputs/source/khoksamrong-plan-2566-2570.txt -o inputs/master.xlsx`"
        )
    return MASTER


@pytest.fixture(scope="session")
def sample_master(tmp_path_factory) -> Path:
    """A copy of the real master with the sample 2566 monitoring fill (tests/monitoring_sample.py).
    Session-scoped and shared: tests copy it before changing it."""
    from tests.monitoring_sample import make_sample_master

    return make_sample_master(tmp_path_factory.mktemp("sample"))


@pytest.fixture
def web(tmp_path):
    """The web app in a test client, its folders in the test's own root; removed at shutdown."""
    root = tmp_path / "web"
    with TestClient(create_app(root=root), base_url="http://127.0.0.1:8750", raise_server_exceptions=False) as client:
        yield client
    assert not root.exists(), "shutdown removes every upload and run folder"
