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
    var dMin = Math.min.apply(null, degrees), dMax = Math.max.apply(null, degrees);
    var wMin = Math.min.apply(null, weights.concat([1])), wMax = Math.max.apply(null, weights.concat([1]));
    var elements = [];
    data.nodes.forEach(function (n) {
      elements.push({ data: { id: n.id, label: n.label, colour: n.colour, url: n.url, sector: n.sector,
                              size: scale(n.degree, dMin, dMax, 18, 56) } });
    });
    data.edges.forEach(function (e, i) {
      elements.push({ data: { id: "e" + i, source: e.source, target: e.target, weight: e.weight,
                              width: scale(e.weight, wMin, wMax, 1, 10) } });
    });
    var cy = window.cytoscape({
      container: container,
      elements: elements,
      wheelSensitivity: 0.2,
      style: [
        { selector: "node", style: {
            "background-color": "data(colour)", "width": "data(size)", "height": "data(size)",
            "label": "data(label)", "font-size": 9, "text-wrap": "ellipsis", "text-max-width": 110,
            "color": "#1f2937", "text-valign": "bottom", "text-margin-y": 3,
            "border-width": 1, "border-color": "#1f2937" } },
        { selector: "edge", style: {
            "width": "data(width)", "line-color": "#9ca3af", "opacity": 0.7, "curve-style": "haystack" } },
        { selector: "node:selected", style: { "border-width": 3, "border-color": "#b45309" } }
      ],
      layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 9000, idealEdgeLength: 90,
                padding: 20, componentSpacing: 60 }
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
