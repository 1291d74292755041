/* Quick exit (partials/krat-exit.html). A click on "Dil shpejt", or Shift pressed three times within five
   seconds (GOV.UK's "Exit this page" shortcut; the site's own keys are letters and arrows), hides the page at once
   and opens a neutral site in place of this one: location.replace() drops this page from the tab's history, so
   Back does not return to it. Pages of this site seen before it stay in the history: the help page says how to
   browse safely. Without JavaScript the link still leaves, as an ordinary link. */
(function () {
  "use strict";
  var link = document.querySelector("[data-krat-exit]");
  if (!link) return;
  var presses = [];

  function leave(event) {
    if (event) event.preventDefault();
    document.documentElement.style.visibility = "hidden";
    document.title = "";
    window.location.replace(link.href);
  }

  link.addEventListener("click", leave);
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") return;
    var now = Date.now();
    presses = presses.filter(function (time) { return now - time < 5000; });
    presses.push(now);
    if (presses.length >= 3) leave();
  });
})();
