/* The events list: filters, sort and pages over window.NEWSEVENTS_INDEX (assets/events-index.js).
   Every value is put into the page as text (textContent), never as markup. */
(function () {
  "use strict";
  var index = window.NEWSEVENTS_INDEX;
  var C = {};
  index.columns.forEach(function (name, i) { C[name] = i; });
  var rows = index.rows;
  var countryName = {};
  index.countries.forEach(function (pair) { countryName[pair[0]] = pair[1]; });

  // What the text filter searches: the description and the names of actor, target and place.
  var haystack = rows.map(function (r) {
    return [r[C.description], r[C.actor], r[C.target], r[C.place]].filter(Boolean).join("\n").toLowerCase();
  });

  function byDate(a, b) { // date_start, then id: the order of the index, newest first
    var x = rows[a][C.date_start] || "", y = rows[b][C.date_start] || "";
    if (x !== y) { return x < y ? 1 : -1; }
    return rows[a][C.id] < rows[b][C.id] ? -1 : 1;
  }
  function tollOf(i) { return rows[i][C.fatalities_best]; }
  function byToll(a, b) { // known tolls first, highest first; then by date
    var x = tollOf(a), y = tollOf(b);
    if (x === null && y === null) { return byDate(a, b); }
    if (x === null) { return 1; }
    if (y === null) { return -1; }
    return x !== y ? y - x : byDate(a, b);
  }
  var all = rows.map(function (_, i) { return i; });
  var orders = {"date-desc": all.slice().sort(byDate)};
  orders["date-asc"] = all.slice().sort(function (a, b) { return -byDate(a, b) || 0; });
  orders["toll-desc"] = all.slice().sort(byToll);
  orders["toll-asc"] = all.slice().sort(function (a, b) {
    var x = tollOf(a), y = tollOf(b);
    if (x === null && y === null) { return byDate(a, b); }
    if (x === null) { return 1; }
    if (y === null) { return -1; }
    return x !== y ? x - y : byDate(a, b);
  });

  var form = document.getElementById("filters");
  var field = function (id) { return document.getElementById(id); };
  var tbody = field("rows"), count = field("count"), status = field("page-status");
  var prev = field("prev"), next = field("next"), perPage = field("f-per-page");
  var matches = [], page = 0;
  var app = {lastFilterMs: 0, matches: function () { return matches.map(function (i) { return rows[i][C.id]; }); }};
  window.NEWSEVENTS_APP = app;

  function filter() {
    var t0 = performance.now();
    var text = field("f-text").value.trim().toLowerCase();
    var type = field("f-type").value, country = field("f-country").value;
    var from = field("f-from").value, to = field("f-to").value;
    var order = orders[field("f-sort").value] || orders["date-desc"];
    var out = [];
    for (var k = 0; k < order.length; k++) {
      var i = order[k], r = rows[i];
      if (type && r[C.type] !== type) { continue; }
      if (country && r[C.country] !== country) { continue; }
      if (from && (r[C.date_end] || "") < from) { continue; }
      if (to && (r[C.date_start] || "9999") > to) { continue; }
      if (text && haystack[i].indexOf(text) === -1) { continue; }
      out.push(i);
    }
    matches = out;
    page = 0;
    render();
    app.lastFilterMs = performance.now() - t0;
  }

  function cell(tr, text, className) {
    var td = document.createElement("td");
    if (className) { td.className = className; }
    td.textContent = text;
    tr.appendChild(td);
    return td;
  }
  function figures(low, best, high) { // empty where unknown, never 0 for a missing figure
    var s = best === null ? "" : best.toLocaleString("en");
    if (low !== null || high !== null) {
      s += (s ? " " : "") + "(" + (low === null ? "" : low.toLocaleString("en")) + "–" +
        (high === null ? "" : high.toLocaleString("en")) + ")";
    }
    return s;
  }

  function render() {
    var size = parseInt(perPage.value, 10) || 50;
    var pages = Math.max(1, Math.ceil(matches.length / size));
    if (page >= pages) { page = pages - 1; }
    var fragment = document.createDocumentFragment();
    var end = Math.min(matches.length, (page + 1) * size);
    for (var k = page * size; k < end; k++) {
      var r = rows[matches[k]];
      var tr = document.createElement("tr");
      var dates = r[C.date_start] || "";
      if (r[C.date_end] && r[C.date_end] !== r[C.date_start]) { dates += " to " + r[C.date_end]; }
      cell(tr, dates, "dates");
      var td = cell(tr, "", "event");
      var a = document.createElement("a");
      a.href = "events/" + encodeURIComponent(r[C.id]) + ".html";
      a.textContent = r[C.description];
      td.appendChild(a);
      var who = [r[C.actor], r[C.target]].filter(Boolean);
      if (who.length) {
        var span = document.createElement("span");
        span.className = "small";
        span.textContent = " " + who.join(" → ");
        td.appendChild(document.createElement("br"));
        td.appendChild(span);
      }
      cell(tr, r[C.type] + (r[C.mode] ? " (" + r[C.mode] + ")" : ""));
      var cname = r[C.country] ? (countryName[r[C.country]] || r[C.country]) : "";
      cell(tr, [r[C.place], cname === r[C.place] ? "" : cname].filter(Boolean).join(", "));
      cell(tr, figures(r[C.fatalities_low], r[C.fatalities_best], r[C.fatalities_high]), "num");
      cell(tr, figures(r[C.injured_low], r[C.injured_best], r[C.injured_high]), "num");
      cell(tr, String(r[C.n_articles]), "num");
      fragment.appendChild(tr);
    }
    tbody.replaceChildren(fragment);
    var total = rows.length;
    count.textContent = matches.length === total
      ? total.toLocaleString("en") + " events"
      : matches.length.toLocaleString("en") + " of " + total.toLocaleString("en") + " events match";
    status.textContent = matches.length ? "Page " + (page + 1) + " of " + pages : "No event matches";
    prev.disabled = page === 0;
    next.disabled = page >= pages - 1;
  }

  form.addEventListener("input", filter);
  form.addEventListener("change", filter);
  form.addEventListener("submit", function (event) { event.preventDefault(); filter(); });
  form.addEventListener("reset", function () { setTimeout(filter, 0); });
  prev.addEventListener("click", function () { if (page > 0) { page -= 1; render(); } });
  next.addEventListener("click", function () { page += 1; render(); });
  filter();
}());
