// Poputchiki's service worker: pages already seen open without a connection. Plain JS, no
// framework. What it keeps:
//   - hashed static files (/a/…: CSS, scripts, the WASM), cache-first, since a hashed URL
//     never changes;
//   - the last public pages visited (organization and okrug pages, the okrug list, the
//     village list and the bare search page), network-first: with a connection the page
//     is always fresh, without one the saved copy is shown with «Нет связи: показана
//     сохранённая страница от …» above it.
// It never keeps a page the server marked `no-store` (everything shown to a logged-in
// person) and never a form (login, registration, editing, staff pages).
"use strict";

var PAGES = "pages-v1";
var FILES = "files-v1";
var MAX_PAGES = 30;

// The public pages worth keeping: /, /org/{id}, /okrug, /okrug/{slug}, /places.
function keepable(url) {
  if (url.origin !== self.location.origin) return false;
  var p = url.pathname;
  if (p === "/" ) return url.search === "";
  if (p === "/okrug" || p === "/places") return true;
  if (/^\/okrug\/[a-z0-9-]+$/.test(p)) return true;
  return /^\/org\/\d[^/]*$/.test(p);
}

function storable(resp) {
  return resp && resp.ok && resp.type === "basic" &&
    !/no-store/.test(resp.headers.get("Cache-Control") || "");
}

function savePage(request, resp) {
  var headers = new Headers(resp.headers);
  headers.set("X-Saved-At", new Date().toISOString());
  return resp.clone().text().then(function (body) {
    var copy = new Response(body, { status: resp.status, headers: headers });
    return caches.open(PAGES).then(function (c) {
      return c.put(request.url, copy).then(function () { return trim(c); });
    });
  });
}

// Only the most recent pages stay.
function trim(cache) {
  return cache.keys().then(function (keys) {
    var extra = keys.length - MAX_PAGES;
    return Promise.all(keys.slice(0, Math.max(0, extra)).map(function (k) { return cache.delete(k); }));
  });
}

// The saved page with the offline note put at the top of its main content. The note's
// words come from the page itself (<meta name="offline-note">), in its language.
function withNote(resp) {
  var saved = resp.headers.get("X-Saved-At");
  return resp.text().then(function (html) {
    var m = html.match(/<meta name="offline-note" content="([^"]*)"/);
    var when = saved ? new Date(saved) : null;
    var stamp = when ? when.toLocaleString("ru-RU", { day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" }) : "";
    var text = (m ? m[1] : "Нет связи: показана сохранённая страница от {date}").replace("{date}", stamp);
    var note = '<p class="offline-note" role="status">' + text + "</p>";
    var out = html.replace(/(<main[^>]*>)/, "$1" + note);
    var headers = new Headers(resp.headers);
    headers.delete("Content-Length");
    return new Response(out, { status: 200, headers: headers });
  });
}

function offlinePage() {
  var body = '<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Нет связи</title></head>' +
    '<body><main><h1>Нет связи</h1><p>Эта страница ещё не открывалась на этом телефоне, поэтому ' +
    "её нет в памяти. Откройте её, когда появится связь.</p><p><a href=\"/\">На главную</a></p></main></body></html>";
  return new Response(body, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n !== PAGES && n !== FILES; })
      .map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

// The first page loads before this worker runs: it tells us what it used (offline.js).
self.addEventListener("message", function (event) {
  var urls = (event.data && event.data.seen) || [];
  event.waitUntil(Promise.all(urls.map(function (u) {
    var url = new URL(u, self.location.origin);
    var isFile = url.pathname.indexOf("/a/") === 0;
    if (!isFile && !keepable(url)) return null;
    return fetch(url.href, { credentials: "same-origin" }).then(function (resp) {
      if (!storable(resp)) return null;
      return isFile
        ? caches.open(FILES).then(function (c) { return c.put(url.href, resp); })
        : savePage(new Request(url.href), resp);
    }).catch(function () { return null; });
  })));
});

self.addEventListener("fetch", function (event) {
  var req = event.request;
  if (req.method !== "GET") return;
  var url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.indexOf("/a/") === 0) {
    event.respondWith(caches.open(FILES).then(function (c) {
      return c.match(req.url).then(function (hit) {
        return hit || fetch(req).then(function (resp) {
          if (storable(resp)) c.put(req.url, resp.clone());
          return resp;
        });
      });
    }));
    return;
  }
  if (req.mode !== "navigate") return;
  // Always ask the server (a 304 costs a few hundred bytes): the browser's own short cache
  // would otherwise show a saved page without saying it is one.
  // A redirect (a merged record's old address, a login wall) goes back to the browser as
  // one: a followed redirect handed to a navigation is a network error.
  var fresh = new Request(req.url, { cache: "no-cache", credentials: "same-origin", headers: req.headers, redirect: "manual" });
  event.respondWith(fetch(fresh).then(function (resp) {
    if (keepable(url) && storable(resp)) event.waitUntil(savePage(req, resp));
    return resp;
  }).catch(function () {
    return caches.open(PAGES).then(function (c) { return c.match(req.url); }).then(function (hit) {
      return hit ? withNote(hit) : offlinePage();
    });
  }));
});
