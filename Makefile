# `make run`  : set up everything on a fresh machine, then run the pipeline on inputs/master.xlsx
# `make test` : set up everything, then run the test suite
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python

.PHONY: run test system clean

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

clean:
	rm -rf $(VENV) outputs/*/ outputs/*.*
