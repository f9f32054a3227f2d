# `make run`  : set up everything on a fresh machine, then run the pipeline on inputs/master.xlsx
# `make test` : set up everything, then run the test suite
# `make serve`: set up everything, then start the web page for staff (http://127.0.0.1:8750/)
# `make lint` : ruff's checks and formatting (CI runs it before the tests)
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python

.PHONY: run test serve lint system clean
SERVE_ARGS ?= --open

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -e '.[test]'
	touch $@

# LibreOffice and the Thai fonts make the PDFs; installed when missing and apt-get is usable.
system:
	@$(PYTHON) scripts/install_system.py

run: system $(VENV)/.installed
	$(PY) -m pipeline run inputs/master.xlsx --out outputs

test: system $(VENV)/.installed
	$(PY) -m pytest -q

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

serve: system $(VENV)/.installed
	$(PY) -m pipeline serve $(SERVE_ARGS)

clean:
	rm -rf $(VENV) outputs/*/ outputs/*.*
