// Hover previews of term links: pointing at (or tabbing to) a link to a term page inside the
// article shows that term's name and gist in a box above the page. The gist comes from the
// linked page itself (its meta description), fetched from wherever this site is served:
// a relative, same-origin request, so it works on any host and port, with or without a
// site_url (Material's own preview needs a sitemap whose addresses match the served one).
// The box floats (position: absolute), so nothing on the page moves; Escape, leaving the link
// or moving focus away dismisses it.
(function () {
  "use strict";

  var DELAY = 150; // ms of pointing before the preview is fetched and shown
  var TERM = /\/terms\/[^/]+\/(index\.html)?$/;
  var cache = {}; // path -> Promise of {name, gist}
  var box = null;
  var current = null; // the link the box belongs to
  var timer = 0;

  function termLink(target) {
    if (!(target instanceof Element)) return null;
    var link = target.closest("a[href]");
    // Not in a rehearsal card: the answer's term link would hide the answer under the pointer.
    if (!link || !link.closest(".md-content article") || link.closest(".headerlink, .rehearse")) return null;
    var url = new URL(link.getAttribute("href"), document.baseURI);
    if (url.origin !== location.origin || !TERM.test(url.pathname)) return null;
    if (url.pathname === location.pathname) return null;
    return link;
  }

  function load(link) {
    var url = new URL(link.getAttribute("href"), document.baseURI);
    var key = url.pathname;
    if (!cache[key]) {
      cache[key] = fetch(url.pathname, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.text();
        })
        .then(function (text) {
          var page = new DOMParser().parseFromString(text, "text/html");
          var meta = page.querySelector('meta[name="description"]');
          var heading = page.querySelector("article h1");
          var first = page.querySelector("article p");
          var name = heading ? heading.textContent.replace(/¶/g, "").trim() : link.textContent.trim();
          var gist = meta && meta.getAttribute("content") ? meta.getAttribute("content") : first ? first.textContent : "";
          return { name: name, gist: gist.trim() };
        })
        .catch(function () {
          delete cache[key];
          return null;
        });
    }
    return cache[key];
  }

  function ensureBox() {
    if (box && document.body.contains(box)) return box;
    box = document.createElement("div");
    box.className = "term-preview";
    box.id = "term-preview";
    box.setAttribute("role", "tooltip");
    box.hidden = true;
    document.body.appendChild(box);
    return box;
  }

  function place(link) {
    var rect = link.getBoundingClientRect();
    var width = box.offsetWidth;
    var height = box.offsetHeight;
    var margin = 8;
    var left = Math.min(Math.max(rect.left, margin), document.documentElement.clientWidth - width - margin);
    var below = rect.bottom + 6;
    var top = below + height > window.innerHeight && rect.top - height - 6 > 0 ? rect.top - height - 6 : below;
    box.style.left = Math.max(left, margin) + window.scrollX + "px";
    box.style.top = top + window.scrollY + "px";
  }

  function show(link) {
    load(link).then(function (found) {
      if (!found || current !== link) return;
      ensureBox();
      box.textContent = "";
      var name = document.createElement("span");
      name.className = "term-preview__name";
      name.textContent = found.name;
      box.appendChild(name);
      box.appendChild(document.createTextNode(found.gist));
      box.hidden = false;
      box.classList.add("md-tooltip2--active"); // the state Material's own previews mark
      place(link);
      link.setAttribute("aria-describedby", box.id);
    });
  }

  function hide() {
    clearTimeout(timer);
    if (current) current.removeAttribute("aria-describedby");
    current = null;
    if (box) {
      box.hidden = true;
      box.classList.remove("md-tooltip2--active");
    }
  }

  function start(link, delay) {
    if (current === link) return;
    hide();
    current = link;
    timer = setTimeout(function () {
      show(link);
    }, delay);
  }

  document.addEventListener("mouseover", function (event) {
    var link = termLink(event.target);
    if (link) start(link, DELAY);
  });
  document.addEventListener("mouseout", function (event) {
    if (!current) return;
    var to = event.relatedTarget;
    if (to instanceof Node && current.contains(to)) return; // still on the link
    if (termLink(event.target) === current) hide();
  });
  document.addEventListener("focusin", function (event) {
    var link = termLink(event.target);
    if (link) start(link, 0);
  });
  document.addEventListener("focusout", function (event) {
    if (current && event.target === current) hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && current) hide();
  });
  document.addEventListener("click", hide);
  window.addEventListener("pagehide", hide);
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(hide); // instant navigation
})();
