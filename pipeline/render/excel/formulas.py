"""The results of the formulas our workbooks hold, computed in Python from the cells beside them.

openpyxl writes a formula without its result, and pandas, python-calamine, a phone's viewer and the
district roll-up then read the total as empty. Every formula we write is one of a few shapes
(SUM, COUNTIF(S), SUMIFS, IF, ROUND, arithmetic and comparisons over cells of the same workbook),
so its result is computed here, before the file is saved, and stored with it
(pipeline.render.excel.recalc.store_values). Where LibreOffice runs, its recalculation stays the
check that the two agree (tests/test_summary.py, tests/test_district.py).

    values = computed_values(wb)   # sheet title -> A1 -> result, for every formula cell of `wb`

A formula outside this subset raises ValueError: a bug in the writer, found by the tests
that write every workbook, never a wrong number stored silently.
"""

import math
import re
from decimal import ROUND_HALF_UP, Decimal

from openpyxl.utils import column_index_from_string

# -- one token at a time: a (possibly quoted) sheet name with a cell or range, a name, a number,
#    a string, an operator --
TOKEN = re.compile(
    r"""\s*(?:
      (?P<ref>(?:(?:'(?:[^']|'')+'|[^\s'!(),:=<>+\-*/&"]+)!)?\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)
    | (?P<func>[A-Z][A-Z0-9.]*)\(
    | (?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
    | (?P<string>"(?:[^"]|"")*")
    | (?P<op><=|>=|<>|[-+*/&=<>(),])
    )""",
    re.VERBOSE,
)
CELL = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)")
COMPARE = {
    "=": lambda a, b: a == b,
    "<>": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    ">": lambda a, b: a > b,
    "<=": lambda a, b: a <= b,
    ">=": lambda a, b: a >= b,
}


def computed_values(wb, sheets: list[str] | None = None) -> dict[str, dict[str, object]]:
    """Sheet title -> A1 -> the result of every formula cell in the openpyxl workbook `wb` (in
    `sheets` only, when given: the master's summary sheets, not the staff's own formulas)."""
    book = _Book(wb)
    out: dict[str, dict[str, object]] = {}
    for ws in wb.worksheets if sheets is None else [wb[name] for name in sheets]:
        for (row, col), cell in list(ws._cells.items()):
            if cell.data_type == "f" and isinstance(cell.value, str):
                out.setdefault(ws.title, {})[cell.coordinate] = _stored(book.value(ws.title, row, col))
    return out


