// Following the session, for the phone's page and the projector's alike: the laptop
// says on an event stream when the session changed, and the page fetches its view then.
// One fetch at a time; a change announced during a fetch fetches once more after it.
"use strict";
window.followRoom = function (options) {
  // options.version: the version the page was drawn at; options.show(view): draw a
  // view; options.status("live" | "lost" | "closed"): the connection changed.
  let version = options.version;
  let fetching = false;
  let again = false;

  async function refresh() {
    if (fetching) { again = true; return; }
    fetching = true;
    try {
      do {
        again = false;
        const response = await fetch("view", { credentials: "same-origin", cache: "no-store" });
        if (response.status === 403) { location.reload(); return; }  // the seat was freed
        if (!response.ok) return;
        const view = await response.json();
        version = view.version;
        options.show(view);
      } while (again);
    } catch (e) {
      /* the connection line says so, and the next message tries again */
    } finally {
      fetching = false;
    }
  }

  const source = new EventSource("events");
  source.onopen = () => { options.status("live"); refresh(); };
  source.onmessage = (message) => { if (Number(message.data) !== version) refresh(); };
  source.onerror = () => options.status("lost");
  source.addEventListener("closed", () => { source.close(); options.status("closed"); });
  return refresh;
};
