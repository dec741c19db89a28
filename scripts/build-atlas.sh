#!/usr/bin/env bash
# Build the Atlas CLI (Apache-2.0 community build) and atlas-sum into .tools/bin
# through the Go module proxy.
#
# Why these versions: `go install ariga.io/atlas/cmd/atlas@latest` stops at the
# last cmd/atlas tag (v0.13.1, Aug 2023); newer cmd/atlas code is only reachable
# as pseudo-versions, and this machine's module proxy answers 403 "This module
# version is not available" for every cmd/atlas pseudo-version, while the
# library module ariga.io/atlas is served up to v1.0.0 (Dec 2025). The 2023 CLI
# does not compile against a newer library (schemahcl.BlockFunc changed), so:
#   - atlas:     cmd/atlas v0.13.1 with its own library, golang.org/x/tools
#                bumped because the pinned one does not compile with Go >= 1.22;
#   - atlas-sum: scripts/atlas-sum (a few lines of ours) on ariga.io/atlas
#                v1.0.0, the current sql/migrate + sql/sqltool hashing code.
# Set ATLAS_CMD_VERSION to try a newer cmd/atlas pseudo-version when the proxy
# serves one.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tools="$root/.tools"
cmd_version="${ATLAS_CMD_VERSION:-v0.13.1}"
lib_version="${ATLAS_LIB_VERSION:-v1.0.0}"
x_tools="${ATLAS_X_TOOLS_VERSION:-v0.52.0}"
mkdir -p "$tools/bin" "$tools/atlas-build" "$tools/atlas-sum-build"
export GOFLAGS=-mod=mod

start=$(date +%s)
cd "$tools/atlas-build"
cat > go.mod <<MOD
module strata.local/atlas-build

go 1.22
MOD
cat > tools.go <<'GO'
//go:build tools

package tools

import _ "ariga.io/atlas/cmd/atlas"
GO
go get "ariga.io/atlas/cmd/atlas@${cmd_version}" "golang.org/x/tools@${x_tools}"
go build -o "$tools/bin/atlas" ariga.io/atlas/cmd/atlas
echo "built $tools/bin/atlas (cmd/atlas ${cmd_version}) in $(( $(date +%s) - start ))s"

start=$(date +%s)
cd "$tools/atlas-sum-build"
cat > go.mod <<MOD
module strata.local/atlas-sum

go 1.22
MOD
cp "$root/scripts/atlas-sum/main.go" main.go
go get "ariga.io/atlas@${lib_version}"
go build -o "$tools/bin/atlas-sum" .
echo "built $tools/bin/atlas-sum (ariga.io/atlas ${lib_version}) in $(( $(date +%s) - start ))s"
