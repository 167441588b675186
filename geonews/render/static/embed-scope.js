/* An embedded geonews map (see geonews/render/embed.py): called as (this function)(window, document, host)
 * from a script inside the <geonews-map> host element. It moves the map's markup from the host's
 * <template> into the host's shadow root, where the host page's styles cannot reach it, and registers
 * a `document` for the map's own scripts: lookups by id or selector look inside this shadow root, and
 * `document.body` / `documentElement` are the map's wrapper, so the page's layout classes land on it. */
(function (w, d, host) {
    "use strict";
    var template = host.querySelector("template[data-gn-template]");
    var shadow = host.shadowRoot || host.attachShadow({mode: "open"});
    shadow.appendChild(template.content.cloneNode(true));
    var root = shadow.querySelector(".gn-embed");
    var scoped = {
        getElementById: function (id) { return shadow.getElementById(id); },
        querySelector: function (s) { return shadow.querySelector(s); },
        querySelectorAll: function (s) { return shadow.querySelectorAll(s); },
        getElementsByClassName: function (c) { return root.getElementsByClassName(c); },
        contains: function (el) { return shadow.contains(el); }
    };
    w.__geonewsScopes = w.__geonewsScopes || {};
    w.__geonewsScopes[host.getAttribute("data-gn-fragment")] = new Proxy(d, {
        get: function (t, k) {
            if (Object.prototype.hasOwnProperty.call(scoped, k)) { return scoped[k]; }
            if (k === "body" || k === "documentElement") { return root; }
            var v = t[k];
            return typeof v === "function" ? v.bind(t) : v;
        },
        set: function (t, k, v) { t[k] = v; return true; }
    });
})
