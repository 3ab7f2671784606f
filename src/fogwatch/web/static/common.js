// Shared helpers: configuration passed as JSON (never executed), URL filter state.
"use strict";
window.FW = (function () {
  const FILTER_KEYS = ["since", "until", "event_type", "sub_event_type", "status",
                       "attacker_side", "admin1", "bbox", "q"];

  function json(id) {
    const el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : {};
  }

  // The filters currently in the page's URL, minus `drop`, as URLSearchParams.
  function filterParams(drop) {
    const url = new URLSearchParams(window.location.search);
    const out = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      const value = url.get(key);
      if (value && !(drop || []).includes(key)) out.set(key, value);
    }
    return out;
  }

  // Change some filters in the URL (history entry) and in the form, then tell listeners.
  function setFilters(changes) {
    const url = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === "") url.delete(key); else url.set(key, value);
      const input = document.querySelector('#filters [name="' + key + '"]');
      if (input) input.value = value || "";
    }
    url.delete("cursor");
    const qs = url.toString();
    history.pushState(null, "", window.location.pathname + (qs ? "?" + qs : ""));
    document.dispatchEvent(new CustomEvent("fw:filters"));
  }

  function shapeOf(eventType) {
    if (!eventType) return "other";
    if (eventType.startsWith("Explosions")) return "explosions";
    if (eventType.startsWith("Battles")) return "battles";
    if (eventType.startsWith("Violence")) return "violence";
    return "other";
  }

  // Leaflet positions the icon with an inline transform, so the shape (which may
  // rotate) is an inner element; class names only, no inline style (CSP).
  function markerIcon(status, eventType) {
    const safe = String(status || "none").replace(/[^a-z]/g, "");
    return L.divIcon({
      className: "mk-wrap",
      html: '<span class="mk st-' + safe + " sh-" + shapeOf(eventType) + '"></span>',
      iconSize: [14, 14],
    });
  }

  // A tile layer when configured; otherwise vendored country outlines (Natural Earth
  // 1:110m), so the map has a basemap with no network at all.
  function tiles(map, config) {
    if (config.tileUrl) {
      L.tileLayer(config.tileUrl, { attribution: config.tileAttribution || "", maxZoom: 18 })
        .addTo(map);
      return;
    }
    fetch("/static/vendor/world-atlas/countries-110m.geojson")
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (geo) {
        if (!geo) return;
        L.geoJSON(geo, {
          interactive: false,
          style: { className: "country", color: "#a7b1bb", weight: 1, fillColor: "#f6f4ef",
                   fillOpacity: 1 },
        }).addTo(map);
        map.attributionControl.addAttribution("Natural Earth");
      })
      .catch(function () { /* the markers still show on the plain background */ });
  }

  window.addEventListener("popstate", function () {
    for (const key of FILTER_KEYS) {
      const input = document.querySelector('#filters [name="' + key + '"]');
      if (input) input.value = new URLSearchParams(window.location.search).get(key) || "";
    }
    document.dispatchEvent(new CustomEvent("fw:filters"));
  });

  return { json, filterParams, setFilters, shapeOf, markerIcon, tiles };
})();

// Empty fields stay out of the URL, so shared links show only the filters in use.
document.addEventListener("submit", function (event) {
  const form = event.target;
  if (!form.classList || !form.classList.contains("filters")) return;
  for (const el of form.elements) {
    if (el.name && el.value === "") el.disabled = true;
  }
});
window.addEventListener("pageshow", function () {
  for (const el of document.querySelectorAll(".filters [disabled]")) el.disabled = false;
});
