/* Sortable tables, as progressive enhancement: every <table class="sortable"> gets a
   button in each column header; without JavaScript it stays a plain table.
   Cells with a data-value attribute sort by it (numbers numerically, other values such
   as ISO dates as text; empty values always last); other cells by their text. */
(function () {
  "use strict";

  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    return cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent.trim();
  }

  function compare(a, b, collator) {
    if (a === "" || b === "") return a === b ? 0 : (a === "" ? 1 : -1);
    var x = Number(a), y = Number(b);
    if (!isNaN(x) && !isNaN(y)) return x - y;
    return collator.compare(a, b);
  }

  function sortBy(table, header, index) {
    var numeric = header.classList.contains("num");
    var current = header.getAttribute("aria-sort");
    var direction = current ? (current === "ascending" ? "descending" : "ascending")
                            : (numeric ? "descending" : "ascending");
    var headers = table.tHead.rows[0].cells;
    for (var i = 0; i < headers.length; i++) headers[i].removeAttribute("aria-sort");
    header.setAttribute("aria-sort", direction);
    var collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true });
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows).map(function (row, position) {
      return { row: row, value: cellValue(row, index), position: position };
    });
    rows.sort(function (a, b) {
      var emptyA = a.value === "", emptyB = b.value === "";
      if (emptyA || emptyB) return emptyA === emptyB ? a.position - b.position : (emptyA ? 1 : -1);
      var order = compare(a.value, b.value, collator);
      if (direction === "descending") order = -order;
      return order || a.position - b.position;
    });
    rows.forEach(function (item) { body.appendChild(item.row); });
  }

  function enhance(table) {
    if (!table.tHead || !table.tBodies.length) return;
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (header, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      while (header.firstChild) button.appendChild(header.firstChild);
      header.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, header, index); });
    });
    table.classList.add("is-sortable");
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
