# Two commands do everything, on a machine with only Python 3 and make:
#   make check [EX=03_daemon] [SRC=solutions]   grade exercises
#   make test                                   run the project's own tests
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
SRC    ?= exercises
EX     ?=

.PHONY: check test clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -e .
	touch $@

check: $(VENV)/.installed
	@$(PY) -m grader check $(EX) --src $(SRC)

test: $(VENV)/.installed
	$(PY) -m pytest -n 2 -q

clean:
	rm -rf $(VENV) *.egg-info
