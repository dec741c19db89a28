# Atlas project file: `atlas migrate <command> --env strata` works on the same files strata writes.
#   src  the desired state (schema/).
#   dev  an empty database Atlas may fill and clean: STRATA_ATLAS_DEV_URL.
#   url  the database `atlas migrate apply|status` work on: DATABASE_URL.
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
