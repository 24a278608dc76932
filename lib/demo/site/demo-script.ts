/**
 * The demo site's own page script, as a customer would write it: buttons carry data attributes
 * naming the event to send, and every call goes through the public `tailor` API — nothing here
 * talks to Tailor directly. Also drives the visitor bar (who am I, identify as, reset).
 */
export const DEMO_SCRIPT = `
(function () {
  var tailor = window.tailor;
  if (!tailor) return;
  if (tailor.preview) document.documentElement.classList.add("tailor-preview");
  var catalog = {};
  try { catalog = JSON.parse(document.getElementById("demo-catalog").textContent); } catch (e) {}
  var toastEl = null, toastTimer = null;
  function toast(text) {
    if (!toastEl) { toastEl = document.createElement("div"); toastEl.className = "toast"; toastEl.setAttribute("role", "status"); document.body.appendChild(toastEl); }
    toastEl.textContent = text;
    toastEl.classList.add("on");
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { toastEl.classList.remove("on"); }, 2200);
  }
  function props(el) { try { return JSON.parse(el.getAttribute("data-demo-props") || "{}"); } catch (e) { return {}; } }
  function uid(prefix) { return prefix + Date.now().toString(36) + Math.random().toString(36).slice(2, 6); }

  document.addEventListener("click", function (e) {
    var el = e.target.closest && e.target.closest("[data-demo-track],[data-demo-product],[data-demo-read]");
    if (!el) return;
    e.preventDefault();
    if (el.hasAttribute("data-demo-read")) {
      var story = props(el);
      tailor.page(story.category, story.title, story);
      toast("Read: " + story.title + " (" + story.category + ")");
      return;
    }
    if (el.hasAttribute("data-demo-product")) {
      var card = el.closest("[data-tailor-item-id],[data-product-id]");
      var id = card && (card.getAttribute("data-product-id") || card.getAttribute("data-tailor-item-id"));
      var product = catalog[id];
      if (!product) return;
      var action = el.getAttribute("data-demo-product");
      if (action === "buy") {
        tailor.track("Order Completed", { order_id: uid("ord_demo_"), revenue: product.price, currency: "USD", products: [Object.assign({ quantity: 1 }, product)] });
        toast("Order completed: " + product.name);
      } else if (action === "add") {
        tailor.track("Product Added", Object.assign({ quantity: 1 }, product));
        toast("Added to cart: " + product.name);
      } else {
        tailor.track("Product Viewed", product);
        toast("Viewed: " + product.name);
      }
      return;
    }
    var event = el.getAttribute("data-demo-track");
    var p = props(el);
    if (event === "Flight Booked") p.booking_id = uid("bk_demo_");
    tailor.track(event, p);
    toast(el.getAttribute("data-demo-toast") || event);
  });

  // --- visitor bar ---
  var who = document.getElementById("demo-who");
  var decisions = document.getElementById("demo-decisions");
  var status = document.getElementById("demo-status");
  function showWho() {
    if (!who) return;
    var user = tailor.userId();
    who.innerHTML = "";
    var label = document.createElement("span");
    label.innerHTML = user ? "Signed in as <b></b> · anonymous id " : "New visitor · anonymous id ";
    if (user) label.querySelector("b").textContent = user;
    var code = document.createElement("code");
    code.setAttribute("data-testid", "demo-anonymous-id");
    code.textContent = tailor.anonymousId();
    who.appendChild(label);
    who.appendChild(code);
  }
  showWho();
  tailor.on("decided", function (flags) {
    if (!decisions) return;
    decisions.innerHTML = "";
    var here = [].map.call(document.querySelectorAll("[data-tailor-slot]"), function (el) { return el.getAttribute("data-tailor-slot"); });
    flags.filter(function (f) { return here.indexOf(f.key) >= 0; }).forEach(function (f) {
      var chip = document.createElement("span");
      chip.className = "chip";
      chip.textContent = f.key + ": ";
      var i = document.createElement("i");
      i.textContent = (f.variant || "—") + " (" + f.reason + ")";
      chip.appendChild(i);
      decisions.appendChild(chip);
    });
    if (status) status.textContent = "Decided " + new Date().toLocaleTimeString();
  });
  tailor.on("sent", function (messages) {
    if (status) status.textContent = "Sent " + messages.map(function (m) { return m.event || (m.type === "page" ? "Page Viewed" + (m.category ? " (" + m.category + ")" : "") : m.type); }).join(", ") + " ✓";
  });
  var identify = document.getElementById("demo-identify");
  if (identify) identify.addEventListener("click", function () {
    var select = document.getElementById("demo-persona");
    if (!select.value) return;
    tailor.identify(select.value);
    showWho();
    toast("Identified as " + select.value);
  });
  var reset = document.getElementById("demo-reset");
  if (reset) reset.addEventListener("click", function () {
    tailor.reset();
    showWho();
    toast("You are a new anonymous visitor");
  });
})();
`;
