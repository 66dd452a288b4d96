// Poputchiki's map on the search page: Leaflet (served from /vendor/leaflet, copied from
// the npm package) over the okrug boundaries, with clusters computed by the server
// (/api/v1/map/clusters) for the same filters as the list. The page works without this
// file: the list is the primary, keyboard and screen-reader path; the map is an extra.
//
// It talks to the search island only through the page: it reads the URL's filters, hears
// "poputchiki:search" when the island changes them, and for "search this area" writes the
// visible box into the form's hidden #bbox input and fires the form's change event.
(function () {
  "use strict";
  // Leaflet's URLs (content-hashed) ride on this script's own tag.
  var me = document.currentScript;
  var LEAFLET = {
    js: (me && me.dataset.leafletJs) || "/vendor/leaflet/leaflet.js",
    css: (me && me.dataset.leafletCss) || "/vendor/leaflet/leaflet.css",
  };
  var panel = document.getElementById("map-panel");
  var toggle = document.getElementById("map-toggle");
  if (!panel || !window.fetch || !window.URLSearchParams) return;

  var S = panel.dataset;
  var WIDE = window.matchMedia ? window.matchMedia("(min-width: 75rem)") : { matches: true };
  var map = null, okrugLayer = null, labelLayer = null, markerLayer = null, highlight = null;
  var placeLayer = null, placeSeq = 0;
  var circleLayer = null, okrugData = null, mode = "markers";
  var programmatic = false, clusterSeq = 0, okrugSeq = 0, lastNear = null;
  var FILTER_KEYS = ["q", "direction", "audience", "event_format", "kind", "okrug", "verified",
    "has_needs", "accepts_volunteers", "offer", "partners", "near", "radius_km"];

  function status(text) {
    var el = document.getElementById("map-status");
    if (el) el.textContent = text || "";
  }

  function plural(n) {
    var form = "many";
    try { form = new Intl.PluralRules("ru").select(n); } catch (e) { /* old browser */ }
    return n + " " + (form === "one" ? S.sOne : form === "few" ? S.sFew : S.sMany);
  }

  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // The list's filters from the URL (without paging, sorting or the box).
  function filters() {
    var from = new URLSearchParams(window.location.search);
    var out = new URLSearchParams();
    from.forEach(function (v, k) {
      if (v !== "" && FILTER_KEYS.indexOf(k) >= 0) out.append(k, v);
    });
    return out;
  }

  function urlBbox() {
    var v = new URLSearchParams(window.location.search).get("bbox");
    var p = v ? v.split(",").map(Number) : [];
    return p.length === 4 && p.every(isFinite) ? p : null;
  }

  function boxOf(bounds) {
    var r = function (x) { return Math.round(x * 100000) / 100000; };
    return [r(bounds.getWest()), r(bounds.getSouth()), r(bounds.getEast()), r(bounds.getNorth())]
      .map(function (x) { return Math.max(-180, Math.min(180, x)); }).join(",");
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      });
  }

  // ---- the «связи» layer: a line between partners in the view, coloured by kind ----
  var tiesLayer = null, tiesSeq = 0;
  var TIE_COLOURS = { joint_project: "#0b5d3b", mentoring: "#7a2e8e", resources: "#8a4b00", information: "#1f4f8f" };
  function loadTies() {
    var box = document.getElementById("map-ties"), seq = ++tiesSeq;
    if (tiesLayer) { tiesLayer.remove(); tiesLayer = null; }
    if (!box || !box.checked || !map) return;
    getJSON("/api/v1/map/ties.geojson?" + filters().toString()).then(function (data) {
      if (seq !== tiesSeq) return;
      tiesLayer = L.geoJSON(data, { interactive: false, style: function (f) {
        return { color: TIE_COLOURS[f.properties.kind] || "#333", weight: 3, opacity: 0.85, className: "tie-line" };
      } }).addTo(map);
    }).catch(function () { status(S.sError); });
  }

  // ---- the okrug layer: boundaries with names, or shaded by count (choropleth) ----

  // Okrug names are written on the map from this zoom on (below it they overlap; the
  // choropleth's tooltips name each okrug on hover).
  var LABEL_ZOOM = 8;
  var SHADES = ["#f0f7ee", "#c7e3bf", "#8cc47f", "#4a9a4a", "#1d6b35", "#063f27"];

  function shade(count, max) {
    if (!count) return SHADES[0];
    var i = Math.ceil((count / Math.max(max, 1)) * (SHADES.length - 1));
    return SHADES[Math.min(Math.max(i, 1), SHADES.length - 1)];
  }

  function okrugStyle(feature) {
    var max = okrugData ? okrugData.max_count : 0;
    if (mode === "choropleth") {
      return { color: "#333", weight: 1, fillColor: shade(feature.properties.count, max), fillOpacity: 0.85 };
    }
    return { color: "#0b5d3b", weight: 1.5, fillColor: "#f3f6f2", fillOpacity: 0.35 };
  }

  function drawOkrugs(data) {
    okrugData = data;
    if (okrugLayer) okrugLayer.remove();
    if (labelLayer) labelLayer.remove();
    okrugLayer = L.geoJSON(data, {
      style: okrugStyle,
      interactive: mode === "choropleth",
      onEachFeature: function (f, layer) {
        if (mode === "choropleth") {
          layer.bindTooltip(esc(f.properties.name) + ": " + plural(f.properties.count), { sticky: true });
        }
      },
    }).addTo(map);
    okrugLayer.bringToBack();
    labelLayer = L.layerGroup(data.features.map(function (f) {
      var c = f.properties.centre;
      var text = f.properties.name + (mode === "choropleth" ? " · " + f.properties.count : "");
      return L.marker([c[1], c[0]], {
        icon: L.divIcon({ className: "okrug-label", html: "<span>" + esc(text) + "</span>", iconSize: null }),
        interactive: false, keyboard: false,
      });
    }));
    if (map.getZoom() >= LABEL_ZOOM) labelLayer.addTo(map);
    drawLegend();
  }

  function drawLegend() {
    var el = document.getElementById("map-legend");
    if (!el) return;
    if (mode !== "choropleth" || !okrugData) { el.hidden = true; return; }
    var max = okrugData.max_count || 0, steps = SHADES.length - 1, rows = [];
    // Colours are set through the DOM, not in style attributes: the Content-Security-Policy
    // allows no inline styles.
    rows.push('<li><span class="swatch" data-shade="0"></span>0</li>');
    for (var i = 1; i <= steps; i++) {
      var lo = Math.floor((max * (i - 1)) / steps) + 1, hi = Math.floor((max * i) / steps);
      if (hi < lo) continue;
      rows.push('<li><span class="swatch" data-shade="' + i + '"></span>' +
        (lo === hi ? lo : lo + "–" + hi) + "</li>");
    }
    el.innerHTML = "<p>" + esc(S.sLegend) + "</p><ul>" + rows.join("") + "</ul>";
    el.querySelectorAll(".swatch").forEach(function (sw) {
      sw.style.background = SHADES[Number(sw.getAttribute("data-shade"))];
    });
    el.hidden = false;
  }

  function loadOkrugs() {
    var mine = ++okrugSeq;
    return getJSON("/api/v1/okrugs.geojson?" + filters().toString()).then(function (data) {
      if (mine === okrugSeq) drawOkrugs(data);
      return data;
    });
  }

  // ---- markers and clusters ----

  function clusterIcon(count) {
    var size = count < 10 ? 40 : count < 100 ? 48 : count < 1000 ? 56 : 64;
    return L.divIcon({ className: "map-cluster", html: "<span>" + count + "</span>", iconSize: [size, size] });
  }

  function orgIcon(p) {
    return L.divIcon({
      className: "map-marker" + (p.approximate ? " approximate" : "") + (p.stale ? " stale" : ""),
      html: "<span></span>", iconSize: [28, 28],
    });
  }

  function listItem(id) {
    return document.querySelector('li.card[data-org-id="' + id + '"]');
  }

  function markListItem(id) {
    var old = document.querySelectorAll("li.card.map-selected");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("map-selected");
    var li = listItem(id);
    if (li) {
      li.classList.add("map-selected");
      li.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }
  }

  // Popups belong to the map, not to a marker: the markers are redrawn after every move
  // (the popup's own auto-pan included), and that must not close the card.
  function popup(at, html, options) {
    return L.popup(options || {}).setLatLng(at).setContent(html).openOn(map);
  }

  function showCard(marker, p) {
    var card = popup(marker.getLatLng(), '<p class="map-card">' + esc(p.name) + "</p>");
    markListItem(p.id);
    getJSON("/api/v1/map/cards/" + encodeURIComponent(p.id)).then(function (c) {
      var html = '<div class="map-card"><p class="map-card-name"><a href="' + esc(c.url) + '">' + esc(c.name) +
        "</a></p><p>" + esc(c.kind) + (c.okrug ? " · " + esc(c.settlement || c.okrug) : "") + "</p>";
      if (c.directions && c.directions.length) html += "<p>" + c.directions.map(esc).join(", ") + "</p>";
      if (c.approximate) html += '<p class="map-card-note">' + esc(S.sApprox) + "</p>";
      if (c.stale) html += '<p class="map-card-note">' + esc(S.sStale) + "</p>";
      html += '<p><a class="map-card-open" href="' + esc(c.url) + '">' + esc(S.sOpen) + "</a></p></div>";
      card.setContent(html);
    }).catch(function () { /* the short popup stays */ });
  }

  function sameSpot(marker, p) {
    var items = (p.members || []).map(function (m) {
      return '<li><a href="' + esc(m.url) + '">' + esc(m.name) + "</a></li>";
    }).join("");
    var more = p.count > (p.members || []).length ? "<p>" + plural(p.count) + "</p>" : "";
    popup(marker.getLatLng(), '<div class="map-card"><p>' + esc(S.sSameSpot) + "</p><ul>" + items + "</ul>" + more + "</div>",
      { maxHeight: 260 });
  }

  function drawClusters(data) {
    markerLayer.clearLayers();
    data.features.forEach(function (f) {
      var p = f.properties, c = f.geometry.coordinates, at = [c[1], c[0]], m;
      if (p.cluster) {
        m = L.marker(at, { icon: clusterIcon(p.count), keyboard: false, title: plural(p.count) });
        m.on("click", function () {
          if (p.expansion_zoom != null) map.flyTo(at, Math.min(p.expansion_zoom, map.getMaxZoom()));
          else sameSpot(m, p);
        });
      } else {
        m = L.marker(at, { icon: orgIcon(p), keyboard: false, title: p.name, alt: p.name });
        m.orgId = p.id;
        m.on("click", function () { showCard(m, p); });
      }
      markerLayer.addLayer(m);
    });
    status("");
  }

  // Village names from the gazetteer, from zoom 9 on: without tiles a villager still finds
  // their own village among the organizations.
  function loadPlaces() {
    var mine = ++placeSeq;
    if (map.getZoom() < 9) { if (placeLayer) placeLayer.clearLayers(); return; }
    var q = new URLSearchParams();
    q.set("bbox", boxOf(map.getBounds()));
    q.set("zoom", String(Math.round(map.getZoom())));
    getJSON("/api/v1/places.geojson?" + q.toString()).then(function (data) {
      if (mine !== placeSeq) return;
      if (!placeLayer) placeLayer = L.layerGroup().addTo(map);
      placeLayer.clearLayers();
      data.features.forEach(function (f) {
        var c = f.geometry.coordinates;
        // A click on a village offers the search near it (the list's "near" does the same
        // for the keyboard); labels stay out of the tab order.
        // The popup belongs to the map, not the label: opening it may pan the map, which
        // redraws the labels.
        placeLayer.addLayer(L.marker([c[1], c[0]], {
          icon: L.divIcon({ className: "place-label", html: "<span>" + esc(f.properties.name) + "</span>", iconSize: null }),
          interactive: true, keyboard: false,
        }).on("click", function () {
          L.popup().setLatLng([c[1], c[0]]).setContent("<strong>" + esc(f.properties.label) +
            "</strong><br><a href=\"" + esc(nearHref(c[1], c[0])) + "\">" + esc(S.sNearVillage) + "</a>")
            .openOn(map);
        }));
      });
    }).catch(function () { /* labels are a convenience */ });
  }

  // The list's filters around a point: nearest first within 25 km, map open.
  function nearHref(lat, lon) {
    var q = filters();
    q.set("near", lat.toFixed(5) + "," + lon.toFixed(5));
    q.set("radius_km", "25");
    q.set("map", "1");
    return "/?" + q.toString();
  }

  function loadClusters() {
    // A new mode or view makes any answer still on its way stale.
    if (mode !== "markers") { ++clusterSeq; markerLayer.clearLayers(); return; }
    var q = filters();
    q.set("bbox", boxOf(map.getBounds()));
    q.set("zoom", String(Math.round(map.getZoom())));
    var mine = ++clusterSeq;
    getJSON("/api/v1/map/clusters?" + q.toString()).then(function (data) {
      if (mine === clusterSeq) drawClusters(data);
    }).catch(function () {
      if (mine === clusterSeq) status(S.sError);
    });
  }

  // ---- "near" and "search this area" ----

  function drawNear() {
    var p = new URLSearchParams(window.location.search);
    var near = p.get("near"), radius = Number(p.get("radius_km"));
    if (circleLayer) { circleLayer.remove(); circleLayer = null; }
    if (!near) { lastNear = null; return; }
    var ll = near.split(",").map(Number);
    if (ll.length !== 2 || !ll.every(isFinite)) return;
    circleLayer = L.layerGroup().addTo(map);
    L.circleMarker(ll, { radius: 7, color: "#1a4fd6", weight: 3, fillColor: "#fff", fillOpacity: 1 })
      .bindTooltip(S.sHere).addTo(circleLayer);
    var key = near + "|" + radius;
    if (radius > 0) {
      var circle = L.circle(ll, { radius: radius * 1000, color: "#1a4fd6", weight: 2, fill: false, dashArray: "6 6" })
        .addTo(circleLayer);
      if (key !== lastNear) moveTo(function () { map.fitBounds(circle.getBounds(), { padding: [10, 10] }); });
    } else if (key !== lastNear) {
      moveTo(function () { map.setView(ll, Math.max(map.getZoom(), 10)); });
    }
    lastNear = key;
  }

  function moveTo(fn) {
    programmatic = true;
    fn();
    setTimeout(function () { programmatic = false; }, 600);
  }

  function areaBox() {
    return document.getElementById("bbox");
  }

  function setArea(on) {
    var input = areaBox();
    if (!input || !input.form) return;
    var value = on ? boxOf(map.getBounds()) : "";
    if (input.value === value) return;
    input.value = value;
    if (document.querySelector('[data-hydrated="true"]')) {
      input.form.dispatchEvent(new Event("change", { bubbles: true }));
    } else {
      input.form.submit(); // the island is not awake yet: a plain GET does the same
    }
  }

  // ---- list <-> map ----

  function hoverList(ev) {
    var li = ev.target.closest && ev.target.closest("li.card[data-org-id]");
    if (!li || !map) return;
    var lat = Number(li.dataset.lat), lon = Number(li.dataset.lon);
    if (highlight) highlight.remove();
    highlight = null;
    if (!isFinite(lat) || !isFinite(lon) || !li.dataset.lat) return;
    highlight = L.circleMarker([lat, lon], {
      radius: 16, color: "#b3261e", weight: 4, fill: false, interactive: false,
    }).addTo(map);
    markerLayer.eachLayer(function (m) {
      var el = m.getElement && m.getElement();
      if (el) el.classList.toggle("list-hover", m.orgId === Number(li.dataset.orgId));
    });
  }

  function leaveList(ev) {
    var li = ev.target.closest && ev.target.closest("li.card[data-org-id]");
    if (!li) return;
    if (highlight) { highlight.remove(); highlight = null; }
  }

  // ---- start ----

  function start() {
    var container = document.getElementById("map");
    map = L.map(container, { zoomControl: true, attributionControl: true, minZoom: 5, maxZoom: 18, zoomSnap: 1 });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(esc(S.okrugAttribution));
    if (S.tiles) {
      var tiles = L.tileLayer(S.tiles, { attribution: esc(S.tilesAttribution), maxZoom: 19 });
      // Failing tiles are simply left out: the okrug layer below is always there.
      tiles.on("tileerror", function (e) { if (e.tile) e.tile.style.visibility = "hidden"; });
      tiles.addTo(map);
    }
    markerLayer = L.layerGroup().addTo(map);
    map.fitBounds([[54.2, 61.9], [56.9, 68.7]]);
    if (window.ResizeObserver) {
      new ResizeObserver(function () { map.invalidateSize(); }).observe(container);
    }
    loadOkrugs().then(function (data) {
      map.invalidateSize();
      var box = urlBbox();
      moveTo(function () {
        if (box) map.fitBounds([[box[1], box[0]], [box[3], box[2]]]);
        else map.fitBounds(L.geoJSON(data).getBounds());
      });
      drawNear();
      loadClusters();
    }).catch(function () { status(S.sError); loadClusters(); });

    var area = document.getElementById("map-area");
    if (area) {
      area.checked = !!urlBbox();
      area.addEventListener("change", function () { setArea(area.checked); });
    }
    map.on("moveend", function () {
      loadClusters();
      loadPlaces();
      if (labelLayer) {
        if (map.getZoom() >= LABEL_ZOOM) labelLayer.addTo(map); else labelLayer.remove();
      }
      if (area && area.checked && !programmatic) setArea(true);
    });
    var tiesBox = document.getElementById("map-ties");
    if (tiesBox) tiesBox.addEventListener("change", loadTies);
    var radios = document.querySelectorAll('input[name="map-mode"]');
    // A link may ask for the shaded okrugs (the coverage page's column headers).
    if (new URLSearchParams(window.location.search).get("map_mode") === "choropleth") {
      var shade = document.getElementById("map-mode-choropleth");
      if (shade) shade.checked = true;
      mode = "choropleth";
      panel.classList.add("choropleth");
    }
    for (var i = 0; i < radios.length; i++) {
      radios[i].addEventListener("change", function (ev) {
        mode = ev.target.value === "choropleth" ? "choropleth" : "markers";
        panel.classList.toggle("choropleth", mode === "choropleth");
        if (okrugData) drawOkrugs(okrugData);
        loadClusters();
      });
    }
    window.addEventListener("poputchiki:search", function () {
      clearTimeout(start.t);
      start.t = setTimeout(function () {
        loadOkrugs().catch(function () { status(S.sError); });
        drawNear();
        loadClusters();
        loadTies();
      }, 200);
    });
    window.addEventListener("popstate", function () { drawNear(); loadClusters(); loadTies(); });
    document.addEventListener("mouseover", hoverList);
    document.addEventListener("focusin", hoverList);
    document.addEventListener("mouseout", leaveList);
    document.addEventListener("focusout", leaveList);
    panel.classList.add("ready");
    window.poputchikiMap = map; // for the browser tests and the console
  }

  // Leaflet (about 40 KB gzipped) is fetched only when the map is first shown.
  var loading = null;
  function loadLeaflet() {
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = LEAFLET.css;
      document.head.appendChild(css);
      var js = document.createElement("script");
      js.src = LEAFLET.js;
      js.onload = resolve;
      js.onerror = reject;
      document.head.appendChild(js);
    });
    return loading;
  }

  function open() {
    panel.hidden = false;
    document.body.classList.add("map-open");
    if (toggle) {
      toggle.setAttribute("aria-expanded", "true");
      toggle.textContent = toggle.dataset.hide;
    }
  }

  function draw() {
    loadLeaflet().then(function () {
      if (!map) start();
      else map.invalidateSize();
    }).catch(function () { status(S.sError); });
  }

  function show() {
    open();
    draw();
  }

  // A map open from the start waits until the page has loaded and painted: on a thin line
  // Leaflet and the okrug shapes must not hold back the list the villager came for.
  function afterPaint(fn) {
    function go() {
      var frame = window.requestAnimationFrame || function (f) { setTimeout(f, 16); };
      frame(function () { setTimeout(fn, 0); });
    }
    if (document.readyState === "complete") go();
    else window.addEventListener("load", go, { once: true });
  }

  function hide() {
    panel.hidden = true;
    document.body.classList.remove("map-open");
    if (toggle) {
      toggle.setAttribute("aria-expanded", "false");
      toggle.textContent = toggle.dataset.show;
    }
  }

  if (toggle) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () { if (panel.hidden) show(); else hide(); });
  }
  document.body.classList.add("has-map");
  if (WIDE.matches || new URLSearchParams(window.location.search).get("map") === "1") {
    open();
    afterPaint(draw);
  }
})();
