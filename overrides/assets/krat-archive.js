/* The archive's filters (/arkiva/). The page is a complete list without this script; here the filter form is
   shown, each change hides the records that do not match every chosen value, and the choice is kept in the URL
   (?qarku=kukes&viti=2018) so a filtered list can be shared, bookmarked and restored with Back. */
(function () {
  "use strict";
  var form = document.getElementById("krat-archive-filters");
  var list = document.getElementById("krat-archive-list");
  if (!form || !list) return;
  var items = Array.prototype.slice.call(list.children);
  var count = document.getElementById("krat-archive-count");
  var none = document.getElementById("krat-archive-none");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));

  function fromUrl() {
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      var wanted = params.get(select.name) || "";
      var known = Array.prototype.some.call(select.options, function (option) { return option.value === wanted; });
      select.value = known ? wanted : "";
    });
  }

  function toUrl() {
    var params = new URLSearchParams();
    selects.forEach(function (select) { if (select.value) params.set(select.name, select.value); });
    var query = params.toString();
    window.history.pushState(null, "", query ? "?" + query : window.location.pathname);
  }

  function apply() {
    var chosen = selects.filter(function (select) { return select.value; });
    var shown = 0;
    items.forEach(function (item) {
      var match = chosen.every(function (select) {
        return (item.getAttribute("data-" + select.name) || "").split(" ").indexOf(select.value) >= 0;
      });
      item.hidden = !match;
      if (match) shown += 1;
    });
    count.textContent = chosen.length
      ? shown + " nga " + count.getAttribute("data-total") + " procesverbale"
      : shown + " procesverbale";
    none.hidden = shown > 0;
  }

  form.hidden = false;
  fromUrl();
  apply();
  form.addEventListener("change", function () { apply(); toUrl(); });
  form.addEventListener("reset", function () { window.setTimeout(function () { apply(); toUrl(); }, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  window.addEventListener("popstate", function () { fromUrl(); apply(); });
})();
