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

  document.addEventListener("DOMContentLoaded", function () {
    paintSwatches(document);
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
