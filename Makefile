# Thin wrappers over the `strata` CLI. Every target installs dependencies first
# when node_modules is missing. Extra CLI arguments: make <target> ARGS="...".
SHELL := /bin/bash
STRATA := node bin/strata.js
DEPS := node_modules/.package-lock.json
NAME ?=
ARGS ?=

.PHONY: help setup diff migrate rollback status lint types docs test schema-test bench db-start db-stop db-status db-url clean seed conformance typecheck
.DEFAULT_GOAL := help

## help: list the targets
help:
	@sed -n 's/^## //p' $(MAKEFILE_LIST)

# Installed only when missing, so a target never reinstalls under another running command.
$(DEPS):
	npm ci --no-audit --no-fund

## setup: install dependencies (npm ci) and build the CLI bundle
setup:
	npm ci --no-audit --no-fund
	@$(STRATA) --version

## diff: compare schema/ with migrations/; NAME=x writes the next migration pair
diff: | $(DEPS)
ifeq ($(ENGINE),atlas)
	bash scripts/atlas-diff.sh $(NAME)
else
	$(STRATA) diff $(NAME) $(ARGS)
endif

## migrate: apply pending migrations
migrate: | $(DEPS)
	$(STRATA) migrate up $(ARGS)

## rollback: roll back the last migration
rollback: | $(DEPS)
	$(STRATA) migrate down $(ARGS)

## status: list applied and pending migrations
status: | $(DEPS)
	$(STRATA) migrate status $(ARGS)

## lint: check migrations for hazards
lint: | $(DEPS)
	$(STRATA) lint $(ARGS)

## types: generate typed queries for queries/*.sql
types: | $(DEPS)
	$(STRATA) types $(ARGS)

## docs: generate schema documentation
docs: | $(DEPS)
	$(STRATA) docs $(ARGS)

## seed: load seed data into the dev database (SCALE=N: 1,000*N projects, 10,000*N tasks)
# [schema helper] SCALE passes --scale to strata seed.
seed: | $(DEPS)
	$(STRATA) seed $(if $(SCALE),--scale $(SCALE)) $(ARGS)

## test: the whole test suite on real PostgreSQL (embedded cluster unless DATABASE_URL is set)
test: | $(DEPS)
	npx vitest run $(ARGS)

## schema-test: the generated schema suites (strata test); ARGS="--only rls" etc.
schema-test: | $(DEPS)
	$(STRATA) test $(ARGS)

## typecheck: tsgo --noEmit (TypeScript's native port, as in the test suite) on the whole project
typecheck: | $(DEPS)
	npx tsgo --noEmit -p .

## bench: run bench/*.ts and write docs/benchmarks.md
bench: | $(DEPS)
	npx tsx bench/run.ts $(ARGS)

## conformance: run the outside corpus, write docs/conformance.md
conformance: | $(DEPS)
	npx tsx tools/conformance/main.ts $(ARGS)

## db-start, db-stop, db-status, db-url: the embedded PostgreSQL cluster
db-start: | $(DEPS)
	$(STRATA) db start $(ARGS)

db-stop: | $(DEPS)
	$(STRATA) db stop $(ARGS)

db-status: | $(DEPS)
	$(STRATA) db status $(ARGS)

db-url: | $(DEPS)
	@$(STRATA) db url $(ARGS)

## clean: stop the embedded cluster and delete .strata/ (cluster data, CLI bundle)
clean:
	@if [ -d node_modules ] && [ -d .strata/pg ]; then env -u DATABASE_URL $(STRATA) db stop --remove; fi
	rm -rf .strata

# --- migrations runner / Atlas (issue 5) ---
ENGINE ?= strata

## atlas: build the Atlas CLI and atlas-sum into .tools/bin through the Go module proxy
.PHONY: atlas verify drift
atlas:
	bash scripts/build-atlas.sh

## verify: replay migrations/ on a fresh database and list what schema/ has that they miss
verify: | $(DEPS)
	$(STRATA) verify $(ARGS)

## drift: compare the database (DATABASE_URL, else the dev database) with its migrations and schema/
drift: | $(DEPS)
	$(STRATA) drift $(ARGS)
# --- end migrations runner / Atlas ---
