// The knowledge base's static site: a little behaviour on top of pages that work without it.
// Filters for the charts' legends, highlighting in the network, and marks that lead to their facts.
"use strict";

(function () {
  // Legends: a checkbox shows or hides the chart's (and the table's) items of its type or kind.
  document.querySelectorAll(".legend input[data-filter]").forEach(function (box) {
    box.addEventListener("change", function () {
      var attribute = box.dataset.filter === "type" ? "data-type" : "data-kind";
      document.querySelectorAll("[" + attribute + '="' + box.value + '"]').forEach(function (element) {
        element.classList.toggle("hidden", !box.checked);
      });
    });
  });

  // Network: pointing at an actor lights it, its links and its neighbours, and dims the rest.
  var network = document.querySelector("svg.network");
  if (network) {
    var edges = Array.prototype.slice.call(network.querySelectorAll(".edge"));
    network.querySelectorAll(".node").forEach(function (node) {
      node.addEventListener("mouseenter", function () {
        network.classList.add("focus");
        node.classList.add("lit");
        edges.forEach(function (edge) {
          var source = edge.dataset.source, target = edge.dataset.target;
          if (source === node.id || target === node.id) {
            edge.classList.add("lit");
            [source, target].forEach(function (id) {
              var other = document.getElementById(id);
              if (other) { other.classList.add("lit"); }
            });
          }
        });
      });
      node.addEventListener("mouseleave", function () {
        network.classList.remove("focus");
        network.querySelectorAll(".lit").forEach(function (element) { element.classList.remove("lit"); });
      });
    });
  }

  // Article text: clicking a quote's mark goes to the list of the facts that cite it.
  document.querySelectorAll(".article-text mark[data-cite]").forEach(function (mark) {
    mark.addEventListener("click", function (event) {
      var entry = document.getElementById(mark.dataset.cite);
      if (entry) {
        event.preventDefault();
        event.stopPropagation(); // the innermost of nested marks wins
        window.location.hash = mark.dataset.cite;
      }
    });
  });
})();
