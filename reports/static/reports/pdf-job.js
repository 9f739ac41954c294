// "Prepare PDF" on the coalition report: the form is posted in the background, a worker prepares
// the PDF, and a small status endpoint is polled until it is ready (a download link appears) or
// failed (the message is shown). The button stays disabled while a PDF is under way; the server
// also hands back the job under way instead of starting a second one. Without JavaScript the form
// posts normally and the report page shows where the PDF stands.
(function () {
  "use strict";
  // The page's language (Django's JavaScript catalogue, /jsi18n/, loaded beside this script and
  // looked up when a message is shown); English until it is there.
  function gettext(s) { return window.gettext ? window.gettext(s) : s; }
  function interpolate(fmt, obj) {
    if (window.interpolate) { return window.interpolate(fmt, obj, true); }
    return fmt.replace(/%\((\w+)\)s/g, function (_m, key) { return String(obj[key]); });
  }
  var box = document.getElementById("report-pdf");
  if (!box || !window.fetch) { return; }
  var form = box.querySelector("form[data-report-pdf]");
  var button = form.querySelector("button");
  var text = document.getElementById("report-pdf-status");
  var link = document.getElementById("report-pdf-download");
  var timer = null;
  var PHASES = { figures: gettext("Gathering the figures…"), pdf: gettext("Laying out the PDF…") };

  function show(state) {
    if (state.status === "done") {
      text.textContent = gettext("The PDF is ready.");
      link.href = state.download_url;
      link.hidden = false;
    } else if (state.status === "failed") {
      text.textContent = interpolate(gettext("The PDF failed: %(reason)s"), { reason: state.error || gettext("try again.") }, true);
      link.hidden = true;
    } else {
      text.textContent = PHASES[state.phase] || gettext("Waiting for a worker…");
      link.hidden = true;
    }
    button.disabled = state.status === "queued" || state.status === "running";
  }

  function follow(url) {
    window.clearInterval(timer);
    timer = window.setInterval(function () {
      fetch(url, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (state) {
          if (!state) { return; }
          show(state);
          if (state.status !== "queued" && state.status !== "running") { window.clearInterval(timer); }
        })
        .catch(function () {});
    }, 1000);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (button.disabled) { return; }
    button.disabled = true;
    text.textContent = gettext("Waiting for a worker…");
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    })
      .then(function (r) { return r.json(); })
      .then(function (state) {
        if (!state.status) { throw new Error("no status"); }
        show(state);
        if (state.status === "queued" || state.status === "running") { follow(state.status_url); }
      })
      .catch(function () {
        text.textContent = gettext("The connection was lost; reload the page to see where the PDF stands.");
        button.disabled = false;
      });
  });

  if (box.hasAttribute("data-running")) { follow(box.getAttribute("data-status-url")); }
})();
