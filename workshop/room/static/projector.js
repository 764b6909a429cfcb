// The projector's page: read-only, follows the session, and keeps the step's clock
// ticking between updates. Texts arrive as HTML the laptop escaped.
"use strict";
(function () {
  const body = document.body;
  const words = JSON.parse(body.dataset.words || "{}");
  let version = Number(body.dataset.version || 0);
  let clockAt = Date.now();
  const $ = (selector) => document.querySelector(selector);

  function two(n) { return String(n).padStart(2, "0"); }
  function minutes(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    return (h ? h + ":" + two(m) : String(m)) + ":" + two(seconds % 60);
  }
  function tick() {
    const clock = $(".clock");
    if (!clock) return;
    let elapsed = Number(clock.dataset.elapsed || 0);
    if (clock.dataset.running === "1") elapsed += (Date.now() - clockAt) / 1000;
    const planned = Number(clock.dataset.planned || 0);
    clock.textContent = minutes(elapsed) + (planned ? " / " + minutes(planned) : "");
    clock.classList.toggle("over", planned > 0 && elapsed > planned);
  }

  let fetching = false;
  let again = false;
  async function refresh() {
    if (fetching) { again = true; return; }
    fetching = true;
    try {
      do {
        again = false;
        const response = await fetch("view", { cache: "no-store" });
        if (!response.ok) return;
        const view = await response.json();
        version = view.version;
        $("#head").innerHTML = view.head;
        $("#main").innerHTML = view.main;
        clockAt = Date.now();
        tick();
      } while (again);
    } catch (e) {
      /* the next message tries again */
    } finally {
      fetching = false;
    }
  }

  const source = new EventSource("events");
  source.onmessage = (message) => { if (Number(message.data) !== version) refresh(); };
  source.onopen = () => { $("#conn").textContent = ""; refresh(); };
  source.onerror = () => { $("#conn").textContent = "…"; };
  source.addEventListener("closed", () => {
    source.close();
    $("#conn").textContent = words.closed || "";
  });
  tick();
  setInterval(tick, 1000);
})();
