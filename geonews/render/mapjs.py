# ruff: noqa: E501 - the page script keeps its own (JavaScript) line lengths
"""The map page's own script and styles (inlined, no dependency beyond Leaflet).

``MAP_JS`` defines ``geonewsInit(map, config)``, which reads the JSON blobs of
the page and draws: basemap, OSM tiles (dropped when they fail), areas,
markers (clustered with Leaflet.markercluster on big maps), heat layer,
legend, layer control, fullscreen button, side panel, search and time slider.
Popups and tooltips are bound lazily, on first click or hover, from the
pre-escaped HTML in the places blob.
"""

from __future__ import annotations

__all__ = ["MAP_CSS", "MAP_JS"]

MAP_JS = r"""
(function () {
"use strict";
function read(id) { var el = document.getElementById(id); return el ? JSON.parse(el.textContent) : null; }
function fold(s) { return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
function div(cls, html) { var d = document.createElement("div"); d.className = cls; if (html) { d.innerHTML = html; } return d; }

var HeatLayer = L.Layer.extend({
    initialize: function (points) { this._points = points; },
    setPoints: function (points) { this._points = points; if (this._map) { this._redraw(); } },
    onAdd: function (map) {
        this._canvas = L.DomUtil.create("canvas", "gn-heat leaflet-zoom-hide");
        this._canvas.style.pointerEvents = "none";
        this._canvas.style.position = "absolute";
        map.getPanes().overlayPane.appendChild(this._canvas);
        map.on("moveend resize", this._redraw, this);
        this._redraw();
    },
    onRemove: function (map) {
        L.DomUtil.remove(this._canvas);
        map.off("moveend resize", this._redraw, this);
    },
    _stamp: function (r) {
        var c = document.createElement("canvas"), ctx = c.getContext("2d");
        c.width = c.height = 2 * r;
        var g = ctx.createRadialGradient(r, r, 0, r, r, r);
        g.addColorStop(0, "rgba(0,0,0,1)");
        g.addColorStop(1, "rgba(0,0,0,0)");
        ctx.fillStyle = g;
        ctx.fillRect(0, 0, 2 * r, 2 * r);
        return c;
    },
    _palette: function () {
        if (this._pal) { return this._pal; }
        var c = document.createElement("canvas"), ctx = c.getContext("2d");
        c.width = 256; c.height = 1;
        var g = ctx.createLinearGradient(0, 0, 256, 0);
        g.addColorStop(0.25, "#2b83ba"); g.addColorStop(0.5, "#abdda4");
        g.addColorStop(0.7, "#ffffbf"); g.addColorStop(0.85, "#fdae61"); g.addColorStop(1, "#d7191c");
        ctx.fillStyle = g; ctx.fillRect(0, 0, 256, 1);
        this._pal = ctx.getImageData(0, 0, 256, 1).data;
        return this._pal;
    },
    _redraw: function () {
        var map = this._map, size = map.getSize(), c = this._canvas;
        c.width = size.x; c.height = size.y;
        L.DomUtil.setPosition(c, map.containerPointToLayerPoint([0, 0]));
        var ctx = c.getContext("2d"), r = 22, stamp = this._stamp(r), bounds = map.getBounds().pad(0.2);
        this._points.forEach(function (p) {
            var ll = L.latLng(p[0], p[1]);
            if (!bounds.contains(ll)) { return; }
            var pt = map.latLngToContainerPoint(ll);
            ctx.globalAlpha = Math.min(1, 0.2 + 0.12 * p[2]);
            ctx.drawImage(stamp, pt.x - r, pt.y - r);
        });
        if (!size.x || !size.y) { return; }
        var img = ctx.getImageData(0, 0, size.x, size.y), d = img.data, pal = this._palette();
        for (var i = 3; i < d.length; i += 4) {
            var a = d[i];
            if (a) { var j = a * 4; d[i - 3] = pal[j]; d[i - 2] = pal[j + 1]; d[i - 1] = pal[j + 2]; d[i] = Math.min(255, 60 + a); }
        }
        ctx.putImageData(img, 0, 0);
    }
});

window.geonewsInit = function (map, cfg) {
    var blob = read("geonews-places") || {k: [], v: [], m: []}, arts = read("geonews-articles") || [];
    var macros = blob.m || [];
    var places = blob.v.map(function (row) {  // rows of values, one list of keys (see map.py _columns)
        var p = {};
        for (var j = 0; j < blob.k.length; j++) { if (row[j] !== null) { p[blob.k[j]] = row[j]; } }
        return p;
    });
    var world = read("geonews-basemap");

    map.createPane("geonews-basemap");
    map.getPane("geonews-basemap").style.zIndex = 150;
    L.geoJSON(world, {
        pane: "geonews-basemap", interactive: false,
        style: {color: "#9b9b93", weight: 0.6, fillColor: "#f3f1ea", fillOpacity: 1}
    }).addTo(map);

    var tiles = L.tileLayer(cfg.tiles, {maxZoom: cfg.maxZoom, minZoom: 1, attribution: cfg.attribution});
    var goOffline = function () {
        if (map.hasLayer(tiles)) { map.removeLayer(tiles); }
        map.attributionControl.addAttribution(cfg.attrData);
        map.getContainer().classList.add("geonews-offline");
    };
    var loaded = 0, failed = 0;
    tiles.on("tileload", function () { loaded += 1; });
    tiles.on("tileerror", function () { failed += 1; if (loaded === 0 || failed > loaded) { goOffline(); } });
    if (navigator.onLine === false) { goOffline(); } else { tiles.addTo(map); }

    // --- markers and areas --------------------------------------------------
    map.createPane("geonews-areas");
    map.getPane("geonews-areas").style.zIndex = 390;
    var group = cfg.cluster
        ? L.markerClusterGroup({chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 45,
                                spiderfyOnMaxZoom: true, disableClusteringAtZoom: 15})
        : L.featureGroup();
    var areaGroup = L.featureGroup();
    var markers = [], areas = [];
    places.forEach(function (p, i) {
        var m = L.circleMarker([p.lat, p.lon], {
            radius: p.r, color: "#ffffff", weight: 1.5, dashArray: p.meto ? "3 2" : null,
            fillColor: p.color, fillOpacity: p.op, className: "geonews-marker"
        });
        m.gnIdx = i;
        m.on("add", function () {
            var el = m.getElement();
            if (el) { el.setAttribute("data-name", p.name); el.setAttribute("data-place-id", p.id); }
        });
        markers.push(m);
        var a = null, style = {pane: "geonews-areas", color: p.color, weight: 1.2, opacity: 0.9,
                               fillColor: p.color, fillOpacity: 0.08 + 0.14 * p.op, className: "geonews-area"};
        if (p.poly !== undefined && world && world.features[p.poly]) {
            a = L.geoJSON(world.features[p.poly], {style: function () { return style; }});
        } else if (p.km) {
            a = L.circle([p.lat, p.lon], L.extend({radius: p.km * 1000}, style));
        }
        if (a) {
            a.gnIdx = i;
            a.on("click", function (e) { L.DomEvent.stop(e); openPopup(i); });
            a.on("add", function () {
                a.eachLayer ? a.eachLayer(function (l) { var el = l.getElement && l.getElement(); if (el) { el.setAttribute("data-name", p.name); } })
                            : (a.getElement() && a.getElement().setAttribute("data-name", p.name));
            });
        }
        areas.push(a);
    });

    function bindPopup(i) {
        var m = markers[i];
        if (!m.getPopup()) {
            var html = places[i].popup.replace(/<(\d+)>/g, function (_, k) { return macros[+k]; })
                                       .replace(/<@(\d+)>/g, function (_, k) { return arts[+k].head; });
            m.bindPopup(html, {maxWidth: 360, maxHeight: 360, className: "geonews-popup"});
        }
        return m;
    }
    function openPopup(i) {
        var m = bindPopup(i);
        if (group.hasLayer(m) && (!cfg.cluster || group.getVisibleParent(m) === m)) {
            m.openPopup();
        } else {
            map.openPopup(m.getPopup().setLatLng(m.getLatLng()));
        }
    }
    group.on("click", function (e) {
        if (e.layer && e.layer.gnIdx !== undefined && !e.layer.isPopupOpen()) { openPopup(e.layer.gnIdx); }
    });
    group.on("mouseover", function (e) {
        var m = e.layer;
        if (m && m.gnIdx !== undefined && !m.getTooltip()) {
            m.bindTooltip(places[m.gnIdx].tip, {direction: "top", offset: [0, -places[m.gnIdx].r]});
            m.openTooltip();
        }
    });
    areaGroup.addTo(map);
    group.addTo(map);

    // --- filters: articles switched on, date range ----------------------------
    var artOn = arts.map(function () { return true; });
    var days = [];
    arts.forEach(function (a) { if (a.day !== null && a.day !== undefined && days.indexOf(a.day) < 0) { days.push(a.day); } });
    days.sort(function (x, y) { return x - y; });
    var range = [days.length ? days[0] : 0, days.length ? days[days.length - 1] : 0];
    function articleShown(k) {
        var a = arts[k];
        return artOn[k] && (a.day === null || a.day === undefined || (a.day >= range[0] && a.day <= range[1]));
    }
    function placeShown(p) {
        for (var k = 0; k < p.arts.length; k++) { if (articleShown(p.arts[k])) { return true; } }
        return p.arts.length === 0;
    }
    var heat = new HeatLayer([]);
    var shownIdx = [];
    function refresh() {
        map.closePopup();
        shownIdx = [];
        places.forEach(function (p, i) { if (placeShown(p)) { shownIdx.push(i); } });
        group.clearLayers();
        areaGroup.clearLayers();
        var ms = shownIdx.map(function (i) { return markers[i]; });
        if (cfg.cluster) { group.addLayers(ms); } else { ms.forEach(function (m) { group.addLayer(m); }); }
        shownIdx.forEach(function (i) { if (areas[i]) { areaGroup.addLayer(areas[i]); } });
        heat.setPoints(shownIdx.map(function (i) { return [places[i].lat, places[i].lon, places[i].n]; }));
        var items = document.querySelectorAll("#gn-articles [data-art]");
        for (var j = 0; j < items.length; j++) {
            items[j].classList.toggle("gn-off", !articleShown(+items[j].getAttribute("data-art")));
        }
        map.fire("geonews:filtered", {count: shownIdx.length});
    }

    // --- legend ------------------------------------------------------------
    var legend = L.control({position: "bottomleft"});
    legend.onAdd = function () { return div("gn-legend", cfg.legend); };
    legend.addTo(map);

    // --- layer control: one entry per article (+ heat map) ----------------------
    var overlays = {}, toggles = [];
    if (arts.length > 1 && arts.length <= cfg.maxLayers) {
        arts.forEach(function (a, k) {
            var t = L.layerGroup();
            t.gnArt = k;
            toggles.push(t);
            t.addTo(map);
            overlays['<i class="gn-swatch" style="background:' + a.color + '"></i>' + a.title] = t;
        });
        map.on("overlayadd overlayremove", function (e) {
            if (e.layer.gnArt !== undefined) { artOn[e.layer.gnArt] = e.type === "overlayadd"; refresh(); }
        });
    }
    if (cfg.heat) { overlays['<i class="gn-swatch gn-heat-swatch"></i>Heat map'] = heat; }
    if (Object.keys(overlays).length) {
        L.control.layers(null, overlays, {collapsed: true, position: "topright"}).addTo(map);
    }

    // --- fullscreen ------------------------------------------------------------
    var fs = L.control({position: "topleft"});
    fs.onAdd = function () {
        var bar = div("leaflet-bar gn-fullscreen");
        var a = L.DomUtil.create("a", "", bar);
        a.href = "#"; a.title = "Full screen"; a.setAttribute("role", "button"); a.innerHTML = '<svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" fill="none" stroke="#333" stroke-width="2"><path d="M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5"/></svg>';
        L.DomEvent.on(a, "click", function (e) {
            L.DomEvent.preventDefault(e);
            var root = document.documentElement;
            if (document.fullscreenElement) { document.exitFullscreen(); }
            else if (root.requestFullscreen) { root.requestFullscreen().catch(function () {}); }
        });
        L.DomEvent.disableClickPropagation(bar);
        return bar;
    };
    fs.addTo(map);
    document.addEventListener("fullscreenchange", function () {
        document.body.classList.toggle("gn-fullscreen-on", !!document.fullscreenElement);
        map.invalidateSize();
    });

    // --- side panel --------------------------------------------------------
    var panel = document.getElementById("gn-panel");
    if (!panel) { refresh(); return; }
    var toggle = document.getElementById("gn-panel-toggle");
    if (toggle) {
        toggle.addEventListener("click", function () {
            var narrow = window.matchMedia("(max-width: 720px)").matches;
            document.body.classList.toggle(narrow ? "gn-panel-open" : "gn-panel-closed");
            var open = narrow ? document.body.classList.contains("gn-panel-open")
                              : !document.body.classList.contains("gn-panel-closed");
            toggle.setAttribute("aria-expanded", open ? "true" : "false");
            map.invalidateSize();
        });
    }
    function placeButton(i) {
        var p = places[i], b = document.createElement("button");
        b.type = "button"; b.className = "gn-place"; b.setAttribute("data-place", String(i));
        b.innerHTML = '<i class="gn-dot" style="background:' + p.color + ';opacity:' + p.op + '"></i>' + p.tip +
            (p.n > 1 ? ' <span class="gn-n">' + p.n + "</span>" : "");
        return b;
    }
    // the part of a (multi)polygon holding the place, else its largest part: Russia without Chukotka
    function areaBounds(a, ll) {
        if (!a.eachLayer) { return a.getBounds(); }
        var found = null, largest = null, size = -1;
        a.eachLayer(function (l) {
            var parts = l.getLatLngs();
            if (L.LineUtil.isFlat(parts[0])) { parts = [parts]; }
            parts.forEach(function (poly) {
                var b = L.latLngBounds(poly[0]);
                var s = (b.getNorth() - b.getSouth()) * (b.getEast() - b.getWest());
                if (!found && b.contains(ll)) { found = b; }
                if (s > size) { size = s; largest = b; }
            });
        });
        return found || largest || a.getBounds();
    }
    function goTo(i) {
        var m = markers[i];
        var done = function () { openPopup(i); };
        if (cfg.cluster && group.hasLayer(m)) {
            // zoomToShowLayer waits for an icon that circle markers never have: zoom in ourselves
            // to the first level where the marker leaves its deepest cluster
            var parent = group.getVisibleParent(m), deepest = m.__parent;
            var z = parent === m ? map.getZoom()
                : Math.max(map.getZoom(), deepest && deepest._zoom !== undefined ? deepest._zoom + 1 : 15);
            map.setView(m.getLatLng(), Math.min(z, cfg.maxZoom), {animate: false});
            setTimeout(done, 0);
        } else if (areas[i]) {
            map.fitBounds(areaBounds(areas[i], m.getLatLng()), {padding: [20, 20], maxZoom: 7, animate: false});
            done();
        } else {
            map.setView(m.getLatLng(), Math.max(map.getZoom(), Math.min(6, cfg.maxZoom)), {animate: false});
            done();
        }
    }
    panel.addEventListener("click", function (e) {
        var t = e.target.closest ? e.target.closest("[data-place],[data-zoom]") : null;
        if (!t) { return; }
        if (t.hasAttribute("data-place")) { goTo(+t.getAttribute("data-place")); }
        else { zoomArticle(+t.getAttribute("data-zoom")); }
    });

    var byArt = arts.map(function () { return []; });
    places.forEach(function (p, i) { p.arts.forEach(function (k) { byArt[k].push(i); }); });
    function zoomArticle(k) {
        var pts = byArt[k].map(function (i) { return [places[i].lat, places[i].lon]; });
        if (!pts.length) { return; }
        map.closePopup();
        map.fitBounds(L.latLngBounds(pts), {padding: [30, 30], maxZoom: 8, animate: false});
    }

    var list = document.getElementById("gn-articles"), perArticle = cfg.listLimit;
    arts.forEach(function (a, k) {
        var box = div("gn-art");
        box.setAttribute("data-art", String(k));
        var head = document.createElement("button");
        head.type = "button"; head.className = "gn-art-title"; head.setAttribute("data-zoom", String(k));
        head.title = "Zoom to this article's places";
        head.innerHTML = (arts.length > 1 ? '<i class="gn-swatch" style="background:' + a.color + '"></i>' : "") +
            '<span class="gn-art-name">' + a.title + "</span>" +
            '<span class="gn-art-meta">' + (a.date ? a.date + " · " : "") + byArt[k].length + " place" + (byArt[k].length === 1 ? "" : "s") + "</span>";
        box.appendChild(head);
        var ul = div("gn-places");
        byArt[k].slice(0, perArticle).forEach(function (i) { ul.appendChild(placeButton(i)); });
        if (byArt[k].length > perArticle) { ul.appendChild(div("gn-more-places", "… " + (byArt[k].length - perArticle) + " more: use the search box")); }
        box.appendChild(ul);
        list.appendChild(box);
    });

    // --- search ------------------------------------------------------------
    var input = document.getElementById("gn-search"), results = document.getElementById("gn-results");
    var folded = places.map(function (p) { return fold(p.name); });
    var matches = [];
    function search() {
        var q = fold(input.value.trim());
        results.innerHTML = "";
        matches = [];
        if (!q) { results.hidden = true; list.hidden = false; return; }
        var starts = [], inside = [];
        folded.forEach(function (f, i) {
            var at = f.indexOf(q);
            if (at === 0) { starts.push(i); } else if (at > 0) { inside.push(i); }
        });
        matches = starts.concat(inside);
        matches.slice(0, 50).forEach(function (i) { results.appendChild(placeButton(i)); });
        if (!matches.length) { results.appendChild(div("gn-none", "No place matches")); }
        else if (matches.length > 50) { results.appendChild(div("gn-more-places", "… " + (matches.length - 50) + " more")); }
        results.hidden = false; list.hidden = true;
    }
    input.addEventListener("input", search);
    input.addEventListener("keyup", search);
    input.addEventListener("keydown", function (e) {
        if (e.key === "Enter") { e.preventDefault(); search(); if (matches.length) { goTo(matches[0]); } }
        else if (e.key === "Escape") { input.value = ""; search(); }
    });

    // --- time slider -------------------------------------------------------
    var time = document.getElementById("gn-time");
    if (time && days.length > 1) {
        var from = document.getElementById("gn-time-from"), to = document.getElementById("gn-time-to");
        var label = document.getElementById("gn-time-label");
        var iso = function (d) { return new Date(d * 86400000).toISOString().slice(0, 10); };
        from.max = to.max = String(days.length - 1);
        from.value = "0"; to.value = String(days.length - 1);
        var onTime = function (e, quiet) {
            var f = +from.value, t = +to.value;
            if (f > t) { if (e && e.target === from) { to.value = String(f); t = f; } else { from.value = String(t); f = t; } }
            range = [days[f], days[t]];
            label.textContent = iso(range[0]) + " → " + iso(range[1]);
            if (!quiet) { refresh(); }
        };
        from.addEventListener("input", onTime);
        to.addEventListener("input", onTime);
        onTime(null, true);
        time.hidden = false;
    }
    refresh();
};
})();
"""

