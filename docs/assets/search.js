// The glossary's search, in Material's search box and result list (overrides/partials/search.html).
//
// 1. Names first: every term name, alias and locus (search/names/<letter>.json, a few KB each),
//    compared after folding case, accents, British/American spellings (-ise/-ize, -isation/-ization,
//    -iser/-izer, -our/-or), hyphens and spaces (mini-batch = mini batch = minibatch) and plurals,
//    with one typo allowed in words of five letters or more. An exact name or alias always comes first.
// 2. Then full text, from Pagefind's chunked index (pagefind/, built after MkDocs by the hook).
// Typing is debounced; results link with ?h= so the page highlights what was searched.
(function () {
  "use strict";

  var DEBOUNCE = 90;
  var SHOWN = 10;
  var root = document.querySelector("[data-glossary-search]");
  if (!root) return;
  var toggle = document.getElementById("__search");
  var input = root.querySelector(".md-search__input");
  var meta = root.querySelector(".md-search-result__meta");
  var list = root.querySelector(".md-search-result__list");
  var shards = {};
  var pagefind = null;
  var timer = null;
  var generation = 0;
  var shown = "";  // the text whose results the list shows

  function base() {
    var config = JSON.parse(document.getElementById("__config").textContent);
    return new URL(config.base.replace(/\/?$/, "/"), window.location.href);
  }

  // --- spelling ---------------------------------------------------------------------------

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function normalWord(w) {
    if (w.length > 4) {
      w = w.replace(/isation(s?)$/, "ization$1").replace(/is(e|es|ed|er|ers|ing)$/, "iz$1");
      if (w.length >= 6) w = w.replace(/our(s?)$/, "or$1");
    }
    if (w.length > 3 && !/(ss|us|is)$/.test(w)) {
      if (/ies$/.test(w) && w.length > 4) w = w.slice(0, -3) + "y";
      else if (/(sses|ches|shes|xes)$/.test(w)) w = w.slice(0, -2);
      else if (/s$/.test(w)) w = w.slice(0, -1);
    }
    return w;
  }

  function words(text) {
    return fold(text).split(/[^a-z0-9\u00c0-\uffff]+/).filter(Boolean).map(normalWord);
  }

  function key(text) {
    return words(text).join("");
  }

  // The names file a text's entries live in: its first letter or digit (as gloss/pages/search.py shards).
  function shardOf(text) {
    var first = fold(text).match(/[\p{L}\p{N}]/u);
    return first && /^[a-z0-9]$/.test(first[0]) ? first[0] : "_";
  }

  // At most one edit (insert, delete, substitute, or swap of neighbours) between a and b?
  function oneEdit(a, b) {
    if (a === b) return true;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  // --- the names index ----------------------------------------------------------------------

  function loadShard(letter) {
    if (!shards[letter]) {
      shards[letter] = fetch(new URL("search/names/" + letter + ".json", base()))
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (entries) {
          return entries.map(function (e) {
            return { label: e[0], kind: e[1], path: e[2], title: e[3], detail: e[4], key: key(e[0]), words: words(e[0]) };
          });
        })
        .catch(function () { return []; });
    }
    return shards[letter];
  }

  var BONUS = { name: 2, alias: 1, locus: 0 };

  function score(entry, query, queryWords) {
    if (!query) return 0;
    var bonus = BONUS[entry.kind] || 0;
    if (entry.key === query) return 100 + bonus;
    if (query.length >= 2 && entry.key.indexOf(query) === 0) return 70 + bonus - Math.min(entry.key.length - query.length, 20) / 10;
    if (query.length >= 5 && oneEdit(entry.key, query)) return 60 + bonus;
    if (query.length >= 5 && entry.key.length > query.length && oneEdit(entry.key.slice(0, query.length), query)) return 50 + bonus;
    var all = queryWords.every(function (q) {
      return entry.words.some(function (w) { return w.indexOf(q) === 0 || (q.length >= 5 && oneEdit(w, q)); });
    });
    return all && queryWords.length ? 40 + bonus : 0;
  }

  function names(text) {
    var query = key(text), queryWords = words(text);
    return loadShard(shardOf(text)).then(function (entries) {
      var best = {};
      entries.forEach(function (entry) {
        var s = score(entry, query, queryWords);
        if (s > 0 && (!best[entry.path] || best[entry.path].score < s)) {
          best[entry.path] = { score: s, url: entry.path, title: entry.title, detail: entry.detail, kind: entry.kind };
        }
      });
      return Object.keys(best).map(function (path) { return best[path]; })
        .sort(function (a, b) { return b.score - a.score || a.title.localeCompare(b.title); });
    });
  }

  // --- full text ----------------------------------------------------------------------------

  function fullText(text) {
    if (!pagefind) {
      var url = new URL("pagefind/pagefind.js", base()).href;
      pagefind = import(url).then(function (module) {
        return module.options({ baseUrl: base().pathname, excerptLength: 18 }).then(function () { return module; });
      }).catch(function () { return null; });
    }
    return pagefind.then(function (module) {
      if (!module) return [];
      return module.search(text).then(function (search) {
        return Promise.all((search ? search.results : []).slice(0, SHOWN).map(function (result) { return result.data(); }));
      }).then(function (found) {
        return found.map(function (data) {
          var path = data.url.replace(base().pathname, "").replace(/^\//, "");
          return { score: 0, url: path, title: data.meta.title || path, excerpt: data.excerpt, kind: "text" };
        });
      });
    });
  }

  // --- results ------------------------------------------------------------------------------

  function render(text, found) {
    list.innerHTML = "";
    var h = "?h=" + encodeURIComponent(text.trim().toLowerCase()).replace(/%20/g, "+");
    found.slice(0, SHOWN).forEach(function (result) {
      var item = document.createElement("li");
      item.className = "md-search-result__item";
      var link = document.createElement("a");
      link.className = "md-search-result__link";
      link.tabIndex = -1;
      link.href = new URL(result.url, base()).href + h;
      link.setAttribute("data-md-score", String(result.score));
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      var title = document.createElement("h1");
      title.textContent = result.title;
      var detail = document.createElement("p");
      if (result.excerpt) detail.innerHTML = result.excerpt;  // Pagefind's excerpt: escaped text and <mark>
      else detail.textContent = result.detail || "";
      if (result.kind === "locus") detail.className = "glossary-search__locus";
      article.append(title, detail);
      link.appendChild(article);
      item.appendChild(link);
      list.appendChild(item);
    });
    var count = Math.min(found.length, SHOWN);
    meta.textContent = count === 0 ? "No matching documents" : count === 1 ? "1 matching document" : count + " matching documents";
  }

  // Search now; the promise settles once the names for this text are shown.
  function run() {
    var text = input.value.trim();
    var mine = ++generation;
    clearTimeout(timer);
    timer = null;
    if (!text) {
      list.innerHTML = "";
      meta.textContent = "Type to start searching";
      shown = text;
      return Promise.resolve();
    }
    return names(text).then(function (named) {
      if (mine !== generation) return;
      shown = text;
      render(text, named);  // names at once; full text joins when it arrives
      fullText(text).then(function (texts) {
        if (mine !== generation) return;
        var seen = {};
        named.forEach(function (r) { seen[r.url] = true; });
        render(text, named.concat(texts.filter(function (r) { return !seen[r.url] && (seen[r.url] = true); })));
      });
    });
  }

  function open() {
    if (!toggle.checked) toggle.checked = true;
  }

  function close() {
    toggle.checked = false;
    input.blur();
  }

  function items() {
    return Array.prototype.slice.call(list.querySelectorAll(".md-search-result__link"));
  }

  input.addEventListener("focus", open);
  toggle.addEventListener("change", function () {  // the magnifier in the header opens the search
    if (toggle.checked) setTimeout(function () { input.focus(); }, 0);
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE);
  });
  root.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
    var first = items()[0];
    if (first) first.click();
  });
  root.querySelector("form").addEventListener("reset", function () {
    setTimeout(run, 0);
  });
  list.addEventListener("click", function () { toggle.checked = false; });

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable);
    if (toggle.checked && (target === input || root.contains(target))) {
      var key = event.key;
      if (key === "Escape") {
        event.preventDefault();
        close();
      } else if (key === "ArrowDown" || key === "ArrowUp" || (key === "Enter" && target === input)) {
        event.preventDefault();
        // Act on the results of what is typed, not on a list left over from a shorter query.
        var ready = shown === input.value.trim() && !timer ? Promise.resolve() : run();
        ready.then(function () {
          var links = items(), at = links.indexOf(document.activeElement);
          if (key === "Enter") {
            if (links[0]) links[0].click();
            return;
          }
          var next = key === "ArrowDown" ? at + 1 : at - 1;
          if (next < 0) input.focus();
          else if (links[Math.min(next, links.length - 1)]) links[Math.min(next, links.length - 1)].focus();
        });
      }
      return;
    }
    if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && /^[/sf]$/.test(event.key)) {
      event.preventDefault();
      open();
      input.focus();
    }
  });

  // --- highlighting on the page a result leads to ------------------------------------------

  function highlight() {
    var query = new URLSearchParams(window.location.search).get("h");
    var article = document.querySelector(".md-content article");
    if (!query || !article) return;
    var terms = query.split(/\s+/).filter(function (t) { return t.length >= 2; })
      .map(function (t) { return t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    if (!terms.length) return;
    var pattern = new RegExp("(" + terms.join("|") + ")", "gi");
    var tester = new RegExp(terms.join("|"), "i");
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentElement.closest("code, pre, script, style, mark, svg, .headerlink")
          ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      },
    });
    var nodes = [];
    while (walker.nextNode()) if (tester.test(walker.currentNode.nodeValue)) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      var fragment = document.createDocumentFragment();
      node.nodeValue.split(pattern).forEach(function (part, index) {
        if (index % 2) {
          var mark = document.createElement("mark");
          mark.setAttribute("data-md-highlight", "");
          mark.textContent = part;
          fragment.appendChild(mark);
        } else if (part) {
          fragment.appendChild(document.createTextNode(part));
        }
      });
      node.replaceWith(fragment);
    });
  }

  function page() {
    toggle.checked = false;
    highlight();
  }

  if (window.document$) window.document$.subscribe(page);
  else document.addEventListener("DOMContentLoaded", page);
})();
