// The A–Z topic filter: the "Browse by topic" links become toggle buttons that show only the
// terms of the chosen topic (links keep working with JavaScript off: they open the topic pages).
(function () {
  "use strict";

  function init() {
    var nav = document.querySelector("nav.topic-filter");
    if (!nav || nav.dataset.ready) return;
    nav.dataset.ready = "1";
    var links = Array.prototype.slice.call(nav.querySelectorAll("a[data-topic]"));
    var items = Array.prototype.slice.call(document.querySelectorAll(".md-content li"))
      .filter(function (li) { return li.querySelector("a[data-topics]"); });
    var status = document.createElement("p");
    status.setAttribute("role", "status");
    status.className = "topic-filter__status";
    var group = document.createElement("div");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Show the terms of one topic");
    var buttons = [];

    function choose(topic) {
      var shown = 0;
      items.forEach(function (li) {
        var topics = li.querySelector("a[data-topics]").getAttribute("data-topics").split(" ");
        var visible = !topic || topics.indexOf(topic) >= 0;
        li.hidden = !visible;
        if (visible) shown++;
      });
      // A letter with no term left shown is hidden too.
      document.querySelectorAll(".md-content h2[id]").forEach(function (heading) {
        var list = heading.nextElementSibling;
        if (list && list.tagName === "UL") {
          var any = Array.prototype.some.call(list.children, function (li) { return !li.hidden; });
          heading.hidden = !any;
          list.hidden = !any;
        }
      });
      buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b.dataset.topic === (topic || ""))); });
      status.textContent = topic ? shown + " terms in this topic" : "All " + shown + " terms";
    }

    function button(label, topic) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = label;
      b.dataset.topic = topic;
      b.addEventListener("click", function () { choose(topic); });
      buttons.push(b);
      group.appendChild(b);
    }

    button("All", "");
    links.forEach(function (a) { button(a.textContent, a.getAttribute("data-topic")); });
    nav.textContent = "Show: ";
    nav.appendChild(group);
    nav.appendChild(status);
    choose("");
  }

  if (window.document$) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
