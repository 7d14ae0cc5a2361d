// The agent console: polls the hand-off queue and the open conversation; replies as a person.
// Shopper text is set with textContent only. The token lives in sessionStorage: it survives reloads, not the tab.
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var session = {
    get: function (k) { try { return sessionStorage.getItem("shopclerk.console." + k); } catch (e) { return null; } },
    set: function (k, v) {
      try {
        if (v === null) sessionStorage.removeItem("shopclerk.console." + k);
        else sessionStorage.setItem("shopclerk.console." + k, v);
      } catch (e) { /* no storage: sign in again after a reload */ }
    }
  };
  var REASONS = { requested: "asked for a person", complaint: "complaint", not_understood: "not understood",
    outside_policy: "outside policy", error: "error" };
  var ROLES = { shopper: "Shopper", bot: "Assistant", human: "Team" };

  var token = session.get("token");
  var agent = session.get("agent");
  var current = null;       // conversation id on screen
  var lastSeq = 0;
  var handoff = null;       // the open conversation's active hand-off
  var queueTimer = null;
  var convTimer = null;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function alertText(text) {
    var box = $("alert");
    box.textContent = text;
    box.hidden = !text;
    if (text) setTimeout(function () { if (box.textContent === text) box.hidden = true; }, 6000);
  }

  function api(method, path, body) {
    var init = { method: method, headers: { Authorization: "Bearer " + token } };
    if (body !== undefined) { init.headers["Content-Type"] = "application/json"; init.body = JSON.stringify(body); }
    return fetch("/console/api" + path, init).then(function (response) {
      if (response.status === 401) { signOut("That console token was not accepted."); throw new Error("unauthorized"); }
      return response.json().then(function (data) {
        if (!response.ok) throw new Error(typeof data.detail === "string" ? data.detail : "request failed");
        return data;
      });
    });
  }

  function time(iso) {
    var d = new Date(iso);
    return isNaN(d) ? "" : d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  // ---- queue ----
  function renderQueue(items) {
    var list = $("queue");
    list.textContent = "";
    $("queue-empty").hidden = items.length > 0;
    $("queue-count").textContent = items.length ? String(items.length) : "";
    items.forEach(function (h) {
      var li = el("li");
      var b = el("button", "queue__item");
      b.type = "button";
      b.setAttribute("data-conversation", h.conversation_id);
      if (h.conversation_id === current) b.setAttribute("aria-current", "true");
      var top = el("p");
      top.appendChild(el("span", "tag tag--" + h.status, h.status === "claimed" ? "claimed by " + h.agent : "waiting"));
      top.appendChild(el("span", "queue__meta", (REASONS[h.reason] || h.reason) + " · since " + time(h.created_at)));
      b.appendChild(top);
      b.appendChild(el("p", "queue__what", h.summary.what));
      b.appendChild(el("p", "queue__meta", h.summary.who + (h.summary.order_number ? " · " + h.summary.order_number : "")));
      if (h.summary.last_message) b.appendChild(el("p", "queue__meta", "“" + h.summary.last_message + "”"));
      b.addEventListener("click", function () { openConversation(h.conversation_id); });
      li.appendChild(b);
      list.appendChild(li);
    });
  }

  function pollQueue() {
    clearTimeout(queueTimer);
    api("GET", "/handoffs").then(renderQueue, function (e) { if (e.message !== "unauthorized") alertText(e.message); })
      .then(function () { if (token) queueTimer = setTimeout(pollQueue, 3000); });
  }

  // ---- conversation ----
  function renderSummary(h) {
    var dl = $("summary");
    dl.textContent = "";
    if (!h) { dl.hidden = true; return; }
    dl.hidden = false;
    var rows = [["Who", h.summary.who], ["Wants", h.summary.what], ["Order", h.summary.order_number],
      ["Reason", REASONS[h.reason] || h.reason], ["Bot tried", (h.summary.tried || []).join(" / ")]];
    rows.forEach(function (r) {
      if (!r[1]) return;
      dl.appendChild(el("dt", null, r[0]));
      dl.appendChild(el("dd", null, r[1]));
    });
  }

  function renderState() {
    var claimedByMe = handoff && handoff.status === "claimed";
    $("claim").disabled = !handoff || claimedByMe && handoff.agent === agent;
    $("claim").textContent = handoff && handoff.status === "claimed" && handoff.agent !== agent ? "Take over" : "Claim";
    $("release").disabled = !handoff;
    $("reply").disabled = !claimedByMe;
    $("reply-form").querySelector("button").disabled = !claimedByMe;
    $("state").textContent = !handoff
      ? "The assistant is handling this conversation (no active hand-off)."
      : handoff.status === "waiting" ? "Waiting for a person: claim it to reply."
      : "Claimed by " + handoff.agent + ". The assistant stays silent until you release it.";
  }

  function addLines(lines) {
    var list = $("lines");
    lines.forEach(function (line) {
      if (line.seq <= lastSeq) return;
      var li = el("li", "line line--" + line.role);
      li.setAttribute("data-seq", line.seq);
      li.appendChild(el("span", "line__role", ROLES[line.role] || line.role));
      li.appendChild(document.createTextNode(line.text));
      list.appendChild(li);
      lastSeq = line.seq;
      list.scrollTop = list.scrollHeight;
    });
  }

  function pollConversation() {
    clearTimeout(convTimer);
    if (!current) return;
    var cid = current;
    api("GET", "/conversations/" + encodeURIComponent(cid) + "?after=" + lastSeq).then(function (view) {
      if (cid !== current) return;
      addLines(view.lines);
      var before = handoff ? handoff.id + handoff.status : "";
      handoff = view.handoff;
      if ((handoff ? handoff.id + handoff.status : "") !== before) renderSummary(handoff);
      renderState();
      $("presence").textContent = view.shopper_typing ? "Shopper is typing…"
        : view.shopper_online ? "Shopper is online" : "Shopper is offline";
    }, function (e) { if (e.message !== "unauthorized") alertText(e.message); })
      .then(function () { if (token && cid === current) convTimer = setTimeout(pollConversation, 1500); });
  }

  function openConversation(cid) {
    current = cid;
    lastSeq = 0;
    handoff = null;
    location.hash = "conversation=" + encodeURIComponent(cid);
    $("lines").textContent = "";
    $("placeholder").hidden = true;
    $("conv").hidden = false;
    $("conv-title").textContent = "Conversation " + cid.slice(0, 8);
    var items = document.querySelectorAll(".queue__item");
    for (var i = 0; i < items.length; i++) {
      items[i].setAttribute("aria-current", items[i].getAttribute("data-conversation") === cid ? "true" : "false");
    }
    renderSummary(null);
    pollConversation();
  }

  function change(path, body) {
    return api("POST", path, body).then(function (h) { handoff = h.status === "released" ? null : h; renderState(); })
      .then(pollQueue, function (e) { if (e.message !== "unauthorized") alertText(e.message); })
      .then(pollConversation);
  }

  $("claim").addEventListener("click", function () { if (handoff) change("/handoffs/" + handoff.id + "/claim", { agent: agent }); });
  $("release").addEventListener("click", function () { if (handoff) change("/handoffs/" + handoff.id + "/release"); });
  $("reply-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var input = $("reply");
    var text = input.value.trim();
    if (!text || !current) return;
    api("POST", "/conversations/" + encodeURIComponent(current) + "/reply", { text: text }).then(function (line) {
      input.value = "";
      addLines([line]);
    }, function (e) { if (e.message !== "unauthorized") alertText(e.message); });
  });

  // ---- sign in / out ----
  function show() {
    var signedIn = Boolean(token && agent);
    $("login").hidden = signedIn;
    $("app").hidden = !signedIn;
    $("signout").hidden = !signedIn;
    $("who").hidden = !signedIn;
    if (!signedIn) { $("token").focus(); return; }
    $("who").textContent = "Signed in as " + agent;
    pollQueue();
    var match = /conversation=([^&]+)/.exec(location.hash);
    if (match) openConversation(decodeURIComponent(match[1]));
  }

  function signOut(message) {
    token = null;
    session.set("token", null);
    clearTimeout(queueTimer);
    clearTimeout(convTimer);
    show();
    if (message) alertText(message);
  }

  $("login-form").addEventListener("submit", function (event) {
    event.preventDefault();
    token = $("token").value;
    agent = $("agent").value.trim();
    session.set("token", token);
    session.set("agent", agent);
    $("token").value = "";
    show();
  });
  $("signout").addEventListener("click", function () { signOut(""); });
  if (agent) $("agent").value = agent;
  show();
})();
