// Shows the progress of a long check or import: the form is posted in the background while a
// small endpoint is polled; without JavaScript the form posts normally and the page waits.
(function () {
  "use strict";
  var box = document.getElementById("import-progress");
  if (!box || !window.fetch) { return; }
  var bar = document.getElementById("import-progress-bar");
  var text = document.getElementById("import-progress-text");
  var url = box.getAttribute("data-progress-url");

  function show(state) {
    var total = state.total || 0;
    var done = state.done || 0;
    bar.max = total > 0 ? total : 1;
    bar.value = Math.min(done, bar.max);
    var verb = state.phase === "import" ? "Imported" : "Checked";
    text.textContent = total ? verb + " " + done + " of " + total + " rows" : "Starting…";
  }

  function poll(timer) {
    fetch(url, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (state) { if (state) { show(state); } })
      .catch(function () {});
  }

  function run(form) {
    var button = form.querySelector("button");
    if (button) { button.disabled = true; }
    box.hidden = false;
    show({ done: 0, total: 0 });
    var timer = window.setInterval(poll, 700);
    fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" })
      .then(function (response) {
        window.clearInterval(timer);
        window.location.assign(response.url);
      })
      .catch(function () {
        window.clearInterval(timer);
        text.textContent = "The connection was lost; reload the page to see where the import stands.";
        if (button) { button.disabled = false; }
      });
  }

  var forms = document.querySelectorAll("form[data-import-run]");
  Array.prototype.forEach.call(forms, function (form) {
    form.addEventListener("submit", function (event) { event.preventDefault(); run(form); });
    if (form.hasAttribute("data-autostart")) { run(form); }
  });
})();
