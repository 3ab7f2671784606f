// The incident page's small map: one marker, or nothing when the place is unknown.
"use strict";
(function () {
  const marker = FW.json("fw-marker");
  const el = document.getElementById("minimap");
  if (!el) return;
  if (marker.lat === null || marker.lon === null || marker.lat === undefined) {
    el.classList.add("empty");
    el.textContent = "No coordinates for this incident.";
    return;
  }
  const map = L.map(el, { zoomControl: false, maxZoom: 18 })
    .setView([marker.lat, marker.lon], 8);
  FW.tiles(map, FW.json("fw-config"));
  L.marker([marker.lat, marker.lon], { icon: FW.markerIcon(marker.status, marker.event_type) })
    .addTo(map);
})();
