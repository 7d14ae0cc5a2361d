// shopclerk chat widget. One tag on any page: <script src="https://YOUR-SHOPCLERK/widget.js" defer></script>
// Optional: data-token="<identity token the shop signed>" names a signed-in customer.
// Safety rule: every string that comes from the server is set with textContent, never parsed as HTML.
(function () {
  "use strict";
  if (window.shopclerk) return; // the tag was included twice

  var SHOP_NAME = "{{shop_name_json}}";
  var script = document.currentScript;
  var base = new URL(script && script.src ? script.src : "/widget.js", location.href);
  var WS_URL = (base.protocol === "https:" ? "wss:" : "ws:") + "//" + base.host + "/ws";
  var token = (script && script.getAttribute("data-token")) || null;
  var PREFIX = "shopclerk:" + base.host + ":";
  var PLACEHOLDER = "Ask about products, orders, delivery…";
  var HINTS = {
    email: "Your email address",
    order_number: "Your order number, e.g. PS-100123",
    order_id: "Your order number, or pick one above",
    postal_code: "Your ZIP / postal code",
    reason: "Tell us why, in a few words",
    address: "The new delivery address"
  };

  // ---- storage (private browsing can refuse it: then the chat simply does not survive reloads) ----
  function load(key) { try { return localStorage.getItem(PREFIX + key); } catch (e) { return null; } }
  function save(key, value) {
    try {
      if (value === null || value === undefined) localStorage.removeItem(PREFIX + key);
      else localStorage.setItem(PREFIX + key, String(value));
    } catch (e) { /* storage unavailable: keep going without persistence */ }
  }

  // ---- DOM helpers: text only ----
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function button(className, text, onClick, label) {
    var b = el("button", className, text);
    b.type = "button";
    if (label) b.setAttribute("aria-label", label);
    b.addEventListener("click", onClick);
    return b;
  }

  function icon() {
    var NS = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "20");
    svg.setAttribute("height", "20");
    svg.setAttribute("aria-hidden", "true");
    var path = document.createElementNS(NS, "path");
    path.setAttribute("d", "M4 4h16a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z");
    path.setAttribute("fill", "currentColor");
    svg.appendChild(path);
    return svg;
  }

  // ---- build the widget inside a shadow root so the shop's CSS and ours never mix ----
  var host = el("div");
  host.id = "shopclerk-widget";
  var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
  var style = el("style");
  style.textContent = "{{widget_css_json}}"; // widget.css, filled in by the server
  root.appendChild(style);

  var launcher = button("sc-launcher", "", function () { toggle(); });
  launcher.setAttribute("aria-expanded", "false");
  launcher.setAttribute("aria-controls", "sc-panel");
  launcher.appendChild(icon());
  launcher.appendChild(el("span", "sc-launcher__text", "Chat with us"));
  var badge = el("span", "sc-badge");
  badge.hidden = true;
  launcher.appendChild(badge);

  var panel = el("section", "sc-panel");
  panel.id = "sc-panel";
  panel.hidden = true;
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-labelledby", "sc-title");

  var header = el("header", "sc-header");
  var titles = el("div", "sc-titles");
  var title = el("h2", "sc-title", SHOP_NAME);
  title.id = "sc-title";
  var status = el("p", "sc-status", "Connecting…");
  status.setAttribute("role", "status");
  titles.appendChild(title);
  titles.appendChild(status);
  header.appendChild(titles);
  header.appendChild(button("sc-icon-button sc-new", "New chat", function () { newChat(); }, "Start a new chat"));
  header.appendChild(button("sc-icon-button sc-close", "✕", function () { close(); }, "Close chat"));

  var banner = el("p", "sc-banner");
  banner.hidden = true;
  banner.setAttribute("role", "status");

  var log = el("ol", "sc-log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");
  log.setAttribute("aria-label", "Conversation");

  var typing = el("p", "sc-typing");
  typing.hidden = true;
  typing.setAttribute("role", "status");
  var typingText = el("span", "sc-typing__text", "The assistant is typing");
  var dots = el("span", "sc-dots");
  dots.setAttribute("aria-hidden", "true");
  dots.appendChild(el("span"));
  dots.appendChild(el("span"));
  dots.appendChild(el("span"));
  typing.appendChild(dots);
  typing.appendChild(typingText);

  var form = el("form", "sc-form");
  form.setAttribute("autocomplete", "off");
  var inputLabel = el("label", "sc-sr", "Your message");
  inputLabel.setAttribute("for", "sc-input");
  var input = el("input", "sc-input");
  input.id = "sc-input";
  input.type = "text";
  input.maxLength = 2000;
  input.placeholder = PLACEHOLDER;
  var send = el("button", "sc-send", "Send");
  send.type = "submit";
  form.appendChild(inputLabel);
  form.appendChild(input);
  form.appendChild(send);

  panel.appendChild(header);
  panel.appendChild(banner);
  panel.appendChild(log);
  panel.appendChild(typing);
  panel.appendChild(form);
  root.appendChild(panel);
  root.appendChild(launcher);

  // ---- state ----
  var ws = null;
  var ready = false;          // welcome received on the current socket
  var conversationId = load("conversation_id");
  var lastSeq = 0;            // highest seq shown in this page
  var shown = {};             // seq -> true: lines already on screen
  var pending = [];           // messages not yet acknowledged: {id, text, actionId, node, sent}
  var counter = 0;
  var retryDelay = 1000;
  var retryTimer = null;
  var unread = 0;
  var handoff = null;         // {state, reason, agent} while a person has the conversation
  var lastTypingSent = 0;

  function setStatus(text, state) {
    status.textContent = text;
    panel.setAttribute("data-connection", state);
  }

  function scrollDown() { log.scrollTop = log.scrollHeight; }

  function nextId() {
    counter += 1;
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 8) + "-" + counter;
  }

  // Buttons of earlier messages stop working once the conversation moves on.
  function retireActions() {
    var live = log.querySelectorAll(".sc-actions:not(.sc-retired)");
    for (var i = 0; i < live.length; i++) {
      live[i].classList.add("sc-retired");
      var buttons = live[i].querySelectorAll("button");
      for (var j = 0; j < buttons.length; j++) buttons[j].disabled = true;
    }
    input.placeholder = PLACEHOLDER;
    input.removeAttribute("inputmode");
  }

  function actions(label) {
    var group = el("div", "sc-actions");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", label);
    return group;
  }

  function who(role) {
    if (role === "shopper") return "You";
    if (role === "human") return (handoff && handoff.agent) ? handoff.agent + " (our team)" : "Our team";
    return "Assistant";
  }

  // ---- parts ----
  function renderCards(data, into) {
    var list = el("ul", "sc-cards");
    (data || []).forEach(function (card) {
      var item = el("li", "sc-card");
      item.appendChild(el("p", "sc-card__name", card.name));
      if (card.brand) item.appendChild(el("p", "sc-card__brand", card.brand));
      var meta = el("p", "sc-card__meta");
      meta.appendChild(el("span", "sc-card__price", card.price));
      meta.appendChild(el("span", card.in_stock ? "sc-stock sc-stock--in" : "sc-stock sc-stock--out",
        card.in_stock ? "In stock" : "Out of stock"));
      item.appendChild(meta);
      if (card.options && card.options.length) item.appendChild(el("p", "sc-card__options", card.options.join(" · ")));
      if (card.reason) item.appendChild(el("p", "sc-card__reason", card.reason));
      var group = actions("Actions for " + card.name);
      group.appendChild(button("sc-chip", "Tell me more", function () {
        sendText("Tell me more about " + card.name, "product:" + card.id);
      }, "Tell me more about " + card.name));
      item.appendChild(group);
      list.appendChild(item);
    });
    into.appendChild(list);
  }

  function renderComparison(data, into) {
    if (!data || !data.products) return;
    var wrap = el("div", "sc-table-wrap");
    wrap.tabIndex = 0; // a wide table scrolls: let keyboard users scroll it
    var table = el("table", "sc-table");
    table.appendChild(el("caption", "sc-sr", "Comparison of " + data.products.join(" and ")));
    var head = el("thead");
    var row = el("tr");
    var corner = el("th", null, "");
    corner.setAttribute("scope", "col");
    row.appendChild(corner);
    data.products.forEach(function (name) {
      var th = el("th", null, name);
      th.setAttribute("scope", "col");
      row.appendChild(th);
    });
    head.appendChild(row);
    table.appendChild(head);
    var body = el("tbody");
    (data.rows || []).forEach(function (r) {
      var tr = el("tr");
      var th = el("th", null, r.attribute);
      th.setAttribute("scope", "row");
      tr.appendChild(th);
      (r.values || []).forEach(function (v) { tr.appendChild(el("td", null, v)); });
      body.appendChild(tr);
    });
    table.appendChild(body);
    wrap.appendChild(table);
    into.appendChild(wrap);
  }

  function renderChoices(labels, into, name) {
    var group = actions(name);
    labels.forEach(function (choice) {
      group.appendChild(button("sc-chip", choice.label, function () { sendText(choice.label, choice.id); }));
    });
    into.appendChild(group);
  }

  function renderCsat(line, into) {
    var box = el("div", "sc-csat");
    var key = "rated:" + conversationId + ":" + line.seq;
    if (load(key)) {
      box.appendChild(el("p", "sc-csat__thanks", "Thanks for your feedback!"));
      into.appendChild(box);
      return;
    }
    box.appendChild(el("p", "sc-csat__question", "How did we do?"));
    var group = actions("Rate this conversation from 1 (poor) to 5 (great)");
    [1, 2, 3, 4, 5].forEach(function (n) {
      group.appendChild(button("sc-chip sc-rate", String(n), function () {
        if (!sendFrame({ type: "feedback", rating: n })) return;
        save(key, n);
        group.classList.add("sc-retired");
        box.textContent = "";
        box.appendChild(el("p", "sc-csat__thanks", "Thanks for your feedback!"));
      }, "Rate " + n + " out of 5"));
    });
    box.appendChild(group);
    var hint = el("p", "sc-csat__hint", "1 = poor · 5 = great");
    hint.setAttribute("aria-hidden", "true");
    box.appendChild(hint);
    into.appendChild(box);
  }

  function renderThumbs(line, into) {
    var key = "thumb:" + conversationId + ":" + line.seq;
    var box = el("div", "sc-thumbs");
    if (load(key)) { into.appendChild(box); box.appendChild(el("span", null, "Thanks!")); return; }
    box.appendChild(el("span", null, "Helpful?"));
    [["up", "Yes", "Yes, this helped"], ["down", "No", "No, this did not help"]].forEach(function (t) {
      box.appendChild(button("sc-thumb", t[1], function () {
        if (!sendFrame({ type: "feedback", rating: t[0], seq: line.seq })) return;
        save(key, t[0]);
        box.textContent = "Thanks!";
      }, t[2]));
    });
    into.appendChild(box);
  }

  function renderParts(line, bubble) {
    var parts = line.parts || [];
    var kinds = {};
    parts.forEach(function (p) { kinds[p.kind] = p; });
    var cardIds = {};
    if (kinds.product_cards) (kinds.product_cards.data || []).forEach(function (c) { cardIds[c.id] = true; });
    parts.forEach(function (part) {
      var data = part.data;
      if (part.kind === "product_cards") renderCards(data, bubble);
      else if (part.kind === "comparison") renderComparison(data, bubble);
      else if (part.kind === "quick_replies") {
        renderChoices((data || []).map(function (label) { return { label: label, id: null }; }), bubble, "Suggested replies");
      } else if (part.kind === "options") {
        // Products already shown as cards have their own buttons.
        var choices = (data || []).filter(function (o) { return !cardIds[o.id]; });
        if (choices.length) {
          renderChoices(choices.map(function (o) { return { label: o.label, id: (o.kind || "option") + ":" + o.id }; }),
            bubble, "Choices");
        }
      } else if (part.kind === "citations") {
        (data || []).forEach(function (c) { bubble.appendChild(el("p", "sc-cite", "Source: " + (c.title || c.source))); });
      } else if (part.kind === "awaiting" && data) {
        if (data.awaiting === "confirm" && !kinds.quick_replies) {
          renderChoices([{ label: "Yes", id: "confirm:yes" }, { label: "No", id: "confirm:no" }], bubble, "Confirm");
        }
        if (HINTS[data.awaiting]) {
          input.placeholder = HINTS[data.awaiting];
          if (data.awaiting === "email") input.setAttribute("inputmode", "email");
        }
      } else if (part.kind === "handoff") {
        bubble.appendChild(el("p", "sc-note", "A person from our team will join this chat."));
      } else if (part.kind === "csat") {
        renderCsat(line, bubble);
      }
    });
    if (line.role === "bot" && kinds.citations) renderThumbs(line, bubble);
  }

  // ---- lines ----
  function seen(seq) { if (seq && seq > lastSeq) lastSeq = seq; }

  function addLine(line) {
    if (line.seq && shown[line.seq]) return;
    if (line.role === "shopper" && line.client_msg_id) {
      for (var i = 0; i < pending.length; i++) {
        if (pending[i].id === line.client_msg_id) { confirmed(pending[i], line.seq); return; }
      }
    }
    retireActions();
    var item = el("li", "sc-msg sc-msg--" + line.role);
    var wide = (line.parts || []).some(function (p) { return p.kind === "comparison" || p.kind === "product_cards"; });
    if (wide) item.classList.add("sc-msg--wide");
    if (line.seq) { shown[line.seq] = true; item.setAttribute("data-seq", line.seq); }
    item.appendChild(el("span", "sc-sr", who(line.role) + ": "));
    if (line.role === "human") item.appendChild(el("span", "sc-author", who("human")));
    item.appendChild(el("p", "sc-text", line.text));
    renderParts(line, item);
    log.appendChild(item);
    seen(line.seq);
    scrollDown();
    return item;
  }

  function addNote(text, kind) {
    var item = el("li", "sc-msg sc-msg--" + (kind || "note"), text);
    log.appendChild(item);
    scrollDown();
  }

  function confirmed(item, seq) {
    pending.splice(pending.indexOf(item), 1);
    item.node.classList.remove("sc-msg--pending");
    if (seq) { shown[seq] = true; item.node.setAttribute("data-seq", seq); seen(seq); }
  }

  // ---- sending ----
  function sendFrame(frame) {
    if (!ws || ws.readyState !== WebSocket.OPEN || !ready) {
      addNote("Not connected right now; please try again in a moment.", "error");
      return false;
    }
    ws.send(JSON.stringify(frame));
    return true;
  }

  function transmit(item) {
    var frame = item.actionId !== undefined
      ? { type: "action", client_msg_id: item.id, text: item.text }
      : { type: "message", client_msg_id: item.id, text: item.text };
    if (item.actionId) frame.action_id = item.actionId;
    ws.send(JSON.stringify(frame));
    item.sent = true;
  }

  // actionId: undefined for typed text (a `message`), null or an id for a button (an `action`).
  function sendText(text, actionId) {
    text = String(text).trim();
    if (!text) return;
    retireActions();
    var node = addLine({ role: "shopper", text: text });
    node.classList.add("sc-msg--pending");
    var item = { id: nextId(), text: text, actionId: actionId, node: node, sent: false };
    pending.push(item);
    if (ready && ws && ws.readyState === WebSocket.OPEN) transmit(item);
    else { setStatus("Offline · your message will be sent when we reconnect", "offline"); connect(); }
    input.focus();
  }

  // ---- connection ----
  function hello() {
    var frame = { type: "hello", last_seq: lastSeq };
    if (conversationId) {
      frame.conversation_id = conversationId;
      var key = load("resume_key");
      if (key) frame.resume_key = key;
    }
    if (token) frame.token = token;
    ws.send(JSON.stringify(frame));
  }

  function reset() {
    conversationId = null;
    save("conversation_id", null);
    save("resume_key", null);
    lastSeq = 0;
    shown = {};
    handoff = null;
    log.textContent = "";
    showHandoff(null);
    pending.forEach(function (item) { log.appendChild(item.node); item.sent = false; });
  }

  function showHandoff(info) {
    handoff = info && info.state !== "released" ? info : null;
    panel.setAttribute("data-handoff", handoff ? handoff.state : "none");
    if (!handoff) { banner.hidden = true; banner.textContent = ""; return; }
    banner.hidden = false;
    banner.textContent = handoff.state === "claimed"
      ? (handoff.agent || "Someone") + " from our team has joined the chat."
      : "You're in the queue for a person from our team. Please stay here.";
  }

  function showTyping(active, role) {
    typing.hidden = !active;
    typingText.textContent = role === "human" ? who("human") + " is typing" : "The assistant is typing";
    if (active) scrollDown();
  }

  function onFrame(frame) {
    if (frame.type === "welcome") {
      if (frame.conversation_id !== conversationId) { lastSeq = 0; shown = {}; }
      conversationId = frame.conversation_id;
      save("conversation_id", conversationId);
      if (frame.resume_key) save("resume_key", frame.resume_key);
      showHandoff(frame.handoff || null);
      (frame.history || []).forEach(addLine);
      ready = true;
      retryDelay = 1000;
      setStatus(handoff ? "Online · with our team" : "Online", "online");
      pending.forEach(function (item) { transmit(item); }); // same ids: the server runs each once
    } else if (frame.type === "ack") {
      for (var i = 0; i < pending.length; i++) {
        if (pending[i].id === frame.client_msg_id) { confirmed(pending[i], frame.seq); break; }
      }
    } else if (frame.type === "message") {
      if (frame.role !== "shopper") showTyping(false);
      var fresh = !shown[frame.seq];
      addLine(frame);
      if (fresh && frame.role !== "shopper" && panel.hidden) {
        unread += 1;
        badge.textContent = String(unread);
        badge.hidden = false;
        launcher.setAttribute("aria-label", "Chat with us, " + unread + " new message" + (unread > 1 ? "s" : ""));
      }
    } else if (frame.type === "typing") {
      showTyping(frame.active, frame.role);
    } else if (frame.type === "handoff") {
      var before = handoff;
      showHandoff(frame);
      if (frame.state === "claimed" && (!before || before.state !== "claimed")) {
        addNote((frame.agent || "Someone") + " from our team has joined the chat.");
      } else if (frame.state === "released" && before) {
        addNote("You're chatting with the assistant again.");
      }
      setStatus(handoff ? "Online · with our team" : "Online", "online");
    } else if (frame.type === "feedback_ack") {
      panel.setAttribute("data-feedback", String(frame.rating));
    } else if (frame.type === "error") {
      showTyping(false);
      if (frame.code === "forbidden") { reset(); hello(); return; }
      if (frame.code === "bad_token") { token = null; reset(); hello(); return; }
      if (frame.code === "rate_limited") {
        var first = pending.filter(function (p) { return p.sent; })[0];
        if (first) { pending.splice(pending.indexOf(first), 1); first.node.classList.add("sc-msg--failed"); }
      }
      addNote(frame.text, "error");
    }
  }

  function connect() {
    if (ws && (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING)) return;
    clearTimeout(retryTimer);
    setStatus("Connecting…", "connecting");
    ready = false;
    var socket = new WebSocket(WS_URL);
    ws = socket;
    socket.onopen = function () { hello(); };
    socket.onmessage = function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      onFrame(frame);
    };
    socket.onclose = function (event) {
      if (ws !== socket) return;
      ready = false;
      showTyping(false);
      if (event.code === 1001 || event.code === 1008) {
        // Closed on purpose (idle, or this page is not allowed): wait for the shopper instead of hammering.
        setStatus(event.code === 1001 ? "Paused · reconnects when you type" : "Chat unavailable on this page", "paused");
        return;
      }
      var wait = Math.round(retryDelay / 1000);
      setStatus("Connection lost · reconnecting in " + wait + " s", "reconnecting");
      retryTimer = setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 15000);
    };
  }

  function newChat() {
    pending = [];
    reset();
    if (ready) hello(); else connect();
    input.focus();
  }

  // ---- open / close ----
  function open() {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    host.setAttribute("data-open", "true");
    unread = 0;
    badge.hidden = true;
    launcher.removeAttribute("aria-label");
    save("open", "1");
    connect();
    scrollDown();
    input.focus();
  }

  function close() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    host.removeAttribute("data-open");
    save("open", null);
    launcher.focus();
  }

  function toggle() { if (panel.hidden) open(); else close(); }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value;
    input.value = "";
    sendText(text);
    if (handoff && ready) ws.send(JSON.stringify({ type: "typing", active: false }));
  });
  input.addEventListener("input", function () {
    // Only a person reads typing signals; the bot does not need them.
    if (!handoff || !ready || Date.now() - lastTypingSent < 3000) return;
    lastTypingSent = Date.now();
    ws.send(JSON.stringify({ type: "typing", active: true }));
  });
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { event.preventDefault(); close(); }
  });
  input.addEventListener("focus", function () { if (!ready) connect(); });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && !panel.hidden && !ready) connect();
  });
  window.addEventListener("online", function () {
    if (!ws || ws.readyState === WebSocket.CLOSED) { retryDelay = 1000; connect(); }
  });

  window.shopclerk = { open: open, close: close, newChat: newChat };

  function mount() {
    document.body.appendChild(host);
    // A conversation from before the reload: reconnect now so replies and history are there when opened.
    if (conversationId || load("open")) connect();
    if (load("open")) open();
  }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
