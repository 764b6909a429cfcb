// The projector's page: read-only, follows the session, and keeps the step's clock
// ticking between updates (follow.js fetches them). Texts arrive as HTML the laptop
// escaped.
"use strict";
(function () {
  const body = document.body;
  const words = JSON.parse(body.dataset.words || "{}");
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

  window.followRoom({
    version: Number(body.dataset.version || 0),
    show(view) {
      $("#head").innerHTML = view.head;
      $("#main").innerHTML = view.main;
      clockAt = Date.now();
      tick();
    },
    status(state) {
      $("#conn").textContent = state === "live" ? "" : state === "closed" ? (words.closed || "") : "…";
    },
  });
  tick();
  setInterval(tick, 1000);
})();
