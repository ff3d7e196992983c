#!/usr/bin/env bash
# Refresh the vendored W3C test suites from their repositories.
#
#   tests/w3c/refresh.sh                 # clone both repositories (needs git and the network)
#   tests/w3c/refresh.sh SHAPES RDFTESTS # or copy from local checkouts of w3c/data-shapes and w3c/rdf-tests
#
# Copies the SHACL Core tests (data-shapes-test-suite/tests/core) and the RDF 1.1 Turtle and
# N-Triples tests (rdf/rdf11/rdf-turtle, rdf/rdf11/rdf-n-triples) as they are, and writes the
# commit of each into SOURCES. Nothing at build or test time downloads: the tests run from
# the copies. Review the diff, run `make test`, commit.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

checkout() {  # checkout NAME LOCAL-PATH-OR-EMPTY → prints the path of a checkout
    if [ -n "$2" ]; then echo "$2"; return; fi
    git clone --quiet --depth 1 "https://github.com/w3c/$1.git" "$work/$1"
    echo "$work/$1"
}

shapes="$(checkout data-shapes "${1:-}")"
rdftests="$(checkout rdf-tests "${2:-}")"

replace() {  # replace FROM TO
    rm -rf "$2"
    mkdir -p "$2"
    cp -R "$1/." "$2/"
}

replace "$shapes/data-shapes-test-suite/tests/core" "$here/shacl-core"
replace "$rdftests/rdf/rdf11/rdf-turtle" "$here/rdf-turtle"
replace "$rdftests/rdf/rdf11/rdf-n-triples" "$here/rdf-n-triples"
cp "$rdftests/LICENSE.md" "$here/LICENSE.md"
# The implementation reports and archives are not tests: leave them out.
rm -rf "$here/rdf-turtle/reports" "$here/rdf-n-triples/reports"
rm -f "$here"/rdf-*/TESTS.zip "$here"/rdf-*/TESTS.tar.gz "$here"/rdf-*/*.html

{
    echo "w3c/data-shapes $(git -C "$shapes" rev-parse HEAD) data-shapes-test-suite/tests/core -> shacl-core"
    echo "w3c/rdf-tests $(git -C "$rdftests" rev-parse HEAD) rdf/rdf11/rdf-turtle -> rdf-turtle"
    echo "w3c/rdf-tests $(git -C "$rdftests" rev-parse HEAD) rdf/rdf11/rdf-n-triples -> rdf-n-triples"
} > "$here/SOURCES"
echo "refreshed: $(wc -l < "$here/SOURCES") suites; see $here/SOURCES"
