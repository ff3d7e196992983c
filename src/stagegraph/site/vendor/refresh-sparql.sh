#!/bin/sh
# Fetch the Oxigraph WebAssembly build (npm package `oxigraph`, MIT OR Apache-2.0) used by the
# site's SPARQL page, at the version named in oxigraph/MANIFEST or at $1, and refresh the
# manifest's checksums. Building a site never runs this: it reads the committed files.
#   src/stagegraph/site/vendor/refresh-sparql.sh            # the pinned version again
#   src/stagegraph/site/vendor/refresh-sparql.sh 0.5.12     # another version
# The licence texts (LICENSE-MIT, LICENSE-APACHE) are not in the npm package; they come from
# https://github.com/oxigraph/oxigraph and change only if the project's licence does.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dir="$here/oxigraph"
version=${1:-$(sed -n 's/^version: //p' "$dir/MANIFEST")}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "oxigraph@$version" >/dev/null && tar -xzf oxigraph-*.tgz)
license=$(node -p "require('$work/package/package.json').license")
cp "$work/package/web.js" "$work/package/web_bg.wasm" "$dir/"
js=$(sha256sum "$dir/web.js" | cut -d' ' -f1)
wasm=$(sha256sum "$dir/web_bg.wasm" | cut -d' ' -f1)
size=$(wc -c < "$dir/web_bg.wasm" | tr -d ' ')
cat > "$dir/MANIFEST" <<MANIFEST
name: oxigraph
version: $version
source: https://registry.npmjs.org/oxigraph/-/oxigraph-$version.tgz
license: $license (LICENSE-MIT, LICENSE-APACHE)
file web.js sha256: $js
file web_bg.wasm sha256: $wasm
wasm bytes: $size
used by: stagegraph.site.sparql (the site's SPARQL page, turned into a classic script when a page is written)
MANIFEST
echo "oxigraph $version: web.js $js, web_bg.wasm $wasm ($size bytes)"
