#!/bin/sh
# Reproduces src/fogwatch/web/static/vendor/ from the npm registry, so the web app
# works offline with no CDN: Leaflet and Leaflet.markercluster dist files plus their
# licences. Versions are pinned here; bump them deliberately and re-run.
set -eu
LEAFLET_VERSION="${LEAFLET_VERSION:-1.9.4}"
MARKERCLUSTER_VERSION="${MARKERCLUSTER_VERSION:-1.5.3}"
SWAGGER_UI_VERSION="${SWAGGER_UI_VERSION:-5.35.0}"
WORK="${WORK:-/tmp/webvendor}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/src/fogwatch/web/static/vendor"

npm install --no-audit --no-fund --prefix "$WORK" \
  "leaflet@$LEAFLET_VERSION" "leaflet.markercluster@$MARKERCLUSTER_VERSION" \
  "swagger-ui-dist@$SWAGGER_UI_VERSION"

rm -rf "$DEST/leaflet" "$DEST/leaflet.markercluster" "$DEST/swagger-ui"
mkdir -p "$DEST/leaflet/images" "$DEST/leaflet.markercluster" "$DEST/swagger-ui"
L="$WORK/node_modules/leaflet"
M="$WORK/node_modules/leaflet.markercluster"
S="$WORK/node_modules/swagger-ui-dist"
cp "$L/dist/leaflet.js" "$L/dist/leaflet.css" "$L/LICENSE" "$DEST/leaflet/"
cp "$L/dist/images/"*.png "$DEST/leaflet/images/"
cp "$M/dist/leaflet.markercluster.js" "$M/dist/MarkerCluster.css" \
   "$M/dist/MarkerCluster.Default.css" "$M/MIT-LICENCE.txt" "$DEST/leaflet.markercluster/"
# /docs (the OpenAPI explorer) must work offline too: Swagger UI's bundle and style.
cp "$S/swagger-ui-bundle.js" "$S/swagger-ui.css" "$S/LICENSE" "$S/NOTICE" "$DEST/swagger-ui/"
sed -i '/sourceMappingURL=/d' "$DEST/swagger-ui/swagger-ui-bundle.js" "$DEST/swagger-ui/swagger-ui.css"
# Source maps are dropped: the minified files carry a sourceMappingURL comment that
# would make browsers' dev tools request a missing file, which is harmless.
printf 'leaflet %s\nleaflet.markercluster %s\nswagger-ui-dist %s\n' \
  "$(node -p "require('$L/package.json').version")" \
  "$(node -p "require('$M/package.json').version")" \
  "$(node -p "require('$S/package.json').version")" > "$DEST/VERSIONS"
echo "vendored into $DEST"; cat "$DEST/VERSIONS"
