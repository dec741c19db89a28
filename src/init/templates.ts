/**
 * The files `strata init` writes. A new project gets the same layout and make
 * targets as the strata repository, with every command going through the
 * installed package (`npx strata`), never through files of strata's own checkout.
 */

/** Folders of a project; each gets a `.gitkeep` so git keeps it while empty. */
export const PROJECT_FOLDERS = ['schema', 'queries', 'migrations', 'test', 'docs'] as const;

export const CONFIG_TEMPLATE = `// strata project config (JSON with comments). Every key is optional;
// folder paths are relative to this file.
{
  // Desired state: *.sql files, applied in path order. \`strata diff NAME\` compares them
  // with what migrations/ builds and writes the next migration pair.
  "schema": "schema",
  // Generated migrations (<UTC timestamp>_<name>.up.sql / .down.sql) and atlas.sum.
  "migrations": "migrations",
  // Queries with pgtyped annotations; \`strata types\` writes <name>.queries.ts next to each.
  "queries": "queries",
  // Seed data for the dev database (\`strata seed\`).
  "seed": "seed",
  // Generated documentation (\`strata docs\`).
  "docs": "docs",

  // Multi-tenancy: uncomment when rows belong to tenants. The column that scopes rows to a
  // tenant, the roles a request runs as, and the transaction-local settings your policies read.
  // "tenancy": {
  //   "column": "tenant_id",
  //   "roles": ["app_user"],
  //   "settings": { "tenant": "app.tenant_id", "user": "app.user_id" }
  // },
}
`;

export const ATLAS_TEMPLATE = `# Atlas project file: \`atlas migrate <command> --env strata\` works on the same files strata writes.
#   src  the desired state (schema/).
#   dev  an empty database Atlas may fill and clean: STRATA_ATLAS_DEV_URL.
#   url  the database \`atlas migrate apply|status\` work on: DATABASE_URL.
variable "src" {
  type    = string
  default = "file://schema"
}

env "strata" {
  src = var.src
  dev = getenv("STRATA_ATLAS_DEV_URL")
  url = getenv("DATABASE_URL")
  migration {
    dir = "file://migrations?format=golang-migrate"
  }
}
`;

export const PGTYPED_TEMPLATE =
  JSON.stringify(
    {
      transforms: [{ mode: 'sql', include: '**/*.sql', emitTemplate: '{{dir}}/{{name}}.queries.ts' }],
      srcDir: './queries',
      failOnError: false,
      camelCaseColumnNames: true,
      maxWorkerThreads: 1,
      db: { dbName: 'set-by-strata-types', host: '127.0.0.1' },
    },
    null,
    2,
  ) + '\n';

export const GITIGNORE_TEMPLATE = `# strata's embedded PostgreSQL cluster and CLI build
.strata/
node_modules/
`;

/** Make targets of the generated Makefile, the same the strata repository has for its own schema. */
export const MAKE_TARGETS = [
  'help', 'setup', 'diff', 'migrate', 'rollback', 'status', 'verify', 'drift', 'lint', 'types', 'docs', 'seed',
  'test', 'schema-test', 'db-start', 'db-stop', 'db-status', 'db-url', 'clean',
] as const;

export const MAKEFILE_TEMPLATE = `# Thin wrappers over the \`strata\` CLI. Every target installs dependencies first
# when node_modules is missing. Extra CLI arguments: make <target> ARGS="...".
SHELL := /bin/bash
STRATA ?= npx --no strata
DEPS := node_modules/.package-lock.json
NAME ?=
ARGS ?=

.PHONY: ${MAKE_TARGETS.join(' ')}
.DEFAULT_GOAL := help

## help: list the targets
help:
\t@sed -n 's/^## //p' $(MAKEFILE_LIST)

$(DEPS):
\tnpm install --no-audit --no-fund

## setup: install dependencies and check the strata CLI runs
setup:
\tnpm install --no-audit --no-fund
\t@$(STRATA) --version

## diff: compare schema/ with migrations/; NAME=x writes the next migration pair
diff: | $(DEPS)
\t$(STRATA) diff $(NAME) $(ARGS)

## migrate: apply pending migrations
migrate: | $(DEPS)
\t$(STRATA) migrate up $(ARGS)

## rollback: roll back the last migration
rollback: | $(DEPS)
\t$(STRATA) migrate down $(ARGS)

## status: list applied and pending migrations
status: | $(DEPS)
\t$(STRATA) migrate status $(ARGS)

## verify: replay migrations/ on a fresh database and list what schema/ has that they miss
verify: | $(DEPS)
\t$(STRATA) verify $(ARGS)

## drift: compare the database (DATABASE_URL, else the dev database) with its migrations and schema/
drift: | $(DEPS)
\t$(STRATA) drift $(ARGS)

## lint: check migrations for hazards
lint: | $(DEPS)
\t$(STRATA) lint $(ARGS)

## types: generate typed queries for queries/*.sql
types: | $(DEPS)
\t$(STRATA) types $(ARGS)

## docs: generate schema documentation
docs: | $(DEPS)
\t$(STRATA) docs $(ARGS)

## seed: load seed data into the dev database
seed: | $(DEPS)
\t$(STRATA) seed $(ARGS)

## test: the schema's generated tests on real PostgreSQL
test: | $(DEPS)
\t$(STRATA) test $(ARGS)

## schema-test: the same generated suites (the name the strata repository uses for them); ARGS="--only rls" etc.
schema-test: | $(DEPS)
\t$(STRATA) test $(ARGS)

## db-start, db-stop, db-status, db-url: the embedded PostgreSQL cluster in .strata/
db-start: | $(DEPS)
\t$(STRATA) db start $(ARGS)

db-stop: | $(DEPS)
\t$(STRATA) db stop $(ARGS)

db-status: | $(DEPS)
\t$(STRATA) db status $(ARGS)

db-url: | $(DEPS)
\t@$(STRATA) db url $(ARGS)

## clean: stop the embedded cluster and delete .strata/
clean:
\t@if [ -d node_modules ] && [ -d .strata/pg ]; then env -u DATABASE_URL $(STRATA) db stop --remove; fi
\trm -rf .strata
`;
