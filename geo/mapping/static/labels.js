// Frontline's place names on the map: as many as fit without touching, the most important first.
// Why: at the country's zoom a capital sits beside its province and districts crowd round their
// cities; two names drawn over each other read as neither. So names are placed greedily in order
// of priority (capitals and places that changed that day, then provinces and cities, districts,
// sites; more reported first), each at the first of four spots beside its marker that touches no
// name already placed, no other marker and not the panel. A name with no free spot is left to its
// hover tooltip; zooming in frees room, so names are laid out again after each zoom, pan and day.
var Frontline = window.Frontline || {};
window.Frontline = Frontline;

Frontline.LABEL_FONT = "600 12px system-ui, sans-serif";  // as .frontline-label in timeline.css
Frontline.LABEL_HEIGHT = 16;
Frontline.KIND_RANK = {city: 1, province: 1, region: 2, district: 2, site: 3};

// A grid of boxes for quick "does this box touch any placed one" questions.
Frontline.boxGrid = function (cell) {
  var cells = {};
  function keys(b) {
    var out = [];
    for (var x = Math.floor(b.x0 / cell); x <= Math.floor(b.x1 / cell); x++) {
      for (var y = Math.floor(b.y0 / cell); y <= Math.floor(b.y1 / cell); y++) { out.push(x + ":" + y); }
    }
    return out;
  }
  return {
    add: function (b) { keys(b).forEach(function (k) { (cells[k] = cells[k] || []).push(b); }); },
    hits: function (b, owner) {
      return keys(b).some(function (k) {
        return (cells[k] || []).some(function (o) {
          return o.owner !== owner && o.x0 < b.x1 && b.x0 < o.x1 && o.y0 < b.y1 && b.y0 < o.y1;
        });
      });
    },
  };
};

Frontline.labelLayer = function (map, data, markers, panel) {
  var pane = map.createPane("frontline-labels");
  pane.style.zIndex = 390;  // under the markers, so a name never hides one
  pane.style.pointerEvents = "none";
  var places = data.places, capitals = {}, shown = {}, changed = [];
  ((data.boundaries || {}).provinces || []).forEach(function (p) { capitals[p.capital] = true; });
  var context = document.createElement("canvas").getContext("2d");
  context.font = Frontline.LABEL_FONT;
  var widths = places.map(function (p) { return Math.ceil(context.measureText(p.name).width) + 10; });
  var weight = places.map(function (p) {
    return p.changes.reduce(function (n, c) { return n + c.claims.length; }, 0);
  });
  places.forEach(function (place, i) {
    markers[i].bindTooltip(Frontline.el("span", null, place.name), {direction: "top", offset: [0, -6]});
  });

  function rank(i) {
    var first = capitals[places[i].name] || changed[i];
    return first ? 0 : (Frontline.KIND_RANK[places[i].kind] || 2);
  }

  function layout() {
    var size = map.getSize(), grid = Frontline.boxGrid(64), H = Frontline.LABEL_HEIGHT, visible = [];
    if (panel && panel.offsetWidth) {
      var r = panel.getBoundingClientRect(), m = map.getContainer().getBoundingClientRect();
      grid.add({x0: r.left - m.left, y0: r.top - m.top, x1: r.right - m.left, y1: r.bottom - m.top, owner: -1});
    }
    places.forEach(function (p, i) {
      var at = map.latLngToContainerPoint(markers[i].getLatLng()), rad = markers[i].getRadius() + 1;
      if (at.x < -50 || at.y < -20 || at.x > size.x + 50 || at.y > size.y + 20) { return; }
      visible.push({i: i, at: at, rad: rad});
      grid.add({x0: at.x - rad, y0: at.y - rad, x1: at.x + rad, y1: at.y + rad, owner: i});
    });
    visible.sort(function (a, b) {
      return rank(a.i) - rank(b.i) || weight[b.i] - weight[a.i] || (places[a.i].name < places[b.i].name ? -1 : 1);
    });
    var placed = {};
    visible.forEach(function (v) {
      var w = widths[v.i], x = v.at.x, y = v.at.y, gap = v.rad + 2;
      var spots = [
        {side: "right", x0: x + gap, y0: y - H / 2},
        {side: "left", x0: x - gap - w, y0: y - H / 2},
        {side: "top", x0: x - w / 2, y0: y - gap - H},
        {side: "bottom", x0: x - w / 2, y0: y + gap},
      ];
      for (var s = 0; s < spots.length; s++) {
        var b = {x0: spots[s].x0, y0: spots[s].y0, x1: spots[s].x0 + w, y1: spots[s].y0 + H, owner: v.i};
        if (b.x0 < 0 || b.y0 < 0 || b.x1 > size.x || b.y1 > size.y || grid.hits(b, v.i)) { continue; }
        grid.add(b);
        placed[v.i] = b;
        return;
      }
    });
    draw(placed);
  }

  function draw(placed) {
    Object.keys(shown).forEach(function (i) {
      if (!placed[i]) { pane.removeChild(shown[i]); delete shown[i]; }
    });
    Object.keys(placed).forEach(function (i) {
      var node = shown[i];
      if (!node) {
        node = shown[i] = Frontline.el("div", "frontline-label", places[i].name);
        node.setAttribute("data-place", places[i].name);
        pane.appendChild(node);
      }
      var b = placed[i];
      L.DomUtil.setPosition(node, map.containerPointToLayerPoint([b.x0, b.y0]));
      node.style.width = (b.x1 - b.x0) + "px";
    });
  }

  map.on("zoomstart", function () { pane.style.display = "none"; });
  map.on("moveend resize", function () { pane.style.display = ""; layout(); });
  var last = null;
  return {
    // Called on each day with which places changed that day: they come first, so lay out again.
    layout: function (changedNow) {
      var key = changedNow.join();
      if (key === last) { return; }
      last = key;
      changed = changedNow;
      layout();
    },
  };
};
