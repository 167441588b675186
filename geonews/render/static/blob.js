/*
 * The popups blob of a geonews map: the one reader of the format that
 * geonews/render/map.py (_popups_blob) writes. Used by map.js in the page and,
 * through node, by the tests (no copy of this reader lives anywhere else).
 *
 * Format: {"s": [piece, ...], "p": [[item, ...] per place], "mark": [open, close]}
 * where an item is
 *   - a number k >= 0: the shared piece s[k]; -1: the place's tooltip name;
 *   - a string: the piece itself (seen in one popup only);
 *   - an array [text, start1, end1, start2, end2, ...]: a quoted sentence,
 *     text given as a string or as an index into s, with <mark> around each
 *     [start, end) (offsets in UTF-16 code units, as String.slice counts).
 */
(function (root) {
    "use strict";

    function quote(P, x) {
        var t = typeof x[0] === "number" ? P.s[x[0]] : x[0], out = "", pos = 0;
        for (var j = 1; j < x.length; j += 2) {
            out += t.slice(pos, x[j]) + P.mark[0] + t.slice(x[j], x[j + 1]) + P.mark[1];
            pos = x[j + 1];
        }
        return out + t.slice(pos);
    }

    /** The HTML of popup i of the blob P; tip is the place's tooltip name. */
    function popupHtml(P, i, tip) {
        return P.p[i].map(function (x) {
            if (typeof x === "number") { return x < 0 ? tip : P.s[x]; }
            if (typeof x === "string") { return x; }
            return quote(P, x);
        }).join("");
    }

    var api = {popupHtml: popupHtml};
    if (typeof module === "object" && module.exports) {
        module.exports = api;
    } else {
        root.geonewsBlob = api;
    }
}(this));
