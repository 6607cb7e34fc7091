/* Maths: typeset with KaTeX, served by the site itself (vendor/katex/, copied from npm by the build).
 * Nothing is loaded on a page without maths. Note maths comes as pymdownx.arithmatex writes it
 * (<span class="arithmatex">\(…\)</span>, <div class="arithmatex">\[…\]</div>); a definition, gist or
 * Related quote may also hold \(…\) or \[…\] as typed, which auto-render finds there (and nowhere else). */
(function () {
  "use strict";
  var loading = null;
  var LOOSE = ".md-content .note-md, .md-content .gist, .md-content .related, .md-content article li";

  function base() {
    var config = JSON.parse(document.getElementById("__config").textContent);
    return new URL(config.base.replace(/\/?$/, "/") + "vendor/katex/", window.location.href);
  }

  function load() {
    if (loading) return loading;
    var root = base();
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = new URL("katex.min.css", root).href;
    document.head.appendChild(css);
    function script(name) {
      return new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = new URL(name, root).href;
        tag.onload = resolve;
        tag.onerror = reject;
        document.head.appendChild(tag);
      });
    }
    loading = script("katex.min.js").then(function () { return script("auto-render.min.js"); });
    return loading;
  }

  function typeset() {
    var spans = document.querySelectorAll(".md-content .arithmatex");
    // Definitions, gists and Related quotes, and the lists of terms with their gists (A–Z, topics);
    // an element inside another of them is typeset with it.
    var loose = Array.prototype.filter.call(document.querySelectorAll(LOOSE), function (el) {
      var outer = el.parentElement && el.parentElement.closest(LOOSE);
      return !outer && /\\\(|\\\[|\$\$/.test(el.textContent);
    });
    if (!spans.length && !loose.length) return;
    load().then(function () {
      spans.forEach(function (el) {
        if (el.getAttribute("data-typeset")) return;
        var tex = el.textContent.trim().replace(/^\\[([]/, "").replace(/\\[)\]]$/, "");
        try {
          window.katex.render(tex, el, { displayMode: el.tagName === "DIV", throwOnError: false });
          el.setAttribute("data-typeset", "1");
        } catch (e) { /* left as typed */ }
      });
      loose.forEach(function (el) {
        window.renderMathInElement(el, {
          delimiters: [
            { left: "$$", right: "$$", display: true },
            { left: "\\[", right: "\\]", display: true },
            { left: "\\(", right: "\\)", display: false }
          ],
          ignoredClasses: ["arithmatex"],
          throwOnError: false
        });
      });
    });
  }

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(typeset);
  else document.addEventListener("DOMContentLoaded", typeset);
})();
