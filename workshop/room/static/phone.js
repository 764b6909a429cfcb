// The phone's page: follows the session, and sends what the participant writes or taps.
// Every entry gets an id made here and waits in this phone's own store until the laptop
// says it is saved; a lost connection only delays it, and sending it again never makes a
// second copy (the laptop knows the id). Texts from the server arrive as HTML it escaped.
"use strict";
(function () {
  const body = document.body;
  const words = JSON.parse(body.dataset.words || "{}");
  const csrf = body.dataset.csrf || "";
  const storeKey = "outbox:" + location.pathname;
  const $ = (selector) => document.querySelector(selector);

  // ---- ids, made without crypto.randomUUID (it needs https, and the room is plain http)
  function newId() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  // ---- what is still to send, kept across reloads and lost connections
  function loadOutbox() {
    try { return JSON.parse(localStorage.getItem(storeKey) || "[]"); } catch (e) { return []; }
  }
  let outbox = loadOutbox();
  function saveOutbox() {
    try { localStorage.setItem(storeKey, JSON.stringify(outbox)); } catch (e) { /* private mode */ }
  }

  // ---- lines under the form: what was sent and what became of it
  function line(item, text, kind) {
    const list = $("#outbox");
    let li = list.querySelector('[data-cid="' + item.cid + '"]');
    if (!li) {
      li = document.createElement("li");
      li.dataset.cid = item.cid;
      const what = document.createElement("span");
      what.className = "what";
      what.textContent = item.label;
      const status = document.createElement("span");
      status.className = "status";
      li.append(what, status);
      list.prepend(li);
      while (list.children.length > 6) list.lastElementChild.remove();
    }
    li.className = kind;
    li.querySelector(".status").textContent = text;
  }

  function connection(text, kind) {
    const footer = $("#conn");
    footer.textContent = text;
    footer.className = kind;
  }

  // ---- sending, one at a time and in order
  let sending = false;
  let wait = 1000;
  async function post(path, data) {
    return fetch(path, {
      method: "POST", credentials: "same-origin", cache: "no-store",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(data),
    });
  }

  async function flush() {
    if (sending) return;
    sending = true;
    try {
      while (outbox.length) {
        const item = outbox[0];
        line(item, words.sending, "sending");
        let response;
        try {
          response = await post("send", item.body);
        } catch (e) {
          line(item, words.offline, "offline");
          setTimeout(flush, wait);
          wait = Math.min(wait * 2, 10000);
          return;
        }
        let answer = {};
        try { answer = await response.json(); } catch (e) { /* not JSON */ }
        if (response.status === 429 || response.status >= 500) {
          line(item, answer.error || words.offline, "offline");
          setTimeout(flush, wait);
          wait = Math.min(wait * 2, 10000);
          return;
        }
        wait = 1000;
        outbox.shift();
        saveOutbox();
        if (response.ok) {
          line(item, answer.waiting ? words.waiting : words.saved, "saved");
        } else {
          line(item, answer.error || String(response.status), "refused");
          giveBack(item);
        }
        refresh();
      }
    } finally {
      sending = false;
    }
  }

  function queue(entryBody, label, form) {
    const item = { cid: newId(), body: entryBody, label: label };
    item.body.cid = item.cid;
    if (form) item.form = form;
    outbox.push(item);
    saveOutbox();
    line(item, words.sending, "sending");
    flush();
  }

  // A refused text goes back into its field if the field is still empty: nothing typed is lost.
  function giveBack(item) {
    const text = item.body.fields && item.body.fields.text;
    if (!text || !item.form) return;
    const field = document.querySelector('form[data-entry="' + item.form + '"] textarea[name="text"]');
    if (field && !field.value) field.value = text;
  }

  // ---- following the session (follow.js fetches each new view)
  function show(view) {
    $("#head").innerHTML = view.head;
    setForm(view.form, view.key);
    $("#board").innerHTML = view.board;
  }

  // The form is redrawn only when it changes; what was typed or picked in it stays.
  function setForm(html, key) {
    const box = $("#form");
    if (box.dataset.key === key) return;
    const kept = {};
    box.querySelectorAll("textarea, select, input[type=radio]:checked").forEach((field) => {
      const form = field.closest("form");
      if (!form) return;
      if (field.tagName === "SELECT" && !field.dataset.touched) return;
      kept[form.dataset.entry + "/" + field.name] = field.value;
    });
    const active = document.activeElement;
    const activeName = active && box.contains(active) && active.closest("form")
      ? active.closest("form").dataset.entry + "/" + active.name : null;
    const caret = active && "selectionStart" in active ? active.selectionStart : null;
    box.innerHTML = html;
    box.dataset.key = key;
    box.querySelectorAll("form").forEach((form) => {
      form.querySelectorAll("textarea, select, input[type=radio]").forEach((field) => {
        const value = kept[form.dataset.entry + "/" + field.name];
        if (value === undefined) return;
        if (field.type === "radio") {
          field.checked = field.value === value;
        } else if (field.tagName !== "SELECT" || field.querySelector('option[value="' + CSS.escape(value) + '"]')) {
          field.value = value;
          if (field.tagName === "SELECT") field.dataset.touched = "1";
        }
        if (form.dataset.entry + "/" + field.name === activeName) {
          field.focus();
          if (caret !== null && "setSelectionRange" in field) field.setSelectionRange(caret, caret);
        }
      });
    });
  }

  const refresh = window.followRoom({
    version: Number(body.dataset.version || 0),
    show: show,
    status(state) {
      connection(words[state], state);
      if (state === "live") flush();
    },
  });

  // ---- what the participant does
  document.addEventListener("change", (event) => {
    if (event.target.tagName === "SELECT") event.target.dataset.touched = "1";
  });

  document.addEventListener("submit", (event) => {
    const form = event.target.closest("form.entry");
    if (!form) return;
    event.preventDefault();
    const fields = {};
    form.querySelectorAll("textarea, select, input[type=radio]:checked").forEach((field) => {
      if (field.value === "") return;
      fields[field.name] = field.tagName === "SELECT" ? Number(field.value) : field.value;
    });
    const text = fields.text || "";
    queue({ step: Number(form.dataset.step), entry: form.dataset.entry, fields: fields },
          text.length > 60 ? text.slice(0, 59) + "…" : text, form.dataset.entry);
    const area = form.querySelector("textarea");
    if (area) { area.value = ""; area.focus(); }
  });

  document.addEventListener("click", async (event) => {
    const tap = event.target.closest("button.tap");
    if (tap && !tap.disabled) {
      const holder = tap.closest("li");
      const name = holder && holder.querySelector(".text") ? holder.querySelector(".text").textContent : "";
      const label = (tap.getAttribute("aria-label") || tap.textContent) + (name ? " · " + name : "");
      tap.classList.add("sent");
      // A tap that sends a whole answer (a ranking's order) was drawn from the page as it
      // is: the next one waits for the page to be redrawn with this one in it.
      if (tap.classList.contains("whole")) {
        document.querySelectorAll("button.tap.whole").forEach((b) => { b.disabled = true; });
      }
      queue({ step: Number(tap.dataset.step), entry: tap.dataset.entry,
              fields: JSON.parse(tap.dataset.fields) }, label.slice(0, 80), null);
      return;
    }
    const seat = event.target.closest("button.seat, button.leave");
    if (seat) {
      const pid = seat.classList.contains("leave") ? null : Number(seat.dataset.pid);
      try {
        const response = await post("seat", { pid: pid });
        if (!response.ok) {
          const answer = await response.json().catch(() => ({}));
          connection(answer.error || String(response.status), "refused");
        }
      } catch (e) {
        connection(words.lost, "lost");
      }
      refresh();
    }
  });

  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) { refresh(); flush(); }
  });
  window.addEventListener("online", flush);

  outbox.forEach((item) => line(item, words.sending, "sending"));
  flush();
})();
