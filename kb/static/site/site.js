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

  // Map: clicking a place shows only its events below the map (without the script, the link still goes there).
  document.querySelectorAll("svg.map a.place").forEach(function (place) {
    place.addEventListener("click", function (event) {
      var panel = document.getElementById(place.dataset.place);
      if (!panel) { return; }
      event.preventDefault();
      document.querySelectorAll(".place-panel.selected, svg.map a.place.selected").forEach(function (element) {
        element.classList.remove("selected");
      });
      panel.classList.add("selected");
      document.querySelectorAll('svg.map a.place[data-place="' + place.dataset.place + '"]').forEach(function (same) {
        same.classList.add("selected");
      });
      document.body.classList.add("places-filtered");
      panel.scrollIntoView({block: "nearest"});
    });
  });

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

// Filters: the rows of a page (table rows, timeline rows) that match the dates, actor, place and
// type chosen stay shown; a row matches a date range it overlaps.
(function () {
  var form = document.querySelector("form[data-filters]");
  if (!form) { return; }
  var rows = Array.prototype.slice.call(document.querySelectorAll("[data-row]"));
  function has(list, value) { return !value || (" " + list + " ").indexOf(" " + value + " ") !== -1; }
  function apply() {
    var from = form.elements.from.value, to = form.elements.to.value, shown = 0;
    var actor = form.elements.actor.value, place = form.elements.place.value, type = form.elements.type.value;
    rows.forEach(function (row) {
      var start = row.dataset.start, end = row.dataset.end;
      var ok = has(row.dataset.actors, actor) && has(row.dataset.places, place) && (!type || row.dataset.kindOf === type)
        && (!from || (end && end >= from)) && (!to || (start && start <= to));
      row.classList.toggle("filtered-out", !ok);
      if (ok && row.tagName === "TR") { shown += 1; }
    });
    form.querySelector(".shown").textContent = shown + " of " + rows.filter(function (r) { return r.tagName === "TR"; }).length + " rows shown";
  }
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
})();

// CSV: each table of data gets a link that downloads its rows (those the filters leave shown) as CSV.
(function () {
  function cell(text) {
    var value = text.replace(/\s+/g, " ").trim();
    return /[",\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }
  document.querySelectorAll("table.data").forEach(function (table, index) {
    var link = document.createElement("a");
    link.className = "csv";
    link.textContent = "CSV";
    link.title = "Download this table (the rows shown) as CSV";
    var page = (window.location.pathname.split("/").pop() || "index.html").replace(/\.html$/, "");
    link.download = page + "-" + (table.id || "table-" + (index + 1)) + ".csv";
    link.addEventListener("click", function () {
      var lines = [], spans = {};
      table.querySelectorAll("tr").forEach(function (tr) {
        if (tr.classList.contains("filtered-out") || tr.classList.contains("hidden")) { return; }
        var out = [], column = 0;
        Array.prototype.forEach.call(tr.children, function (td) {
          while (spans[column] && spans[column].left > 0) { out.push(spans[column].text); spans[column].left -= 1; column += 1; }
          var text = cell(td.textContent), rows = parseInt(td.getAttribute("rowspan") || "1", 10);
          if (rows > 1) { spans[column] = {text: text, left: rows - 1}; }
          out.push(text);
          column += 1;
        });
        while (spans[column] && spans[column].left > 0) { out.push(spans[column].text); spans[column].left -= 1; column += 1; }
        lines.push(out.join(","));
      });
      link.href = "data:text/csv;charset=utf-8," + encodeURIComponent(lines.join("\r\n") + "\r\n");
    });
    table.parentNode.insertBefore(link, table);
  });
})();
