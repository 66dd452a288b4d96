// Wakes the page's islands only once the page has loaded. The server keeps Leptos's island
// bootstrap inert in <script id="island-boot" type="text/plain"> (without its preload
// hints); this starts it after the load event, so on a thin 3G line the WASM download
// never competes with the HTML and CSS the villager is waiting for. The forms work
// without it: they are plain GET/POST forms until the island arrives.
(function () {
  "use strict";
  function start() {
    var inert = document.getElementById("island-boot");
    if (!inert || inert.dataset.started) return;
    inert.dataset.started = "1";
    var s = document.createElement("script");
    s.type = "module";
    // The page's CSP nonce: the bootstrap runs under the same policy as if it were inline.
    s.nonce = inert.nonce || inert.getAttribute("nonce") || "";
    s.textContent = inert.textContent;
    document.body.appendChild(s);
  }
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start, { once: true });
})();
