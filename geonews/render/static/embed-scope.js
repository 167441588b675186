/* A scoped `document` for an embedded map's own scripts (see geonews/render/embed.py): lookups by
 * id or selector stay inside the fragment (its ids carry `suffix`), and `document.body` /
 * `documentElement` are the fragment's wrapper. Called as (this function)(window, document, rootId, suffix, ids). */
(function (w, d, rootId, suffix, ids) {
  var known = {}; ids.forEach(function (i) { known[i] = 1; });
  var root = function () { return d.getElementById(rootId); };
  var sel = function (s) {
    return String(s).replace(/#([A-Za-z_][\w-]*)/g, function (m, n) { return known[n] ? "#" + n + suffix : m; });
  };
  var scoped = {
    getElementById: function (id) {
      var r = root(); if (!r) { return d.getElementById(id); }
      var k = known[id] ? id + suffix : id;
      return r.querySelector('[id="' + k.replace(/["\\]/g, "\\$&") + '"]') || d.getElementById(k);
    },
    querySelector: function (s) { return (root() || d).querySelector(sel(s)); },
    querySelectorAll: function (s) { return (root() || d).querySelectorAll(sel(s)); },
    getElementsByClassName: function (c) { return (root() || d).getElementsByClassName(c); }
  };
  w.__geonewsScopes = w.__geonewsScopes || {};
  w.__geonewsScopes[rootId] = new Proxy(d, {
    get: function (t, k) {
      if (Object.prototype.hasOwnProperty.call(scoped, k)) { return scoped[k]; }
      if ((k === "body" || k === "documentElement") && root()) { return root(); }
      var v = t[k]; return typeof v === "function" ? v.bind(t) : v;
    },
    set: function (t, k, v) { t[k] = v; return true; }
  });
})
