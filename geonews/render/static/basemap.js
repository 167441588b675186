// The basemap's detail around the story (geonews.render.basemap): finer land and borders, regions, rivers,
// lakes from zoom cfg.zoom on, and town names by zoom band. Drawn under the OSM tiles, so online maps keep theirs.
(function () {
"use strict";
function read(id) { var el = document.getElementById(id); return el ? JSON.parse(el.textContent) : null; }
// [x0, y0, dx1, dy1, ...] in 1/q degrees -> [[lat, lon], ...]
function decode(enc, q) {
    var out = [], x = 0, y = 0;
    for (var i = 0; i + 1 < enc.length; i += 2) { x += enc[i]; y += enc[i + 1]; out.push([y / q, x / q]); }
    return out;
}
var STYLES = {
    sea: {stroke: false, fillColor: "#cddfee", fillOpacity: 1},
    land: {stroke: false, fillColor: "#f3f1ea", fillOpacity: 1},
    lakes: {color: "#94b4d0", weight: 0.7, fillColor: "#cddfee", fillOpacity: 1},
    coast: {color: "#8e8e86", weight: 0.9},
    rivers: {color: "#6f9fcb", weight: 1.3, opacity: 0.9},
    admin1: {color: "#9d8fa6", weight: 1, dashArray: "5 3", opacity: 0.9},
    borders: {color: "#7f7f76", weight: 1.2}
};
var ORDER = ["land", "lakes", "rivers", "admin1", "coast", "borders"];
var INNER = {rivers: 1, admin1: 1};  // dense layers, drawn from a higher zoom (D.inner)

window.geonewsDetail = function (map) {
    var detail = document.getElementById("geonews-detail"), labelsEl = document.getElementById("geonews-labels");
    if (!detail && !labelsEl) { return; }
    map.createPane("geonews-detail").style.zIndex = 160;
    var labelPane = map.createPane("geonews-labels");
    labelPane.style.zIndex = 180;
    labelPane.style.pointerEvents = "none";
    var D = null, group = null, inner = null, credited = false;
    function build() {
        group = L.layerGroup();
        inner = L.layerGroup();
        if (!D.layers) { return; }
        var q = D.q, common = {pane: "geonews-detail", interactive: false, smoothFactor: 0.5};
        var add = function (name, shapes, polygon) {
            if (!shapes || !shapes.length) { return; }
            var opts = L.extend({className: "gn-detail-" + name}, common, STYLES[name]);
            var latlngs = shapes.map(function (s) {
                return polygon ? s.map(function (ring) { return decode(ring, q); }) : decode(s, q);
            });
            (INNER[name] ? inner : group).addLayer(polygon ? L.polygon(latlngs, opts) : L.polyline(latlngs, opts));
        };
        add("sea", (D.regions || []).map(function (r) { return [r]; }), true);
        ORDER.forEach(function (name) { add(name, D.layers[name], name === "land" || name === "lakes"); });
    }
    function show(layer, want) {
        if (want && !map.hasLayer(layer)) { layer.addTo(map); } else if (!want && map.hasLayer(layer)) { map.removeLayer(layer); }
    }
    function updateDetail() {
        if (!detail) { return; }
        D = D || read("geonews-detail") || {};
        var z = map.getZoom(), want = z >= (D.zoom || 5);
        if (want && !group) { build(); }
        if (!group) { return; }
        show(group, want);
        show(inner, want && z >= (D.inner || D.zoom || 5));
        if (want && !credited && D.attribution) { map.attributionControl.addAttribution(D.attribution); credited = true; }
    }

    // --- town names: DOM text, only those in view and big enough for the zoom ---------
    var T = null, shown = new Map();
    function label(i) {
        var box = document.createElement("div"), dot = document.createElement("i"), text = document.createElement("span");
        text.textContent = T.name[i];
        if (T.dx && T.dx[i] > 0) { text.style.left = (T.dx[i] + 3) + "px"; }
        box.appendChild(dot); box.appendChild(text);
        return L.marker([T.lat[i], T.lon[i]], {
            pane: "geonews-labels", interactive: false, keyboard: false,
            icon: L.divIcon({html: box, className: T.big[i] ? "gn-label gn-label-big" : "gn-label", iconSize: null})
        });
    }
    function updateLabels() {
        if (!labelsEl) { return; }
        T = T || read("geonews-labels");
        if (!T || !T.name) { return; }
        var z = Math.round(map.getZoom()), view = map.getBounds().pad(0.25), keep = new Set();
        for (var i = 0; i < T.name.length; i++) {
            if (T.z[i] <= z && view.contains([T.lat[i], T.lon[i]])) { keep.add(i); }
        }
        shown.forEach(function (m, k) { if (!keep.has(k)) { map.removeLayer(m); shown.delete(k); } });
        keep.forEach(function (k) { if (!shown.has(k)) { var m = label(k); m.addTo(map); shown.set(k, m); } });
    }
    map.on("zoomend moveend", function () { updateDetail(); updateLabels(); });
    updateDetail();
    updateLabels();
};
})();
