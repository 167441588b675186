(function () {
"use strict";
function read(id) { var el = document.getElementById(id); return el ? JSON.parse(el.textContent) : null; }
function fold(s) { return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
function div(cls, html) { var d = document.createElement("div"); d.className = cls; if (html) { d.innerHTML = html; } return d; }

var HeatLayer = L.Layer.extend({
    initialize: function (points) { this._points = points; },  // a function returning [[lat, lon, weight], ...]
    refresh: function () { if (this._map) { this._redraw(); } },
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
        this._points().forEach(function (p) {
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

// A place's circle; its element carries the place's name and id (for tests, styles and tools).
// a place's dot: reachable with Tab, opened with Enter or Space (it fires "gnactivate" to its group)
var Dot = L.CircleMarker.extend({
    onAdd: function (map) {
        L.CircleMarker.prototype.onAdd.call(this, map);
        var el = this.getElement(), self = this;
        if (!el) { return; }
        el.setAttribute("data-name", this.gnName); el.setAttribute("data-place-id", this.gnId);
        el.setAttribute("tabindex", "0"); el.setAttribute("role", "button"); el.setAttribute("aria-label", this.gnName);
        if (!el.gnKeys) {
            el.gnKeys = true;
            el.addEventListener("keydown", function (e) {
                if (e.key === "Enter" || e.key === " ") { e.preventDefault(); self.fire("gnactivate", {}, true); }
            });
        }
    }
});

window.geonewsInit = function (map, cfg) {
    var M = cfg.msg || {};
    // an interface string (messages.json, in the page's language); [one, many] pairs are plurals
    function tr(key, n) {
        var s = M[key] === undefined ? key : M[key];
        if (Array.isArray(s)) { s = s[n === 1 || (M.lang === "fr" && n === 0) ? 0 : 1]; }
        return String(s).replace("{n}", String(n));
    }
    var D = read("geonews-places") || {}, arts = read("geonews-articles") || [];
    var ids = D.id || [], names = D.name || [], lat = D.lat || [], lon = D.lon || [], count = D.n || [];
    var styleOf = D.style || [], styles = D.styles || [], artsOf = D.arts || [], tips = D.tip || {};
    var polyOf = D.poly || {}, kmOf = D.km || {}, aka = D.aka || {}, N = ids.length, meto = new Uint8Array(N);
    (D.meto || []).forEach(function (i) { meto[i] = 1; });
    function tip(i) { return tips[i] !== undefined ? tips[i] : names[i]; }
    function fill(i) { return styles[styleOf[i]]; }  // [colour, opacity]
    function radius(i) {
        var r = cfg.radius;
        return Math.round(Math.min(r[0] + r[1] * Math.sqrt(Math.max(1, count[i])), r[2]) * 10) / 10;
    }
    var popupData = null;  // parsed on the first popup
    function popupHtml(i) {
        popupData = popupData || read("geonews-popups");
        return window.geonewsBlob.popupHtml(popupData, i, tip(i));
    }
    var world = read("geonews-basemap");

    map.createPane("geonews-basemap");
    map.getPane("geonews-basemap").style.zIndex = 150;
    L.geoJSON(world, {
        pane: "geonews-basemap", interactive: false,
        style: {color: "#9b9b93", weight: 0.6, fillColor: "#f3f1ea", fillOpacity: 1}
    }).addTo(map);
    if (window.geonewsDetail) { window.geonewsDetail(map); }  // basemap.js: detail and town names

    var tiles = L.tileLayer(cfg.tiles, {maxZoom: cfg.maxZoom, minZoom: 1, attribution: cfg.attribution});
    var goOffline = function () {
        if (map.hasLayer(tiles)) { map.removeLayer(tiles); }
        map.attributionControl.addAttribution(cfg.attrData);
        map.getContainer().classList.add("geonews-offline");
    };
    var loaded = 0, failed = 0;
    tiles.on("tileload", function () { loaded += 1; });
    tiles.on("tileerror", function () { failed += 1; if (loaded === 0 || failed > loaded) { goOffline(); } });
    // report mode (snapshot.py opens the page as map.html#gn-report): a still picture for print, with
    // names on the places, no controls, and the embedded basemap only (the same picture every time)
    var report = /(?:^|[#&])gn-report(?:&|$)/.test(window.location.hash.slice(1));
    if (report) {
        document.body.classList.add("gn-report");
        if (map.zoomControl) { map.zoomControl.remove(); }
        map.invalidateSize();
    }
    if (report || navigator.onLine === false) { goOffline(); } else { tiles.addTo(map); }
    if (cfg.bounds) { map.fitBounds(cfg.bounds, {padding: [40, 40], maxZoom: cfg.fitMaxZoom, animate: false}); }

    // --- markers and bubbles -------------------------------------------------
    var markers = [];
    function marker(i) {
        var m = markers[i];
        if (!m) {
            var f = fill(i);
            m = markers[i] = new Dot([lat[i], lon[i]], {
                radius: radius(i), color: "#ffffff", weight: 1.5, dashArray: meto[i] ? "3 2" : null,
                fillColor: f[0], fillOpacity: f[1], className: "geonews-marker"
            });
            m.gnIdx = i; m.gnName = names[i]; m.gnId = typeof ids[i] === "number" ? "gn:" + ids[i] : ids[i];
            if (report && i < cfg.reportLabels) {  // places come biggest first: the main ones are named
                m.bindTooltip(tip(i), {permanent: true, direction: "right", offset: [radius(i), 0], className: "gn-label"});
            }
        }
        return m;
    }
    var dots = L.featureGroup().addTo(map), bubbles = L.featureGroup().addTo(map);
    var shown = [], isShown = new Uint8Array(N);
    var MX = new Float64Array(N), MY = new Float64Array(N);  // world pixels at zoom 0
    for (var p0 = 0; p0 < N; p0++) { var pt = map.project([lat[p0], lon[p0]], 0); MX[p0] = pt.x; MY[p0] = pt.y; }
    var levels = {};
    // a grid cell's key: a small integer (fast in a Map); cells that share one are told apart by distance
    function cellKey(x, y) { return (Math.imul(x, 73856093) ^ Math.imul(y, 19349663)) & 0x3fffffff; }
    // the places shown, grouped for zoom z: members[k] lists a group's places, owner[i] is place i's group
    function level(z) {
        if (levels[z]) { return levels[z]; }
        var f = Math.pow(2, z), R = cfg.clusterRadius, grid = new Map(), cells = R > 0 ? R : 1;
        var members = [], sx = [], sy = [], owner = new Int32Array(N).fill(-1);
        var clustering = cfg.cluster && z < cfg.clusterUntil;
        for (var t = 0; t < shown.length; t++) {
            var i = shown[t], x = MX[i] * f, y = MY[i] * f, gx = Math.floor(x / cells), gy = Math.floor(y / cells);
            var best = -1, bd = R * R;
            if (clustering) {
                for (var a = gx - 1; a <= gx + 1; a++) {
                    for (var b = gy - 1; b <= gy + 1; b++) {
                        var cell = grid.get(cellKey(a, b));
                        if (!cell) { continue; }
                        for (var c = 0; c < cell.length; c++) {
                            var k = cell[c], dx = x - sx[k], dy = y - sy[k], d = dx * dx + dy * dy;
                            if (d <= bd) { bd = d; best = k; }
                        }
                    }
                }
            }
            if (best < 0) {
                best = members.length;
                members.push([]); sx.push(x); sy.push(y);
                if (clustering) {
                    var key = cellKey(gx, gy), list = grid.get(key);
                    if (list) { list.push(best); } else { grid.set(key, [best]); }
                }
            }
            members[best].push(i);
            owner[i] = best;
        }
        levels[z] = {members: members, owner: owner, zoom: z, bubbles: new Map()};
        return levels[z];
    }
    function zoomLevel() { return Math.max(0, Math.round(map.getZoom())); }
    var drawnLevel = null, isDrawn = new Uint8Array(N);
    function bubble(lv, k) {
        var b = lv.bubbles.get(k);
        if (b) { return b; }
        var ms = lv.members[k], n = ms.length, x = 0, y = 0, f = Math.pow(2, lv.zoom);
        for (var j = 0; j < n; j++) { x += MX[ms[j]]; y += MY[ms[j]]; }
        var size = n < 10 ? "small" : n < 100 ? "medium" : "large";
        b = L.marker(map.unproject([x / n * f, y / n * f], lv.zoom), {
            icon: L.divIcon({html: "<div><span>" + n + "</span></div>", className: "marker-cluster marker-cluster-" + size,
                             iconSize: L.point(40, 40)}),
            title: n + " places"
        });
        b.gnMembers = ms;
        lv.bubbles.set(k, b);
        return b;
    }
    // draw what is near the view (everything on maps that do not cluster)
    function draw() {
        var lv = level(zoomLevel()), f = Math.pow(2, lv.zoom);
        var view = map.getBounds(), cull = cfg.cluster;  // the view in this level's pixels, half its size around it
        var nw = map.project(view.getNorthWest(), lv.zoom), se = map.project(view.getSouthEast(), lv.zoom);
        var padX = (se.x - nw.x) / 2, padY = (se.y - nw.y) / 2;
        var x0 = nw.x - padX, x1 = se.x + padX, y0 = nw.y - padY, y1 = se.y + padY;
        var inside = function (x, y) { return !cull || (x >= x0 && x <= x1 && y >= y0 && y <= y1); };
        var want = new Uint8Array(N), wantBubbles = [];
        for (var k = 0; k < lv.members.length; k++) {
            var ms = lv.members[k];
            if (ms.length === 1) {
                if (inside(MX[ms[0]] * f, MY[ms[0]] * f)) { want[ms[0]] = 1; }
            } else if (!cull) {
                wantBubbles.push(k);
            } else {
                var b = lv.bubbles.get(k), c = b ? map.project(b.getLatLng(), lv.zoom) : null;
                if (!c) {
                    var x = 0, y = 0;
                    for (var j = 0; j < ms.length; j++) { x += MX[ms[j]]; y += MY[ms[j]]; }
                    c = {x: x / ms.length * f, y: y / ms.length * f};
                }
                if (inside(c.x, c.y)) { wantBubbles.push(k); }
            }
        }
        if (drawnLevel !== lv) {
            bubbles.clearLayers();
            drawnLevel = lv;
        } else {
            var keep = new Set(wantBubbles);
            bubbles.eachLayer(function (layer) { if (!keep.has(layer.gnKey)) { bubbles.removeLayer(layer); } });
        }
        wantBubbles.forEach(function (key) {
            var layer = bubble(lv, key);
            layer.gnKey = key;
            if (!bubbles.hasLayer(layer)) { bubbles.addLayer(layer); }
        });
        dots.eachLayer(function (m) { if (!want[m.gnIdx]) { dots.removeLayer(m); isDrawn[m.gnIdx] = 0; } });
        for (var i = 0; i < N; i++) { if (want[i] && !isDrawn[i]) { dots.addLayer(marker(i)); isDrawn[i] = 1; } }
    }
    bubbles.on("click", function (e) {
        var ms = e.layer.gnMembers, bounds = L.latLngBounds(ms.map(function (i) { return [lat[i], lon[i]]; }));
        var z = map.getZoom(), fit = map.getBoundsZoom(bounds, false, L.point(40, 40));
        if (fit > z) { map.fitBounds(bounds, {padding: [20, 20], maxZoom: cfg.maxZoom}); }
        else { map.setView(bounds.getCenter(), Math.min(z + 1, cfg.maxZoom)); }
    });

    // popups keep clear of the map's controls (zoom and full screen at top left, layers at top right)
    function bindPopup(i) {
        var m = marker(i);
        if (!m.getPopup()) {
            var narrow = window.matchMedia("(max-width: 720px)").matches;
            // never taller than the map can show under its controls (an embedded map may be short)
            var room = Math.max(160, map.getSize().y - (narrow ? 130 : 110));
            m.bindPopup(popupHtml(i), {
                maxWidth: narrow ? 270 : 360, maxHeight: Math.min(narrow ? 300 : 360, room), className: "geonews-popup",
                autoPanPaddingTopLeft: L.point(narrow ? 12 : 50, narrow ? 84 : 60),
                autoPanPaddingBottomRight: L.point(narrow ? 12 : 50, 16)
            });
        }
        return m;
    }
    var popupPlace = -1;  // the place whose popup is open (the correction tools work on it)
    function openPopup(i) {
        popupPlace = i;
        var m = bindPopup(i);
        if (dots.hasLayer(m)) { m.openPopup(); } else { map.openPopup(m.getPopup().setLatLng(m.getLatLng())); }
    }
    dots.on("click", function (e) {
        if (e.layer && e.layer.gnIdx !== undefined && !e.layer.isPopupOpen()) { openPopup(e.layer.gnIdx); }
    });
    // keyboard: a dot opened with Enter gets the focus back when its popup closes; Escape closes any popup
    var openedFrom = null;
    dots.on("gnactivate", function (e) {
        if (e.layer && e.layer.gnIdx !== undefined) { openedFrom = e.layer.getElement(); openPopup(e.layer.gnIdx); }
    });
    map.on("popupopen", function (e) {
        document.body.classList.add("gn-popup-open");
        var box = e.popup.getElement(), content = box && box.querySelector(".leaflet-popup-content");
        if (content && popupPlace >= 0 && !content.querySelector(".gn-fix")) {
            // the correction tools join the popup's content (an element from now on), which Leaflet then
            // lays out and pans into view again: they make it taller
            var el = document.createElement("div");
            el.innerHTML = content.innerHTML;
            if (fixTools(el, popupPlace)) { e.popup.setContent(el); }
        }
        var close = box && box.querySelector(".leaflet-popup-close-button");
        if (close) { close.setAttribute("aria-label", tr("close")); close.setAttribute("title", tr("close")); }
        if (content && openedFrom) { content.setAttribute("tabindex", "-1"); content.focus({preventScroll: true}); }
    });
    // --- corrections: a reader fixes a place in the popup, then downloads the fixes (geonews.corrections) ---
    var removed = new Uint8Array(N), fixes = {}, fixed = {}, download = null;
    function placeId(j) { return typeof ids[j] === "number" ? "gn:" + ids[j] : ids[j]; }
    function button(cls, text, act) {
        var b = document.createElement("button");
        b.type = "button"; b.className = cls; b.textContent = text;
        b.addEventListener("click", function (ev) { L.DomEvent.stop(ev); act(); });
        return b;
    }
    // every mention of place i gets the same fix: a place (id, point), a point (no id) or "not a place"
    function applyFix(i, placeIdOrNull, where, label) {
        var data = popupData && popupData.fix && popupData.fix[i];
        if (!data) { return; }
        data.m.forEach(function (m) {
            var rec = {article: arts[m[0]].id, start: m[1], end: m[2], name: m[3], place_id: placeIdOrNull, scope: "mention"};
            if (where) { rec.lat = Math.round(where.lat * 1e5) / 1e5; rec.lon = Math.round(where.lng * 1e5) / 1e5; }
            fixes[rec.article + "\u0000" + rec.start + "\u0000" + rec.end] = rec;
        });
        fixed[i] = label;
        var m = marker(i), shownContent = m.getPopup() && m.getPopup().getContent();
        var oldTools = shownContent && shownContent.querySelector ? shownContent.querySelector(".gn-fix") : null;
        if (oldTools) { oldTools.remove(); }  // rebuilt, saying "Corrigé", when the popup opens again
        if (where) {
            lat[i] = where.lat; lon[i] = where.lng;
            m.setLatLng(where);
            var wp = map.project(where, 0); MX[i] = wp.x; MY[i] = wp.y;
        } else {
            removed[i] = 1;
        }
        map.closePopup();
        refresh();
        if (where) { openPopup(i); }
        showDownload();
    }
    function showDownload() {
        var n = Object.keys(fixes).length;
        if (!download) {
            download = L.control({position: "topright"});
            download.onAdd = function () {
                var bar = div("leaflet-bar gn-fix-download");
                var b = button("gn-fix-save", "", saveFixes);
                bar.appendChild(b);
                L.DomEvent.disableClickPropagation(bar);
                return bar;
            };
            download.addTo(map);
        }
        download.getContainer().querySelector("button").textContent = tr("fix_download", n);
    }
    function saveFixes() {
        var lines = Object.keys(fixes).map(function (k) { return JSON.stringify(fixes[k]); });
        var blob = new Blob([lines.join("\n") + "\n"], {type: "application/x-ndjson"});
        var a = document.createElement("a");
        a.href = URL.createObjectURL(blob); a.download = "corrections.jsonl";
        document.body.appendChild(a); a.click(); a.remove();
        setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
    }
    function fixTools(content, i) {
        var data = popupData && popupData.fix && popupData.fix[i];
        if (!data || content.querySelector(".gn-fix")) { return false; }
        var box = div("gn-fix");
        box.appendChild(div("gn-section", tr("fix_title")));
        if (fixed[i] !== undefined) { box.appendChild(div("gn-fixed")).textContent = tr("fix_done", fixed[i]); }
        data.alt.forEach(function (alt) {  // [id, name (escaped), lat, lon, where (escaped)]
            var b = button("gn-fix-alt", "", function () { applyFix(i, alt[0], L.latLng(alt[2], alt[3]), b.textContent.replace(tr("fix_use"), "")); });
            b.innerHTML = tr("fix_use") + alt[1] + (alt[4] ? " (" + alt[4] + ")" : "");
            box.appendChild(b);
        });
        box.appendChild(button("gn-fix-none", tr("fix_none"), function () { applyFix(i, null, null, tr("fix_not_place")); }));
        box.appendChild(button("gn-fix-here", tr("fix_here"), function () {
            map.closePopup();
            var hint = div("gn-fix-hint", "");
            hint.textContent = tr("fix_click");
            map.getContainer().appendChild(hint);
            map.getContainer().classList.add("gn-fix-picking");
            map.once("click", function (ev) {
                hint.remove();
                map.getContainer().classList.remove("gn-fix-picking");
                applyFix(i, null, ev.latlng, tr("fix_point"));
            });
        }));
        var find = document.createElement("input");
        find.type = "search"; find.className = "gn-fix-find"; find.placeholder = tr("fix_search");
        find.setAttribute("aria-label", tr("fix_search"));
        var found = div("gn-fix-found");
        find.addEventListener("input", function () {
            var q = fold(find.value.trim());
            found.innerHTML = "";
            if (!q) { return; }
            folded = folded || names.map(function (n, k) { return aka[k] === undefined ? [fold(n)] : [fold(n), fold(aka[k])]; });
            for (var j = 0, shownCount = 0; j < N && shownCount < 8; j++) {
                if (j !== i && (folded[j][0].indexOf(q) >= 0 || (folded[j].length > 1 && folded[j][1].indexOf(q) >= 0))) {
                    (function (k) {
                        found.appendChild(button("gn-fix-alt", names[k], function () { applyFix(i, placeId(k), L.latLng(lat[k], lon[k]), names[k]); }));
                    })(j);
                    shownCount += 1;
                }
            }
        });
        L.DomEvent.disableClickPropagation(box);
        box.appendChild(find); box.appendChild(found);
        content.appendChild(box);
        return true;
    }
    map.on("popupclose", function () {
        document.body.classList.remove("gn-popup-open");
        if (openedFrom && document.contains(openedFrom)) { openedFrom.focus({preventScroll: true}); }
        openedFrom = null;
    });
    document.addEventListener("keydown", function (e) {
        if (e.key === "Escape" && document.body.classList.contains("gn-popup-open")) { map.closePopup(); }
    });
    dots.on("mouseover", function (e) {
        var m = e.layer;
        if (m && m.gnIdx !== undefined && !m.getTooltip()) {
            m.bindTooltip(tip(m.gnIdx), {direction: "top", offset: [0, -radius(m.gnIdx)]});
            m.openTooltip();
        }
    });

    // --- areas: countries (their basemap shape) and regions (a disc) ------------
    map.createPane("geonews-areas");
    map.getPane("geonews-areas").style.zIndex = 390;
    var areaGroup = L.featureGroup().addTo(map), areas = {}, withArea = [];
    Object.keys(polyOf).concat(Object.keys(kmOf)).forEach(function (k) {
        if (polyOf[k] === undefined || world && world.features[polyOf[k]]) { withArea.push(+k); }
    });
    function area(i) {
        if (areas[i]) { return areas[i]; }
        var f = fill(i), a, style = {pane: "geonews-areas", color: f[0], weight: 1.2, opacity: 0.9,
                                     fillColor: f[0], fillOpacity: 0.08 + 0.14 * f[1], className: "geonews-area"};
        if (polyOf[i] !== undefined) {
            a = L.geoJSON(world.features[polyOf[i]], {style: function () { return style; }});
        } else {
            a = L.circle([lat[i], lon[i]], L.extend({radius: kmOf[i] * 1000}, style));
        }
        a.gnIdx = i;
        a.on("click", function (e) { L.DomEvent.stop(e); openPopup(i); });
        a.on("add", function () {
            var mark = function (l) { var el = l.getElement && l.getElement(); if (el) { el.setAttribute("data-name", names[i]); } };
            if (a.eachLayer) { a.eachLayer(mark); } else { mark(a); }
        });
        areas[i] = a;
        return a;
    }
    // on clustered maps, a region's disc is drawn with its marker: not while the place is in a bubble
    function drawAreas() {
        withArea.forEach(function (i) {
            var want = isShown[i] && (!cfg.cluster || polyOf[i] !== undefined || isDrawn[i]);
            if (want) { var a = area(i); if (!areaGroup.hasLayer(a)) { areaGroup.addLayer(a); } }
            else if (areas[i] && areaGroup.hasLayer(areas[i])) { areaGroup.removeLayer(areas[i]); }
        });
    }
    map.on("moveend", function () { draw(); drawAreas(); });

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
    function placeShown(i) {
        if (removed[i]) { return false; }  // corrected as "not a place"
        var ks = artsOf[i];
        for (var k = 0; k < ks.length; k++) { if (articleShown(ks[k])) { return true; } }
        return ks.length === 0;
    }
    var heat = new HeatLayer(function () { return shown.map(function (i) { return [lat[i], lon[i], count[i]]; }); });
    function refresh() {
        map.closePopup();
        shown = [];
        for (var i = 0; i < N; i++) { isShown[i] = placeShown(i) ? 1 : 0; if (isShown[i]) { shown.push(i); } }
        levels = {};
        draw();
        drawAreas();
        heat.refresh();
        var items = document.querySelectorAll("#gn-articles [data-art]");
        for (var j = 0; j < items.length; j++) {
            var k = +items[j].getAttribute("data-art"), check = items[j].querySelector(".gn-art-show");
            items[j].classList.toggle("gn-off", !articleShown(k));
            if (check) { check.checked = artOn[k]; }
        }
        map.fire("geonews:filtered", {count: shown.length});
    }

    // --- legend ------------------------------------------------------------
    var legend = L.control({position: "bottomleft"});
    legend.onAdd = function () {
        // on a phone the legend folds to its title (tap to open) so that it hides no marker
        var box = div("gn-legend", cfg.legend), head = box.querySelector(".gn-legend-title");
        if (head && !report && window.matchMedia("(max-width: 720px)").matches) {
            box.classList.add("gn-legend-folded");
            head.setAttribute("role", "button"); head.setAttribute("tabindex", "0");
            head.setAttribute("aria-expanded", "false");
            L.DomEvent.on(head, "click", function () {
                var folded = box.classList.toggle("gn-legend-folded");
                head.setAttribute("aria-expanded", folded ? "false" : "true");
            });
        }
        L.DomEvent.disableClickPropagation(box);
        return box;
    };
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
    if (cfg.heat) { overlays['<i class="gn-swatch gn-heat-swatch"></i>' + tr("heat_map")] = heat; }
    if (Object.keys(overlays).length && !report) {
        L.control.layers(null, overlays, {collapsed: true, position: "topright"}).addTo(map);
    }

    // --- fullscreen ------------------------------------------------------------
    var fs = L.control({position: "topleft"});
    fs.onAdd = function () {
        var bar = div("leaflet-bar gn-fullscreen");
        var a = L.DomUtil.create("a", "", bar);
        a.href = "#"; a.title = tr("fullscreen"); a.setAttribute("aria-label", tr("fullscreen")); a.setAttribute("role", "button"); a.innerHTML = '<svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" fill="none" stroke="#333" stroke-width="2"><path d="M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5"/></svg>';
        L.DomEvent.on(a, "click", function (e) {
            L.DomEvent.preventDefault(e);
            var root = document.documentElement;
            if (document.fullscreenElement) { document.exitFullscreen(); }
            else if (root.requestFullscreen) { root.requestFullscreen().catch(function () {}); }
        });
        L.DomEvent.disableClickPropagation(bar);
        return bar;
    };
    if (!report) { fs.addTo(map); }
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
        var f = fill(i), b = document.createElement("button");
        b.type = "button"; b.className = "gn-place"; b.setAttribute("data-place", String(i));
        b.innerHTML = '<i class="gn-dot" style="background:' + f[0] + ';opacity:' + f[1] + '"></i>' + tip(i) +
            (count[i] > 1 ? ' <span class="gn-n">' + count[i] + "</span>" : "");
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
        var ll = L.latLng(lat[i], lon[i]), z = zoomLevel();
        if (cfg.cluster && isShown[i]) {
            // zoom in to the first level where the place leaves its bubble
            while (z < cfg.clusterUntil) { var lv = level(z); if (lv.members[lv.owner[i]].length === 1) { break; } z += 1; }
            map.setView(ll, Math.min(Math.max(z, map.getZoom()), cfg.maxZoom), {animate: false});
        } else if (withArea.indexOf(i) >= 0) {
            map.fitBounds(areaBounds(area(i), ll), {padding: [20, 20], maxZoom: 7, animate: false});
        } else {
            map.setView(ll, Math.max(map.getZoom(), Math.min(6, cfg.maxZoom)), {animate: false});
        }
        // on a phone the panel covers the map: close it to show the place
        if (document.body.classList.contains("gn-panel-open") && window.matchMedia("(max-width: 720px)").matches) {
            document.body.classList.remove("gn-panel-open");
            if (toggle) { toggle.setAttribute("aria-expanded", "false"); }
            map.invalidateSize();
        }
        openPopup(i);
    }
    panel.addEventListener("click", function (e) {
        var t = e.target.closest ? e.target.closest("[data-place],[data-zoom]") : null;
        if (!t) { return; }
        if (t.hasAttribute("data-place")) { openedFrom = t; goTo(+t.getAttribute("data-place")); }
        else { zoomArticle(+t.getAttribute("data-zoom")); }
    });

    var byArt = arts.map(function () { return []; });
    for (var p = 0; p < N; p++) { artsOf[p].forEach(function (k) { byArt[k].push(p); }); }
    function zoomArticle(k) {
        var pts = byArt[k].map(function (i) { return [lat[i], lon[i]]; });
        if (!pts.length) { return; }
        map.closePopup();
        map.fitBounds(L.latLngBounds(pts), {padding: [30, 30], maxZoom: 8, animate: false});
    }

    // each article's list of places is filled when it comes near the panel's visible part
    var list = document.getElementById("gn-articles"), perArticle = cfg.listLimit, boxes = document.createDocumentFragment();
    function fillPlaces(box) {
        var k = +box.getAttribute("data-art"), ul = div("gn-places");
        byArt[k].slice(0, perArticle).forEach(function (i) { ul.appendChild(placeButton(i)); });
        if (byArt[k].length > perArticle) { ul.appendChild(div("gn-more-places", tr("more_in_search", byArt[k].length - perArticle))); }
        box.appendChild(ul);
    }
    var watcher = window.IntersectionObserver ? new IntersectionObserver(function (entries) {
        entries.forEach(function (en) { if (en.isIntersecting) { watcher.unobserve(en.target); fillPlaces(en.target); } });
    }, {root: panel, rootMargin: "600px 0px"}) : null;
    arts.forEach(function (a, k) {
        var box = div("gn-art");
        box.setAttribute("data-art", String(k));
        var head = document.createElement("button");
        head.type = "button"; head.className = "gn-art-title"; head.setAttribute("data-zoom", String(k));
        head.title = tr("zoom_article");
        head.innerHTML = (arts.length > 1 ? '<i class="gn-swatch" style="background:' + a.color + '"></i>' : "") +
            '<span class="gn-art-name">' + a.title + "</span>" +
            '<span class="gn-art-meta">' + (a.date ? a.date + " · " : "") + tr("panel_places", byArt[k].length) + "</span>";
        box.appendChild(head);
        if (arts.length > 1) {  // every article can be switched off here, however many there are
            var show = document.createElement("input");
            show.type = "checkbox"; show.checked = true; show.className = "gn-art-show";
            show.setAttribute("data-show", String(k)); show.setAttribute("aria-label", tr("show_article"));
            show.title = tr("show_article");
            box.insertBefore(show, head);
        }
        if (watcher) { watcher.observe(box); } else { fillPlaces(box); }
        boxes.appendChild(box);
    });
    list.appendChild(boxes);
    list.addEventListener("change", function (e) {
        var k = e.target.getAttribute && e.target.getAttribute("data-show");
        if (k === null || k === undefined) { return; }
        artOn[+k] = e.target.checked;
        var layer = toggles[+k];  // keep the layer control (when there is one) in step
        if (layer && map.hasLayer(layer) !== e.target.checked) {
            if (e.target.checked) { map.addLayer(layer); } else { map.removeLayer(layer); }
        }
        refresh();
    });

    // --- table of places: every place as text, for screen readers and for reading ---------------------
    var tableToggle = document.getElementById("gn-table-toggle"), tableBox = document.getElementById("gn-table");
    var facts = D.facts || [], factOf = D.fact || [];  // [kind, region and country, confidence %] per place
    function buildTable() {
        var order = [];
        for (var q = 0; q < N; q++) { order.push(q); }
        order.sort(function (x, y) { return count[y] - count[x] || (names[x] < names[y] ? -1 : 1); });
        var head = [tr("col_place"), tr("col_kind"), tr("col_country"), tr("col_mentions"), tr("col_confidence")];
        var html = '<table class="gn-table"><caption>' + tr("place_list") + "</caption><thead><tr>" +
            head.map(function (h) { return '<th scope="col">' + h + "</th>"; }).join("") + "</tr></thead><tbody>";
        order.slice(0, cfg.tableLimit).forEach(function (j) {
            var f = facts[factOf[j]] || ["", "", ""];
            html += '<tr><th scope="row"><button type="button" class="gn-table-place" data-place="' + j + '">' + tip(j) +
                "</button></th><td>" + f[0] + "</td><td>" + f[1] + '</td><td class="gn-num">' + count[j] +
                '</td><td class="gn-num">' + (f[2] === "" ? "" : f[2] + " %") + "</td></tr>";
        });
        html += "</tbody></table>";
        if (N > cfg.tableLimit) { html += '<div class="gn-more-places">' + tr("more_in_search", N - cfg.tableLimit) + "</div>"; }
        tableBox.innerHTML = html;
    }
    if (tableToggle && tableBox) {
        tableToggle.addEventListener("click", function () {
            var open = tableBox.hidden;
            if (open && !tableBox.firstChild) { buildTable(); }
            tableBox.hidden = !open; list.hidden = open;
            tableToggle.setAttribute("aria-expanded", open ? "true" : "false");
        });
        tableBox.addEventListener("click", function (e) {
            var b = e.target.closest ? e.target.closest("[data-place]") : null;
            if (b) { openedFrom = b; goTo(+b.getAttribute("data-place")); }
        });
    }

    // --- search ------------------------------------------------------------
    var input = document.getElementById("gn-search"), results = document.getElementById("gn-results");
    var folded = null, matches = [];
    function search() {
        var q = fold(input.value.trim());
        results.innerHTML = "";
        matches = [];
        if (!q) { results.hidden = true; list.hidden = false; return; }
        folded = folded || names.map(function (n, i) { return aka[i] === undefined ? [fold(n)] : [fold(n), fold(aka[i])]; });
        var starts = [], inside = [];
        for (var i = 0; i < N; i++) {
            var at = folded[i][0].indexOf(q), other = folded[i].length > 1 ? folded[i][1].indexOf(q) : -1;
            if (other >= 0 && (at < 0 || other < at)) { at = other; }
            if (at === 0) { starts.push(i); } else if (at > 0) { inside.push(i); }
        }
        matches = starts.concat(inside);
        matches.slice(0, 50).forEach(function (m) { results.appendChild(placeButton(m)); });
        if (!matches.length) { results.appendChild(div("gn-none", tr("no_match"))); }
        else if (matches.length > 50) { results.appendChild(div("gn-more-places", tr("more_matches", matches.length - 50))); }
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
