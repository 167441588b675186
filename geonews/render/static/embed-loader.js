/* Runs a library shared by the embedded maps of a page once per page: the
 * <script type="text/plain" data-gn-lib="KEY"> right before this script holds it. */
(function (s) {
    "use strict";
    var w = window, k = s.getAttribute("data-gn-lib");
    w.__geonewsLibs = w.__geonewsLibs || {};
    if (w.__geonewsLibs[k]) { return; }
    w.__geonewsLibs[k] = 1;
    var e = document.createElement("script");
    e.text = s.textContent;
    (document.head || document.documentElement).appendChild(e);
}(document.currentScript.previousElementSibling));
