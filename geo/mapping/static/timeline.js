// Frontline's time slider: colours each place by its status on the chosen day.
// Called with the Leaflet map and the payload built by geo/mapping/page.py; returns
// {show(day), day(), playing()}, and tells options.onDay of each day the reader picks, so a
// host page (the dashboard) can follow the map's one slider and Play. The status
// rules mirror geo/timeline.py (latest claim on or before the day; before the first
// claim unknown, or the holding side "inferred" where the first claim is a capture).
var Frontline = window.Frontline || {};
window.Frontline = Frontline;

Frontline.WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

Frontline.statusAt = function (place, day) {
  var found = null;
  for (var i = 0; i < place.changes.length && place.changes[i].date <= day; i++) { found = place.changes[i]; }
  if (found) { return {status: found.status, inferred: false}; }
  return place.inferred ? {status: Frontline.HOLDING, inferred: true} : {status: "unknown", inferred: false};
};

// How markers and provinces look, by their data-* attributes: a step then only sets
// attributes on the places that changed, and the browser restyles them in one pass.
Frontline.styleSheet = function (colors) {
  var rules = [];
  Object.keys(colors).forEach(function (status) {
    var color = /^#[0-9a-f]{3,8}$/i.test(colors[status]) ? colors[status] : "#999999";
    rules.push(".frontline-marker[data-status=" + status + "] { fill: " + color + "; }");
    rules.push(".frontline-province[data-status=" + status + "] { fill: " + color + "; }");
    if (status === Frontline.HOLDING) {
      rules.push(".frontline-marker[data-inferred=true] { fill: #ffffff; stroke: " + color +
        "; stroke-width: 2.5px; stroke-dasharray: 3 2; }");
    }
  });
  var sheet = document.createElement("style");
  sheet.textContent = rules.join("\n");
  document.head.appendChild(sheet);
};

// The panel: the day, its slider, Play and its speed, counts, changes and the legend.
Frontline.SPEEDS = [[2000, "1 day / 2 s"], [1000, "1 day / s"], [500, "2 days / s"], [250, "4 days / s"]];
Frontline.panel = function (map, data, onDay, onPlay) {
  var el = Frontline.el, days = data.days, parts = {};
  var control = L.control({position: "topright"});
  control.onAdd = function () {
    var box = el("div", "frontline-panel");
    var head = el("div", "frontline-head");
    parts.day = el("div", "frontline-day");
    parts.weekday = el("div", "frontline-weekday");
    head.appendChild(parts.day); head.appendChild(parts.weekday);
    parts.slider = el("input", "frontline-slider");
    parts.slider.type = "range"; parts.slider.min = 0; parts.slider.max = days.length - 1; parts.slider.step = 1;
    parts.slider.setAttribute("aria-label", "Day");
    var row = el("div", "frontline-row");
    parts.play = el("button", "frontline-play", "▶ Play");
    parts.play.type = "button";
    row.appendChild(parts.play);
    parts.speed = el("select", "frontline-speed");
    parts.speed.setAttribute("aria-label", "Speed");
    Frontline.SPEEDS.forEach(function (s) {
      var option = el("option", null, s[1]);
      option.value = s[0];
      option.selected = s[0] === data.step_ms;
      parts.speed.appendChild(option);
    });
    row.appendChild(parts.speed);
    row.appendChild(el("span", "frontline-range", days[0] + " → " + days[days.length - 1]));
    parts.counts = el("div", "frontline-counts");
    parts.inferred = el("div", "frontline-inferred");
    parts.changed = el("div", "frontline-changed");
    // The legend folds away on small screens, where the panel would hide half the map.
    var key = el("details", "frontline-key"), summary = el("summary", null, "Legend");
    key.open = map.getSize().x > 600;
    key.appendChild(summary); key.appendChild(Frontline.legend(data));
    [head, parts.slider, row, parts.counts, parts.inferred, parts.changed, key]
      .forEach(function (n) { box.appendChild(n); });
    parts.box = box;
    parts.slider.addEventListener("input", function () { onDay(parseInt(parts.slider.value, 10)); });
    parts.play.addEventListener("click", onPlay);
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  };
  control.addTo(map);
  return parts;
};

