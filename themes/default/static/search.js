/* The search page: starts Pagefind UI in #search and runs the query from ?q=, so the
   search form in every page's header lands here with results. A static file because
   the site's Content-Security-Policy allows no inline script. */
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root || typeof PagefindUI !== "function") {
    return;
  }
  var words = function (text) {
    return (text || "").split(" ").filter(Boolean);
  };
  var bundle = root.getAttribute("data-bundle");
  var ui = new PagefindUI({
    element: root,
    bundlePath: bundle,
    autofocus: true,
    showSubResults: true,
    showImages: false,
    /* On a phone the filters come after the results, folded (style.css). */
    openFilters: window.matchMedia("(max-width: 40rem)").matches ? [] : words(root.getAttribute("data-open-filters")),
    /* The index is sharded (an edit re-indexes one shard): the others are merged in. */
    mergeIndex: words(root.getAttribute("data-merge")).map(function (path) {
      return { bundlePath: path };
    })
  });
  var query = new URLSearchParams(window.location.search).get("q");
  var header = document.getElementById("site-search");
  if (query) {
    if (header) {
      header.value = query;
    }
    ui.triggerSearch(query);
  }
  /* Keep ?q= in step with the box, so a search can be shared or bookmarked. */
  root.addEventListener("input", function (event) {
    if (!event.target.matches || !event.target.matches("input[type=text], input[type=search]")) {
      return;
    }
    var url = new URL(window.location.href);
    if (event.target.value) {
      url.searchParams.set("q", event.target.value);
    } else {
      url.searchParams.delete("q");
    }
    window.history.replaceState(null, "", url);
  });
})();
