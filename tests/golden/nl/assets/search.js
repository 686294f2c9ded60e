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
  var shards = words(root.getAttribute("data-merge"));
  var start = function () {
    var ui = new PagefindUI({
      element: root,
      bundlePath: bundle,
      autofocus: true,
      showSubResults: true,
      showImages: false,
      /* On a phone the filters come after the results, folded (style.css). */
      openFilters: window.matchMedia("(max-width: 40rem)").matches ? [] : words(root.getAttribute("data-open-filters"))
    });
    var query = new URLSearchParams(window.location.search).get("q");
    var header = document.getElementById("site-search");
    if (query) {
      if (header) {
        header.value = query;
      }
      ui.triggerSearch(query);
    }
  };
  /* The index is sharded (an edit re-indexes one shard): the others are merged in here,
     and every filter group is loaded, before Pagefind UI starts. Pagefind UI loads the
     filters while it runs the first search, and a search that ends before they are all
     loaded shows only the groups loaded by then, for good (the ?q= search of a page just opened lost its company and
     outcome groups this way). pagefind.js is one module: the UI imports the same one. */
  import(bundle + "pagefind.js").then(function (pagefind) {
    return shards.reduce(function (merged, path) {
      return merged.then(function () {
        return pagefind.mergeIndex(path, {});
      });
    }, pagefind.options({ excerptLength: 12 })).then(function () {
      return pagefind.filters();
    });
  }).then(start, start);
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
