// The edit form's location picker: a small Leaflet map (served from our own /vendor, loaded
// only when the button is pressed) with the okrug boundaries. A click or a dragged marker
// fills in the latitude and longitude fields; typing coordinates stays the main way and the
// only one without JavaScript. Nothing here is required to save the form.
(function () {
  "use strict";
  // Leaflet's URLs (content-hashed) ride on this script's own tag.
  var me = document.currentScript;
  var LEAFLET = {
    js: (me && me.dataset.leafletJs) || "/vendor/leaflet/leaflet.js",
    css: (me && me.dataset.leafletCss) || "/vendor/leaflet/leaflet.css",
  };
  var toggle = document.getElementById("picker-toggle");
  var box = document.getElementById("location-picker-box");
  var el = document.getElementById("location-picker");
  var lat = document.getElementById("f-lat");
  var lon = document.getElementById("f-lon");
  if (!toggle || !box || !el || !lat || !lon) return;
  toggle.hidden = false;
  var map = null;
  var marker = null;

  function num(input) {
    var v = parseFloat(String(input.value).replace(",", "."));
    return isFinite(v) ? v : null;
  }
  function fmt(x) {
    return x.toFixed(6).replace(/0+$/, "").replace(/\.$/, "");
  }
  function loadLeaflet() {
    if (window.L) return Promise.resolve();
    return new Promise(function (resolve, reject) {
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
  }
  function place(latlng) {
    if (marker) {
      marker.setLatLng(latlng);
      return;
    }
    marker = L.marker(latlng, { draggable: true, keyboard: false }).addTo(map);
    marker.on("dragend", function () { set(marker.getLatLng()); });
  }
  function set(ll) {
    lat.value = fmt(ll.lat);
    lon.value = fmt(ll.lng);
    // Tells the form (and its unsaved-changes guard) that something changed.
    lat.dispatchEvent(new Event("input", { bubbles: true }));
    place(ll);
  }
  function start() {
    var la = num(lat), lo = num(lon);
    var known = la !== null && lo !== null;
    var center = known ? [la, lo] : [parseFloat(el.dataset.lat), parseFloat(el.dataset.lon)];
    map = L.map(el, { keyboard: true }).setView(center, known ? 11 : 7);
    if (el.dataset.tiles) {
      var tiles = L.tileLayer(el.dataset.tiles, { attribution: el.dataset.tilesAttribution || "", maxZoom: 19 });
      tiles.on("tileerror", function (e) { if (e.tile) e.tile.style.visibility = "hidden"; });
      tiles.addTo(map);
    }
    fetch("/api/v1/okrugs.geojson")
      .then(function (r) { return r.json(); })
      .then(function (data) {
        L.geoJSON(data, { style: { color: "#0b5d3b", weight: 1.5, fillOpacity: 0.04 }, interactive: false }).addTo(map);
      })
      .catch(function () {});
    if (known) place([la, lo]);
    map.on("click", function (e) { set(e.latlng); });
    window.poputchikiPicker = map; // for the browser tests
  }
  toggle.addEventListener("click", function () {
    box.hidden = false;
    toggle.hidden = true;
    loadLeaflet().then(function () { if (!map) start(); }).catch(function () {});
  });
})();
