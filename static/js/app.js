/* Small behaviours for every page. No inline scripts anywhere: the CSP allows only files from 'self'. */
(function () {
  "use strict";
  // The page's language (Django's JavaScript catalogue, /jsi18n/, loaded beside this script and
  // looked up when a message is shown); English until it is there.
  function gettext(s) { return window.gettext ? window.gettext(s) : s; }
  function interpolate(fmt, obj) {
    if (window.interpolate) { return window.interpolate(fmt, obj, true); }
    return fmt.replace(/%\((\w+)\)s/g, function (_m, key) { return String(obj[key]); });
  }

  function paintSwatches(root) {
    // Sector colours are data; set them through the CSSOM (allowed by the CSP, unlike style="").
    root.querySelectorAll(".js-swatch[data-colour]").forEach(function (el) {
      var colour = el.getAttribute("data-colour");
      if (/^#[0-9a-fA-F]{6}$/.test(colour)) {
        el.style.backgroundColor = colour;
      }
    });
  }

  // On a phone the filters start folded, so the results are the first thing seen; they stay
  // open when a filter is in use. Without JavaScript they are simply always open.
  function foldFilters() {
    if (!window.matchMedia("(max-width: 991px)").matches) {
      return;
    }
    document.querySelectorAll("details.js-filter-toggle").forEach(function (details) {
      var params = new URLSearchParams(window.location.search);
      var active = false;
      params.forEach(function (value, key) {
        if (value && ["page", "page_size", "ordering"].indexOf(key) === -1) {
          active = true;
        }
      });
      if (!active) {
        details.open = false;
      }
    });
  }

  // After a failed submit, start from the error summary; its links move the focus into the field.
  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) {
      return;
    }
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var field = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!field) {
        return;
      }
      event.preventDefault();
      var label = document.querySelector("label[for='" + field.id + "']");
      (label || field).scrollIntoView({ block: "center" });
      field.focus({ preventScroll: true });
    });
  }

  // A table wider than the screen scrolls inside its box: say so above it, and let keyboard
  // users scroll it (the box takes the focus and names itself after the table's caption).
  function markScrollingTables(root) {
    root.querySelectorAll(".table-scroll").forEach(function (box) {
      var wide = box.scrollWidth > box.clientWidth + 1;
      var hint = box.previousElementSibling;
      var hasHint = hint && hint.classList.contains("scroll-hint");
      box.classList.toggle("is-scrollable", wide);
      if (wide) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        var caption = box.querySelector("caption");
        box.setAttribute("aria-label", caption ? caption.textContent.trim() : gettext("Table"));
        if (!hasHint) {
          hint = document.createElement("p");
          hint.className = "scroll-hint";
          hint.setAttribute("aria-hidden", "true");
          hint.textContent = box.getAttribute("data-scroll-hint") || gettext("Scroll sideways to see the whole table →");
          box.parentNode.insertBefore(hint, box);
        }
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
        if (hasHint) {
          hint.remove();
        }
      }
    });
  }

  // On a phone the header's links fold behind a Menu button, so the page starts near the top.
  function foldNavigation() {
    var button = document.querySelector(".menu-toggle");
    var links = document.getElementById("site-links");
    if (!button || !links) {
      return;
    }
    document.documentElement.classList.add("js-menu");
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      links.classList.toggle("is-open", open);
      if (open) {
        var first = links.querySelector("a, button");
        if (first) { first.focus(); }
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        button.click();
        button.focus();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    foldNavigation();
    paintSwatches(document);
    foldFilters();
    focusErrorSummary();
    markScrollingTables(document);
  });
  var resizeTimer = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(function () { markScrollingTables(document); }, 150);
  });

  // After htmx swaps in new results, move focus to their heading so screen readers follow.
  document.addEventListener("htmx:afterSwap", function (event) {
    paintSwatches(event.target);
    markScrollingTables(event.target);
    var heading = event.target.querySelector("#result-count");
    if (heading && event.detail.requestConfig && event.detail.requestConfig.elt &&
        event.detail.requestConfig.elt.tagName === "A") {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
  });
})();
