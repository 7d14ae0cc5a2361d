// Minimal chat client for the /ws protocol (v1). Text is always set with textContent: no HTML injection.
(function () {
  "use strict";
  var KEY = "shopclerk.conversation_id";
  var RESUME = "shopclerk.resume_key";
  var lastSeq = 0;
  var log = document.getElementById("log");
  var quick = document.getElementById("quick");
  var form = document.getElementById("form");
  var input = document.getElementById("input");
  var status = document.getElementById("status");
  var ws = null;
  var counter = 0;
  var retry = 500;

  function add(role, text) {
    var li = document.createElement("li");
    li.className = "msg msg--" + role;
    li.textContent = text;
    log.appendChild(li);
    log.scrollTop = log.scrollHeight;
  }

  function showQuick(parts) {
    quick.textContent = "";
    (parts || []).forEach(function (part) {
      if (part.kind !== "quick_replies") return;
      part.data.forEach(function (label) {
        var b = document.createElement("button");
        b.type = "button";
        b.textContent = label;
        b.addEventListener("click", function () { send(label); });
        quick.appendChild(b);
      });
    });
  }

  function send(text) {
    if (!ws || ws.readyState !== WebSocket.OPEN) { add("error", "Not connected yet, please wait a moment."); return; }
    counter += 1;
    add("shopper", text);
    showQuick([]);
    ws.send(JSON.stringify({ type: "message", client_msg_id: Date.now().toString(36) + "-" + counter, text: text }));
  }

  function hello() {
    ws.send(JSON.stringify({
      type: "hello",
      conversation_id: localStorage.getItem(KEY),
      resume_key: localStorage.getItem(RESUME),
      last_seq: lastSeq
    }));
  }

  function seen(seq) { if (seq && seq > lastSeq) lastSeq = seq; }

  function connect() {
    var proto = location.protocol === "https:" ? "wss:" : "ws:";
    ws = new WebSocket(proto + "//" + location.host + "/ws");
    ws.onopen = function () {
      status.textContent = "online";
      retry = 500;
      hello();
    };
    ws.onmessage = function (event) {
      var frame = JSON.parse(event.data);
      if (frame.type === "welcome") {
        localStorage.setItem(KEY, frame.conversation_id);
        if (frame.resume_key) localStorage.setItem(RESUME, frame.resume_key);
        frame.history.forEach(function (line) { add(line.role, line.text); seen(line.seq); });
      } else if (frame.type === "ack") {
        seen(frame.seq);
      } else if (frame.type === "message") {
        add(frame.role, frame.text);
        seen(frame.seq);
        showQuick(frame.parts);
      } else if (frame.type === "error" && frame.code === "forbidden") {
        localStorage.removeItem(KEY);
        localStorage.removeItem(RESUME);
        lastSeq = 0;
        hello();
      } else if (frame.type === "error") {
        add("error", frame.text);
      }
    };
    ws.onclose = function () {
      status.textContent = "reconnecting…";
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 8000);
    };
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = "";
    send(text);
  });
  connect();
})();
