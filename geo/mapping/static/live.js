// The dashboard's map: one Leaflet map that lives as long as the page, and the page's only day
// control (its slider, Play and speed).
// Why: rebuilding the map on each step reset the reader's zoom and cost half a second; and a
// day that first went to the server and back made every step wait for a whole page run. Here
// the map moves at once and tells the page (a Streamlit component, see geo/app/livemap.py),
// whose counts, chart, place history and export then follow. Streamlit sends {src, day, serial,
// height} on every run of the page: a new `src` (new claims or reviews) redraws the map keeping
// its centre and zoom; `serial` echoes how many days this map had reported when that run began,
// so a run that started before the reader's latest step does not pull the map back, while a day
// the page chose itself (the first load, a new corpus) is shown.
var Frontline = window.Frontline || {};
window.Frontline = Frontline;

Frontline.live = function (holder, zoomSnap) {
  var state = {src: null, height: 0, map: null, timeline: null, serial: 0, args: null};

  function tell(type, extra) {
    window.parent.postMessage(Object.assign({isStreamlitMessage: true, type: type}, extra || {}), "*");
  }

  function report(day, playing) {
    state.serial += 1;
    tell("streamlit:setComponentValue", {value: {day: day, playing: playing, serial: state.serial}, dataType: "json"});
  }

  function draw(data, day) {
    var view = state.map ? [state.map.getCenter(), state.map.getZoom()] : null;
    if (state.map) { state.map.remove(); holder.textContent = ""; }
    var box = Frontline.el("div", "frontline-live");
    holder.appendChild(box);
    var map = L.map(box, {center: [34, 66], zoom: 6, zoomSnap: zoomSnap || 1});
    L.control.scale().addTo(map);
    L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 19,
      attribution: "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a> contributors",
    }).addTo(map);
    state.map = map;
    state.timeline = frontlineTimeline(map, Object.assign({}, data, {start: day}), {view: view, onDay: report});
  }

  function follow(args) {
    if (!state.timeline || (args.serial || 0) < state.serial || state.timeline.playing()) { return; }
    state.timeline.show(args.day);  // the page's own choice of day
  }

  window.addEventListener("message", function (event) {
    var message = event.data || {};
    if (message.type !== "streamlit:render") { return; }
    var args = message.args || {};
    state.args = args;
    if (args.height && args.height !== state.height) {
      state.height = args.height;
      holder.style.height = args.height + "px";
      tell("streamlit:setFrameHeight", {height: args.height});
      if (state.map) { state.map.invalidateSize(); }
    }
    if (args.src !== state.src) {
      state.src = args.src;
      fetch(args.src).then(function (r) { return r.json(); }).then(function (data) {
        if (state.src !== args.src) { return; }
        var day = state.timeline && (state.args.serial || 0) < state.serial ? state.timeline.day() : state.args.day;
        draw(data, day);
      });
    } else {
      follow(args);
    }
  });
  tell("streamlit:componentReady", {apiVersion: 1});
};