Frontline.legend = function (data) {
  var el = Frontline.el, legend = el("div", "frontline-legend"), colors = data.colors;
  function item(cls, style, label) {
    var entry = el("span", "entry"), swatch = el("span", "swatch " + cls);
    Object.keys(style).forEach(function (k) { swatch.style[k] = style[k]; });
    entry.appendChild(swatch); entry.appendChild(el("span", null, label));
    legend.appendChild(entry);
  }
  data.statuses.concat(["unknown"]).forEach(function (s) {
    item("", {background: colors[s]}, Frontline.LABELS[s]);
  });
  item("hollow", {borderColor: colors[data.holding]}, Frontline.LABELS[data.holding] + " (inferred)");
  item("ring", {}, "Changed that day");
  if (data.boundaries && data.boundaries.provinces.length) {
    legend.appendChild(el("div", "note", "Provinces are shaded by their capital's status."));
  }
  return legend;
};

// options: {onDay(day, playing): told of each day the reader (or Play) moves to, and when Play
// stops; view: [center, zoom] to keep instead of fitting the country (a redraw after new claims
// keeps where the reader was)}.
function frontlineTimeline(map, data, options) {
  options = options || {};
  var days = data.days, colors = data.colors;
  Frontline.HOLDING = data.holding;
  data.statuses.forEach(function (s) { Frontline.LABELS[s] = data.labels[s]; });
  Frontline.styleSheet(colors);
  var base = Frontline.basemap(map, data, colors);
  Frontline.watchTiles(map);
  if (!days.length) {
    Frontline.nothingToShow(map, base.bounds);
    return {show: function () {}, day: function () { return null; }};
  }
  var current = Math.max(0, days.indexOf(data.start));
  if (days.indexOf(data.start) < 0) { current = days.length - 1; }
  var byName = {}, shown = [], openIndex = -1, timer = null;
  // One popup, anchored on the marker (not where the click fell), refreshed when the day changes.
  var popup = L.popup({autoPanPadding: [20, 20]});
  map.on("popupclose", function (e) { if (e.popup === popup) { openIndex = -1; } });

  var markers = data.places.map(function (place, i) {
    byName[place.name] = place;
    var at = [place.lat, place.lon];
    if (place.kind === "province") { at = base.anchor(place.name, at) || at; }  // not on its capital
    var marker = L.circleMarker(at, {radius: Frontline.radius(place, data.places.length),
      weight: 1.5, color: "#333", fillOpacity: 0.95, bubblingMouseEvents: false});
    marker.on("click", function () {
      openIndex = i;
      Frontline.fitPopup(popup, map, parts.box);
      popup.setLatLng(marker.getLatLng()).setContent(popupFor(i)).openOn(map);
    });
    marker.addTo(map);
    var path = marker.getElement();
    path.setAttribute("data-place", place.name);
    path.setAttribute("data-kind", place.kind);
    path.classList.add("frontline-marker");
    return marker;
  });

  function popupFor(i) {
    var day = days[current];
    return Frontline.popup(data.places[i], {day: day, now: Frontline.statusAt(data.places[i], day), articles: data.articles});
  }

  function restyle(i, now, changed) {
    var was = shown[i] || {}, path = markers[i].getElement();
    if (was.status === now.status && was.inferred === now.inferred && was.changed === changed) { return; }
    if (was.status !== now.status) { path.setAttribute("data-status", now.status); }
    if (was.inferred !== now.inferred) { path.setAttribute("data-inferred", String(now.inferred)); }
    if (was.changed !== changed) { path.setAttribute("data-changed", String(changed)); }
    shown[i] = {status: now.status, inferred: now.inferred, changed: changed};
  }

  var parts = Frontline.panel(map, data, function (index) { stop(); show(index); tell(); }, toggle);
  function tell() { if (options.onDay) { options.onDay(days[current], timer !== null); } }
  var labels = null;

  function render() {
    var day = days[current], before = current > 0 ? days[current - 1] : null;
    var counts = {}, inferred = 0, changedNames = [];
    data.statuses.forEach(function (s) { counts[s] = 0; });
    data.places.forEach(function (place, i) {
      var now = Frontline.statusAt(place, day);
      var prev = before ? Frontline.statusAt(place, before) : now;
      var changed = prev.status !== now.status;
      restyle(i, now, changed);
      if (now.inferred) { inferred += 1; } else if (now.status in counts) { counts[now.status] += 1; }
      if (changed) { changedNames.push(place.name); }
    });
    // A few highlighted markers are raised above their neighbours; raising thousands costs too much.
    if (changedNames.length <= 50) {
      data.places.forEach(function (place, i) { if (shown[i].changed) { markers[i].bringToFront(); } });
    }
    base.shade(function (name) { return byName[name] ? Frontline.statusAt(byName[name], day) : null; });
    showPanel(day, counts, inferred, changedNames);
    if (labels) { labels.layout(shown.map(function (s) { return s.changed; })); }
    if (openIndex >= 0) { popup.setContent(popupFor(openIndex)); }
    map.getContainer().setAttribute("data-day", day);
  }

  function showPanel(day, counts, inferred, changedNames) {
    parts.day.textContent = day;
    parts.weekday.textContent = Frontline.WEEKDAYS[new Date(day + "T00:00:00Z").getUTCDay()];
    parts.slider.value = current;
    var nbsp = "\u00a0";  // a label never wraps away from its number
    parts.counts.textContent = data.statuses.map(function (s) { return Frontline.LABELS[s] + nbsp + counts[s]; }).join(" · ");
    var holder = Frontline.LABELS[data.holding];
    parts.inferred.textContent = inferred ? "+ " + inferred + " inferred " + holder + "-held (hollow)" : "";
    var list = changedNames.slice(0, 6).join(", ") + (changedNames.length > 6 ? " and " + (changedNames.length - 6) + " more" : "");
    parts.changed.textContent = changedNames.length ? "Changed: " + list : "No changes this day";
  }

  function show(index) { current = Math.min(Math.max(index, 0), days.length - 1); render(); }

  function stop() {
    if (timer) { clearInterval(timer); timer = null; }
    parts.play.textContent = "▶ Play";
    parts.play.setAttribute("aria-pressed", "false");
  }

  // Play steps a day at the chosen speed, from the first day when at the last; a new speed
  // applies at once.
  function toggle() {
    if (timer) { stop(); tell(); return; }
    if (current >= days.length - 1) { show(0); }
    parts.play.textContent = "❚❚ Pause";
    parts.play.setAttribute("aria-pressed", "true");
    run();
    tell();
  }
  function run() {
    if (timer) { clearInterval(timer); }
    timer = setInterval(function () {
      if (current >= days.length - 1) { stop(); tell(); return; }
      show(current + 1);
      tell();
    }, parseInt(parts.speed.value, 10) || data.step_ms);
  }
  parts.speed.addEventListener("change", function () { if (timer) { run(); } });

  var bounds = base.bounds || (markers.length ? L.featureGroup(markers).getBounds() : null);
  if (options.view) { map.setView(options.view[0], options.view[1], {animate: false}); }
  else if (bounds) { map.fitBounds(bounds, Frontline.fitPadding(map)); }
  labels = Frontline.labelLayer(map, data, markers, parts.box);
  render();
  return {
    show: function (day) { var i = days.indexOf(day); if (i >= 0 && i !== current) { stop(); show(i); } },
    day: function () { return days[current]; },
    playing: function () { return timer !== null; },
  };
}

