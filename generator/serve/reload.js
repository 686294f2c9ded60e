// grievance serve: live reload. Injected by the dev server only, never built.
(function () {
  "use strict";
  var script = document.currentScript;
  var loaded = script ? script.getAttribute("data-generation") : null;
  var overlay = null;

  function hideOverlay() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  function showOverlay(text) {
    hideOverlay();
    overlay = document.createElement("div");
    overlay.id = "grievance-error-overlay";
    overlay.setAttribute("role", "alert");
    var s = overlay.style;
    s.position = "fixed"; s.inset = "0"; s.zIndex = "2147483647"; s.overflow = "auto";
    s.background = "rgba(20, 0, 0, 0.92)"; s.color = "#fff"; s.padding = "2rem";
    s.font = "14px/1.5 ui-monospace, monospace";
    var title = document.createElement("h2");
    title.textContent = "grievance: build failed (the last good build is shown underneath)";
    title.style.color = "#ff8a8a";
    var pre = document.createElement("pre");
    pre.textContent = text;
    pre.style.whiteSpace = "pre-wrap";
    overlay.appendChild(title);
    overlay.appendChild(pre);
    document.body.appendChild(overlay);
  }

  function onState(state) {
    if (!state.ok) {
      fetch("/__grievance__/error", {cache: "no-store"})
        .then(function (response) { return response.text(); })
        .then(showOverlay);
      return;
    }
    hideOverlay();
    if (loaded === null || String(state.generation) === loaded) {
      return;
    }
    // A build that names the files it changed, right after the one this page shows:
    // reload only when this page's file is one of them.
    if (state.pages && String(state.generation - 1) === loaded && !shows(state.pages)) {
      loaded = String(state.generation);
      return;
    }
    location.reload();
  }

  function shows(pages) {
    var path = decodeURIComponent(location.pathname);
    if (path.charAt(path.length - 1) === "/") { path += "index.html"; }
    return pages.some(function (name) {
      return path === "/" + name || path.slice(-(name.length + 1)) === "/" + name;
    });
  }

  var events = new EventSource("/__grievance__/events");
  events.addEventListener("build", function (event) { onState(JSON.parse(event.data)); });
})();
