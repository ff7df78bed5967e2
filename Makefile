# The README's two commands are `make demo` and `make test`.
.PHONY: demo dev test setup lint imports typecheck benchmark-import benchmark-rules benchmark-stats benchmark-workspace

DEMO_AS_OF ?= 2024-08-07
DEMO_WORKERS ?= 3
# The demo's clock, and log-in without a phone.
DEMO_DATA_ENV = INTROSAK_AS_OF=$(DEMO_AS_OF) INTROSAK_REQUIRE_2FA=false
# `make demo` serves like production (never a debug page): gunicorn, static files from
# WhiteNoise, DEBUG off. tests/core/test_demo.py reads these from `make -n demo`.
DEMO_ENV = $(DEMO_DATA_ENV) DJANGO_DEBUG=false INTROSAK_SERVE_STATIC=true

setup:
	./scripts/setup.sh

# Install everything, create the SQLite database with the demo data (once), print the demo
# log-ins and serve the application at http://127.0.0.1:8000 with gunicorn.
demo: setup
	uv run --frozen python manage.py migrate -v 0
	$(DEMO_ENV) uv run --frozen introsak demo-data --seed 2024 --if-empty
	$(DEMO_ENV) uv run --frozen introsak early_demo_data --if-empty
	$(DEMO_ENV) uv run --frozen python manage.py collectstatic --noinput -v 0
	$(DEMO_ENV) INTROSAK_BIND=127.0.0.1:8000 INTROSAK_WORKERS=$(DEMO_WORKERS) uv run --frozen gunicorn -c gunicorn.conf.py introsak.wsgi:application

# The same data with Django's development server (DEBUG on, code reloaded on change).
dev: setup
	uv run --frozen python manage.py migrate -v 0
	$(DEMO_DATA_ENV) uv run --frozen introsak demo-data --seed 2024 --if-empty
	$(DEMO_DATA_ENV) uv run --frozen introsak early_demo_data --if-empty
	$(DEMO_DATA_ENV) uv run --frozen python manage.py runserver 127.0.0.1:8000

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
