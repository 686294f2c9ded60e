// grievance review desk (serve only): keyboard shortcuts, the timeline editor, saving
// without leaving the page when the server refuses. Served as a file: the desk's CSP
// allows no inline script.
(function () {
  "use strict";
  var form = document.getElementById("story-form");
  var status = document.getElementById("status");

  function say(text, bad) {
    if (!status) { return; }
    status.textContent = text;
    status.className = bad ? "status error" : "status";
  }

  function submit(action) {
    if (!form) { return; }
    var button = form.querySelector('button[name="action"][value="' + action + '"]');
    if (button) { form.requestSubmit(button); }
  }

  function go(id) {
    var link = document.getElementById(id);
    if (link) { location.assign(link.href); }
  }

  document.addEventListener("keydown", function (event) {
    var ctrl = event.ctrlKey || event.metaKey;
    if (ctrl && !event.altKey && !event.shiftKey && event.code === "KeyS") {
      event.preventDefault(); submit("save"); return;
    }
    if (!(event.altKey && event.shiftKey) || ctrl) { return; }
    var keys = {KeyJ: function () { go("next"); }, KeyK: function () { go("previous"); },
                KeyC: function () { submit("confirm-all"); }, KeyP: function () { submit("publish"); }};
    if (keys[event.code]) { event.preventDefault(); keys[event.code](); }
  });

  if (!form) { return; }

  // The timeline editor: add, remove and move events; the server reads them in order.
  var events = document.getElementById("events");
  var template = document.getElementById("event-template");
  var add = document.getElementById("add-event");

  function tools(item) {
    var box = item.querySelector(".event-tools");
    if (!box) { return; }
    box.hidden = false;
    box.querySelector(".remove").addEventListener("click", function () {
      var next = item.nextElementSibling || item.previousElementSibling;
      item.remove();
      if (next) { next.querySelector("input").focus(); } else { add.focus(); }
    });
    box.querySelector(".up").addEventListener("click", function (e) {
      if (item.previousElementSibling) { events.insertBefore(item, item.previousElementSibling); e.target.focus(); }
    });
    box.querySelector(".down").addEventListener("click", function (e) {
      if (item.nextElementSibling) { events.insertBefore(item.nextElementSibling, item); e.target.focus(); }
    });
  }

  if (events && template && add) {
    Array.prototype.forEach.call(events.children, tools);
    add.hidden = false;
    add.addEventListener("click", function () {
      var item = template.content.firstElementChild.cloneNode(true);
      events.appendChild(item);
      tools(item);
      item.querySelector("input").focus();
    });
  }

  // Save with fetch: a refusal (file changed on disk, bad value) is shown and the edits stay.
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var data = new URLSearchParams(new FormData(form));
    if (event.submitter && event.submitter.name) { data.set(event.submitter.name, event.submitter.value); }
    say("…", false);
    fetch(form.getAttribute("action"), {method: "POST", body: data, headers: {"Accept": "application/json"},
                        credentials: "same-origin"})
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        if (answer.ok) { location.assign(answer.location); } else { say(answer.message, true); }
      })
      .catch(function (error) { say(String(error), true); });
  });
})();
