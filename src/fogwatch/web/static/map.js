// The incident map: markers from /api/incidents/points under the URL's filters.
"use strict";
(function () {
  const config = FW.json("fw-config");
  const el = document.getElementById("map");
  const map = L.map(el, { worldCopyJump: true, minZoom: 2, maxZoom: 18 }).setView([48.5, 33.5], 6);
  FW.tiles(map, config);
  const cluster = L.markerClusterGroup({ chunkedLoading: true, maxClusterRadius: 40,
                                         showCoverageOnHover: false });
  map.addLayer(cluster);
  let fitted = false;
  let request = 0;

  function popup(p) {
    // Built from DOM nodes with textContent: no incident field is parsed as HTML.
    const box = document.createElement("div");
    const link = document.createElement("a");
    link.href = "/incidents/" + encodeURIComponent(p[0]);
    link.textContent = p[4] || "incident";
    box.appendChild(link);
    const meta = document.createElement("div");
    meta.textContent = [p[5] || "date unknown", p[3],
                        p[6] === null ? "" : p[6] + " killed"].filter(Boolean).join(" · ");
    box.appendChild(meta);
    return box;
  }

  function exportLinks(params) {
    for (const kind of ["csv", "geojson", "jsonl"]) {
      const a = document.getElementById("exp-" + kind);
      if (a) a.href = "/api/export." + kind + (params.toString() ? "?" + params : "");
    }
  }

  async function load() {
    const mine = ++request;
    const params = FW.filterParams();
    exportLinks(params);
    const count = document.getElementById("count");
    count.textContent = "loading…";
    el.dataset.state = "loading";
    let data;
    try {
      const response = await fetch("/api/incidents/points?" + params);
      data = await response.json();
      if (!response.ok) throw new Error(data.detail || response.statusText);
    } catch (error) {
      if (mine !== request) return;
      count.textContent = "Cannot load incidents: " + error.message;
      el.dataset.state = "error";
      return;
    }
    if (mine !== request) return;  // a newer filter won the race
    cluster.clearLayers();
    const markers = data.points.map(function (p) {
      return L.marker([p[1], p[2]], { icon: FW.markerIcon(p[3], p[4]), title: p[4] || "" })
        .bindPopup(function () { return popup(p); });
    });
    cluster.addLayers(markers);
    if (markers.length && !fitted && !params.get("bbox")) {
      map.fitBounds(cluster.getBounds(), { maxZoom: 10, padding: [20, 20] });
      fitted = true;
    }
    count.textContent = markers.length + " incident" + (markers.length === 1 ? "" : "s") +
      " on the map" + (data.truncated ? " (first " + markers.length + " only)" : "");
    el.dataset.markers = String(markers.length);
    el.dataset.state = "ready";
  }

  // "Search this area": the bounding box filter, from the current view.
  const AreaControl = L.Control.extend({
    onAdd: function () {
      const button = L.DomUtil.create("button", "area-button");
      button.type = "button";
      button.textContent = new URLSearchParams(location.search).get("bbox")
        ? "Clear area" : "Only this area";
      L.DomEvent.on(button, "click", function (event) {
        L.DomEvent.stop(event);
        if (new URLSearchParams(location.search).get("bbox")) {
          FW.setFilters({ bbox: null });
          button.textContent = "Only this area";
        } else {
          const b = map.getBounds();
          const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
          const box = [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90),
                       clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)]
            .map((v) => v.toFixed(4)).join(",");
          FW.setFilters({ bbox: box });
          button.textContent = "Clear area";
        }
      });
      return button;
    },
  });
  new AreaControl({ position: "topright" }).addTo(map);

  document.addEventListener("fw:filters", load);
  window.fwMap = map;
  load();
})();
