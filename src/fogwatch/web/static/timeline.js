// The timeline under the map: daily counts as SVG bars; drag to choose a date range.
// Hand-written (about 150 lines) rather than a charting library: it needs one bar
// chart and one brush, and every vendored file is one more thing to keep up to date.
"use strict";
(function () {
  const svg = document.getElementById("timeline");
  const clear = document.getElementById("clear-range");
  const NS = "http://www.w3.org/2000/svg";
  const HEIGHT = 110, PAD_L = 34, PAD_B = 18, PAD_T = 6;
  const DAY = 86400000;
  let days = [];     // [{date, count}] sorted
  let start = 0, span = 1, width = 600;

  function node(name, attrs, parent) {
    const n = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
    if (parent) parent.appendChild(n);
    return n;
  }
  const toTime = (iso) => Date.parse(iso + "T00:00:00Z");
  const toIso = (t) => new Date(t).toISOString().slice(0, 10);
  const xOf = (t) => PAD_L + (t - start) / span * (width - PAD_L - 4);
  const tOf = (x) => start + (x - PAD_L) / (width - PAD_L - 4) * span;

  function draw() {
    width = Math.max(300, svg.clientWidth || 600);
    svg.setAttribute("viewBox", "0 0 " + width + " " + HEIGHT);
    svg.setAttribute("height", HEIGHT);
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    if (!days.length) {
      const t = node("text", { x: PAD_L, y: HEIGHT / 2, class: "tl-empty" }, svg);
      t.textContent = "No dated incidents under these filters.";
      svg.dataset.bars = "0";
      return;
    }
    start = toTime(days[0].date);
    const end = toTime(days[days.length - 1].date) + DAY;
    span = Math.max(end - start, DAY);
    const max = Math.max.apply(null, days.map((d) => d.count));
    const plotH = HEIGHT - PAD_B - PAD_T;
    const barW = Math.max(1, (width - PAD_L - 4) * DAY / span - 1);
    const params = new URLSearchParams(location.search);
    const since = params.get("since"), until = params.get("until");
    node("line", { x1: PAD_L, x2: width - 4, y1: HEIGHT - PAD_B, y2: HEIGHT - PAD_B,
                   class: "tl-axis" }, svg);
    const top = node("text", { x: PAD_L - 4, y: PAD_T + 8, class: "tl-label",
                               "text-anchor": "end" }, svg);
    top.textContent = String(max);
    for (const d of days) {
      const h = Math.max(1, d.count / max * plotH);
      const inside = (!since || d.date >= since) && (!until || d.date <= until);
      const bar = node("rect", { x: xOf(toTime(d.date)).toFixed(1), y: (HEIGHT - PAD_B - h).toFixed(1),
                                 width: barW.toFixed(1), height: h.toFixed(1),
                                 class: "tl-bar" + (inside ? " in" : "") }, svg);
      node("title", {}, bar).textContent = d.date + ": " + d.count;
    }
    const ticks = Math.min(6, Math.max(2, Math.floor(width / 140)));
    for (let i = 0; i <= ticks; i++) {
      const t = start + span * i / ticks;
      const label = node("text", { x: xOf(t), y: HEIGHT - 4, class: "tl-label",
                                   "text-anchor": i === 0 ? "start" : i === ticks ? "end" : "middle" }, svg);
      label.textContent = toIso(t);
    }
    if (since || until) {
      const a = since ? Math.max(start, toTime(since)) : start;
      const b = until ? Math.min(start + span, toTime(until) + DAY) : start + span;
      if (b > a) node("rect", { x: xOf(a), y: PAD_T, width: Math.max(1, xOf(b) - xOf(a)),
                                height: plotH, class: "tl-selection" }, svg);
    }
    clear.hidden = !(since || until);
    svg.dataset.bars = String(days.length);
  }

  async function load() {
    const params = FW.filterParams(["since", "until"]);
    try {
      const response = await fetch("/api/stats/daily?" + params);
      const data = await response.json();
      days = response.ok ? data : [];
    } catch (error) {
      days = [];
    }
    draw();
  }

  // The brush: pointer down, drag, up. A click without a drag does nothing.
  let dragFrom = null, brush = null;
  function localX(event) {
    const box = svg.getBoundingClientRect();
    return (event.clientX - box.left) * (width / box.width);
  }
  svg.addEventListener("pointerdown", function (event) {
    if (!days.length) return;
    dragFrom = localX(event);
    svg.setPointerCapture(event.pointerId);
    brush = node("rect", { x: dragFrom, y: PAD_T, width: 0, height: HEIGHT - PAD_B - PAD_T,
                           class: "tl-brush" }, svg);
  });
  svg.addEventListener("pointermove", function (event) {
    if (dragFrom === null) return;
    const x = localX(event);
    brush.setAttribute("x", Math.min(x, dragFrom));
    brush.setAttribute("width", Math.abs(x - dragFrom));
  });
  svg.addEventListener("pointerup", function (event) {
    if (dragFrom === null) return;
    const x = localX(event);
    const a = Math.min(x, dragFrom), b = Math.max(x, dragFrom);
    dragFrom = null;
    if (b - a < 3) { draw(); return; }
    const lo = Math.max(start, tOf(a)), hi = Math.min(start + span - 1, tOf(b));
    FW.setFilters({ since: toIso(lo), until: toIso(hi) });
  });
  clear.addEventListener("click", function () { FW.setFilters({ since: null, until: null }); });

  document.addEventListener("fw:filters", function () { draw(); load(); });
  window.addEventListener("resize", draw);
  load();
})();
