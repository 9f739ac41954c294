/* The collaboration network (cytoscape.js): nodes coloured by sector and sized by degree, edges as wide as
   their frequency; selecting a node opens the organisation's profile. The page has a table equivalent. */
(function () {
  "use strict";

  function scale(value, min, max, outMin, outMax) {
    if (max <= min) {
      return (outMin + outMax) / 2;
    }
    return outMin + ((value - min) * (outMax - outMin)) / (max - min);
  }

  function draw(container) {
    var source = document.getElementById(container.getAttribute("data-source"));
    if (!source || typeof window.cytoscape === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    var degrees = data.nodes.map(function (n) { return n.degree; });
    var weights = data.edges.map(function (e) { return e.weight; });
    var dMax = Math.max.apply(null, degrees);
    var wMin = Math.min.apply(null, weights.concat([1])), wMax = Math.max.apply(null, weights.concat([1]));
    var elements = [];
    // Degree is shown relative to the best-connected organisation, so a dense network does not
    // exaggerate small differences.
    data.nodes.forEach(function (n) {
      elements.push({ data: { id: n.id, label: n.label, colour: n.colour, url: n.url, sector: n.sector,
                              size: 12 + 28 * (dMax > 0 ? n.degree / dMax : 0) } });
    });
    data.edges.forEach(function (e, i) {
      elements.push({ data: { id: "e" + i, source: e.source, target: e.target, weight: e.weight,
                              width: scale(e.weight, wMin, wMax, 0.5, 9),
                              opacity: scale(e.weight, wMin, wMax, 0.12, 0.85) } });
    });
    var cy = window.cytoscape({
      container: container,
      elements: elements,
      wheelSensitivity: 0.2,
      style: [
        { selector: "node", style: {
            "background-color": "data(colour)", "width": "data(size)", "height": "data(size)",
            "label": "data(label)", "font-size": 10, "text-wrap": "ellipsis", "text-max-width": 120,
            "text-background-color": "#ffffff", "text-background-opacity": 0.8, "text-background-padding": 1,
            "color": "#1f2937", "text-valign": "bottom", "text-margin-y": 3,
            "border-width": 1, "border-color": "#1f2937" } },
        { selector: "edge", style: {
            "width": "data(width)", "line-color": "#4b5563", "opacity": "data(opacity)", "curve-style": "haystack" } },
        { selector: "node:selected", style: { "border-width": 3, "border-color": "#b45309" } }
      ],
      // A ring ordered by sector keeps each sector together and shows cross-sector ties as chords;
      // force layouts collapse the dense networks coalitions tend to have into a blob.
      layout: { name: "circle", animate: false, padding: 40, avoidOverlap: true,
                sort: function (a, b) {
                  return a.data("sector").localeCompare(b.data("sector")) || a.data("label").localeCompare(b.data("label"));
                } }
    });
    cy.on("tap", "node", function (event) {
      var url = event.target.data("url");
      if (url) {
        window.location.assign(url);
      }
    });
    container.cy = cy;
    container.setAttribute("data-node-count", String(cy.nodes().length));
    container.setAttribute("data-edge-count", String(cy.edges().length));
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".network[data-source]").forEach(draw);
  });
})();
