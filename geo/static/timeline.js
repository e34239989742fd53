// Frontline's time slider: colours each place by its status on the chosen day.
// Called with the Leaflet map and the payload built by geo/mapping.py.
// Article text reaches the page only through textContent and attribute
// setters, never through innerHTML, so hostile text stays text.
function frontlineTimeline(map, data) {
  var COLORS = data.colors;
  var LABELS = {taliban: "Taliban", contested: "Contested", government: "Government", unknown: "Unknown"};
  var days = data.days;
  var current = Math.max(0, days.indexOf(data.start));
  if (days.indexOf(data.start) < 0) { current = days.length - 1; }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function statusAt(place, day) {
    var found = null;
    for (var i = 0; i < place.changes.length && place.changes[i].date <= day; i++) { found = place.changes[i]; }
    if (found) { return {status: found.status, inferred: false, change: found}; }
    if (place.inferred) { return {status: "government", inferred: true, change: null}; }
    return {status: "unknown", inferred: false, change: null};
  }

  function safeUrl(url) {
    return /^https?:\/\//i.test(url || "") ? url : null;
  }

  function popup(place) {
    var day = days[current], now = statusAt(place, day);
    var box = el("div", "frontline-popup");
    box.appendChild(el("h4", null, place.name));
    box.appendChild(el("div", "kind", place.kind + (place.province && place.province !== place.name ? ", " + place.province : "")));
    var status = LABELS[now.status] + (now.inferred ? " (inferred: held before its first reported capture)" : "");
    box.appendChild(el("div", "status", "On " + day + ": " + status));
    var list = el("ol");
    place.changes.forEach(function (change) {
      var item = el("li");
      item.appendChild(el("strong", null, change.date + " — " + LABELS[change.status]));
      if (change.disputed) { item.appendChild(el("span", "disagree", " · sources disagree")); }
      change.claims.forEach(function (claim) {
        item.appendChild(el("blockquote", null, claim.evidence));
        var source = el("div", "source");
        var url = safeUrl(claim.url);
        var name = claim.title || claim.article;
        if (url) {
          var link = el("a", null, name);
          link.setAttribute("href", url);
          link.setAttribute("target", "_blank");
          link.setAttribute("rel", "noopener noreferrer");
          source.appendChild(link);
        } else {
          source.appendChild(el("span", null, name));
        }
        source.appendChild(el("span", null, " · " + LABELS[claim.status] + " · confidence " + claim.confidence));
        item.appendChild(source);
      });
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  }

  var markers = data.places.map(function (place) {
    var marker = L.circleMarker([place.lat, place.lon], {radius: 8, weight: 2, color: "#333", fillOpacity: 0.9});
    marker.bindPopup(function () { return popup(place); }, {maxWidth: 380});
    marker.bindTooltip(place.name);
    marker.addTo(map);
    var path = marker.getElement();
    path.setAttribute("data-place", place.name);
    path.classList.add("frontline-marker");
    return marker;
  });

  var panel = L.control({position: "topright"});
  var dayLabel, slider, playButton, countsLine;
  panel.onAdd = function () {
    var box = el("div", "frontline-panel");
    dayLabel = el("div", "frontline-day");
    slider = el("input");
    slider.type = "range"; slider.min = 0; slider.max = days.length - 1; slider.step = 1;
    slider.className = "frontline-slider";
    slider.setAttribute("aria-label", "Day");
    var row = el("div", "frontline-row");
    playButton = el("button", "frontline-play", "▶ Play");
    playButton.type = "button";
    row.appendChild(playButton);
    row.appendChild(el("span", "frontline-range", days[0] + " → " + days[days.length - 1]));
    countsLine = el("div", "frontline-counts");
    var legend = el("div", "frontline-legend");
    ["taliban", "contested", "government", "unknown"].forEach(function (s) {
      var swatch = el("span", "swatch"); swatch.style.background = COLORS[s];
      legend.appendChild(swatch); legend.appendChild(el("span", null, LABELS[s]));
    });
    var hollow = el("span", "swatch hollow"); hollow.style.borderColor = COLORS.government;
    legend.appendChild(hollow); legend.appendChild(el("span", null, "Inferred"));
    [dayLabel, slider, row, countsLine, legend].forEach(function (n) { box.appendChild(n); });
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  };
  panel.addTo(map);

  function render() {
    var day = days[current], counts = {taliban: 0, contested: 0, government: 0};
    data.places.forEach(function (place, i) {
      var now = statusAt(place, day);
      var changed = now.change !== null && now.change.date === day;
      markers[i].setStyle({
        fillColor: COLORS[now.status],
        fillOpacity: now.inferred ? 0 : 0.9,
        color: changed ? "#000" : (now.inferred ? COLORS.government : "#333"),
        weight: changed ? 5 : 2,
      });
      markers[i].setRadius(changed ? 12 : 8);
      var path = markers[i].getElement();
      path.setAttribute("data-status", now.status);
      path.setAttribute("data-inferred", now.inferred ? "true" : "false");
      path.setAttribute("data-changed", changed ? "true" : "false");
      if (now.status in counts && !now.inferred) { counts[now.status] += 1; }
    });
    dayLabel.textContent = day;
    slider.value = current;
    countsLine.textContent = "Taliban " + counts.taliban + " · Contested " + counts.contested +
      " · Government " + counts.government;
    map.getContainer().setAttribute("data-day", day);
  }

  var timer = null;
  function stop() { clearInterval(timer); timer = null; playButton.textContent = "▶ Play"; }
  playButton.addEventListener("click", function () {
    if (timer) { stop(); return; }
    if (current >= days.length - 1) { current = 0; render(); }
    playButton.textContent = "❚❚ Pause";
    timer = setInterval(function () {
      if (current >= days.length - 1) { stop(); return; }
      current += 1; render();
    }, data.step_ms);
  });
  slider.addEventListener("input", function () { current = parseInt(slider.value, 10); render(); });
  render();
}