def _stored(value):
    """Whole numbers as int (no "20000.0" in the file), everything else as computed."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


class _Book:
    def __init__(self, wb):
        self.sheets = {ws.title: ws for ws in wb.worksheets}
        self.done: dict[tuple, object] = {}
        self.busy: set[tuple] = set()
        self.ranges: dict[tuple, list] = {}
        self.parsed: dict[str, object] = {}

    def value(self, sheet: str, row: int, col: int):
        """A cell's value: its formula's result (computed once), else what it holds."""
        key = (sheet, row, col)
        if key in self.done:
            return self.done[key]
        cell = self.sheets[sheet]._cells.get((row, col))
        if cell is None:
            return None
        if cell.data_type != "f" or not isinstance(cell.value, str):
            return _number(cell.value)
        if key in self.busy:
            raise ValueError(f"{sheet}!{cell.coordinate}: circular reference")
        self.busy.add(key)
        try:
            tree = self.parsed.get(cell.value)
            if tree is None:
                tree = self.parsed[cell.value] = _Parser(cell.value).parse()
            result = _Eval(self, sheet).scalar(tree)
        except (ZeroDivisionError, ArithmeticError) as exc:
            raise ValueError(f"{sheet}!{cell.coordinate} {cell.value}: {exc}") from exc
        finally:
            self.busy.discard(key)
        self.done[key] = result
        return result

    def range(self, sheet: str, r1: int, c1: int, r2: int, c2: int) -> list:
        """The values of a range, row by row (None for an empty cell); read once per formula set."""
        key = (sheet, r1, c1, r2, c2)
        if key not in self.ranges:
            if sheet not in self.sheets:
                raise ValueError(f"no sheet {sheet!r}")
            self.ranges[key] = [self.value(sheet, r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]
        return self.ranges[key]


def _number(value):
    """Cell values as the spreadsheet computes with them: Decimal budgets are numbers."""
    if isinstance(value, Decimal):
        return float(value)
    return value


# -- parsing: a formula into a small tree of tuples --


class _Parser:
    def __init__(self, formula: str):
        self.text = formula
        self.tokens = self._tokens(formula[1:] if formula.startswith("=") else formula)
        self.pos = 0

    @staticmethod
    def _tokens(text: str) -> list[tuple[str, str]]:
        out, pos = [], 0
        while pos < len(text):
            if text[pos:].strip() == "":
                break
            match = TOKEN.match(text, pos)
            if not match:
                raise ValueError(f"cannot read {text!r} at {pos}")
            kind = match.lastgroup
            out.append((kind, match.group(kind)))
            pos = match.end()
        return out

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, value: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if token is None or (value is not None and token != ("op", value)):
            raise ValueError(f"{self.text}: expected {value or 'more'}")
        self.pos += 1
        return token

    def parse(self):
        tree = self.comparison()
        if self.peek() is not None:
            raise ValueError(f"{self.text}: unexpected {self.peek()[1]!r}")
        return tree

    def comparison(self):
        left = self.concat()
        while (t := self.peek()) and t[0] == "op" and t[1] in COMPARE:
            self.take()
            left = ("cmp", t[1], left, self.concat())
        return left

    def concat(self):
        left = self.additive()
        while self.peek() == ("op", "&"):
            self.take()
            left = ("&", left, self.additive())
        return left

    def additive(self):
        left = self.term()
        while (t := self.peek()) and t in (("op", "+"), ("op", "-")):
            self.take()
            left = (t[1], left, self.term())
        return left

    def term(self):
        left = self.unary()
        while (t := self.peek()) and t in (("op", "*"), ("op", "/")):
            self.take()
            left = (t[1], left, self.unary())
        return left

    def unary(self):
        if self.peek() in (("op", "-"), ("op", "+")):
            sign = self.take()[1]
            operand = self.unary()
            return ("-", ("num", 0), operand) if sign == "-" else operand
        return self.primary()

    def primary(self):
        kind, text = self.take()
        if kind == "number":
            return ("num", float(text) if any(ch in text for ch in ".eE") else int(text))
        if kind == "string":
            return ("str", text[1:-1].replace('""', '"'))
        if kind == "ref":
            return ("ref", *_reference(text), ":" in text)
        if kind == "func":
            args = []
            if self.peek() != ("op", ")"):
                args.append(self.comparison())
                while self.peek() == ("op", ","):
                    self.take()
                    args.append(self.comparison())
            self.take(")")
            return ("call", text, args)
        if (kind, text) == ("op", "("):
            inner = self.comparison()
            self.take(")")
            return inner
        raise ValueError(f"{self.text}: unexpected {text!r}")


def _reference(text: str) -> tuple[str | None, int, int, int, int]:
    """(sheet or None, first row, first column, last row, last column)."""
    sheet = None
    if "!" in text:
        sheet, text = text.rsplit("!", 1)
        sheet = sheet[1:-1].replace("''", "'") if sheet.startswith("'") else sheet
    cells = [CELL.fullmatch(part) for part in text.split(":")]
    (c1, r1), (c2, r2) = (cells[0].groups(), cells[-1].groups())
    return sheet, int(r1), column_index_from_string(c1), int(r2), column_index_from_string(c2)


# -- evaluating: the functions and operators of the module docstring, as Excel defines them --


class _Range(list):
    """The values of a range (a list), told apart from a single value."""


class _Eval:
    def __init__(self, book: _Book, sheet: str):
        self.book, self.sheet = book, sheet

    def run(self, node):
        kind = node[0]
        if kind in ("num", "str"):
            return node[1]
        if kind == "ref":
            sheet, r1, c1, r2, c2, is_range = node[1:]
            sheet = sheet or self.sheet
            if not is_range:
                return self.book.value(sheet, r1, c1)
            return _Range(self.book.range(sheet, r1, c1, r2, c2))
        if kind == "call":
            return self.call(node[1], node[2])
        if kind == "cmp":
            return _compare(node[1], self.scalar(node[2]), self.scalar(node[3]))
        if kind == "&":
            return _text(self.scalar(node[1])) + _text(self.scalar(node[2]))
        a, b = _arith(self.scalar(node[1])), _arith(self.scalar(node[2]))
        return {"+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b, "/": lambda: a / b}[kind]()

    def scalar(self, node):
        value = self.run(node)
        if isinstance(value, _Range):
            raise ValueError("a range where one value is needed")
        return value

    def call(self, name: str, args: list):
        if name == "IF":  # -- lazy: the branch not taken is never computed (a division by zero) --
            test = self.scalar(args[0])
            branch = args[1] if _truth(test) else (args[2] if len(args) > 2 else ("num", False))
            return self.scalar(branch)
        values = [self.run(a) for a in args]
        if name == "SUM":
            return _sum(v for value in values for v in (value if isinstance(value, _Range) else [value]))
        if name == "COUNT":
            return sum(1 for value in values for v in (value if isinstance(value, _Range) else [value]) if _is_num(v))
        if name == "ROUND":
            return _round(_arith(values[0]), int(_arith(values[1])))
        if name in ("COUNTIF", "COUNTIFS"):
            return sum(_matches_all(values))
        if name == "SUMIFS":
            matched = _matches_all(values[1:])
            return _sum(v for v, ok in zip(values[0], matched) if ok)
        raise ValueError(f"function {name} is not computed here")


def _matches_all(pairs: list) -> list[bool]:
    """For range/criterion pairs: does each position meet every criterion?"""
    if len(pairs) % 2 or not pairs:
        raise ValueError("criteria come in range, criterion pairs")
    ranges = pairs[0::2]
    if any(len(r) != len(ranges[0]) for r in ranges):
        raise ValueError("criteria ranges of different sizes")
    tests = [_criterion(c) for c in pairs[1::2]]
    return [all(test(r[i]) for r, test in zip(ranges, tests)) for i in range(len(ranges[0]))]


def _criterion(criterion):
    """A COUNTIF criterion as a test of one cell: a number or a text equals (text ignoring case);
    a text may start with a comparison (">=50"). Wildcards (* ?) are not used by our writers."""
    if isinstance(criterion, str):
        match = re.fullmatch(r"(<=|>=|<>|<|>|=)?(.*)", criterion, re.S)
        op, operand = match.group(1) or "=", match.group(2)
        try:
            target = float(operand)
        except ValueError:
            if op not in ("=", "<>"):
                raise ValueError(f"criterion {criterion!r}") from None
            wanted = operand.casefold()

            def test_text(v):
                same = (v is None and wanted == "") or (isinstance(v, str) and v.casefold() == wanted)
                return same if op == "=" else not same

            return test_text
        return lambda v: _is_num(v) and COMPARE[op](float(v), target)
    if _is_num(criterion):
        return lambda v: _is_num(v) and float(v) == float(criterion)
    raise ValueError(f"criterion {criterion!r}")


def _is_num(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _sum(values) -> float | int:
    """Numbers only (text and empty cells are skipped, as SUM does), summed exactly."""
    numbers = [v for v in values if _is_num(v)]
    if all(isinstance(v, int) for v in numbers):
        return sum(numbers)
    return math.fsum(numbers)


def _arith(value):
    """A value in arithmetic: empty is 0, TRUE is 1; text is refused (Excel's #VALUE!)."""
    if value is None:
        return 0
    if isinstance(value, bool):
        return int(value)
    if _is_num(value):
        return value
    raise ValueError(f"arithmetic on {value!r}")


def _round(value: float, digits: int) -> float:
    """Half away from zero on the number as printed (ROUND(2.675, 2) is 2.68, as in Excel)."""
    exact = Decimal(repr(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return float(exact)


def _truth(value) -> bool:
    if isinstance(value, str):
        raise ValueError(f"IF on text {value!r}")
    return bool(_arith(value))


def _compare(op: str, a, b) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        a, b = _text(a).casefold(), _text(b).casefold()
    else:
        a, b = _arith(a), _arith(b)
    return COMPARE[op](a, b)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
