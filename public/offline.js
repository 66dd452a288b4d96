// Registers the service worker (/sw.js) that keeps the pages a phone has seen for when the
// connection drops, and tells it what this first page used (it loaded before the worker
// ran). Nothing here is needed for the page to work.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !window.Promise) return;
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("/sw.js").then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (reg) {
      var seen = [location.href];
      var links = document.querySelectorAll('link[rel="stylesheet"], script[src], link[rel="icon"]');
      for (var i = 0; i < links.length; i++) seen.push(links[i].href || links[i].src);
      if (reg.active) reg.active.postMessage({ seen: seen });
    }).catch(function () { /* offline copies are a convenience */ });
  });
})();