MAP_CSS = """
html,body{height:100%;margin:0;padding:0}
body{display:grid;grid-template-columns:300px minmax(0,1fr);grid-template-rows:auto minmax(0,1fr);
  grid-template-areas:"head head" "panel map";font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
body.gn-nopanel,body.gn-panel-closed{grid-template-columns:0 minmax(0,1fr)}
body.gn-panel-closed .gn-panel{display:none}
.gn-header{grid-area:head;display:flex;align-items:baseline;gap:12px;flex-wrap:wrap;padding:7px 14px;
  background:#16324f;color:#fff;box-shadow:0 1px 3px rgba(0,0,0,.3);z-index:1000}
.gn-header h1{margin:0;font-size:17px;font-weight:650;letter-spacing:.01em}
.gn-header .gn-count{font-size:13px;color:#cfe0f3;white-space:nowrap}
.gn-header .gn-articles{font-size:13px;color:#e8eef5;overflow:hidden;text-overflow:ellipsis;
  white-space:nowrap;min-width:0;flex:1 1 200px}
.gn-toggle{align-self:center;background:rgba(255,255,255,.12);color:#fff;border:1px solid rgba(255,255,255,.35);
  border-radius:4px;font:inherit;font-size:13px;padding:2px 9px;cursor:pointer}
.gn-toggle:hover{background:rgba(255,255,255,.22)}
#MAPID{grid-area:map;height:auto !important;min-height:0;width:100%;position:relative !important}
.gn-panel{grid-area:panel;min-height:0;overflow-y:auto;background:#f7f8fa;border-right:1px solid #d5dbe2;
  font-size:13px;color:#222;display:flex;flex-direction:column}
.gn-search{position:sticky;top:0;background:#f7f8fa;padding:9px 10px 7px;border-bottom:1px solid #e1e5ea;z-index:2}
.gn-search input{width:100%;box-sizing:border-box;padding:6px 9px;border:1px solid #b9c3cf;border-radius:5px;
  font:inherit;background:#fff}
.gn-search input:focus{outline:2px solid #1f6fb4;outline-offset:-1px;border-color:#1f6fb4}
#gn-results{padding:4px 6px}
.gn-time{padding:8px 12px;border-bottom:1px solid #e1e5ea}
.gn-time-title{font-size:11px;font-weight:600;color:#666;text-transform:uppercase;letter-spacing:.03em}
.gn-time input{width:100%;margin:2px 0}
#gn-time-label{font-size:12px;color:#333}
.gn-art{padding:6px 6px 8px;border-bottom:1px solid #e6e9ed}
.gn-art.gn-off{opacity:.45}
.gn-art-title{display:block;width:100%;text-align:left;background:none;border:0;padding:4px 6px;border-radius:4px;
  cursor:pointer;font:inherit;color:inherit}
.gn-art-title:hover{background:#e8eef5}
.gn-art-name{font-weight:600;line-height:1.3}
.gn-art-meta{display:block;color:#667;font-size:11.5px;margin-top:1px}
.gn-places{display:flex;flex-wrap:wrap;gap:3px;padding:3px 4px 0}
.gn-place{display:inline-flex;align-items:center;gap:5px;background:#fff;border:1px solid #d8dee5;border-radius:12px;
  padding:1px 8px 1px 6px;font:inherit;font-size:12px;cursor:pointer;color:#223;max-width:100%}
.gn-place:hover,.gn-place:focus{border-color:#1f6fb4;background:#eef5fc}
#gn-results .gn-place{margin:2px}
.gn-dot{display:inline-block;width:9px;height:9px;border-radius:50%;flex:none}
.gn-n{color:#778;font-size:11px}
.gn-more-places,.gn-none{color:#778;font-size:11.5px;padding:4px 6px}
.gn-swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px;vertical-align:-1px}
.gn-heat-swatch{background:linear-gradient(90deg,#2b83ba,#ffffbf,#d7191c)}
.leaflet-control-layers-overlays label{max-width:260px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.gn-fullscreen a{display:flex !important;align-items:center;justify-content:center}
.leaflet-container{background:#cddfee}
.geonews-marker,.geonews-area{cursor:pointer}
.geonews-marker:focus{outline:none;stroke:#1a1a1a;stroke-width:2.5px}
.gn-legend{background:rgba(255,255,255,.92);padding:5px 9px;border-radius:5px;font-size:12px;line-height:1.55;
  box-shadow:0 1px 4px rgba(0,0,0,.25);color:#333;max-width:240px}
.gn-legend i{display:inline-block;width:11px;height:11px;border-radius:50%;margin-right:6px;
  vertical-align:-1px;border:1px solid #fff;box-shadow:0 0 0 1px rgba(0,0,0,.25)}
.gn-legend i.gn-meto{background:#fff;border:1.5px dashed #555;box-shadow:none}
.gn-legend i.gn-area{border-radius:2px;background:rgba(31,111,180,.25);border:1px solid #1f6fb4;box-shadow:none}
.gn-legend-row{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.gn-legend-title{font-weight:600}
.gn-legend-note{color:#666;font-size:11px}
.geonews-popup .leaflet-popup-content{margin:10px 12px}
@media (max-width:720px){
  body{grid-template-columns:minmax(0,1fr);grid-template-rows:auto auto minmax(0,1fr);
    grid-template-areas:"head" "panel" "map"}
  body.gn-panel-closed{grid-template-columns:minmax(0,1fr)}
  .gn-panel{display:none;max-height:42vh;border-right:0;border-bottom:1px solid #d5dbe2}
  body.gn-panel-open .gn-panel{display:flex}
  .gn-header .gn-articles{display:none}
  .gn-legend{font-size:10.5px;line-height:1.4;max-width:170px;padding:3px 7px}
  .gn-legend .gn-legend-note{display:none}
  .leaflet-control-attribution{max-width:55%;font-size:10px}
}
"""
