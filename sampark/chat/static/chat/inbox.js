// The agent inbox (chat/inbox.html). One socket to the chat server carries every chat (the
// protocol is described at the top of sampark/chat/consumers.py); the lists of chats and the
// client panel are rendered by the server and fetched with htmx, the agent's canned responses
// (filled in for the open chat) as JSON. Chat text only ever goes into the page as textContent.
(function () {
  "use strict";

  const root = document.getElementById("chat-inbox");
  if (!root) return;
  const strings = JSON.parse(document.getElementById("chat-strings").textContent);
  const part = (name) => root.querySelector("[data-" + name + "]");
  const lists = document.getElementById("chat-lists");
  const panel = document.getElementById("chat-client");
  const view = part("conversation-view");
  const placeholder = part("placeholder");
  const title = part("title");
  const meta = part("meta");
  const log = part("log");
  const typing = part("typing");
  const errorLine = part("error");
  const connection = part("connection");
  const form = part("compose");
  const text = form.elements.text;
  const takeButton = part("take");
  const transferTo = part("transfer-to");
  const transferButton = part("transfer");
  const endButton = part("end");
  const cannedList = part("canned");
  const cannedButton = part("canned-open");
  const back = part("back");

  const TYPING_SHOWN = 4000;
  const TYPING_EVERY = 2000;
  const MAX_DELAY = 30000;
  const REFUSED = 4403; // the server's close code for a socket it will not serve

  let socket = null;
  let delay = 1000;
  let connectedBefore = false;
  let current = null; // the id of the open chat
  let language = ""; // and its language
  let typingTimer = null;
  let typingSentAt = 0;
  let canned = null; // the open chat's canned responses: { conversation, request (a promise) }
  let menu = null; // the list of them while it is open: { slash, start, items, active }
  let dismissed = false; // Escape closed the "/" list: closed until the box stops starting with "/"

  function urlFor(pattern, id) {
    return pattern.replace("/0/", "/" + id + "/");
  }

  // ---------- the socket ----------

  function connect() {
    connection.textContent = connectedBefore ? strings.reconnecting : strings.connecting;
    socket = new WebSocket(root.dataset.socketUrl);
    socket.addEventListener("open", () => {
      delay = 1000;
      connection.textContent = "";
      if (current !== null) send({ type: "open", conversation: current });
      // Chats may have come and gone while the socket was down.
      if (connectedBefore) reloadList();
      connectedBefore = true;
    });
    socket.addEventListener("message", (event) => {
      let data;
      try {
        data = JSON.parse(event.data);
      } catch (error) {
        return;
      }
      if (data && typeof data.type === "string" && handlers[data.type]) handlers[data.type](data);
    });
    socket.addEventListener("close", (event) => {
      socket = null;
      if (event.code === REFUSED) {
        // Signed out (or no longer answering chats): retrying would not help.
        connection.textContent = strings.signedOut;
        return;
      }
      connection.textContent = strings.reconnecting;
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, MAX_DELAY);
    });
  }

  function send(command) {
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(command));
    return true;
  }

  const handlers = {
    waiting() {
      reloadList();
    },
    assigned() {
      reloadList();
    },
    opened(event) {
      if (event.conversation !== current) return; // the agent has moved on to another chat
      title.textContent = event.visitor;
      language = event.language;
      log.lang = text.lang = language;
      if (menu) closeMenu(); // filled in for the chat's language, which is known only now
      log.textContent = "";
      event.messages.forEach(append);
      setStatus(event.status);
    },
    message(event) {
      if (event.conversation === current) {
        append(event);
        typing.textContent = "";
        if (event.author === "visitor") send({ type: "read", conversation: current });
        return;
      }
      if (event.author !== "visitor") return; // only what the visitor says is unread
      const item = itemOf(event.conversation);
      if (!item) {
        reloadList();
        return;
      }
      const badge = item.querySelector("[data-unread]");
      const count = badge.querySelector("[data-count]");
      count.textContent = String(Number(count.textContent) + 1);
      badge.hidden = false;
    },
    typing(event) {
      if (event.conversation !== current) return;
      typing.textContent = strings.typing;
      clearTimeout(typingTimer);
      typingTimer = setTimeout(() => {
        typing.textContent = "";
      }, TYPING_SHOWN);
    },
    status(event) {
      if (event.conversation === current) setStatus(event.status);
      reloadList();
    },
    error(event) {
      let message = event.message || "";
      if (!message && event.fields) {
        message = Object.keys(event.fields)
          .map((name) => event.fields[name].join(" "))
          .join(" ");
      }
      if (!message) message = event.code === "slow_down" ? strings.slowDown : strings.failed;
      errorLine.textContent = message;
    },
  };

  // ---------- the open chat ----------

  function append(message) {
    const nearBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    const item = document.createElement("li");
    item.className = "chat-message from-" + message.author;
    const who = document.createElement("strong");
    who.textContent = message.name || strings.authors[message.author] || "";
    const when = document.createElement("time");
    when.className = "small muted";
    when.dateTime = message.at;
    when.textContent = new Date(message.at).toLocaleTimeString(document.documentElement.lang, {
      hour: "numeric",
      minute: "2-digit",
    });
    const body = document.createElement("p");
    body.className = "chat-text";
    body.textContent = message.text;
    item.append(who, " ", when, body);
    log.append(item);
    if (nearBottom) log.scrollTop = log.scrollHeight;
  }

  function setStatus(status) {
    const shown = status === "transferred" ? "active" : status; // to a colleague: still on
    meta.textContent = [strings.languages[language] || language, strings.statuses[shown] || ""]
      .filter(Boolean)
      .join(" · ");
    takeButton.hidden = shown !== "waiting" && shown !== "assistant"; // nobody answers it yet
    const submit = form.querySelector("[type=submit]");
    for (const control of [text, submit, transferTo, transferButton, endButton, cannedButton]) {
      if (control) control.disabled = shown === "ended";
    }
    if (shown === "ended" && menu) closeMenu();
  }

  function openChat(id) {
    current = id;
    if (menu) closeMenu();
    dismissed = false;
    // A reload (setting one's availability reloads the page) comes back to this chat.
    history.replaceState(null, "", "#chat-" + id);
    if (back) back.value = root.dataset.listUrl + "#chat-" + id;
    errorLine.textContent = "";
    typing.textContent = "";
    log.textContent = "";
    language = "";
    const item = itemOf(id);
    const name = item && item.querySelector(".chat-item-name");
    title.textContent = name ? name.textContent : "";
    placeholder.hidden = true;
    view.hidden = false;
    setStatus("");
    markCurrent();
    send({ type: "open", conversation: id }); // else sent once the socket is back
    if (window.htmx) {
      htmx.ajax("GET", urlFor(root.dataset.panelUrl, id), { target: panel, swap: "innerHTML" });
    }
    text.focus();
  }

  function sendMessage() {
    const value = text.value.trim();
    if (current === null || !value) return;
    errorLine.textContent = "";
    // What was sent comes back as a `message` event, and is shown then.
    if (send({ type: "message", conversation: current, text: value })) text.value = "";
    else errorLine.textContent = strings.offline;
  }

  function command(type, values) {
    errorLine.textContent = "";
    const sent = send(Object.assign({ type: type, conversation: current }, values));
    if (!sent) errorLine.textContent = strings.offline;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    sendMessage();
  });

  text.addEventListener("keydown", (event) => {
    // Not while an input method is composing (Bengali and Hindi keyboards use Enter there).
    if (menu && !event.isComposing && menuKey(event)) return;
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      sendMessage();
    }
  });

  text.addEventListener("input", () => {
    followTyping();
    const now = Date.now();
    if (current === null || now - typingSentAt < TYPING_EVERY) return;
    typingSentAt = now;
    send({ type: "typing", conversation: current });
  });

  takeButton.addEventListener("click", () => {
    command("take");
  });

  if (transferButton) {
    transferButton.addEventListener("click", () => {
      // "to:<user id>" hands it to a colleague, "team:<team id>" to another team.
      const [kind, pk] = transferTo.value.split(":");
      command("transfer", { [kind]: Number(pk) });
    });
  }

  endButton.addEventListener("click", () => {
    if (window.confirm(strings.confirmEnd)) command("end");
  });

  // ---------- canned responses ----------
  // "/" at the very start of the box opens the list of the agent's canned responses for this
  // chat (the chat's language first); what follows the "/" filters it, arrows choose, Enter
  // puts the response in place of the "/" and what was typed, Escape closes it. The button
  // opens it too, to insert at the caret. A message that starts with "/" and matches nothing
  // is sent as it is.

  // Fetched once per chat opened (a second "/" need not wait), again after a failure.
  function loadCanned() {
    const id = current;
    if (canned && canned.conversation === id) return canned.request;
    const request = fetch(urlFor(root.dataset.cannedUrl, id), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then((response) => {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then((data) => data.responses);
    canned = { conversation: id, request: request };
    request.catch(() => {
      if (canned && canned.request === request) canned = null;
    });
    return request;
  }

  function fold(value) {
    return value.normalize("NFC").toLocaleLowerCase();
  }

  // The responses with every word typed in their name or text; those named so first.
  function matching(items, query) {
    const words = fold(query).split(/\s+/).filter(Boolean);
    const has = (value) => words.every((word) => fold(value).includes(word));
    const found = items.filter((item) => has(item.name + " " + item.text));
    return found.filter((item) => has(item.name)).concat(found.filter((item) => !has(item.name)));
  }

  // What follows a "/" at the start of the box, the caret right after it; else null.
  function slashQuery() {
    const caret = text.selectionEnd;
    if (text.value[0] !== "/" || text.selectionStart !== caret) return null;
    const typed = text.value.slice(1, caret);
    return typed.includes("\n") ? null : typed;
  }

  function followTyping() {
    const query = slashQuery();
    if (query === null) {
      dismissed = false;
      if (menu) closeMenu();
    } else if (!dismissed) {
      openMenu(true);
    }
  }

  function openMenu(slash) {
    const id = current;
    if (id === null) return;
    loadCanned().then(
      (items) => {
        if (id !== current || text.disabled) return;
        // The agent may have typed on meanwhile: the list follows the box as it is now.
        const query = slash ? slashQuery() : "";
        if (query === null || (slash && dismissed)) return;
        showMenu({ slash: slash, start: slash ? 0 : text.selectionStart, items: matching(items, query) });
      },
      () => {
        if (id === current) errorLine.textContent = strings.cannedFailed;
      },
    );
  }

  function showMenu(next) {
    menu = next;
    menu.active = menu.items.length ? 0 : -1;
    cannedList.textContent = "";
    menu.items.forEach((item, index) => {
      const option = document.createElement("li");
      option.id = "chat-canned-" + index;
      option.setAttribute("role", "option");
      option.dataset.index = String(index);
      const heading = document.createElement("span");
      const name = document.createElement("strong");
      name.textContent = item.name;
      heading.append(name);
      if (item.language !== language) {
        const other = document.createElement("span");
        other.className = "small muted";
        other.textContent = " (" + item.languageName + ")";
        heading.append(other);
      }
      option.append(heading);
      const preview = document.createElement("span");
      preview.className = "chat-canned-text small muted";
      preview.lang = item.language;
      preview.textContent = item.text;
      option.append(preview);
      cannedList.append(option);
    });
    if (!menu.items.length) {
      const none = document.createElement("li");
      none.setAttribute("role", "option");
      none.setAttribute("aria-disabled", "true");
      none.className = "small muted";
      none.textContent = strings.cannedNone;
      cannedList.append(none);
    }
    cannedList.hidden = false;
    markActive();
  }

  function markActive() {
    for (const option of cannedList.querySelectorAll("[data-index]")) {
      const active = Number(option.dataset.index) === menu.active;
      option.setAttribute("aria-selected", active ? "true" : "false");
      if (active) option.scrollIntoView({ block: "nearest" });
    }
    if (menu.active >= 0) text.setAttribute("aria-activedescendant", "chat-canned-" + menu.active);
    else text.removeAttribute("aria-activedescendant");
  }

  function closeMenu() {
    menu = null;
    cannedList.hidden = true;
    cannedList.textContent = "";
    text.removeAttribute("aria-activedescendant");
  }

  function pick(index) {
    const item = menu && menu.items[index];
    if (!item) return;
    const start = menu.start;
    const end = Math.max(start, text.selectionEnd);
    text.value = text.value.slice(0, start) + item.text + text.value.slice(end);
    closeMenu();
    const caret = start + item.text.length;
    text.focus();
    text.setSelectionRange(caret, caret);
  }

  // Whether the key was the list's (so not the box's).
  function menuKey(event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const count = menu.items.length;
      if (count) {
        menu.active = (menu.active + (event.key === "ArrowDown" ? 1 : -1) + count) % count;
        markActive();
      }
      return true;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      dismissed = menu.slash;
      closeMenu();
      return true;
    }
    if (event.key === "Enter" && !event.shiftKey && menu.active >= 0) {
      event.preventDefault();
      pick(menu.active);
      return true;
    }
    return false;
  }

  // A click chooses; the box keeps the focus (and its caret) meanwhile.
  cannedList.addEventListener("mousedown", (event) => {
    event.preventDefault();
  });
  cannedList.addEventListener("click", (event) => {
    const option = event.target.closest("[data-index]");
    if (option) pick(Number(option.dataset.index));
  });

  text.addEventListener("blur", () => {
    if (menu) closeMenu();
  });

  cannedButton.addEventListener("click", () => {
    text.focus();
    if (text.value === "") {
      text.value = "/";
      text.setSelectionRange(1, 1);
      dismissed = false;
      openMenu(true);
    } else {
      openMenu(false);
    }
  });

  // ---------- the lists ----------

  function itemOf(id) {
    return lists.querySelector('[data-conversation="' + Number(id) + '"]');
  }

  function clearUnread(id) {
    const item = itemOf(id);
    if (!item) return;
    const badge = item.querySelector("[data-unread]");
    badge.querySelector("[data-count]").textContent = "0";
    badge.hidden = true;
  }

  function markCurrent() {
    for (const item of lists.querySelectorAll("[data-conversation]")) {
      if (Number(item.dataset.conversation) === current) item.setAttribute("aria-current", "true");
      else item.removeAttribute("aria-current");
    }
    if (current !== null) clearUnread(current);
  }

  function reloadList() {
    if (!window.htmx) return;
    const focused = document.activeElement && lists.contains(document.activeElement)
      ? document.activeElement.dataset.conversation
      : null;
    htmx.ajax("GET", root.dataset.listUrl, { target: lists, swap: "innerHTML" }).then(() => {
      markCurrent();
      const again = focused ? itemOf(focused) : null;
      if (again) again.focus();
    });
  }

  lists.addEventListener("click", (event) => {
    const item = event.target.closest("[data-conversation]");
    if (item) openChat(Number(item.dataset.conversation));
  });

  connect();
  // A link to one chat (from its transcript page, or back after a reload) opens it.
  const linked = /^#chat-(\d+)$/.exec(window.location.hash);
  if (linked) openChat(Number(linked[1]));
})();
