/* The collaboration network (cytoscape.js). Positions, sizes, shapes and colours come from the
   server (analytics.layout), the same as in the GEXF/GraphML files and the report; labels never
   overlap there, and labels scale with the picture, so they never overlap at any zoom.
   Buttons zoom and move the picture, checkboxes hide sectors, and selecting an organisation (in
   the picture, or in the list beside it with the keyboard) highlights its partners and shows its
   figures in the panel. The page keeps a table equivalent. */
(function () {
  "use strict";

  var PAN_STEP = 80;

  function scale(value, min, max, outMin, outMax) {
    if (max <= min) {
      return (outMin + outMax) / 2;
    }
    return outMin + ((value - min) * (outMax - outMin)) / (max - min);
  }

  function elementsOf(data) {
    var weights = data.edges.map(function (e) { return e.weight; });
    var wMin = Math.min.apply(null, weights.concat([1])), wMax = Math.max.apply(null, weights.concat([1]));
    var elements = [];
    data.nodes.forEach(function (n) {
      elements.push({ group: "nodes", position: { x: n.x, y: n.y },
                      data: { id: n.id, label: n.label, name: n.name, colour: n.colour, shape: n.shape,
                              sector: n.sector, size: n.size } });
    });
    data.edges.forEach(function (e, i) {
      // Frequency is shown on a log scale, so one very busy pair does not make the rest hairlines.
      var share = scale(Math.log(e.weight), Math.log(wMin), Math.log(wMax), 0, 1);
      elements.push({ group: "edges", data: { id: "e" + i, source: e.source, target: e.target, weight: e.weight,
                                              width: 1 + 7 * share, opacity: 0.25 + 0.6 * share } });
    });
    return elements;
  }

  function style() {
    return [
      { selector: "node", style: {
          "background-color": "data(colour)", "shape": "data(shape)", "width": "data(size)", "height": "data(size)",
          "label": "data(label)", "font-size": 11, "font-family": "DejaVu Sans, Verdana, Arial, sans-serif",
          "text-wrap": "none", "color": "#1f2937", "text-valign": "bottom", "text-halign": "center",
          "text-margin-y": 3, "text-background-color": "#ffffff", "text-background-opacity": 0.85,
          "text-background-padding": 1, "border-width": 1.5, "border-color": "#ffffff" } },
      { selector: "edge", style: {
          "width": "data(width)", "line-color": "#4b5563", "opacity": "data(opacity)", "curve-style": "haystack" } },
      { selector: ".faded", style: { "opacity": 0.15 } },
      { selector: "edge.partner-edge", style: { "line-color": "#111827", "opacity": 0.9 } },
      { selector: "node.chosen", style: { "border-width": 4, "border-color": "#111827", "z-index": 10 } },
      { selector: "node.partner", style: { "border-width": 3, "border-color": "#4b5563" } },
      { selector: "node:selected", style: { "overlay-opacity": 0 } }
    ];
  }

  function showDetails(panel, node, byId) {
    var details = panel.querySelector("#network-details");
    var template = panel.querySelector("#network-details-template");
    details.textContent = "";
    if (!node) {
      var empty = document.createElement("p");
      empty.className = "muted js-network-empty";
      empty.textContent = panel.getAttribute("data-empty") || "";
      details.appendChild(empty);
      return;
    }
    var part = template.content.cloneNode(true);
    part.querySelector(".js-name").textContent = node.name;
    part.querySelector(".js-sector").textContent = node.sector_name;
    part.querySelector(".js-degree").textContent = String(node.degree);
    part.querySelector(".js-weighted").textContent = String(node.weighted_degree);
    var list = part.querySelector(".js-partners");
    node.partners.forEach(function (p) {
      var li = document.createElement("li");
      var other = byId[p.id];
      li.textContent = (other ? other.name : p.id) + " (" + p.weight + ")";
      list.appendChild(li);
    });
    var link = part.querySelector(".js-profile");
    link.setAttribute("href", node.url);
    details.appendChild(part);
  }

  function draw(container) {
    var source = document.getElementById(container.getAttribute("data-source"));
    if (!source || typeof window.cytoscape === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    var byId = {};
    data.nodes.forEach(function (n) { byId[n.id] = n; });
    var section = container.closest("section") || document;
    var panel = document.getElementById(container.getAttribute("data-panel"));
    var empty = panel.querySelector(".js-network-empty");
    panel.setAttribute("data-empty", empty ? empty.textContent : "");
    var picker = panel.querySelector(".js-network-pick");

    var layoutBox = container.closest(".network-layout");
    if (layoutBox) {
      layoutBox.hidden = false;  // before drawing: cytoscape measures its container
    }
    var cy = window.cytoscape({
      container: container,
      elements: elementsOf(data),
      style: style(),
      layout: { name: "preset", fit: true, padding: 24 },
      minZoom: 0.1,
      maxZoom: 4,
      boxSelectionEnabled: false,
      autoungrabify: false
    });

    function choose(id) {
      cy.elements().removeClass("faded chosen partner partner-edge");
      var node = id ? cy.getElementById(id) : null;
      if (!node || node.empty() || node.hidden()) {
        picker.value = "";
        container.removeAttribute("data-selected");
        showDetails(panel, null, byId);
        return;
      }
      var hood = node.closedNeighborhood();
      cy.elements().not(hood).addClass("faded");
      node.addClass("chosen");
      node.neighborhood("node").addClass("partner");
      node.connectedEdges().addClass("partner-edge");
      picker.value = id;
      container.setAttribute("data-selected", id);
      showDetails(panel, byId[id], byId);
    }

    cy.on("tap", "node", function (event) { choose(event.target.id()); });
    cy.on("tap", function (event) {
      if (event.target === cy) { choose(null); }
    });
    picker.addEventListener("change", function () { choose(picker.value); });

    section.querySelectorAll(".js-sector-filter").forEach(function (box) {
      box.addEventListener("change", function () {
        var nodes = cy.nodes().filter(function (n) { return n.data("sector") === box.value; });
        if (box.checked) {
          nodes.style("display", "element");
        } else {
          nodes.style("display", "none");
        }
        Array.prototype.forEach.call(picker.options, function (option) {
          if (option.value && byId[option.value] && byId[option.value].sector === box.value) {
            option.hidden = !box.checked;
            option.disabled = !box.checked;
          }
        });
        if (container.getAttribute("data-selected") && cy.getElementById(container.getAttribute("data-selected")).hidden()) {
          choose(null);
        }
        container.setAttribute("data-visible-nodes", String(cy.nodes(":visible").length));
      });
    });

    var toolbar = section.querySelector(".network-toolbar");
    if (toolbar) {
      toolbar.hidden = false;
      toolbar.addEventListener("click", function (event) {
        var button = event.target.closest("[data-network-action]");
        if (!button) {
          return;
        }
        var action = button.getAttribute("data-network-action");
        var centre = { x: container.clientWidth / 2, y: container.clientHeight / 2 };
        if (action === "zoom-in" || action === "zoom-out") {
          cy.zoom({ level: cy.zoom() * (action === "zoom-in" ? 1.25 : 0.8), renderedPosition: centre });
        } else if (action === "fit") {
          cy.fit(cy.elements(":visible"), 24);
        } else {
          var by = { "pan-left": { x: PAN_STEP, y: 0 }, "pan-right": { x: -PAN_STEP, y: 0 },
                     "pan-up": { x: 0, y: PAN_STEP }, "pan-down": { x: 0, y: -PAN_STEP } }[action];
          if (by) {
            cy.panBy(by);
          }
        }
      });
    }

    container.cy = cy;
    container.setAttribute("data-node-count", String(cy.nodes().length));
    container.setAttribute("data-edge-count", String(cy.edges().length));
    container.setAttribute("data-visible-nodes", String(cy.nodes().length));
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".network[data-source]").forEach(draw);
  });
})();
