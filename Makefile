# The two commands of the README: `make run` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run chat test test-pg lint check bench clean

# requirements.lock pins every dependency with hashes (pip-compile --generate-hashes); see README.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/wegweiser run

chat: $(STAMP)
	$(BIN)/wegweiser chat

test: $(STAMP)
	$(BIN)/pytest -q

# the suite on PostgreSQL, each test in its own schema (tests/dbkit.py)
TEST_DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/test
test-pg: $(STAMP)
	TEST_DATABASE_URL=$(TEST_DATABASE_URL) $(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check bot tests bench
	$(BIN)/mypy bot

check: lint
	$(BIN)/wegweiser kb check

bench: $(STAMP)
	$(BIN)/python bench/kb_load_bench.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
