/* Warns beside free-text fields (outcomes, descriptions, notes) when the text looks like personal
   data. The same rules as audit/pii.py. Loaded as a file: the Content-Security-Policy allows no
   inline script. A field opts in with data-pii-warning, or is found by its name. */
(function () {
  "use strict";
  // The page's language (Django's JavaScript catalogue, /jsi18n/, loaded beside this script and
  // looked up when a message is shown); English until it is there.
  function gettext(s) { return window.gettext ? window.gettext(s) : s; }
  function interpolate(fmt, obj) {
    if (window.interpolate) { return window.interpolate(fmt, obj, true); }
    return fmt.replace(/%\((\w+)\)s/g, function (_m, key) { return String(obj[key]); });
  }
  var EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
  var PHONE = /(?:^|[^\w\/.-])((?:\+|00)?\(?\d[\d\s().-]{5,}\d)(?![\w\/-])/g;
  var DOB = /\b(?:born|d\.?o\.?b\.?|date of birth|birth ?date|birthday|aged?\s+\d{1,2})\b/i;
  var DATE = /^\d{1,4}[.\/-]\d{1,2}[.\/-]\d{1,4}$/;
  var NAMES = ["outcomes", "description", "notes", "note", "comment", "comments", "reason", "status_note"];

  function digits(text) { return (text.match(/\d/g) || []).length; }

  function warnings(text) {
    var found = [];
    if (!text) { return found; }
    if (EMAIL.test(text)) { found.push(gettext("This looks like an e-mail address.")); }
    var match;
    PHONE.lastIndex = 0;
    while ((match = PHONE.exec(text)) !== null) {
      var candidate = match[1];
      if (digits(candidate) >= 7 && !DATE.test(candidate.trim())) {
        found.push(gettext("This looks like a phone number."));
        break;
      }
    }
    if (DOB.test(text)) { found.push(gettext("This looks like a date of birth or an age.")); }
    if (found.length) {
      found.push(gettext("Never enter names, contact details or anything else that could identify a victim or survivor."));
    }
    return found;
  }

  function attach(field) {
    if (field.dataset.piiWarningAttached) { return; }
    field.dataset.piiWarningAttached = "1";
    var box = document.createElement("div");
    box.className = "pii-warning";
    box.setAttribute("role", "status");
    box.setAttribute("aria-live", "polite");
    box.hidden = true;
    box.id = (field.id || field.name) + "-pii-warning";
    field.insertAdjacentElement("afterend", box);
    var described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", described ? described + " " + box.id : box.id);
    function update() {
      var found = warnings(field.value);
      box.textContent = found.join(" ");
      box.hidden = found.length === 0;
    }
    field.addEventListener("input", update);
    update();
  }

  function scan(root) {
    var fields = root.querySelectorAll("textarea, input[data-pii-warning]");
    Array.prototype.forEach.call(fields, function (field) {
      if (field.hasAttribute("data-pii-warning") || NAMES.indexOf(field.name) !== -1 || field.tagName === "TEXTAREA") {
        attach(field);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () { scan(document); });
  // Forms loaded later (htmx swaps) get the warning too.
  document.addEventListener("htmx:afterSwap", function (event) { scan(event.target); });
  window.coalitionPiiWarnings = warnings;
})();
