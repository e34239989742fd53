// Frontline's popup: a place, its status on the chosen day, and every claim behind it.
// Article text (evidence, titles, file names, URLs) is untrusted: it reaches the page
// only through textContent and setAttribute, and a link only for http(s) URLs.
var Frontline = window.Frontline || {};
window.Frontline = Frontline;

// The sides' labels and which side held places before their first capture come with the payload
// (the war's profile); frontlineTimeline sets them before anything is drawn.
Frontline.LABELS = {contested: "Contested", unknown: "Unknown"};
Frontline.HOLDING = null;
Frontline.PRECISION = {range: "date approximate", unknown: "undated: publication date"};

Frontline.el = function (tag, cls, text) {
  var node = document.createElement(tag);
  if (cls) { node.className = cls; }
  if (text !== undefined && text !== null) { node.textContent = String(text); }
  return node;
};

// A web address as the browser parses it (quotes, spaces, brackets percent-encoded), or null.
Frontline.safeUrl = function (url) {
  var parsed;
  try { parsed = new URL(String(url || "")); } catch (e) { return null; }
  return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
};

// The article a claim comes from: its title (else file name), linked when it has a web address.
Frontline.source = function (article) {
  var el = Frontline.el, url = Frontline.safeUrl(article.url);
  var name = article.title || article.file || article.url || "unknown article";
  var node = url ? el("a", null, name) : el("span", "article", name);
  if (url) {
    node.setAttribute("href", url);
    node.setAttribute("target", "_blank");
    node.setAttribute("rel", "noopener noreferrer nofollow");
  }
  var box = el("div", "source");
  box.appendChild(node);
  if (article.title && article.file) { box.appendChild(el("span", "file", " (" + article.file + ")")); }
  if (article.published) { box.appendChild(el("span", null, ", published " + article.published)); }
  return box;
};

Frontline.claimItem = function (claim, articles) {
  var el = Frontline.el, item = el("div", "claim");
  item.appendChild(el("blockquote", null, claim[1]));
  item.appendChild(Frontline.source(articles[claim[2]] || {}));
  var note = Frontline.LABELS[claim[0]] + " · confidence " + claim[3];
  if (Frontline.PRECISION[claim[4]]) { note += " · " + Frontline.PRECISION[claim[4]]; }
  item.appendChild(el("div", "meta", note));
  return item;
};

// view: {day, now: {status, inferred}, articles}
Frontline.popup = function (place, view) {
  var el = Frontline.el, LABELS = Frontline.LABELS;
  var box = el("div", "frontline-popup");
  box.setAttribute("data-place", place.name);
  box.appendChild(el("h4", null, place.name));
  box.appendChild(el("div", "kind", place.kind));
  var status = LABELS[view.now.status] + (view.now.inferred ? " (inferred: held before its first reported capture)" : "");
  var line = el("div", "status " + view.now.status, "On " + view.day + ": " + status);
  box.appendChild(line);
  box.appendChild(el("div", "history-title", "Reports, by day"));
  var list = el("ol", "history");
  place.changes.forEach(function (change) {
    var item = el("li", change.date > view.day ? "later" : null);
    item.setAttribute("data-date", change.date);
    item.appendChild(el("strong", null, change.date + " — " + LABELS[change.status]));
    if (change.date > view.day) { item.appendChild(el("span", "after", " (after this day)")); }
    if (change.disputed) { item.appendChild(el("span", "disagree", " · sources disagree")); }
    change.claims.forEach(function (claim) { item.appendChild(Frontline.claimItem(claim, view.articles)); });
    list.appendChild(item);
  });
  box.appendChild(list);
  return box;
};
