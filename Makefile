# Two commands do everything, on a machine with only Python 3 and make:
#   make check [EX=03_daemon] [SRC=solutions] [FORMAT=junit OUTPUT=FILE] [HTML=1]
#                                               grade exercises
#   make list | make hint EX=.. | make watch    the self-study loop
#   make test                                   run the project's own tests
#   make test-matrix [QUICK=1] [PYTHONS="..."]  solutions and corpus under every
#                                               CPython 3.9+ found here (free-threaded too)
#                                               x fork/spawn/forkserver as the default
#   make record [EX=05_lock]                    record runs for the fast replay tier
#   make bench [N=50]                           speed and verdicts under load
#   make bench N=20 ARGS="--reliability-only --exercise 05 --python 3.13t"
#                                               only verdicts: those exercises, that Python
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
SRC    ?= exercises
EX     ?=
N      ?= 50
PYTHONS ?=
FORMAT ?= text
OUTPUT ?=
HTML   ?=
ARGS   ?=

.PHONY: check list hint watch test test-matrix record bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --prefer-binary -e ".[test]"
	touch $@

check: $(VENV)/.installed
	@$(PY) -m grader check $(EX) --src $(SRC) --format $(FORMAT) $(if $(OUTPUT),--output $(OUTPUT)) $(if $(HTML),--html build/report/$(or $(EX),all).html)

list: $(VENV)/.installed
	@$(PY) -m grader list --src $(SRC)

hint: $(VENV)/.installed
	@$(PY) -m grader hint $(EX)

watch: $(VENV)/.installed
	@$(PY) -m grader watch $(EX) --src $(SRC)

test: $(VENV)/.installed
	$(PY) -m pytest -n 2 -q

# Three gradings at a time on two cores: a grading's programs mostly sleep
# (3.12's 326 gradings took 309 s with three, 373 s with two).
test-matrix: $(VENV)/.installed
	MATRIX_QUICK=$(QUICK) PYTHONS="$(PYTHONS)" $(PY) -m pytest tests/matrix -n 2 -q -rs

# After a change to what a run records (the harness, the runner), or a new corpus program.
record: $(VENV)/.installed
	$(PY) tools/record_runs.py $(EX)

bench: $(VENV)/.installed
	$(PY) tools/bench.py -n $(N) $(ARGS)

clean:
	rm -rf $(VENV) *.egg-info
