#!/bin/sh
# Reproduces src/fogwatch/web/static/vendor/ from the npm registry, so the web app
# works offline with no CDN: Leaflet and Leaflet.markercluster dist files plus their
# licences. Versions are pinned here; bump them deliberately and re-run.
set -eu
LEAFLET_VERSION="${LEAFLET_VERSION:-1.9.4}"
MARKERCLUSTER_VERSION="${MARKERCLUSTER_VERSION:-1.5.3}"
SWAGGER_UI_VERSION="${SWAGGER_UI_VERSION:-5.35.0}"
WORLD_ATLAS_VERSION="${WORLD_ATLAS_VERSION:-2.0.2}"
TOPOJSON_CLIENT_VERSION="${TOPOJSON_CLIENT_VERSION:-3.1.0}"
WORK="${WORK:-/tmp/webvendor}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/src/fogwatch/web/static/vendor"

npm install --no-audit --no-fund --prefix "$WORK" \
  "leaflet@$LEAFLET_VERSION" "leaflet.markercluster@$MARKERCLUSTER_VERSION" \
  "swagger-ui-dist@$SWAGGER_UI_VERSION" "world-atlas@$WORLD_ATLAS_VERSION" \
  "topojson-client@$TOPOJSON_CLIENT_VERSION"

rm -rf "$DEST/leaflet" "$DEST/leaflet.markercluster" "$DEST/swagger-ui" "$DEST/world-atlas"
mkdir -p "$DEST/leaflet/images" "$DEST/leaflet.markercluster" "$DEST/swagger-ui" \
  "$DEST/world-atlas"
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
# Country outlines (Natural Earth 1:110m via world-atlas) so the map has a basemap
# with no tile server. Converted from TopoJSON to GeoJSON here, once, with
# topojson-client, so the browser needs no extra library.
W="$WORK/node_modules/world-atlas"
node -e "
const topo = require('$WORK/node_modules/topojson-client');
const world = require('$W/countries-110m.json');
const geo = topo.feature(world, world.objects.countries);
for (const f of geo.features) f.properties = { name: f.properties.name };
// 1:110m outlines need no more than ~100 m of precision: three decimals halve the file.
process.stdout.write(JSON.stringify(geo, (k, v) =>
  typeof v === 'number' ? Math.round(v * 1000) / 1000 : v));
" > "$DEST/world-atlas/countries-110m.geojson"
cp "$W/LICENSE" "$DEST/world-atlas/LICENSE"
printf '%s\n' "Country outlines: Natural Earth 1:110m (public domain, naturalearthdata.com)," \
  "packaged as TopoJSON by world-atlas (ISC, see LICENSE), converted to GeoJSON" \
  "with topojson-client (ISC, see LICENSE.topojson-client) by scripts/vendor_web.sh." \
  > "$DEST/world-atlas/README"
cp "$WORK/node_modules/topojson-client/LICENSE" "$DEST/world-atlas/LICENSE.topojson-client"
# Source maps are dropped: the minified files carry a sourceMappingURL comment that
# would make browsers' dev tools request a missing file, which is harmless.
printf 'leaflet %s\nleaflet.markercluster %s\nswagger-ui-dist %s\nworld-atlas %s\n' \
  "$(node -p "require('$L/package.json').version")" \
  "$(node -p "require('$M/package.json').version")" \
  "$(node -p "require('$S/package.json').version")" \
  "$(node -p "require('$W/package.json').version")" > "$DEST/VERSIONS"
echo "vendored into $DEST"; cat "$DEST/VERSIONS"
