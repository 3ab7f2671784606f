#!/bin/sh
# Reproduces src/fogwatch/web/static/vendor/ from the npm registry, so the web app
# works offline with no CDN: Leaflet and Leaflet.markercluster dist files plus their
# licences. Versions are pinned here; bump them deliberately and re-run.
set -eu
LEAFLET_VERSION="${LEAFLET_VERSION:-1.9.4}"
MARKERCLUSTER_VERSION="${MARKERCLUSTER_VERSION:-1.5.3}"
WORK="${WORK:-/tmp/webvendor}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/src/fogwatch/web/static/vendor"

npm install --no-audit --no-fund --prefix "$WORK" \
  "leaflet@$LEAFLET_VERSION" "leaflet.markercluster@$MARKERCLUSTER_VERSION"

rm -rf "$DEST/leaflet" "$DEST/leaflet.markercluster"
mkdir -p "$DEST/leaflet/images" "$DEST/leaflet.markercluster"
L="$WORK/node_modules/leaflet"
M="$WORK/node_modules/leaflet.markercluster"
cp "$L/dist/leaflet.js" "$L/dist/leaflet.css" "$L/LICENSE" "$DEST/leaflet/"
cp "$L/dist/images/"*.png "$DEST/leaflet/images/"
cp "$M/dist/leaflet.markercluster.js" "$M/dist/MarkerCluster.css" \
   "$M/dist/MarkerCluster.Default.css" "$M/MIT-LICENCE.txt" "$DEST/leaflet.markercluster/"
# Source maps are dropped: the minified files carry a sourceMappingURL comment that
# would make browsers' dev tools request a missing file, which is harmless.
printf 'leaflet %s\nleaflet.markercluster %s\n' \
  "$(node -p "require('$L/package.json').version")" \
  "$(node -p "require('$M/package.json').version")" > "$DEST/VERSIONS"
echo "vendored into $DEST"; cat "$DEST/VERSIONS"
