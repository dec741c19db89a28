# Atlas project file for strata: `atlas migrate <command> --env strata`.
#   src  the desired state. Current Atlas reads the schema/ folder itself;
#        scripts/atlas-diff.sh (make diff ENGINE=atlas) passes --var src=...
#        with schema/ as one parser-split file, which the 2023 CLI needs.
#   dev  an empty database Atlas may fill and clean: STRATA_ATLAS_DEV_URL, which
#        scripts/atlas-diff.sh sets to a fresh database on strata's embedded cluster.
#   url  the database `atlas migrate apply|status` work on: DATABASE_URL.
# The migration folder is golang-migrate format, the same files strata writes.
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
