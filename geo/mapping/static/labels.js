// Frontline's place names on the map: as many as fit without touching, the most important first
// (the country's capital always).
// Why: at the country's zoom a capital sits beside its province and districts crowd round their
// cities; two names drawn over each other read as neither. So names are placed greedily in order
// of priority (capitals and places that changed that day, then provinces and cities, districts,
// sites; more reported first), each at the first of eight spots round its marker that touches no
// name already placed, not the panel, and no other marker of its own rank or higher. So a capital's
// name may cover a district's dot: those names are drawn above the markers (clicks still reach the
// dot), the others under them. A name with no free spot is left to its hover tooltip; zooming in
// frees room, so names are laid out again after each zoom, pan and day.
var Frontline = window.Frontline || {};
window.Frontline = Frontline;

Frontline.LABEL_FONT = "600 12px system-ui, sans-serif";  // as .frontline-label in timeline.css
Frontline.LABEL_HEIGHT = 16;
Frontline.KIND_RANK = {city: 2, province: 2, region: 3, district: 3, site: 4};  // capitals 0, changed 1

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
    // Whether b touches a box of another owner whose rank is b's or higher (lower number).
    hits: function (b) {
      return keys(b).some(function (k) {
        return (cells[k] || []).some(function (o) {
          return o.owner !== b.owner && o.rank <= b.rank && o.x0 < b.x1 && b.x0 < o.x1 && o.y0 < b.y1 && b.y0 < o.y1;
        });
      });
    },
  };
};

Frontline.labelLayer = function (map, data, markers, panel) {
  var pane = map.createPane("frontline-labels");
  pane.style.zIndex = 390;  // under the markers, so a name never hides one
  pane.style.pointerEvents = "none";
  var top = map.createPane("frontline-labels-top");
  top.style.zIndex = 450;  // first-rank names, over the lesser dots they may cover
  top.style.pointerEvents = "none";
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
    if (places[i].name === data.capital) { return -1; }  // the country's capital is always named
    if (capitals[places[i].name]) { return 0; }
    return changed[i] ? 1 : (Frontline.KIND_RANK[places[i].kind] || 3);
  }

  // Within a rank: the most reported first, then by name (the same layout on every load).
  function before(a, b) {
    return a.rank - b.rank || weight[b.i] - weight[a.i] || (places[a.i].name < places[b.i].name ? -1 : 1);
  }

  // Where the panel covers the map, read once (and on resize): reading it after a day's restyle
  // would make the browser lay out every marker again first.
  var cover = null;
  function measurePanel() {
    if (!panel || !panel.offsetWidth) { cover = null; return; }
    var r = panel.getBoundingClientRect(), m = map.getContainer().getBoundingClientRect();
    cover = {x0: r.left - m.left, y0: r.top - m.top, x1: r.right - m.left, y1: r.bottom - m.top, owner: -1, rank: -2};
  }

  function layout() {
    var size = map.getSize(), grid = Frontline.boxGrid(64), H = Frontline.LABEL_HEIGHT, visible = [];
    if (cover) { grid.add(cover); }
    places.forEach(function (p, i) {
      var at = map.latLngToContainerPoint(markers[i].getLatLng()), rad = markers[i].getRadius();
      if (at.x < -50 || at.y < -20 || at.x > size.x + 50 || at.y > size.y + 20) { return; }
      var v = {i: i, at: at, rad: rad, rank: rank(i)};
      visible.push(v);
      var r = rad - 1;  // a name may graze a dot's rim (or a changed place's ring), not cover it
      grid.add({x0: at.x - r, y0: at.y - r, x1: at.x + r, y1: at.y + r, owner: i, rank: v.rank});
    });
    visible.sort(before);
    var placed = {};
    visible.forEach(function (v) {
      var w = widths[v.i], x = v.at.x, y = v.at.y, gap = v.rad + (changed[v.i] ? 5 : 2);  // clear of the ring
      var d = gap * 0.7;
      var spots = [
        {x0: x + gap, y0: y - H / 2}, {x0: x - gap - w, y0: y - H / 2},  // right, left
        {x0: x - w / 2, y0: y - gap - H}, {x0: x - w / 2, y0: y + gap},  // above, below
        {x0: x + d, y0: y - d - H}, {x0: x + d, y0: y + d},  // the corners
        {x0: x - d - w, y0: y - d - H}, {x0: x - d - w, y0: y + d},
      ];
      for (var s = 0; s < spots.length; s++) {
        var b = {x0: spots[s].x0, y0: spots[s].y0, x1: spots[s].x0 + w, y1: spots[s].y0 + H, owner: v.i, rank: v.rank};
        if (b.x0 < 0 || b.y0 < 0 || b.x1 > size.x || b.y1 > size.y || grid.hits(b)) { continue; }
        grid.add({x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1, owner: v.i, rank: -2});  // no later name may touch it
        placed[v.i] = b;
        return;
      }
    });
    draw(placed);
  }

  function draw(placed) {
    Object.keys(shown).forEach(function (i) {
      if (!placed[i]) { shown[i].remove(); delete shown[i]; }
    });
    Object.keys(placed).forEach(function (i) {
      var node = shown[i], b = placed[i], home = b.rank <= 1 ? top : pane;
      if (!node) {
        node = shown[i] = Frontline.el("div", "frontline-label", places[i].name);
        node.setAttribute("data-place", places[i].name);
      }
      if (node.parentNode !== home) { home.appendChild(node); }
      L.DomUtil.setPosition(node, map.containerPointToLayerPoint([b.x0, b.y0]));
      node.style.width = (b.x1 - b.x0) + "px";
    });
  }

  map.on("zoomstart", function () { pane.style.display = top.style.display = "none"; });
  map.on("resize", measurePanel);
  map.on("moveend resize", function () { pane.style.display = top.style.display = ""; layout(); });
  measurePanel();
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
