/* Small behaviours for every page. No inline scripts anywhere: the CSP allows only files from 'self'. */
(function () {
  "use strict";

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

  document.addEventListener("DOMContentLoaded", function () {
    paintSwatches(document);
    foldFilters();
    focusErrorSummary();
  });

  // After htmx swaps in new results, move focus to their heading so screen readers follow.
  document.addEventListener("htmx:afterSwap", function (event) {
    paintSwatches(event.target);
    var heading = event.target.querySelector("#result-count");
    if (heading && event.detail.requestConfig && event.detail.requestConfig.elt &&
        event.detail.requestConfig.elt.tagName === "A") {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
  });
})();
