/*!
 * tailor.js — Tailor's web snippet. No dependencies, no build step; see docs/website.md.
 *
 *   <script src="https://tailor.example.com/tailor.js" data-write-key="tw_…" data-client-key="tc_…"></script>
 *
 * Tracking: tailor.page(), tailor.track(event, properties), tailor.identify(userId, traits) send
 * Segment-shaped messages, batched, to POST /api/v1/batch with the write key.
 * Personalization: every [data-tailor-slot="key"] element is filled from ONE bulk OFREP decision
 * (POST /ofrep/v1/evaluate/flags with the client key). Slots stay hidden until decided; after the
 * timeout they show their own markup. Nothing here ever throws into the page.
 */
(function (window, document) {
  "use strict";
  if (window.tailor && window.tailor.version) return; // included twice

  var VERSION = "1.0.0";
  var html = document.documentElement;
  var script = document.currentScript;
  var LOADING = "tailor-loading";
  var config = { writeKey: null, clientKey: null, host: null, timeout: 800, refreshDelay: 700, autoPage: true, context: {} };
  var listeners = {};
  var queue = [];
  var flushTimer = null;
  var started = false;
  var current = null; // { flags, etag } last applied decision
  var preview = false;

  function warn() {
    try {
      console.warn.apply(console, ["[tailor]"].concat([].slice.call(arguments)));
    } catch (e) { /* no console */ }
  }
  function safe(fn) {
    return function () {
      try {
        return fn.apply(null, arguments);
      } catch (error) {
        warn(error);
      }
    };
  }
  function emit(name, data) {
    (listeners[name] || []).slice().forEach(function (fn) {
      try { fn(data); } catch (error) { warn("a", name, "listener failed:", error); }
    });
  }

  // --- storage: localStorage when allowed, memory otherwise -----------------------------------
  var memory = {};
  function load(key, area) {
    try { return (area || window.localStorage).getItem("tailor." + key); } catch (e) { return memory[key] || null; }
  }
  function save(key, value, area) {
    try {
      if (value === null) (area || window.localStorage).removeItem("tailor." + key);
      else (area || window.localStorage).setItem("tailor." + key, value);
    } catch (e) { memory[key] = value; }
  }
  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = new Uint8Array(16);
    (window.crypto || window.msCrypto).getRandomValues(b);
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var h = [].map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }
  function anonymousId() {
    var id = load("anonymousId");
    if (!id) { id = uuid(); save("anonymousId", id); }
    return id;
  }
  function userId() { return load("userId"); }
  function assign(target) {
    for (var i = 1; i < arguments.length; i++) for (var k in arguments[i] || {}) if (Object.prototype.hasOwnProperty.call(arguments[i], k)) target[k] = arguments[i][k];
    return target;
  }

  // --- where the page is and who is looking -----------------------------------------------------
  var UTM = { utm_source: "source", utm_medium: "medium", utm_campaign: "name", utm_term: "term", utm_content: "content" };
  function query() { return new URLSearchParams(location.search); }
  function device() {
    var ua = navigator.userAgent || "";
    if (/iPad|Tablet|PlayBook|Silk/i.test(ua) || (/Android/i.test(ua) && !/Mobi/i.test(ua))) return "tablet";
    return /Mobi|iPhone|iPod|Android/i.test(ua) ? "mobile" : "desktop";
  }
  function pageInfo() {
    return { path: location.pathname, referrer: document.referrer, search: location.search, title: document.title, url: location.href };
  }
  function messageContext() {
    var context = { page: pageInfo(), userAgent: navigator.userAgent, locale: navigator.language, library: { name: "tailor.js", version: VERSION } };
    var q = query();
    var campaign = {};
    for (var k in UTM) if (q.get(k)) campaign[UTM[k]] = q.get(k);
    if (Object.keys(campaign).length) context.campaign = campaign;
    try { context.timezone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { /* old browser */ }
    return context;
  }
  /** The OFREP evaluation context: who (targetingKey) plus request-time facts usable in rules. */
  function decisionContext() {
    var ctx = { targetingKey: userId() || anonymousId(), page_url: location.href, path: location.pathname, locale: navigator.language, device: device() };
    if (document.referrer) ctx.referrer = document.referrer;
    var q = query();
    for (var k in UTM) if (q.get(k)) ctx[k] = q.get(k);
    return assign(ctx, config.context);
  }
  function host() {
    var base = config.host || (script && script.src) || location.href;
    try { return new URL(base, location.href).origin; } catch (e) { return location.origin; }
  }

  // --- tracking: batched to /api/v1/batch ------------------------------------------------------
  function enqueue(type, fields, refresh) {
    var message = assign({ type: type, messageId: uuid(), timestamp: new Date().toISOString(), anonymousId: anonymousId(), context: messageContext() }, fields);
    if (userId() && !message.userId) message.userId = userId();
    if (preview) {
      // Previews must not change anyone's data: tell the previewing page what would have been sent.
      window.parent.postMessage({ source: "tailor", type: "event", message: message }, host());
      return;
    }
    queue.push({ message: message, refresh: refresh, attempts: 0 });
    if (!flushTimer) flushTimer = setTimeout(flush, queue.length >= 20 ? 0 : 200);
  }

  function flush() {
    clearTimeout(flushTimer);
    flushTimer = null;
    if (!queue.length) return Promise.resolve();
    if (!config.writeKey) {
      warn("no write key: call tailor.init({ writeKey }) or set data-write-key; events are kept until then");
      return Promise.resolve();
    }
    var items = queue.splice(0, 100);
    var messages = items.map(function (i) { return i.message; });
    return fetch(host() + "/api/v1/batch", {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "Basic " + btoa(config.writeKey + ":") },
      body: JSON.stringify({ batch: messages, sentAt: new Date().toISOString() }),
      credentials: "omit",
    }).then(function (res) {
      if (res.ok) {
        emit("sent", messages);
        if (items.some(function (i) { return i.refresh; })) scheduleRefresh();
      } else if (res.status === 429 || res.status >= 500) retry(items);
      else return res.json().then(function (body) { warn("events refused (" + res.status + "):", body && body.error ? body.error.message : body); }, function () { warn("events refused (" + res.status + ")"); });
    }, function () { retry(items); }).then(function () { if (queue.length && !flushTimer) flushTimer = setTimeout(flush, 0); });
  }

  function retry(items) {
    var left = items.filter(function (i) { return ++i.attempts < 4; });
    if (left.length < items.length) warn("dropped", items.length - left.length, "event(s) after 4 attempts");
    queue = left.concat(queue);
    if (left.length && !flushTimer) flushTimer = setTimeout(flush, 1000 * Math.pow(2, left[0].attempts));
  }

  // Leaving the page: hand what is queued to the browser (a text/plain beacon needs no preflight).
  function flushOnExit() {
    if (!queue.length || !config.writeKey || !navigator.sendBeacon) return;
    var messages = queue.splice(0, 100).map(function (i) { return i.message; });
    var body = JSON.stringify({ batch: messages, sentAt: new Date().toISOString(), writeKey: config.writeKey });
    navigator.sendBeacon(host() + "/api/v1/batch", new Blob([body], { type: "text/plain" }));
  }
  window.addEventListener("pagehide", safe(flushOnExit));
  document.addEventListener("visibilitychange", safe(function () { if (document.visibilityState === "hidden") flushOnExit(); }));

  // --- decisions: one bulk OFREP call ------------------------------------------------------------
  /** Resolves to { flags, changed } or null when no decision could be had (never rejects). */
  function fetchDecisions() {
    if (!config.clientKey) {
      warn("no client key: set data-client-key or call tailor.init({ clientKey }); slots keep their own content");
      return Promise.resolve(null);
    }
    var context = decisionContext();
    var cacheKey = "flags:" + context.targetingKey;
    var cached = null;
    try { cached = JSON.parse(load(cacheKey, window.sessionStorage) || "null"); } catch (e) { cached = null; }
    var headers = { "Content-Type": "application/json", Authorization: "Bearer " + config.clientKey };
    if (cached && cached.etag) headers["If-None-Match"] = cached.etag;
    return fetch(host() + "/ofrep/v1/evaluate/flags", { method: "POST", headers: headers, body: JSON.stringify({ context: context }), credentials: "omit" })
      .then(function (res) {
        if (res.status === 304 && cached) return { flags: cached.flags, changed: false };
        if (!res.ok) {
          return res.json().then(function (b) { warn("decisions failed (" + res.status + "):", b && b.errorDetails); return null; }, function () { warn("decisions failed (" + res.status + ")"); return null; });
        }
        return res.json().then(function (body) {
          var flags = Array.isArray(body && body.flags) ? body.flags : [];
          var etag = res.headers.get("ETag");
          if (etag) save(cacheKey, JSON.stringify({ etag: etag, flags: flags }), window.sessionStorage);
          return { flags: flags, changed: !cached || cached.etag !== etag };
        });
      })
      .catch(function (error) { warn("decisions unavailable:", error && error.message); return null; });
  }

  function whenReady(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", safe(fn));
    else safe(fn)();
  }
  function reveal() { html.classList.remove(LOADING); }

  var timedOut = false;
  function firstDecision() {
    var timer = setTimeout(function () {
      timedOut = true;
      whenReady(function () { markSlots("timeout"); });
      reveal();
    }, preview ? 5000 : config.timeout);
    if (preview) return; // decisions come from the previewing page
    fetchDecisions().then(safe(function (result) {
      if (timedOut) {
        // Swapping content the visitor already sees would flicker: keep the defaults this time.
        if (result) warn("decisions arrived after " + config.timeout + " ms; the page keeps its own content (tailor.refresh() applies them)");
        return;
      }
      clearTimeout(timer);
      whenReady(function () {
        if (timedOut) return;
        if (result) apply(result.flags);
        else markSlots("default");
        reveal();
      });
    }));
  }

  var refreshTimers = [];
  /**
   * Memberships update right after a batch is stored, but on a busy server that can take seconds:
   * look again after 0.7, 2.5 and 6 s (an unchanged answer is a cheap 304).
   */
  function scheduleRefresh() {
    refreshTimers.forEach(clearTimeout);
    refreshTimers = [config.refreshDelay, 2500, 6000].map(function (ms) { return setTimeout(refresh, ms); });
  }
  /** Re-decides every slot; resolves to whether anything changed. */
  function refresh() {
    if (preview) {
      window.parent.postMessage({ source: "tailor", type: "ready", slots: slotKeys(), page: pageInfo() }, host());
      return Promise.resolve(false);
    }
    return fetchDecisions().then(safe(function (result) {
      if (!result) return false;
      var changed = apply(result.flags);
      reveal();
      return changed;
    }));
  }

  // --- rendering ------------------------------------------------------------------------------
  function slotElements() { return [].slice.call(document.querySelectorAll("[data-tailor-slot]")); }
  function slotKeys() {
    var keys = [];
    slotElements().forEach(function (el) { var k = el.getAttribute("data-tailor-slot"); if (k && keys.indexOf(k) < 0) keys.push(k); });
    return keys;
  }
  function markSlots(state) {
    slotElements().forEach(function (el) { if (!el.hasAttribute("data-tailor-state")) el.setAttribute("data-tailor-state", state); });
  }
  function isEmpty(value) { return !value || typeof value !== "object" || Object.keys(value).length === 0; }
  /** http(s) URLs and paths on the site itself (Tailor refuses anything else before it is stored). */
  function isUrl(v) { return typeof v === "string" && (/^https?:\/\//i.test(v) || /^\/(?![\/\\])/.test(v)); }
  /** Text values are HTML-escaped where merge tags print; show them as plain text, never as markup. */
  function plain(v) {
    var s = v === null || v === undefined ? "" : String(v);
    if (!/[&<]/.test(s)) return s;
    return new DOMParser().parseFromString(s, "text/html").body.textContent || "";
  }

  /** Applies flags to every slot; returns whether any slot's content changed. */
  function apply(flags) {
    var byKey = {};
    (flags || []).forEach(function (f) { if (f && f.key) byKey[f.key] = f; });
    current = { flags: flags };
    var changed = false;
    slotElements().forEach(function (el) {
      try {
        var flag = byKey[el.getAttribute("data-tailor-slot")];
        var shown = el.getAttribute("data-tailor-state") === "decided";
        // No answer for this slot, or Tailor failed: never take away what the visitor already sees.
        if (!flag || (flag.reason === "ERROR" && (shown || isEmpty(flag.value)))) {
          if (!shown) el.setAttribute("data-tailor-state", "default");
          if (preview) badge(el, flag);
          return;
        }
        var value = isEmpty(flag.value) ? null : flag.value;
        if (render(el, value)) changed = true;
        el.setAttribute("data-tailor-state", value ? "decided" : "default");
        if (value && flag.variant) el.setAttribute("data-tailor-variant", flag.variant);
        else el.removeAttribute("data-tailor-variant");
        if (flag && flag.reason) el.setAttribute("data-tailor-reason", flag.reason);
        if (preview) badge(el, flag);
      } catch (error) {
        warn("could not fill slot", el.getAttribute("data-tailor-slot"), error);
      }
    });
    emit("decided", flags || []);
    return changed;
  }

  /** Puts `value` into a slot, starting from the slot's own markup; null restores that markup. */
  function render(el, value) {
    if (el.__tailorDefault === undefined) el.__tailorDefault = el.innerHTML;
    var signature = value ? JSON.stringify(value) : "";
    if (el.__tailorShown === signature) return false;
    el.innerHTML = el.__tailorDefault;
    el.__tailorShown = signature;
    if (!value) return true;
    var fields = [].slice.call(el.querySelectorAll("[data-tailor-field]"));
    if (el.hasAttribute("data-tailor-field")) fields.unshift(el);
    fields.forEach(function (node) {
      var name = node.getAttribute("data-tailor-field");
      var v = value[name];
      // Nothing to show (no value, an empty list): the site's own markup for this part stays.
      if (v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0)) fill(node, v);
    });
    return true;
  }

  function fill(node, v) {
    var type = node.getAttribute("data-tailor-type");
    if (!type) type = Array.isArray(v) ? "product_list" : node.tagName === "IMG" ? "image_url" : node.tagName === "A" && isUrl(v) ? "link" : "text";
    if (type === "product_list") return renderList(node, v);
    if (type === "image_url") return isUrl(v) && node.setAttribute("src", v);
    if (type === "link") return isUrl(v) && node.setAttribute("href", v);
    if (type === "rich_text") { node.innerHTML = String(v); return; } // sanitized by Tailor before it left the server
    node.textContent = plain(v);
  }

  /** A product_list: the field element holds a <template>, cloned once per item. */
  function renderList(node, items) {
    var template = node.querySelector("template");
    if (!template || !Array.isArray(items)) return;
    [].slice.call(node.childNodes).forEach(function (child) { if (child !== template) node.removeChild(child); });
    items.forEach(function (item) {
      var copy = template.content.cloneNode(true);
      [].slice.call(copy.querySelectorAll("[data-tailor-item]")).forEach(function (el) {
        var key = el.getAttribute("data-tailor-item");
        var v = key === "." ? item : item && item[key];
        if (v === undefined || v === null || v === "") {
          if (el.hasAttribute("data-tailor-optional")) el.parentNode.removeChild(el);
          return;
        }
        var attr = el.getAttribute("data-tailor-attr");
        if (attr) { if (!/^on/i.test(attr) && (attr !== "href" && attr !== "src" || isUrl(v))) el.setAttribute(attr, String(v)); }
        else if (el.tagName === "IMG") { if (isUrl(v)) el.setAttribute("src", v); }
        else if (el.tagName === "A" && isUrl(v)) el.setAttribute("href", v);
        else if (el.getAttribute("data-tailor-format") === "price" && typeof v === "number") {
          el.textContent = new Intl.NumberFormat(undefined, { style: "currency", currency: el.getAttribute("data-tailor-currency") || "USD" }).format(v);
        } else el.textContent = String(v); // product data is plain text, not template output
      });
      [].slice.call(copy.children).forEach(function (root) { if (item && item.product_id) root.setAttribute("data-tailor-item-id", item.product_id); });
      node.appendChild(copy);
    });
  }

  // --- preview: decisions arrive from Tailor's preview page, nothing is sent -------------------
  function badge(el, flag) {
    var old = el.querySelector(":scope > .tailor-preview-badge");
    if (old) old.parentNode.removeChild(old);
    var b = document.createElement("button");
    b.type = "button";
    b.className = "tailor-preview-badge";
    b.textContent = el.getAttribute("data-tailor-slot") + " · " + (flag ? (flag.variant || "no variant") + " · " + flag.reason : "no decision");
    b.addEventListener("click", function (e) {
      e.preventDefault();
      e.stopPropagation();
      window.parent.postMessage({ source: "tailor", type: "select", slot: el.getAttribute("data-tailor-slot") }, host());
    });
    if (getComputedStyle(el).position === "static") el.style.position = "relative";
    el.insertBefore(b, el.firstChild);
  }

  function startPreview() {
    var css = "[data-tailor-slot]{outline:2px dashed #6366f1;outline-offset:3px}" +
      "[data-tailor-slot][data-tailor-selected]{outline:3px solid #f59e0b}" +
      ".tailor-preview-badge{position:absolute;top:0;right:0;z-index:2147483647;font:600 11px/1.5 system-ui,sans-serif;" +
      "background:#4f46e5;color:#fff;border:0;padding:2px 8px;border-radius:0 0 0 6px;cursor:pointer;opacity:.92}";
    var style = document.createElement("style");
    style.textContent = css;
    (document.head || html).appendChild(style);
    window.addEventListener("message", safe(function (e) {
      var d = e.data;
      if (e.source !== window.parent || e.origin !== host() || !d || d.source !== "tailor-preview") return;
      if (d.type === "hello") {
        // The previewing page started listening after this page loaded: say again which slots are here.
        whenReady(function () { window.parent.postMessage({ source: "tailor", type: "ready", slots: slotKeys(), page: pageInfo() }, host()); });
      } else if (d.type === "decisions") {
        whenReady(function () { apply(d.flags); reveal(); });
      } else if (d.type === "highlight") {
        slotElements().forEach(function (el) {
          var on = el.getAttribute("data-tailor-slot") === d.slot;
          if (on) { el.setAttribute("data-tailor-selected", ""); el.scrollIntoView({ block: "center", behavior: "smooth" }); }
          else el.removeAttribute("data-tailor-selected");
        });
      }
    }));
    // Stay in preview mode when the previewer follows a link to another page of the same site.
    document.addEventListener("click", safe(function (e) {
      var a = e.target && e.target.closest && e.target.closest("a[href]");
      if (!a || a.origin !== location.origin) return;
      var url = new URL(a.href);
      url.searchParams.set("tailor_preview", "1");
      a.href = url.toString();
    }), true);
    whenReady(function () {
      window.parent.postMessage({ source: "tailor", type: "ready", slots: slotKeys(), page: pageInfo() }, host());
    });
  }

  // --- public API -----------------------------------------------------------------------------
  function start() {
    if (started) return;
    started = true;
    firstDecision();
    if (config.autoPage) enqueue("page", { properties: pageInfo() }, false);
  }

  var api = {
    version: VERSION,
    /** Configures the snippet (instead of, or on top of, the script tag's data attributes). */
    init: safe(function (options) {
      options = options || {};
      ["writeKey", "clientKey", "host", "timeout", "refreshDelay", "autoPage"].forEach(function (k) { if (options[k] !== undefined) config[k] = options[k]; });
      if (options.context) config.context = assign({}, options.context);
      if (config.writeKey || config.clientKey) start();
      if (queue.length) flush();
    }),
    /** page([category], [name], [properties]) as in analytics.js. */
    page: safe(function (category, name, properties) {
      if (typeof category === "object" && category !== null) { properties = category; category = name = null; }
      else if (typeof name === "object" && name !== null) { properties = name; name = category; category = null; }
      else if (name === undefined) { name = category; category = null; }
      var fields = { properties: assign(pageInfo(), properties) };
      if (name) fields.name = String(name);
      if (category) fields.category = String(category);
      enqueue("page", fields, true);
    }),
    track: safe(function (event, properties) {
      if (typeof event !== "string" || !event) return warn("track needs an event name");
      enqueue("track", { event: event, properties: assign({}, properties) }, true);
    }),
    identify: safe(function (id, traits) {
      if (typeof id === "object" && id !== null) { traits = id; id = null; }
      if (id !== null && id !== undefined && id !== "") save("userId", String(id));
      enqueue("identify", { userId: userId() || undefined, traits: assign({}, traits) }, true);
    }),
    /** Forgets who this is: a new anonymous id, no user id, fresh decisions. */
    reset: safe(function () {
      save("userId", null);
      save("anonymousId", null);
      anonymousId();
      return refresh();
    }),
    refresh: function () { try { return refresh(); } catch (e) { warn(e); return Promise.resolve(false); } },
    flush: function () { try { return flush(); } catch (e) { warn(e); return Promise.resolve(); } },
    on: function (name, fn) { (listeners[name] = listeners[name] || []).push(fn); return api; },
    off: function (name, fn) { listeners[name] = (listeners[name] || []).filter(function (f) { return f !== fn; }); return api; },
    anonymousId: anonymousId,
    userId: userId,
    /** The flags last applied ([] before the first decision). */
    decisions: function () { return current ? current.flags : []; },
    preview: false,
  };
  window.tailor = api;

  safe(function () {
    html.classList.add(LOADING);
    var style = document.createElement("style");
    style.textContent = "." + LOADING + " [data-tailor-slot]{visibility:hidden}";
    (document.head || html).appendChild(style);
    var data = script ? script.dataset : {};
    if (data.writeKey) config.writeKey = data.writeKey;
    if (data.clientKey) config.clientKey = data.clientKey;
    if (data.host) config.host = data.host;
    if (data.timeout && !isNaN(+data.timeout)) config.timeout = +data.timeout;
    if (data.autoPage === "false") config.autoPage = false;
    preview = api.preview = query().get("tailor_preview") === "1" && window.parent !== window;
    if (preview) startPreview();
    if (config.writeKey || config.clientKey || preview) start();
    else setTimeout(function () { if (!started) reveal(); }, config.timeout); // never hide a page that forgot to init
  })();
})(window, document);
