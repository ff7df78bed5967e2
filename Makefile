# The README's two commands are `make demo` and `make test`.
.PHONY: demo test setup lint imports typecheck benchmark-import benchmark-rules benchmark-stats benchmark-workspace

DEMO_AS_OF ?= 2024-08-07
DEMO_ENV = INTROSAK_AS_OF=$(DEMO_AS_OF) INTROSAK_REQUIRE_2FA=false

setup:
	./scripts/setup.sh

# Install everything, create the SQLite database with the demo data (once), print the demo
# log-ins and serve the application at http://127.0.0.1:8000.
demo: setup
	uv run --frozen python manage.py migrate -v 0
	$(DEMO_ENV) uv run --frozen introsak demo-data --seed 2024 --if-empty
	$(DEMO_ENV) uv run --frozen python manage.py runserver 127.0.0.1:8000

# The whole test suite. SQLite by default; PostgreSQL when DATABASE_URL is set.
test: setup
	uv run --frozen ruff check .
	uv run --frozen ruff format --check .
	uv run --frozen lint-imports
	uv run --frozen mypy src packages/introsak-demo/src tests
	uv run --frozen python manage.py makemigrations --check --dry-run -v 0
	uv run --frozen pytest -n 2 --dist loadgroup

lint:
	uv run --frozen ruff check .
	uv run --frozen ruff format --check .

# The one-way app graph (pyproject.toml [tool.importlinter]; README "Layout").
imports:
	uv run --frozen lint-imports

typecheck:
	uv run --frozen mypy src packages/introsak-demo/src tests

benchmark-import:
	uv run --frozen python benchmarks/import_benchmark.py

benchmark-rules:
	uv run --frozen python benchmarks/rules_benchmark.py

benchmark-stats:
	uv run --frozen python benchmarks/stats_benchmark.py

benchmark-workspace:
	uv run --frozen python benchmarks/workspace_benchmark.py
