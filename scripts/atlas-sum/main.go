// Command atlas-sum prints the atlas.sum that the current Atlas library
// (ariga.io/atlas sql/migrate + sql/sqltool) computes for a golang-migrate
// directory, and with -validate checks the directory's atlas.sum the way
// `atlas migrate validate` does. strata's tests compare its own atlas.sum
// against this, because the newest Atlas CLI the module proxy serves is older
// than the library and hashes golang-migrate directories differently.
package main

import (
	"flag"
	"fmt"
	"os"

	"ariga.io/atlas/sql/migrate"
	"ariga.io/atlas/sql/sqltool"
)

func main() {
	validate := flag.Bool("validate", false, "check the directory's atlas.sum instead of printing one")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: atlas-sum [-validate] DIR")
		os.Exit(2)
	}
	dir, err := sqltool.NewGolangMigrateDir(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if *validate {
		if err := migrate.Validate(dir); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println("ok")
		return
	}
	sum, err := dir.Checksum()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	b, err := sum.MarshalText()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Stdout.Write(b)
}
