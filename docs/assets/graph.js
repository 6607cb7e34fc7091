// The concept graph on /graph/: draws graph.json (positions laid out at build time, topics in
// groups) on a canvas, fitted to its box, with pan (drag, arrow buttons, arrow keys), zoom (wheel,
// buttons, +/- keys), hover highlighting a term's neighbours, and a click opening the term's page.
// At first only the hubs are labelled, more as one zooms in, never two labels over each other.
// With JavaScript off the page shows graph.svg and a list instead; the list is there for everyone.
(function () {
  "use strict";

  function colours(container, count) {
    var style = getComputedStyle(container);
    var result = [];
    for (var i = 0; i < count; i++) {
      result.push(style.getPropertyValue("--graph-topic-" + i).trim() || "#888");
    }
    return {
      topics: result,
      text: style.getPropertyValue("--md-default-fg-color").trim() || "#222",
      edge: style.getPropertyValue("--md-default-fg-color--lightest").trim() || "rgba(0,0,0,.1)",
      strong: style.getPropertyValue("--md-accent-fg-color").trim() || "#f50057",
      background: style.getPropertyValue("--md-default-bg-color").trim() || "#fff",
    };
  }

  var HUBS = 12;  // labels at the first view: the best connected terms (a stub has degree 0)
  var LINE = 16;  // a label's height in CSS pixels
  var PAD = 24;  // room around the graph when it is fitted to its box

  function overlaps(a, b) {
    return a[0] < b[0] + b[2] && a[0] + a[2] > b[0] && a[1] < b[1] + b[3] && a[1] + a[3] > b[1];
  }

  function Graph(container, data) {
    var self = this;
    this.container = container;
    this.nodes = data.nodes.map(function (n, i) {
      return { x: n[0], y: n[1], topic: n[2], degree: n[3], name: n[4], slug: n[5], index: i };
    });
    this.neighbours = this.nodes.map(function () { return []; });
    this.edges = data.edges;
    data.edges.forEach(function (e) {
      self.neighbours[e[0]].push(e[1]);
      self.neighbours[e[1]].push(e[0]);
    });
    this.base = container.getAttribute("data-base") || "./";
    this.canvas = document.createElement("canvas");
    this.canvas.setAttribute("role", "img");
    this.canvas.setAttribute("aria-label", "Concept graph of " + this.nodes.length +
      " terms; every term is also listed below the graph.");
    this.tip = document.createElement("div");
    this.tip.className = "concept-graph__tip";
    this.tip.hidden = true;
    container.innerHTML = "";
    this.controls(container);  // a toolbar above the picture, covering none of it
    var stage = document.createElement("div");
    stage.className = "concept-graph__stage";
    stage.appendChild(this.canvas);
    stage.appendChild(this.tip);
    container.appendChild(stage);
    this.stage = stage;
    this.scale = 1;
    this.offset = { x: 0, y: 0 };
    this.hover = -1;
    this.labels = [];  // the labels drawn last, as [x, y, width, height, node], for the tests
    this.radius = this.nodes.length > 2000 ? 2.5 : this.nodes.length > 300 ? 4 : 6;
    this.bounds();
    this.grid();
    this.resize();
    this.events();
    new ResizeObserver(function () { self.resize(); }).observe(this.stage);
    new MutationObserver(function () { self.draw(); })
      .observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
    container.conceptGraph = this;  // for the browser tests: project(slug) gives a node's place
  }

  Graph.prototype.controls = function (container) {
    var self = this;
    var box = document.createElement("div");
    box.className = "concept-graph__controls";
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", "Move and zoom the graph");
    [["+", "Zoom in", function () { self.zoom(1.5); }],
     ["−", "Zoom out", function () { self.zoom(1 / 1.5); }],
     ["←", "Move left", function () { self.pan(80, 0); }],
     ["↑", "Move up", function () { self.pan(0, 80); }],
     ["↓", "Move down", function () { self.pan(0, -80); }],
     ["→", "Move right", function () { self.pan(-80, 0); }],
     ["⟲", "Fit the whole graph", function () { self.scale = 1; self.offset = { x: 0, y: 0 }; self.draw(); }]
    ].forEach(function (b) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = b[0];
      button.setAttribute("aria-label", b[1]);
      button.title = b[1];
      button.addEventListener("click", b[2]);
      box.appendChild(button);
    });
    container.appendChild(box);
  };

  Graph.prototype.pan = function (dx, dy) {
    this.offset.x += dx;
    this.offset.y += dy;
    this.draw();
  };

  // The nodes' bounding box in the unit square: the first view (scale 1) fits it to the canvas.
  Graph.prototype.bounds = function () {
    var box = { left: 1, top: 1, right: 0, bottom: 0 };
    this.nodes.forEach(function (n) {
      box.left = Math.min(box.left, n.x);
      box.right = Math.max(box.right, n.x);
      box.top = Math.min(box.top, n.y);
      box.bottom = Math.max(box.bottom, n.y);
    });
    if (box.left > box.right) box = { left: 0, top: 0, right: 1, bottom: 1 };
    this.box = box;
  };

  // From the unit square to CSS pixels at scale 1: the bounding box fitted into the canvas, centred.
  Graph.prototype.fit = function () {
    var box = this.box;
    var w = Math.max(box.right - box.left, 1e-3), h = Math.max(box.bottom - box.top, 1e-3);
    var room = Math.max(this.width - 2 * PAD, 10), roomY = Math.max(this.height - 2 * PAD, 10);
    var k = Math.min(room / w, roomY / h);
    return { k: k, x: this.width / 2 - k * (box.left + box.right) / 2, y: this.height / 2 - k * (box.top + box.bottom) / 2 };
  };

  // A coarse grid over the unit square, so that finding the node under the pointer stays fast at 10,000 terms.
  Graph.prototype.grid = function () {
    this.cells = 64;
    this.buckets = {};
    for (var i = 0; i < this.nodes.length; i++) {
      var n = this.nodes[i];
      var key = Math.floor(n.x * (this.cells - 1)) + "," + Math.floor(n.y * (this.cells - 1));
      (this.buckets[key] = this.buckets[key] || []).push(i);
    }
  };

  Graph.prototype.resize = function () {
    var ratio = window.devicePixelRatio || 1;
    var rect = this.stage.getBoundingClientRect();
    this.width = rect.width;
    this.height = rect.height;
    this.canvas.width = Math.round(rect.width * ratio);
    this.canvas.height = Math.round(rect.height * ratio);
    this.ratio = ratio;
    this.view = this.fit();
    this.draw();
  };

  // Unit-square coordinates to CSS pixels in the canvas.
  Graph.prototype.toScreen = function (x, y) {
    var f = this.view;
    return [(x * f.k + f.x - this.width / 2) * this.scale + this.width / 2 + this.offset.x,
            (y * f.k + f.y - this.height / 2) * this.scale + this.height / 2 + this.offset.y];
  };

  Graph.prototype.project = function (slug) {
    var node = this.nodes.find(function (n) { return n.slug === slug; });
    if (!node) return null;
    var p = this.toScreen(node.x, node.y);
    var rect = this.canvas.getBoundingClientRect();
    return [rect.left + p[0], rect.top + p[1]];
  };

  Graph.prototype.nodeAt = function (px, py) {
    var f = this.view;
    var ux = ((px - this.offset.x - this.width / 2) / this.scale + this.width / 2 - f.x) / f.k;
    var uy = ((py - this.offset.y - this.height / 2) / this.scale + this.height / 2 - f.y) / f.k;
    var reach = (this.radius + 6) / (f.k * this.scale);
    var best = -1, bestDistance = Infinity;
    var cx = Math.floor(ux * (this.cells - 1)), cy = Math.floor(uy * (this.cells - 1));
    var span = Math.ceil(reach * this.cells) + 1;
    for (var gx = cx - span; gx <= cx + span; gx++) {
      for (var gy = cy - span; gy <= cy + span; gy++) {
        var bucket = this.buckets[gx + "," + gy];
        if (!bucket) continue;
        for (var k = 0; k < bucket.length; k++) {
          var n = this.nodes[bucket[k]];
          var d = Math.hypot(n.x - ux, n.y - uy);
          if (d < reach && d < bestDistance) { best = bucket[k]; bestDistance = d; }
        }
      }
    }
    return best;
  };

  Graph.prototype.zoom = function (factor, cx, cy) {
    cx = cx === undefined ? this.width / 2 : cx;
    cy = cy === undefined ? this.height / 2 : cy;
    var next = Math.min(40, Math.max(0.5, this.scale * factor));
    factor = next / this.scale;
    this.offset.x = cx - (cx - this.offset.x - this.width / 2) * factor - this.width / 2;
    this.offset.y = cy - (cy - this.offset.y - this.height / 2) * factor - this.height / 2;
    this.scale = next;
    this.draw();
  };

  Graph.prototype.events = function () {
    var self = this, canvas = this.canvas, drag = null, moved = false;
    canvas.tabIndex = 0;
    canvas.addEventListener("wheel", function (e) {
      e.preventDefault();
      var r = canvas.getBoundingClientRect();
      self.zoom(e.deltaY < 0 ? 1.2 : 1 / 1.2, e.clientX - r.left, e.clientY - r.top);
    }, { passive: false });
    canvas.addEventListener("pointerdown", function (e) {
      drag = { x: e.clientX, y: e.clientY, ox: self.offset.x, oy: self.offset.y };
      moved = false;
      canvas.setPointerCapture(e.pointerId);
    });
    canvas.addEventListener("pointermove", function (e) {
      var r = canvas.getBoundingClientRect();
      if (drag) {
        var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
        if (Math.abs(dx) + Math.abs(dy) > 3) moved = true;
        self.offset.x = drag.ox + dx;
        self.offset.y = drag.oy + dy;
        self.draw();
        return;
      }
      var found = self.nodeAt(e.clientX - r.left, e.clientY - r.top);
      if (found !== self.hover) {
        self.hover = found;
        canvas.style.cursor = found >= 0 ? "pointer" : "grab";
        self.draw();
      }
      if (found >= 0) self.showTip(found);
      else self.tip.hidden = true;
    });
    canvas.addEventListener("pointerup", function (e) {
      var r = canvas.getBoundingClientRect();
      var wasDrag = moved;
      drag = null;
      if (wasDrag) return;
      var found = self.nodeAt(e.clientX - r.left, e.clientY - r.top);
      if (found >= 0) window.location.href = self.base + "terms/" + self.nodes[found].slug + "/";
    });
    canvas.addEventListener("pointerleave", function () {
      self.hover = -1;
      self.tip.hidden = true;
      self.draw();
    });
    canvas.addEventListener("keydown", function (e) {
      if (e.key === "+" || e.key === "=") self.zoom(1.5);
      else if (e.key === "-") self.zoom(1 / 1.5);
      else if (e.key === "0") { self.scale = 1; self.offset = { x: 0, y: 0 }; self.draw(); }
      else if (e.key === "ArrowLeft") self.pan(40, 0);
      else if (e.key === "ArrowRight") self.pan(-40, 0);
      else if (e.key === "ArrowUp") self.pan(0, 40);
      else if (e.key === "ArrowDown") self.pan(0, -40);
      else return;
      e.preventDefault();
    });
  };

  // The name of the node pointed at, beside the node and never over it: above and to the right,
  // flipped to the left or below where the canvas ends.
  Graph.prototype.showTip = function (index) {
    var tip = this.tip, p = this.toScreen(this.nodes[index].x, this.nodes[index].y);
    tip.textContent = this.nodes[index].name;
    tip.hidden = false;
    var w = tip.offsetWidth, h = tip.offsetHeight, gap = this.radius * 2 + 8;
    var left = p[0] + gap, top = p[1] - gap - h;
    if (left + w > this.width - 4) left = p[0] - gap - w;
    if (left < 4) left = Math.max(4, Math.min(this.width - w - 4, p[0] - w / 2));
    if (top < 4) top = p[1] + gap;
    tip.style.left = left + "px";
    tip.style.top = top + "px";
  };

  Graph.prototype.draw = function () {
    if (!this.width) return;
    if (!this.view) this.view = this.fit();
    var ctx = this.canvas.getContext("2d");
    var palette = colours(this.container, 10);
    var self = this, nodes = this.nodes;
    var lit = null;
    if (this.hover >= 0) {
      lit = {};
      lit[this.hover] = true;
      this.neighbours[this.hover].forEach(function (i) { lit[i] = true; });
    }
    ctx.setTransform(this.ratio, 0, 0, this.ratio, 0, 0);
    ctx.clearRect(0, 0, this.width, this.height);
    var points = nodes.map(function (n) { return self.toScreen(n.x, n.y); });
    ctx.lineWidth = 1;
    ctx.strokeStyle = palette.edge;
    ctx.beginPath();
    for (var e = 0; e < this.edges.length; e++) {
      var a = this.edges[e][0], b = this.edges[e][1];
      if (lit && lit[a] && lit[b] && (a === this.hover || b === this.hover)) continue;
      ctx.moveTo(points[a][0], points[a][1]);
      ctx.lineTo(points[b][0], points[b][1]);
    }
    ctx.stroke();
    if (lit) {
      ctx.strokeStyle = palette.strong;
      ctx.lineWidth = 2;
      ctx.beginPath();
      this.neighbours[this.hover].forEach(function (i) {
        ctx.moveTo(points[self.hover][0], points[self.hover][1]);
        ctx.lineTo(points[i][0], points[i][1]);
      });
      ctx.stroke();
    }
    var r = this.radius * Math.min(2, Math.max(1, Math.sqrt(this.scale)));
    for (var i = 0; i < nodes.length; i++) {
      var p = points[i];
      if (p[0] < -20 || p[1] < -20 || p[0] > this.width + 20 || p[1] > this.height + 20) continue;
      ctx.globalAlpha = lit && !lit[i] ? 0.2 : 1;
      ctx.fillStyle = palette.topics[nodes[i].topic] || palette.text;
      ctx.beginPath();
      ctx.arc(p[0], p[1], i === this.hover ? r + 3 : r, 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.globalAlpha = 1;
    // Level of detail: the hubs first, more as one zooms in; a label goes right, left, above or below
    // its node, wherever it covers no other label and no node, or is left out.
    var budget = Math.round(HUBS * this.scale * this.scale);
    var taken = [], labels = [], width = this.width, height = this.height;
    ctx.font = "12px " + (getComputedStyle(this.container).fontFamily || "sans-serif");
    var dots = [];  // the nodes on screen, as boxes: no label covers one
    for (var d = 0; d < points.length; d++) {
      if (lit && !lit[d]) continue;
      var pd = points[d];
      if (pd[0] < -r || pd[1] < -r || pd[0] > width + r || pd[1] > height + r) continue;
      dots.push([pd[0] - r, pd[1] - r, 2 * r, 2 * r]);
    }
    function place(j) {
      var q = points[j], w = ctx.measureText(nodes[j].name).width, rr = j === self.hover ? r + 3 : r;
      var spots = [[q[0] + rr + 4, q[1] - LINE / 2], [q[0] - rr - 4 - w, q[1] - LINE / 2],
                   [q[0] - w / 2, q[1] - rr - 2 - LINE], [q[0] - w / 2, q[1] + rr + 2]];
      for (var s = 0; s < spots.length; s++) {
        var box = [spots[s][0], spots[s][1], w, LINE, j];
        if (box[0] < 2 || box[1] < 2 || box[0] + w > width - 2 || box[1] + LINE > height - 2) continue;
        var clear = true;
        for (var t = 0; t < taken.length && clear; t++) clear = !overlaps(box, taken[t]);
        for (var m = 0; m < dots.length && clear; m++) clear = !overlaps(box, dots[m]);
        if (clear) {
          taken.push(box);
          labels.push(box);
          return true;
        }
      }
      return false;
    }
    var order = this.labelOrder || (this.labelOrder = nodes.map(function (n) { return n.index; })
      .sort(function (x, y) { return nodes[y].degree - nodes[x].degree || x - y; }));
    if (lit) {  // the term pointed at and its neighbours first
      place(this.hover);
      this.neighbours[this.hover].forEach(function (j) { place(j); });
    }
    var shown = 0;
    for (var k = 0; k < order.length && shown < budget; k++) {
      var j = order[k], q = points[j];
      if ((lit && !lit[j]) || !nodes[j].degree) continue;  // a stub (degree 0) is no hub
      if (q[0] < 0 || q[1] < 0 || q[0] > width || q[1] > height) continue;
      if (labels.some(function (b) { return b[4] === j; })) continue;
      if (place(j)) shown++;
    }
    ctx.fillStyle = palette.text;
    ctx.textBaseline = "middle";
    ctx.lineJoin = "round";
    ctx.lineWidth = 3;
    ctx.strokeStyle = palette.background;
    labels.forEach(function (b) {
      ctx.strokeText(nodes[b[4]].name, b[0], b[1] + LINE / 2);
      ctx.fillText(nodes[b[4]].name, b[0], b[1] + LINE / 2);
    });
    this.labels = labels;
  };

  function init() {
    var container = document.querySelector(".concept-graph[data-graph]");
    if (!container || container.conceptGraph) return;
    fetch(container.getAttribute("data-graph"))
      .then(function (response) { return response.json(); })
      .then(function (data) { new Graph(container, data); });
  }

  if (window.document$) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