// Smaller markers when there are many, so crowded maps keep room for names; sites a little smaller.
Frontline.radius = function (place, count) {
  var base = count > 2000 ? 4 : count > 100 ? 5 : 8;
  return place.kind === "site" ? base - 2 : base;
};

// No located claim: the country, and a line that says why it is empty.
Frontline.nothingToShow = function (map, bounds) {
  if (bounds) { map.fitBounds(bounds); }
  var note = L.control({position: "topright"});
  note.onAdd = function () {
    return Frontline.el("div", "frontline-panel frontline-empty", "No located control claims to show.");
  };
  note.addTo(map);
};

// A popup no wider than the map and, on narrow screens where the panel spans the top,
// panned clear of it.
Frontline.fitPopup = function (popup, map, panel) {
  var width = map.getSize().x, narrow = width <= 760;
  popup.options.maxWidth = Math.min(420, width - 60);
  popup.options.minWidth = Math.min(280, width - 60);
  popup.options.autoPanPaddingTopLeft = narrow ? [10, panel.offsetHeight + 20] : [60, 20];  // clear of the zoom buttons
};

// Keep the country clear of the panel on wide screens.
Frontline.fitPadding = function (map) {
  return map.getSize().x > 760 ? {paddingTopLeft: [20, 20], paddingBottomRight: [330, 20]} : {padding: [10, 10]};
};
