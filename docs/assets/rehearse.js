// Rehearsing a walk: one card at a time, scheduled by FSRS (ts-fsrs, vendored by the build under
// vendor/), with the state kept in this browser's localStorage per walk and stop. Also fills every
// "N due today" placeholder (.rehearse-due) on the walk and home pages.
(function () {
  "use strict";

  var PREFIX = "glossary-rehearse:";
  var FORMAT = "deep-learning-glossary rehearsal";
  var RATINGS = [["Again", 1], ["Hard", 2], ["Good", 3], ["Easy", 4]];
  var MODES = [
    ["due", "Due cards (new and overdue), in walk order"],
    ["walk", "Every stop, in walk order"],
    ["backwards", "Every stop, backwards"],
    ["from", "From a stop onwards"],
    ["shuffle", "Every stop, shuffled"],
    ["reverse", "Term → locus"],
  ];
  var current = null;  // the rehearsal on this page, for the keyboard

  function load(walk) {
    try {
      var state = JSON.parse(localStorage.getItem(PREFIX + walk) || "null");
      if (state && typeof state.cards === "object") return state;
    } catch (error) { /* a broken entry starts afresh */ }
    return { version: 1, cards: {} };
  }

  function save(walk, state) {
    localStorage.setItem(PREFIX + walk, JSON.stringify(state));
  }

  function isDue(card, now) {
    return !card || !card.due || new Date(card.due) <= now;
  }

  function dueCount(walk, stops, now) {
    var cards = load(walk).cards;
    var count = 0;
    for (var n = 1; n <= stops; n++) if (isDue(cards[String(n)], now)) count++;
    return count;
  }

  function showDue() {
    var now = new Date();
    document.querySelectorAll(".rehearse-due[data-walks]").forEach(function (place) {
      var total = 0;
      place.getAttribute("data-walks").split(" ").forEach(function (pair) {
        var parts = pair.split(":");
        if (parts.length === 2) total += dueCount(parts[0], parseInt(parts[1], 10), now);
      });
      place.textContent = total === 1 ? "1 stop due today." : total + " stops due today.";
    });
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function Rehearsal(root, data, FSRS) {
    this.root = root;
    this.data = data;
    this.FSRS = FSRS;
    this.scheduler = FSRS.fsrs(FSRS.generatorParameters({ enable_fuzz: false }));
    this.state = load(data.walk);
    this.build();
    var params = new URLSearchParams(window.location.search);
    var from = parseInt(params.get("from") || "", 10);
    if (from >= 1 && from <= data.stops.length) {
      this.mode.value = "from";
      this.from.value = String(from);
    } else {
      this.mode.value = Object.keys(this.state.cards).length ? "due" : "walk";
    }
    this.start();
  }

  Rehearsal.prototype.build = function () {
    var self = this, root = this.root, stops = this.data.stops.length;
    root.innerHTML = "";
    var controls = element("div", { class: "rehearse__controls" });
    var modeLabel = element("label", {}, "Rehearse ");
    this.mode = element("select", { class: "rehearse__mode" });
    MODES.forEach(function (m) { self.mode.appendChild(element("option", { value: m[0] }, m[1])); });
    modeLabel.appendChild(this.mode);
    var fromLabel = element("label", { class: "rehearse__from" }, "from stop ");
    this.from = element("input", { type: "number", min: "1", max: String(stops), value: "1", inputmode: "numeric" });
    fromLabel.appendChild(this.from);
    var again = element("button", { type: "button", class: "md-button" }, "Start over");
    controls.append(modeLabel, fromLabel, again);
    this.fromLabel = fromLabel;
    this.mode.addEventListener("change", function () { self.start(); });
    this.from.addEventListener("change", function () { self.start(); });
    again.addEventListener("click", function () { self.start(); });

    this.status = element("p", { class: "rehearse__status", role: "status" });
    var progress = element("div", { class: "rehearse__progress" });
    this.bar = element("progress", { max: "1", value: "0", "aria-label": "Progress of this round" });
    this.count = element("span", { class: "rehearse__count" });
    progress.append(this.bar, this.count);

    this.card = element("section", { class: "rehearse__card", "aria-label": "Card" });
    this.kind = element("p", { class: "rehearse__kind" });
    this.question = element("p", { class: "rehearse__question" });
    this.show = element("button", { type: "button", class: "md-button md-button--primary rehearse__show" });
    this.show.append("Show answer ", element("kbd", {}, "Space"));
    // The answer takes the focus when shown (tabindex -1: by script, not by Tab), so a screen reader reads it.
    this.answer = element("div", { class: "rehearse__answer", tabindex: "-1", "aria-label": "Answer", role: "region" });
    this.answer.hidden = true;
    this.answerMain = element("p", { class: "rehearse__term" });
    this.own = element("p", { class: "rehearse__own" });
    this.gist = element("p", { class: "rehearse__gist" });
    var grades = element("div", { class: "rehearse__grades", role: "group", "aria-label": "How well did you know it?" });
    this.grades = RATINGS.map(function (r, i) {
      var b = element("button", { type: "button", class: "md-button rehearse__grade", "data-rating": String(r[1]) });
      b.append(r[0] + " ", element("kbd", {}, String(i + 1)));
      b.addEventListener("click", function () { self.grade(r[1]); });
      grades.appendChild(b);
      return b;
    });
    this.answer.append(this.answerMain, this.own, this.gist, grades);
    this.card.append(this.kind, this.question, this.show, this.answer);
    this.show.addEventListener("click", function () { self.reveal(); });

    this.done = element("section", { class: "rehearse__done", "aria-label": "Round done" });
    this.done.hidden = true;

    var data = element("div", { class: "rehearse__data" });
    var exportButton = element("button", { type: "button", class: "md-button" }, "Export progress");
    var importLabel = element("label", { class: "md-button rehearse__import" }, "Import progress");
    this.importInput = element("input", { type: "file", accept: "application/json,.json" });
    importLabel.appendChild(this.importInput);
    var reset = element("button", { type: "button", class: "md-button" }, "Reset progress");
    data.append(exportButton, importLabel, reset);
    exportButton.addEventListener("click", function () { self.exportState(); });
    this.importInput.addEventListener("change", function () { self.importState(); });
    reset.addEventListener("click", function () {
      if (window.confirm("Forget all rehearsal progress on this walk?")) {
        localStorage.removeItem(PREFIX + self.data.walk);
        self.state = load(self.data.walk);
        self.start();
        showDue();
      }
    });
    root.append(controls, this.status, progress, this.card, this.done, data);
  };

  Rehearsal.prototype.key = function (stop) {
    return (this.mode.value === "reverse" ? "r" : "") + stop.n;
  };

  Rehearsal.prototype.start = function () {
    var stops = this.data.stops.slice(), now = new Date(), self = this, mode = this.mode.value;
    this.fromLabel.hidden = mode !== "from";
    if (mode === "backwards") stops.reverse();
    if (mode === "from") {
      var from = Math.min(Math.max(parseInt(this.from.value, 10) || 1, 1), stops.length);
      stops = stops.slice(from - 1);
    }
    if (mode === "shuffle") {
      for (var i = stops.length - 1; i > 0; i--) {
        var j = Math.floor(Math.random() * (i + 1)), t = stops[i];
        stops[i] = stops[j];
        stops[j] = t;
      }
    }
    if (mode === "due") stops = stops.filter(function (s) { return isDue(self.state.cards[String(s.n)], now); });
    this.queue = stops;
    this.position = 0;
    this.requeued = {};
    this.tally = { 1: 0, 2: 0, 3: 0, 4: 0 };
    this.total = stops.length;
    this.done.hidden = true;
    this.card.hidden = false;
    this.showDueCount(now);
    if (!stops.length) {
      this.card.hidden = true;
      this.finish("Nothing is due today: every stop is scheduled for later. Choose another way to rehearse.");
      return;
    }
    this.showCard();
  };

  // "N of M stops due today.", kept up to date card by card.
  Rehearsal.prototype.showDueCount = function (now) {
    this.status.textContent = dueCount(this.data.walk, this.data.stops.length, now || new Date()) + " of " +
      this.data.stops.length + " stops due today.";
  };

  Rehearsal.prototype.showCard = function () {
    var stop = this.queue[this.position];
    var reverse = this.mode.value === "reverse";
    this.bar.max = this.queue.length;
    this.bar.value = this.position;
    this.count.textContent = "Card " + (this.position + 1) + " of " + this.queue.length;
    this.kind.textContent = reverse ? "Where on the walk is this term?" : "Stop " + stop.n + " of " + this.data.stops.length;
    this.question.textContent = reverse ? stop.term : stop.locus;
    this.answer.hidden = true;
    this.show.hidden = false;
    this.answerMain.innerHTML = "";
    if (reverse) {
      this.answerMain.textContent = "Stop " + stop.n + ": " + stop.locus;
    } else {
      this.answerMain.appendChild(element("a", { href: stop.url }, stop.term));
      if (stop.code) this.answerMain.append(" ", element("code", {}, stop.code));
    }
    this.own.textContent = stop.own && !stop.code ? "In your words: " + stop.own : "";
    this.own.hidden = !this.own.textContent;
    this.gist.textContent = stop.gist;
    this.show.focus({ preventScroll: true });
  };

  Rehearsal.prototype.reveal = function () {
    if (this.card.hidden || !this.answer.hidden) return;
    this.answer.hidden = false;
    this.show.hidden = true;
    this.answer.focus({ preventScroll: true });
    // On a small screen the answer may start below the fold: bring all of it (grades too) into view.
    var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    this.answer.scrollIntoView({ block: "nearest", behavior: still ? "auto" : "smooth" });
  };

  Rehearsal.prototype.grade = function (rating) {
    if (this.card.hidden || this.answer.hidden) return;
    var stop = this.queue[this.position], key = this.key(stop), now = new Date();
    var stored = this.state.cards[key];
    var card = stored ? this.FSRS.TypeConvert.card(stored) : this.FSRS.createEmptyCard(now);
    this.state.cards[key] = this.scheduler.next(card, now, rating).card;
    save(this.data.walk, this.state);
    if (!this.requeued[key]) this.tally[rating]++;
    if (rating === 1 && !this.requeued[key]) {  // missed: once more at the end of the round
      this.requeued[key] = true;
      this.queue.push(stop);
    }
    this.position++;
    showDue();
    this.showDueCount(now);
    if (this.position >= this.queue.length) {
      this.bar.value = this.bar.max;
      var known = this.tally[3] + this.tally[4];
      this.card.hidden = true;
      this.finish("Round done: " + known + " of " + this.total + " known (Good or Easy); " +
        this.tally[2] + " Hard, " + this.tally[1] + " Again.");
    } else {
      this.showCard();
      var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      this.card.scrollIntoView({ block: "nearest", behavior: still ? "auto" : "smooth" });
    }
  };

  Rehearsal.prototype.finish = function (text) {
    var next = null, cards = this.state.cards;
    Object.keys(cards).forEach(function (k) {
      var due = new Date(cards[k].due);
      if (!next || due < next) next = due;
    });
    this.done.innerHTML = "";
    this.done.append(element("p", { class: "rehearse__score" }, text));
    if (next) this.done.append(element("p", {}, "Next card due: " + next.toLocaleString() + "."));
    var self = this, again = element("button", { type: "button", class: "md-button md-button--primary" }, "Rehearse again");
    again.addEventListener("click", function () { self.start(); });
    this.done.append(again);
    this.done.hidden = false;
  };

  Rehearsal.prototype.exportState = function () {
    var payload = { format: FORMAT, version: 1, exported: new Date().toISOString(), walks: {} };
    payload.walks[this.data.walk] = this.state;
    var blob = new Blob([JSON.stringify(payload, null, 2)], { type: "application/json" });
    var link = element("a", { href: URL.createObjectURL(blob), download: "rehearsal-" + this.data.walk + ".json" });
    document.body.appendChild(link);
    link.click();
    link.remove();
    this.status.textContent = "Progress exported.";
  };

  Rehearsal.prototype.importState = function () {
    var self = this, file = this.importInput.files[0];
    if (!file) return;
    file.text().then(function (text) {
      var payload = JSON.parse(text);
      var state = payload && payload.format === FORMAT && payload.walks && payload.walks[self.data.walk];
      if (!state || typeof state.cards !== "object") throw new Error("not a rehearsal export of this walk");
      Object.keys(state.cards).forEach(function (k) {
        if (!state.cards[k] || isNaN(new Date(state.cards[k].due))) throw new Error("card " + k + " has no due date");
      });
      save(self.data.walk, state);
      self.state = load(self.data.walk);
      self.mode.value = "due";
      self.start();
      showDue();
      self.status.textContent = "Imported " + Object.keys(state.cards).length + " cards.";
    }).catch(function (error) {
      self.status.textContent = "Could not import that file: " + error.message + ".";
    }).finally(function () { self.importInput.value = ""; });
  };

  function withScheduler(url, then) {
    if (window.FSRS) return then(window.FSRS);
    var script = document.createElement("script");
    script.src = url;
    script.onload = function () { then(window.FSRS); };
    document.head.appendChild(script);
  }

  function init() {
    showDue();
    current = null;
    var root = document.querySelector(".rehearse[data-walk]");
    if (!root) return;
    // The self-test is for JavaScript off (it sits in <noscript>); a page swapped in by instant
    // loading parses <noscript> as markup, so it goes here.
    document.querySelectorAll(".rehearse-selftest").forEach(function (test) { test.remove(); });
    var data = JSON.parse(root.getAttribute("data-cards"));
    withScheduler(root.getAttribute("data-scheduler"), function (FSRS) {
      current = new Rehearsal(root, data, FSRS);
    });
  }

  document.addEventListener("keydown", function (event) {
    if (!current || !document.body.contains(current.root) || event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    if (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) return;
    if (event.key === " " && !current.card.hidden && !current.answer.hidden) {
      event.preventDefault();
    } else if (event.key === " " && !current.card.hidden) {
      event.preventDefault();
      current.reveal();
    } else if (/^[1-4]$/.test(event.key) && !current.answer.hidden) {
      event.preventDefault();
      current.grade(parseInt(event.key, 10));
    }
  });

  if (window.document$) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
