// The site's search: every entity, name, claim and quote of the index (search-index.js), searched
// here in the browser. Every word of the query must occur (in any case); results keep the index's order.
"use strict";

(function () {
  var form = document.querySelector("form.search-page");
  var list = document.getElementById("results");
  if (!form || !list || !window.KB_SEARCH) { return; }
  var input = form.querySelector("input[name=q]");
  var root = form.dataset.root || "";
  var kinds = {entity: "entities", name: "names in the articles", claim: "claims", quote: "quotes"};

  function search(query) {
    var words = query.toLowerCase().split(/\s+/).filter(function (w) { return w; });
    list.textContent = "";
    if (!words.length) { return; }
    var hits = window.KB_SEARCH.filter(function (entry) {
      var text = (entry.t + " " + entry.x).toLowerCase();
      return words.every(function (word) { return text.indexOf(word) !== -1; });
    });
    var summary = document.createElement("p");
    summary.className = "summary";
    summary.textContent = hits.length + " result" + (hits.length === 1 ? "" : "s") + " for “" + query + "”";
    list.appendChild(summary);
    Object.keys(kinds).forEach(function (kind) {
      var some = hits.filter(function (entry) { return entry.k === kind; });
      if (!some.length) { return; }
      var heading = document.createElement("h3");
      heading.textContent = some.length + " " + kinds[kind];
      list.appendChild(heading);
      var ul = document.createElement("ul");
      ul.className = "results " + kind;
      some.slice(0, 200).forEach(function (entry) {
        var li = document.createElement("li"), a = document.createElement("a"), detail = document.createElement("span");
        a.href = root + entry.u;
        a.textContent = entry.t;
        detail.className = "detail";
        detail.textContent = entry.d ? " — " + entry.d : "";
        li.appendChild(a);
        li.appendChild(detail);
        ul.appendChild(li);
      });
      list.appendChild(ul);
    });
  }

  var query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  search(query);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    search(input.value);
    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
  });
  input.addEventListener("input", function () { search(input.value); });
})();
