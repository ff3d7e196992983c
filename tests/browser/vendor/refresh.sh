#!/bin/sh
# Fetch axe-core (used by the browser tests only, never shipped in a page) from the npm
# registry at the version named in axe-core/MANIFEST, or at $1, and refresh the manifest.
#   tests/browser/vendor/refresh.sh            # the pinned version again
#   tests/browser/vendor/refresh.sh 4.10.3     # another version
set -eu
here=$(cd "$(dirname "$0")" && pwd)
version=${1:-$(sed -n 's/^version: //p' "$here/axe-core/MANIFEST")}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "axe-core@$version" >/dev/null && tar -xzf axe-core-*.tgz)
cp "$work/package/axe.min.js" "$work/package/LICENSE" "$here/axe-core/"
sum=$(sha256sum "$here/axe-core/axe.min.js" | cut -d' ' -f1)
printf 'name: axe-core\nversion: %s\nsource: https://registry.npmjs.org/axe-core/-/axe-core-%s.tgz\nfile: axe.min.js\nsha256: %s\nlicense: MPL-2.0 (LICENSE)\nused by: tests/test_browser.py (accessibility audit); never part of a page\n' \
  "$version" "$version" "$sum" > "$here/axe-core/MANIFEST"
echo "axe-core $version: $sum"
