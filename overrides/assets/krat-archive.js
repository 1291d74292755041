/* The archive's filters (/arkiva/). The page is a complete list without this script. Here:
   - the filter form is shown; each change hides the records that do not match every chosen value, and the choice
     is kept in the URL (?qarku=kukes&viti=2018) so a filtered list can be shared, bookmarked and restored with Back;
   - every choice shows how many records it would leave with the other filters as they are, and a choice that would
     leave none is marked (0) and cannot be picked;
   - when nothing matches (a shared link can ask for that), the page offers to drop each filter, saying how many
     records each would bring back;
   - year headings and the year index count what is shown, and a year with nothing shown is hidden;
   - a long result is shown in parts of PART records, with a button for the next part, so that 10,000 records
     stay quick to filter and to scroll. */
(function () {
  "use strict";
  var PART = 300;
  var form = document.getElementById("krat-archive-filters");
  var list = document.getElementById("krat-archive-list");
  if (!form || !list) return;
  var count = document.getElementById("krat-archive-count");
  var none = document.getElementById("krat-archive-none");
  var drop = document.getElementById("krat-archive-drop");
  var more = document.getElementById("krat-archive-more");
  var years = document.getElementById("krat-archive-years");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var params = selects.map(function (select) { return select.name; });
  var sections = Array.prototype.slice.call(list.querySelectorAll(".krat-archive__year"));
  var total = Number(count.getAttribute("data-total"));
  var limit = PART;

  /* Each record once: its element, its year section and its codes per facet (data-qarku="kukes", data-tema="a b"). */
  var records = Array.prototype.map.call(list.querySelectorAll(".krat-archive__item"), function (item) {
    var codes = {};
    params.forEach(function (param) {
      codes[param] = (item.getAttribute("data-" + param) || "").split(" ").filter(Boolean);
    });
    return { item: item, section: item.closest(".krat-archive__year"), codes: codes };
  });

  function chosen() {
    var values = {};
    selects.forEach(function (select) { if (select.value) values[select.name] = select.value; });
    return values;
  }

  function fromUrl() {
    var query = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      var wanted = query.get(select.name) || "";
      var known = Array.prototype.some.call(select.options, function (option) { return option.value === wanted; });
      select.value = known ? wanted : "";
    });
  }

  function toUrl() {
    var query = new URLSearchParams();
    selects.forEach(function (select) { if (select.value) query.set(select.name, select.value); });
    var text = query.toString();
    window.history.pushState(null, "", text ? "?" + text : window.location.pathname);
  }

  /* One pass over the records. A record that fails no filter is shown and counts for every facet; one that fails
     exactly one filter counts for that facet only (it is what choosing another value there would bring), and for
     the "drop this filter" offer. */
  function tally(values) {
    var facets = {}, dropped = {}, shown = [];
    params.forEach(function (param) { facets[param] = {}; dropped[param] = 0; });
    records.forEach(function (record) {
      var failed = params.filter(function (param) {
        return values[param] && record.codes[param].indexOf(values[param]) < 0;
      });
      if (failed.length === 0) shown.push(record);
      if (failed.length === 1) dropped[failed[0]] += 1;
      if (failed.length > 1) return;
      params.forEach(function (param) {
        if (failed.length && failed[0] !== param) return;
        record.codes[param].forEach(function (code) { facets[param][code] = (facets[param][code] || 0) + 1; });
      });
    });
    return { shown: shown, facets: facets, dropped: dropped };
  }

  function label(element) {  /* a facet's name (on its select) or a value's name (on its option) */
    return element.getAttribute("data-label");
  }

  function updateOptions(facets) {
    selects.forEach(function (select) {
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.value) return;
        var n = facets[select.name][option.value] || 0;
        option.textContent = label(option) + " (" + n + ")";
        option.disabled = n === 0 && option.value !== select.value;
      });
    });
  }

  function offerToDrop(values, dropped) {
    drop.textContent = "";
    Object.keys(values).sort(function (a, b) { return dropped[b] - dropped[a]; }).forEach(function (param) {
      var select = form.elements[param];
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button";
      button.textContent = "Hiq „" + label(select) + ": " + label(select.options[select.selectedIndex]) + "“ (" +
        dropped[param] + " procesverbale)";
      button.addEventListener("click", function () { select.value = ""; change(); });
      var item = document.createElement("li");
      item.appendChild(button);
      drop.appendChild(item);
    });
  }

  function perSection(list) {  /* how many of `list` are in each year section */
    var counts = new Map();
    list.forEach(function (record) { counts.set(record.section, (counts.get(record.section) || 0) + 1); });
    return counts;
  }

  function show(shown) {
    var visible = shown.slice(0, limit);
    var showing = new Set(visible);
    var perYear = perSection(shown), onScreen = perSection(visible);
    records.forEach(function (record) { record.item.hidden = !showing.has(record); });
    sections.forEach(function (section) {
      var n = perYear.get(section) || 0;
      section.hidden = !onScreen.get(section);
      section.querySelector(".krat-archive__year-count").textContent = "(" + n + ")";
      var entry = years && years.querySelector('li[data-year="' + section.getAttribute("data-year") + '"]');
      if (entry) {
        entry.hidden = n === 0;
        entry.querySelector(".krat-years__count").textContent = "(" + n + ")";
      }
    });
    var rest = shown.length - visible.length;
    more.hidden = rest <= 0;
    more.textContent = "Shfaq edhe " + Math.min(rest, PART) + " (mbeten " + rest + ")";
  }

  function apply() {
    var values = chosen();
    var result = tally(values);
    updateOptions(result.facets);
    show(result.shown);
    var filtered = Object.keys(values).length > 0;
    count.textContent = (filtered ? result.shown.length + " nga " + total : total) + " procesverbale";
    none.hidden = result.shown.length > 0;
    if (!none.hidden) offerToDrop(values, result.dropped);
  }

  function change() {
    limit = PART;
    apply();
    toUrl();
  }

  form.hidden = false;
  fromUrl();
  apply();
  form.addEventListener("change", change);
  form.addEventListener("reset", function () { window.setTimeout(change, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  more.addEventListener("click", function () { limit += PART; apply(); });
  window.addEventListener("popstate", function () { fromUrl(); limit = PART; apply(); });
})();
