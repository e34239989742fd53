// The dashboard's map: one Leaflet map that lives as long as the page, driven by the page's day.
// Why: rebuilding the map on each slider step reset the reader's zoom and cost half a second.
// Streamlit (a custom component, see geo/app/livemap.py) sends {src, day, height} on every run
// of the page; only a new `src` (new claims or reviews) redraws the map, keeping its centre and
// zoom, and a new `day` restyles the markers that change. The map has no slider or Play of its
// own here: the page's are the only ones.
var Frontline = window.Frontline || {};
window.Frontline = Frontline;

Frontline.live = function (holder) {
  var state = {src: null, day: null, height: 0, map: null, timeline: null};

  function tell(type, extra) {
    window.parent.postMessage(Object.assign({isStreamlitMessage: true, type: type}, extra || {}), "*");
  }

  function draw(data) {
    var view = state.map ? [state.map.getCenter(), state.map.getZoom()] : null;
    if (state.map) { state.map.remove(); holder.textContent = ""; }
    var box = Frontline.el("div", "frontline-live");
    holder.appendChild(box);
    var map = L.map(box, {center: [34, 66], zoom: 6, zoomControl: true});
    L.control.scale().addTo(map);
    L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 19,
      attribution: "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a> contributors",
    }).addTo(map);
    state.map = map;
    state.timeline = frontlineTimeline(map, Object.assign({}, data, {start: state.day}),
      {embedded: true, view: view});
  }

  window.addEventListener("message", function (event) {
    var message = event.data || {};
    if (message.type !== "streamlit:render") { return; }
    var args = message.args || {};
    if (args.height && args.height !== state.height) {
      state.height = args.height;
      holder.style.height = args.height + "px";
      tell("streamlit:setFrameHeight", {height: args.height});
      if (state.map) { state.map.invalidateSize(); }
    }
    state.day = args.day;
    if (args.src !== state.src) {
      state.src = args.src;
      fetch(args.src).then(function (r) { return r.json(); }).then(function (data) {
        if (state.src === args.src) { draw(data); }
      });
    } else if (state.timeline) {
      state.timeline.show(args.day);
    }
  });
  tell("streamlit:componentReady", {apiVersion: 1});
};
