// Shows the progress of a long check or import. The form is posted in the background and the
// work runs beside the request; a small endpoint is polled until the job's status changes, then
// the page reloads with the result. Without JavaScript the form posts normally and the page waits.
(function () {
  "use strict";
  // The page's language (Django's JavaScript catalogue, /jsi18n/, loaded beside this script and
  // looked up when a message is shown); English until it is there.
  function gettext(s) { return window.gettext ? window.gettext(s) : s; }
  function interpolate(fmt, obj) {
    if (window.interpolate) { return window.interpolate(fmt, obj, true); }
    return fmt.replace(/%\((\w+)\)s/g, function (_m, key) { return String(obj[key]); });
  }
  var box = document.getElementById("import-progress");
  if (!box || !window.fetch) { return; }
  var bar = document.getElementById("import-progress-bar");
  var text = document.getElementById("import-progress-text");
  var url = box.getAttribute("data-progress-url");
  var timer = null;

  function show(state) {
    var total = state.total || 0;
    var done = state.done || 0;
    bar.max = total > 0 ? total : 1;
    bar.value = Math.min(done, bar.max);
    var fmt = state.phase === "import" ? gettext("Imported %(done)s of %(total)s rows…") : gettext("Checked %(done)s of %(total)s rows…");
    text.textContent = total && done ? interpolate(fmt, { done: done, total: total }, true) : gettext("Working…");
  }

  function follow() {
    box.hidden = false;
    show({});
    timer = window.setInterval(function () {
      fetch(url, { credentials: "same-origin", cache: "no-store" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (state) {
          if (!state) { return; }
          show(state);
          if (state.status !== "running") {
            window.clearInterval(timer);
            window.location.reload();
          }
        })
        .catch(function () {});
    }, 700);
  }

  function run(form) {
    var button = form.querySelector("button");
    if (button) { button.disabled = true; }
    box.hidden = false;
    show({});
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Import-Background": "1" }
    })
      .then(function (response) {
        if (response.status === 202 || response.status === 409) { follow(); return; }
        window.location.assign(response.url);
      })
      .catch(function () {
        text.textContent = gettext("The connection was lost; reload the page to see where the import stands.");
        if (button) { button.disabled = false; }
      });
  }

  if (box.hasAttribute("data-running")) { follow(); }
  var forms = document.querySelectorAll("form[data-import-run]");
  Array.prototype.forEach.call(forms, function (form) {
    form.addEventListener("submit", function (event) { event.preventDefault(); run(form); });
    if (form.hasAttribute("data-autostart")) { run(form); }
  });
})();
