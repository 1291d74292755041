/* The search page (/kerko/): starts Pagefind's interface in Albanian and keeps the query and the chosen filters
   in the URL (?q=shkolla&qarku=Kukës&viti=2018), so the header's search box, shared links and bookmarks work.
   Pagefind folds diacritics itself: "korce" finds "Korçë". */
(function () {
  "use strict";
  var root = document.getElementById("krat-search");
  if (!root) return;
  if (typeof window.PagefindUI !== "function") {
    document.getElementById("krat-search-unavailable").hidden = false;
    return;
  }
  var names = JSON.parse(root.getAttribute("data-facets"));  // {"qarku": "Qarku", ...}
  var params = Object.keys(names);
  var start = new URLSearchParams(window.location.search);
  var filters = {};  // what a link or the header form arrived with: {"Qarku": ["Kukës"], ...}
  params.forEach(function (param) {
    if (start.getAll(param).length) filters[names[param]] = start.getAll(param);
  });

  var ui = new window.PagefindUI({
    element: root,
    bundlePath: new URL(root.getAttribute("data-bundle"), window.location.href).pathname,
    showSubResults: true,
    showImages: false,
    excerptLength: 30,
    /* Rank by where a word is (a title or heading outweighs the text, and a prefecture's name weighs most on its
       own page, data-pagefind-weight), not by how often it is repeated: termFrequency 0 (Pagefind's default is
       1), so that "korce" finds the Korçë page before a two-line record that names Korçë in its title. */
    ranking: { termFrequency: 0 },
    autofocus: !start.get("q"),
    openFilters: Object.keys(filters),
    processTerm: function (term) { remember("q", term ? [term] : []); return term; },
    translations: {
      placeholder: "Kërko procesverbale, plane, materiale",
      clear_search: "Pastro",
      load_more: "Shfaq më shumë rezultate",
      search_label: "Kërko në faqe",
      filters_label: "Filtrat",
      zero_results: "Asnjë rezultat për [SEARCH_TERM]",
      many_results: "[COUNT] rezultate për [SEARCH_TERM]",
      one_result: "[COUNT] rezultat për [SEARCH_TERM]",
      total_zero_results: "Asnjë rezultat",
      total_one_result: "[COUNT] rezultat",
      total_many_results: "[COUNT] rezultate",
      alt_search: "Asnjë rezultat për [SEARCH_TERM]. Po shfaqen rezultatet për [DIFFERENT_TERM]",
      search_suggestion: "Asnjë rezultat për [SEARCH_TERM]. Provoni një nga këto kërkime:",
      searching: "Duke kërkuar [SEARCH_TERM]…",
      results_label: "Rezultatet e kërkimit",
      keyboard_navigate: "lëviz",
      keyboard_select: "zgjidh",
      keyboard_clear: "pastro",
      keyboard_close: "mbyll",
      keyboard_search: "kërko",
      error_search: "Kërkimi dështoi",
      filter_selected_one: "[COUNT] i zgjedhur",
      filter_selected_many: "[COUNT] të zgjedhur",
      input_hint: "Rezultatet shfaqen ndërsa shkruani",
      loading: "Duke u ngarkuar"
    }
  });

  /* Write one URL parameter (the query, or one facet's values) without adding a history entry per keystroke. */
  function remember(param, values) {
    var query = new URLSearchParams(window.location.search);
    query.delete(param);
    values.forEach(function (value) { query.append(param, value); });
    var text = query.toString();
    window.history.replaceState(null, "", text ? "?" + text : window.location.pathname);
  }

  /* The checked filter boxes, written to the URL by facet parameter. */
  root.addEventListener("change", function (event) {
    if (!event.target.classList.contains("pagefind-ui__filter-checkbox")) return;
    params.forEach(function (param) {
      var boxes = root.querySelectorAll('input.pagefind-ui__filter-checkbox[name="' + names[param] + '"]:checked');
      remember(param, Array.prototype.map.call(boxes, function (box) { return box.value; }));
    });
  });

  /* A link or the header form may arrive with a query and filters: run them. */
  if (start.get("q")) ui.triggerSearch(start.get("q"));
  if (Object.keys(filters).length) whenFiltersShown(function () { ui.triggerFilters(filters); });

  /* Pagefind draws its filter boxes only once it has loaded them, and resets the choice then: wait for them. */
  function whenFiltersShown(callback) {
    var observer = new MutationObserver(function () {
      if (!root.querySelector(".pagefind-ui__filter-checkbox")) return;
      observer.disconnect();
      callback();
    });
    observer.observe(root, { childList: true, subtree: true });
  }
})();
