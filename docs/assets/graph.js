// The concept graph on /graph/: draws graph.json (positions laid out at build time) on a canvas,
// with pan (drag), zoom (wheel, buttons, +/- keys), hover highlighting a term's neighbours, and a
// click opening the term's page. With JavaScript off the page shows graph.svg and a list instead.
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
    };
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
    container.appendChild(this.canvas);
    container.appendChild(this.tip);
    this.controls(container);
    this.scale = 1;
    this.offset = { x: 0, y: 0 };
    this.hover = -1;
    this.radius = this.nodes.length > 2000 ? 2.5 : this.nodes.length > 300 ? 4 : 6;
    this.grid();
    this.resize();
    this.events();
    new ResizeObserver(function () { self.resize(); }).observe(container);
    new MutationObserver(function () { self.draw(); })
      .observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
    container.conceptGraph = this;  // for the browser tests: project(slug) gives a node's place
  }

  Graph.prototype.controls = function (container) {
    var self = this;
    var box = document.createElement("div");
    box.className = "concept-graph__controls";
    [["+", "Zoom in", function () { self.zoom(1.5); }],
     ["−", "Zoom out", function () { self.zoom(1 / 1.5); }],
     ["⟲", "Reset the view", function () { self.scale = 1; self.offset = { x: 0, y: 0 }; self.draw(); }]
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
    var rect = this.container.getBoundingClientRect();
    this.width = rect.width;
    this.height = rect.height;
    this.canvas.width = Math.round(rect.width * ratio);
    this.canvas.height = Math.round(rect.height * ratio);
    this.ratio = ratio;
    this.draw();
  };

  // Unit-square coordinates to CSS pixels in the canvas.
  Graph.prototype.toScreen = function (x, y) {
    var size = Math.min(this.width, this.height) * 0.9;
    var left = (this.width - size) / 2, top = (this.height - size) / 2;
    return [left + (x * size - size / 2) * this.scale + size / 2 + this.offset.x,
            top + (y * size - size / 2) * this.scale + size / 2 + this.offset.y];
  };

  Graph.prototype.project = function (slug) {
    var node = this.nodes.find(function (n) { return n.slug === slug; });
    if (!node) return null;
    var p = this.toScreen(node.x, node.y);
    var rect = this.canvas.getBoundingClientRect();
    return [rect.left + p[0], rect.top + p[1]];
  };

  Graph.prototype.nodeAt = function (px, py) {
    var size = Math.min(this.width, this.height) * 0.9;
    var left = (this.width - size) / 2, top = (this.height - size) / 2;
    var ux = ((px - this.offset.x - left - size / 2) / this.scale + size / 2) / size;
    var uy = ((py - this.offset.y - top - size / 2) / this.scale + size / 2) / size;
    var reach = (this.radius + 6) / (size * this.scale);
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
      if (found >= 0) {
        self.tip.hidden = false;
        self.tip.textContent = self.nodes[found].name;
        self.tip.style.left = (e.clientX - r.left + 12) + "px";
        self.tip.style.top = (e.clientY - r.top + 12) + "px";
      } else {
        self.tip.hidden = true;
      }
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
      else if (e.key === "ArrowLeft") { self.offset.x += 40; self.draw(); }
      else if (e.key === "ArrowRight") { self.offset.x -= 40; self.draw(); }
      else if (e.key === "ArrowUp") { self.offset.y += 40; self.draw(); }
      else if (e.key === "ArrowDown") { self.offset.y -= 40; self.draw(); }
      else return;
      e.preventDefault();
    });
  };

  Graph.prototype.draw = function () {
    if (!this.width) return;
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
    // Level of detail: labels for the best connected terms first, more as one zooms in, none overlapping.
    var budget = Math.round(25 * this.scale * this.scale);
    var placed = [];
    function free(x, y, w) {
      for (var t = 0; t < placed.length; t++) {
        var o = placed[t];
        if (x < o[0] + o[2] && x + w > o[0] && Math.abs(y - o[1]) < 14) return false;
      }
      placed.push([x, y, w]);
      return true;
    }
    ctx.fillStyle = palette.text;
    ctx.font = "12px " + (getComputedStyle(this.container).fontFamily || "sans-serif");
    var order = this.labelOrder || (this.labelOrder = nodes.map(function (n) { return n.index; })
      .sort(function (x, y) { return nodes[y].degree - nodes[x].degree; }));
    var shown = 0;
    for (var k = 0; k < order.length && shown < budget; k++) {
      var j = order[k];
      if (lit && !lit[j]) continue;
      var q = points[j];
      if (q[0] < 0 || q[1] < 0 || q[0] > this.width || q[1] > this.height) continue;
      var w = ctx.measureText(nodes[j].name).width;
      if (!free(q[0] + r + 3, q[1], w)) continue;
      ctx.fillText(nodes[j].name, q[0] + r + 3, q[1] + 4);
      shown++;
    }
    if (lit) {
      this.neighbours[this.hover].concat([this.hover]).forEach(function (j) {
        ctx.fillText(nodes[j].name, points[j][0] + r + 3, points[j][1] + 4);
      });
    }
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
