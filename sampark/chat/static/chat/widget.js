// Sampark live chat on a firm's own website, put there by one tag:
//   <script src=".../static/chat/widget.js" data-widget="KEY" data-server="https://crm.example" async>
// A launcher bottom-right opens a panel, drawn in a shadow root so the page's CSS and ours never
// meet. Every text comes translated from {server}/chat/widget/KEY/config.json; when that cannot
// be fetched the widget does not show at all, rather than show English to a Bengali reader.
//
// It speaks the visitor side of the protocol described in sampark/chat/consumers.py over the
// config's WebSocket: start (or resume, by the token kept in localStorage, so a reload goes on
// with the same chat), message, typing, leave. A dropped socket is retried with backoff and
// resumed; close code 4403 (not one of the widget's sites) removes the widget. Where WebSockets
// are missing or never open (3 tries), the same JSON is POSTed to /chat/live/KEY/send on the
// socket's server and events come by long polling .../events: both transports feed one
// handle(event) and are fed by one send(obj). Chat text only ever reaches the page through
// textContent.
// Kept to ASCII: a host page in another encoding would garble anything else.
(() => {
  "use strict";

  const script = document.currentScript || document.querySelector("script[data-widget]");
  if (!script || !script.dataset.widget || !window.fetch || !Element.prototype.attachShadow) return;

  const key = script.dataset.widget;
  const server = (script.dataset.server || new URL(script.src).origin).replace(/\/+$/, "");
  let live = ""; // the HTTP fallback's address: beside the socket, see the config below
  const store = `sampark-chat:${key}`;
  const request = (url, init) => fetch(url, Object.assign({ credentials: "omit" }, init));
  const pick = (code) => {
    code = String(code || "").toLowerCase().split("-")[0];
    return ["en", "bn", "hi"].includes(code) ? code : "";
  };
  // Storage may be blocked: then a chat just does not outlive the page.
  const saved = (suffix) => {
    try { return localStorage.getItem(store + suffix); } catch (error) { return null; }
  };
  const save = (suffix, value) => {
    try {
      if (value) localStorage.setItem(store + suffix, value);
      else localStorage.removeItem(store + suffix);
    } catch (error) { /* as above */ }
  };

  let token = saved("");
  // The language the visitor chose for a chat still going on wins over the page's.
  let lang = (token && pick(saved(":language"))) || pick(script.dataset.language) ||
    pick(document.documentElement.lang) || "en";
  let config, S, host, root, panel, launcher, log, text;
  let current = ""; // the view: "form", "chat" or "ended"
  let ws = null, http = !window.WebSocket, up = false, dead = false, opened = false;
  let fails = 0, attempt = 0, retry = 0, polling = false, pollAbort = null;
  let startBody = null, starting = false, lastSent = null, lastTyping = 0, lastId = 0;
  let told = ""; // the chat's status as last told: a poll is answered at once when it moved on
  let typingTimer = 0, noticeTimer = 0, asked = 0;
  const seen = new Set();

  const loadConfig = (language) =>
    request(`${server}/chat/widget/${encodeURIComponent(key)}/config.json?lang=${encodeURIComponent(language)}`)
      .then((r) => { if (!r.ok) throw new Error(r.status); return r.json(); });
  const domReady = new Promise((resolve) => {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", resolve);
    else resolve();
  });
  Promise.all([loadConfig(lang), domReady]).then(([loaded]) => {
    config = loaded;
    if (!config.socket) http = true;
    // The fallback is served with the sockets (and shares their channel layer), which may be on
    // an origin of their own: Sampark's pages' server would take the requests but hear nothing.
    const base = config.socket ? new URL(config.socket.replace(/^ws/, "http")).origin : server;
    live = `${base}/chat/live/${encodeURIComponent(key)}`;
    build();
    if (token) connect();
  }, () => {});

  // ---- transport ----

  function connect() {
    hangUp();
    const hello = token ? { type: "resume", token } : startBody;
    if (!hello || dead) return;
    if (http) {
      post(hello).then((ok) => {
        if (!ok) return later();
        attempt = 0;
        link(true);
        poll();
      });
      return;
    }
    try {
      ws = new WebSocket(config.socket);
    } catch (error) {
      http = true;
      return connect();
    }
    ws.onopen = () => {
      opened = true;
      fails = attempt = 0;
      link(true);
      send(hello);
    };
    ws.onmessage = (e) => {
      let event;
      try { event = JSON.parse(e.data); } catch (error) { return; }
      handle(event);
    };
    ws.onclose = (e) => { // unexpected closes only: hangUp() unhooks this first
      ws = null;
      if (e.code === 4403) return teardown();
      if (!opened && ++fails >= 3) {
        http = true;
        attempt = 0;
        return connect();
      }
      later();
    };
  }

  // 1 s, 2 s, 4 s ... 30 s, each give or take a fifth, so that visitors dropped together by a
  // restart do not all come back in the same second.
  const backoff = () => Math.min(30000, 1000 * 2 ** attempt++ * (0.8 + Math.random() * 0.4));

  function later() {
    link(false);
    retry = setTimeout(connect, backoff());
  }

  function hangUp() {
    clearTimeout(retry);
    if (ws) {
      ws.onclose = null;
      ws.close();
      ws = null;
    }
    if (pollAbort) pollAbort.abort();
  }

  function send(obj) {
    if (!http) {
      if (!ws || ws.readyState !== 1) return false;
      ws.send(JSON.stringify(obj));
      return true;
    }
    post(obj).then((ok) => ok || obj.type === "typing" || handle({ type: "error", code: "network" }));
    return true;
  }

  // One request of the HTTP fallback: true once its answer's events are handled.
  function post(obj) {
    return request(`${live}/send`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(token ? Object.assign({}, obj, { token }) : obj),
    })
      .then((r) => { if (r.status === 403) teardown(); return r.json(); })
      .then((data) => { (data.events || []).forEach(handle); return !dead; }, () => false);
  }

  async function poll() {
    if (polling) return;
    polling = true;
    while (http && token && !dead) {
      const asking = token;
      try {
        pollAbort = new AbortController();
        const r = await request(`${live}/events?token=${encodeURIComponent(token)}&after=${lastId}` +
          `&status=${encodeURIComponent(told)}`, { signal: pollAbort.signal });
        if (r.status === 403) teardown();
        if (!r.ok) throw new Error(r.status);
        const data = await r.json();
        attempt = 0;
        link(true);
        for (const event of data.events || []) {
          if (event.id > lastId) lastId = event.id;
          if (token === asking) handle(event);
        }
      } catch (error) {
        if (token === asking && !dead) { // else the chat ended or a new one began: go on at once
          link(false);
          await new Promise((resolve) => setTimeout(resolve, backoff()));
        }
      }
    }
    polling = false;
  }

  function teardown() {
    dead = true;
    hangUp();
    host.remove();
    delete window.SamparkChat;
  }

  // ---- events ----

  function handle(event) {
    switch (event && event.type) {
      case "started":
        token = event.token;
        save("", token);
        save(":language", $("f-language").value);
        startBody = null;
        busy(false);
        view("chat");
        return status(event.status);
      case "resumed":
        view("chat");
        (event.messages || []).forEach(render);
        return status(event.status);
      case "message": return render(event);
      case "typing":
        if (event.author !== "visitor") typing(true);
        return;
      case "status": return status(event.status);
      case "error": return error(event);
    }
  }

  function status(name) {
    told = name || "";
    $("person").hidden = name !== "assistant"; // a person can be asked for while the assistant answers
    if (name === "ended") end();
    else waiting(name === "waiting");
  }

  function render(m) {
    if (seen.has(m.id)) return;
    seen.add(m.id);
    const mine = m.author === "visitor";
    if (mine) lastSent = null;
    else typing(false);
    if (m.author === "agent") waiting(false);
    const box = el("div", "", `m ${m.author}`);
    if (!mine && m.name) box.append(el("b", m.name));
    box.append(el("p", m.text));
    if (m.article && /^\/[^/]/.test(m.article.url)) {
      // The assistant's source, in the help centre on Sampark's server.
      const a = el("a", m.article.title);
      a.href = server + m.article.url;
      a.target = "_blank";
      a.rel = "noopener";
      box.append(a);
    }
    const at = new Date(m.at);
    if (m.at && !isNaN(at)) box.append(el("time", at.toLocaleTimeString(lang, { hour: "numeric", minute: "2-digit" })));
    line(box, mine);
  }

  // Append to the log, following it down unless the visitor scrolled up to read.
  function line(node, follow) {
    follow = follow || log.scrollHeight - log.scrollTop - log.clientHeight < 48;
    log.append(node);
    if (follow) log.scrollTop = log.scrollHeight;
  }

  const waitLine = el("div", "", "m system");
  function waiting(on) {
    if (!on) return waitLine.remove();
    waitLine.textContent = S.waiting;
    if (!waitLine.isConnected) line(waitLine);
  }

  function typing(on) {
    clearTimeout(typingTimer);
    const said = on ? S.typing : "", box = $("typing");
    if (box.textContent !== said) box.textContent = said; // announced once, not every 2 s
    if (on) typingTimer = setTimeout(typing, 4000, false);
  }

  function notice(said, ms) {
    clearTimeout(noticeTimer);
    $("notice").textContent = said || "";
    if (ms) noticeTimer = setTimeout(notice, ms, "");
  }

  function link(ok) {
    up = ok;
    if (!ok) notice(S.reconnecting);
    else if ($("notice").textContent === S.reconnecting) notice("");
    for (const id of ["send", "leave"]) $(id).setAttribute("aria-disabled", !ok);
  }

  function error(event) {
    if (lastSent !== null && !text.value) text.value = lastSent; // not taken: give it back
    lastSent = null;
    if (event.code === "no_conversation") {
      forget();
      hangUp();
      return view("form");
    }
    if (current === "form") { // the start was refused: a new try opens a fresh socket
      startBody = null;
      hangUp();
      busy(false);
    }
    if (event.code === "slow_down") return notice(S.slow_down, 5000);
    let first = null;
    const rest = []; // what belongs to none of our fields goes in the notice
    for (const [name, messages] of Object.entries(event.fields || {})) {
      const input = $(`f-${name}`), said = [].concat(messages).join(" ");
      if (!input) rest.push(said);
      else {
        fieldError(name, said);
        first = first || input;
      }
    }
    if (rest.length || !first) notice(rest.join(" ") || event.message || S.error, 8000);
    if (first && !panel.hidden) first.focus();
  }

  function end() {
    if (current === "ended") return;
    forget();
    hangUp();
    startBody = lastSent = null;
    typing(false);
    waiting(false);
    line(el("div", S.ended, "m system"), true);
    view("ended");
  }

  function forget() {
    token = null;
    save("", null);
    save(":language", null);
  }

  // ---- interface ----

  function el(tag, said, className) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (said) node.textContent = said;
    return node;
  }
  const $ = (id) => root.getElementById(id);


  // Static markup only: texts() puts every text in, with textContent.
  const HTML = `<div id="w">
<button id="launcher" type="button" aria-expanded="false" aria-controls="panel"><svg aria-hidden="true" width="22" height="22" viewBox="0 0 24 24"><path fill="currentColor" d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"/></svg><span data-s="open"></span></button>
<section id="panel" role="dialog" aria-labelledby="title" hidden>
<header><h2 id="title"></h2><button id="close" type="button" data-a="close">&times;</button></header>
<p id="notice" role="status"></p>
<form id="pre">
<p data-s="intro"></p>
<label for="f-name" data-s="name"></label><input id="f-name" required autocomplete="name" aria-describedby="e-name"><p id="e-name" class="err"></p>
<label for="f-email" data-s="email"></label><p id="h-email" class="hint" data-s="email_optional"></p><input id="f-email" type="email" autocomplete="email" aria-describedby="h-email e-email"><p id="e-email" class="err"></p>
<label for="f-language" data-s="language"></label><select id="f-language" aria-describedby="e-language"></select><p id="e-language" class="err"></p>
<button id="start" type="submit" data-s="start"></button>
</form>
<div id="chat" hidden>
<div id="log" role="log" aria-live="polite" aria-labelledby="title" tabindex="0"></div>
<p id="typing" aria-live="polite"></p>
<form id="compose">
<label for="f-text" data-s="message"></label><textarea id="f-text" rows="2" aria-describedby="e-text"></textarea><p id="e-text" class="err"></p>
<div class="row"><button id="leave" type="button" data-s="leave" aria-disabled="true"></button><button id="person" type="button" data-s="person" hidden></button><button id="send" type="submit" data-s="send" aria-disabled="true"></button></div>
</form>
<div id="again" hidden><button id="new" type="button" data-s="new_chat"></button></div>
</div>
</section>
</div>`;

  function build() {
    host = document.createElement("div");
    // None of the page's styles come in; hidden until our own stylesheet has loaded.
    host.style.cssText = "all:initial!important;display:none!important";
    root = host.attachShadow({ mode: "open" });
    root.innerHTML = `<link rel="stylesheet" href="${new URL("widget.css", script.src)}">${HTML}`;
    root.querySelector("link").addEventListener("load", () => {
      host.style.cssText = "all:initial!important";
    });
    panel = $("panel");
    launcher = $("launcher");
    log = $("log");
    text = $("f-text");
    texts();
    view(token ? "chat" : "form");

    launcher.onclick = () => (panel.hidden ? open() : close());
    $("close").onclick = close;
    root.addEventListener("keydown", (e) => {
      if (e.key !== "Escape" || panel.hidden) return;
      e.stopPropagation();
      close();
    });

    $("f-language").onchange = () => {
      const want = $("f-language").value, n = ++asked;
      loadConfig(want).then((loaded) => {
        if (n !== asked) return; // a later choice overtook this one
        config = loaded;
        lang = want;
        texts();
      }, () => {});
    };

    $("pre").onsubmit = (e) => {
      e.preventDefault();
      if (starting) return;
      for (const name of ["name", "email", "language"]) fieldError(name, "");
      startBody = {
        type: "start",
        name: $("f-name").value.trim(),
        email: $("f-email").value.trim(),
        language: $("f-language").value,
      };
      busy(true);
      connect();
    };

    $("compose").onsubmit = (e) => {
      e.preventDefault();
      const said = text.value.trim();
      if (!said || !up) return; // while disconnected the text stays where it is
      fieldError("text", "");
      if (send({ type: "message", text: said })) {
        lastSent = said; // the server's echo shows it; an error gives it back
        text.value = "";
      }
    };
    text.onkeydown = (e) => {
      // Enter sends, Shift+Enter is a new line; not while an input method is composing a word.
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
        e.preventDefault();
        $("send").click();
      }
    };
    text.oninput = () => {
      if (up && text.value.trim() && Date.now() - lastTyping > 2000) {
        lastTyping = Date.now();
        send({ type: "typing" });
      }
    };

    $("person").onclick = () => {
      if (up && send({ type: "hand_over" })) $("person").hidden = true;
    };
    $("leave").onclick = () => {
      if (!up) return;
      send({ type: "leave" });
      end();
    };
    $("new").onclick = () => view("form");

    document.body.append(host);
    window.SamparkChat = { open, close };
  }

  function texts() {
    S = config.strings || {};
    host.lang = $("w").lang = lang;
    for (const node of root.querySelectorAll("[data-s]")) node.textContent = S[node.dataset.s] || "";
    for (const node of root.querySelectorAll("[data-a]")) node.setAttribute("aria-label", S[node.dataset.a] || "");
    $("title").textContent = config.title || S.title || "";
    const select = $("f-language");
    select.textContent = "";
    for (const [code, name] of config.languages || []) {
      const option = new Option(name, code, false, code === lang);
      option.lang = code;
      select.append(option);
    }
  }

  function view(name) {
    if (name === current) return;
    current = name;
    if (name === "form") { // a new chat begins empty
      log.textContent = "";
      seen.clear();
    }
    $("pre").hidden = name !== "form";
    $("chat").hidden = name === "form";
    $("compose").hidden = name !== "chat";
    $("again").hidden = name !== "ended";
    if (!panel.hidden) focusFirst();
  }

  function focusFirst() {
    $(current === "form" ? "f-name" : current === "chat" ? "f-text" : "new").focus();
  }

  function busy(on) {
    starting = on;
    $("start").setAttribute("aria-disabled", on);
  }

  function fieldError(name, said) {
    $(`e-${name}`).textContent = said;
    $(`f-${name}`).setAttribute("aria-invalid", !!said);
  }

  function open() {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    log.scrollTop = log.scrollHeight;
    focusFirst();
  }

  function close() {
    const inside = panel.contains(root.activeElement);
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    if (inside) launcher.focus();
  }
})();
