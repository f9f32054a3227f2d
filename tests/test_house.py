"""The shape of pipeline/: imports run one way (down the layers), no cycles, and one catalogue of
exceptions and exit codes that the README's table agrees with. Read from the source with `ast`,
function-local imports included."""

import ast
import re
from pathlib import Path

from conftest import ROOT

from pipeline import errors

PACKAGE = ROOT / "pipeline"
# -- the layers, bottom up: a part may import its own modules and the parts of lower layers only --
LAYERS = (
    {"errors"},
    {"contract", "ooxml", "text"},
    {"model"},
    {"workbook"},
    {"validate", "office"},
    {"importer", "monitor", "lifecycle"},
    {"render"},
    {"run", "district"},
    {"web"},
    {"cli"},
    {"__main__"},
)
RANK = {part: rank for rank, parts in enumerate(LAYERS) for part in parts}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def part(module: str) -> str:
    bits = module.split(".")
    return bits[1] if len(bits) > 1 else "pipeline"


def imported(module: str, node) -> list[str]:
    """The pipeline modules an import statement names (a package's module when it names one)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            here = module.split(".") if MODULES[module].name == "__init__.py" else module.split(".")[:-1]
            base = ".".join(here[: len(here) - node.level + 1] + ([base] if base else []))
        names = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
    found = []
    for name in names:
        while name and name not in MODULES:
            name = name.rpartition(".")[0]
        if name.startswith("pipeline") and name != module:
            found.append(name)
    return found


def imports() -> list[tuple[str, str, ast.AST, bool]]:
    """(importer, imported, node, inside a function) for every import of a pipeline module."""
    out = []
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        local = {
            id(n)
            for f in ast.walk(tree)
            if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
            for n in ast.walk(f)
            if isinstance(n, (ast.Import, ast.ImportFrom))
        }
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                out += [(module, target, node, id(node) in local) for target in imported(module, node)]
    return out


def test_every_part_has_a_layer():
    assert {part(m) for m in MODULES} - {"pipeline"} <= set(RANK)


def test_imports_never_run_up_the_layers():
    upward = [
        f"{a} -> {b}"
        for a, b, _, _ in imports()
        if part(a) != part(b) and "pipeline" not in (part(a), part(b)) and RANK[part(a)] < RANK[part(b)]
    ]
    assert upward == []


def test_web_and_cli_never_import_each_other_the_wrong_way():
    assert [f"{a} -> {b}" for a, b, _, _ in imports() if part(a) == "web" and part(b) == "cli"] == []


def test_no_import_cycle_between_modules():
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for a, b, _, _ in imports():
        if not a.startswith(b + "."):  # -- a module importing its own package's __init__ is no cycle --
            graph[a].add(b)
    state: dict[str, int] = {}
    cycles = []

    def visit(node, trail):
        state[node] = 1
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                cycles.append(trail[trail.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_a_function_local_import_of_our_own_modules_says_why():
    silent = []
    for module, target, node, local in imports():
        if local:
            lines = MODULES[module].read_text(encoding="utf-8").splitlines()
            here = lines[node.lineno - 1]
            above = lines[node.lineno - 2].strip() if node.lineno > 1 else ""
            if "#" not in here and not above.startswith("#"):
                silent.append(f"{module}:{node.lineno} imports {target}")
    assert silent == []


def test_exceptions_live_in_the_catalogue():
    """Every exception class of the package is declared in pipeline/errors.py."""
    elsewhere = []
    for module, path in MODULES.items():
        if module == "pipeline.errors":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                re.search(r"(Error|Exception|Refused|Failed)$", ast.unparse(base)) for base in node.bases
            ):
                elsewhere.append(f"{module}.{node.name}")
    assert elsewhere == []


def test_every_exit_code_is_in_the_catalogue_and_the_readme():
    classes = [errors.PipelineError, *_subclasses(errors.PipelineError)]
    assert {cls.exit_code for cls in classes} <= set(errors.EXIT_CODES)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| code | meaning |") :]
    table = table[: table.index("\n\n")]
    assert [int(code) for code in re.findall(r"^\| (\d+) \|", table, re.M)] == list(errors.EXIT_CODES)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)
