// The glossary's search, in Material's search box and result list (overrides/partials/search.html).
//
// 0. A question is folded to its content words: "what is an epoch" looks for "epoch", "how to stop
//    overfitting" for "stop overfitting" (question words and stop words go; see STOP).
// 1. Names first: every term name, alias and locus and every topic (search/names/<letter>.json, a
//    few KB each), compared after folding case, accents, British/American spellings (-ise/-ize,
//    -isation/-ization, -iser/-izer, -our/-or), hyphens and spaces (mini-batch = mini batch =
//    minibatch) and plurals, with one typo allowed in words of five letters or more. An exact name or
//    alias always comes first. When no name holds every content word, names matching one of them.
// 2. Then full text, from Pagefind's chunked index (pagefind/, built after MkDocs by the hook): pages
//    with every content word first, then those with the most of them (a few verbs stand in for each
//    other: stop, prevent, avoid, reduce).
// A defined term always outranks a stub (a term no note defines); every row says what it is (Term,
// Topic or Walk stop). Typing is debounced; results link with ?h= so the page highlights the words.
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

  function tokens(text) {
    return fold(text).split(/[^a-z0-9\u00c0-\uffff]+/).filter(Boolean);
  }

  function words(text) {
    return tokens(text).map(normalWord);
  }

  function key(text) {
    return words(text).join("");
  }

  // --- questions ----------------------------------------------------------------------------

  // Question words and stop words: folded away on both sides before names are compared, and left out
  // of full text. Content verbs (stop, prevent, train) stay.
  var STOP = new Set((
    "a an the of in on at to for by with from and or is are was were be been am does do did doing " +
    "i me my we our you your it its this that these those there what whats s how why when where which who " +
    "can could should would will shall may might must define defined definition meaning mean means " +
    "explain explained tell about work works used"
  ).split(" "));

  // Verbs a question may use for one another in full text, the closest first.
  var ALSO = [["stop", "prevent", "avoid", "reduce"]];

  // The content tokens of a text (folded, not yet normalised); all its tokens when every one is a stop word.
  function content(text) {
    var all = tokens(text), kept = all.filter(function (t) { return !STOP.has(t); });
    return kept.length ? kept : all;
  }

  // The words to highlight on the page a result opens: what was typed, without its stop words.
  function highlighted(text) {
    var all = text.toLowerCase().split(/\s+/).filter(Boolean);
    var kept = all.filter(function (t) {
      var parts = tokens(t);
      return parts.length && !parts.every(function (p) { return STOP.has(p); });
    });
    return (kept.length ? kept : all).join(" ");
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
            var folded = content(e[0]).map(normalWord);
            return {
              label: e[0], kind: e[1], path: e[2], title: e[3], detail: e[4], stub: !!e[5],
              key: key(e[0]), words: words(e[0]), fkey: folded.join(""), fwords: folded,
            };
          });
        })
        .catch(function () { return []; });
    }
    return shards[letter];
  }

  var BONUS = { name: 2, alias: 1, locus: 0, topic: -1 };  // a term's own name before the topic it names

  function match(entryKey, entryWords, query, queryWords, bonus) {
    if (!query) return 0;
    if (entryKey === query) return 100 + bonus;
    if (query.length >= 2 && entryKey.indexOf(query) === 0) return 70 + bonus - Math.min(entryKey.length - query.length, 20) / 10;
    if (query.length >= 5 && oneEdit(entryKey, query)) return 60 + bonus;
    if (query.length >= 5 && entryKey.length > query.length && oneEdit(entryKey.slice(0, query.length), query)) return 50 + bonus;
    var all = queryWords.every(function (q) {
      return entryWords.some(function (w) { return w.indexOf(q) === 0 || (q.length >= 5 && oneEdit(w, q)); });
    });
    return all && queryWords.length ? 40 + bonus : 0;
  }

  // A name against a query, as typed and with stop words folded away on both sides.
  function score(entry, query) {
    var bonus = BONUS[entry.kind] || 0;
    return Math.max(
      match(entry.key, entry.words, query.key, query.words, bonus),
      match(entry.fkey, entry.fwords, query.fkey, query.fwords, bonus)
    );
  }

  function parse(text) {
    var fwords = content(text).map(normalWord);
    return { key: key(text), words: words(text), fkey: fwords.join(""), fwords: fwords };
  }

  // Defined terms (and topics) before stubs, then by score, then by name.
  function byRank(a, b) {
    return (a.stub ? 1 : 0) - (b.stub ? 1 : 0) || b.score - a.score || a.title.localeCompare(b.title);
  }

  function names(text) {
    var query = parse(text);
    var letters = [shardOf(text), shardOf(query.fwords.join(" "))];
    query.fwords.forEach(function (w) { letters.push(shardOf(w)); });
    letters = letters.filter(function (l, i) { return letters.indexOf(l) === i; });
    return Promise.all(letters.map(loadShard)).then(function (loaded) {
      var entries = [].concat.apply([], loaded);
      var best = {};
      function keep(entry, s) {
        if (s > 0 && (!best[entry.path] || best[entry.path].score < s)) {
          best[entry.path] = { score: s, url: entry.path, title: entry.title, detail: entry.detail, kind: entry.kind, stub: entry.stub };
        }
      }
      entries.forEach(function (entry) { keep(entry, score(entry, query)); });
      if (!Object.keys(best).length && query.fwords.length > 1) {
        // No name holds every word: names that match some of them, those matching more first.
        entries.forEach(function (entry) {
          var top = 0, hits = 0;
          query.fwords.forEach(function (w) {
            if (w.length < 3) return;
            var s = match(entry.fkey, entry.fwords, w, [w], BONUS[entry.kind] || 0);
            if (s > 0) { hits++; top = Math.max(top, s); }
          });
          if (hits) keep(entry, top - 50 + 5 * (hits - 1));
        });
      }
      return Object.keys(best).map(function (path) { return best[path]; }).sort(byRank);
    });
  }

  // --- full text ----------------------------------------------------------------------------

  function loadPagefind() {
    if (!pagefind) {
      var url = new URL("pagefind/pagefind.js", base()).href;
      var options = { baseUrl: base().pathname, excerptLength: 18 };
      pagefind = import(url).then(function (module) {
        return module.options(options).then(function () {
          // A big site is indexed in parts: pagefind/bundles.json lists the other bundles, merged in.
          return fetch(new URL("pagefind/bundles.json", base())).then(function (response) {
            return response.ok ? response.json() : { more: [] };
          }).catch(function () { return { more: [] }; });
        }).then(function (bundles) {
          return Promise.all((bundles.more || []).map(function (path) {
            return module.mergeIndex(new URL(path, base()).pathname, options);
          }));
        }).then(function () { return module; });
      }).catch(function () { return null; });
    }
    return pagefind;
  }

  // The words a content word stands for in full text, each with its weight (the word itself 1).
  function alternatives(word) {
    var found = [[word, 1]];
    ALSO.forEach(function (group) {
      if (group.indexOf(word) < 0) return;
      group.filter(function (w) { return w !== word; }).forEach(function (w, i) { found.push([w, 0.9 - 0.05 * i]); });
    });
    return found;
  }

  var MOST_WORDS = 6;

  // Pagefind's results for a text, each {result, hits, score}: pages holding every content word
  // first, then those holding the most of them (a word's stand-in counts a little less), then by
  // Pagefind's score. One search per word: Pagefind itself drops a word no page holds, so its
  // "every word" can silently be fewer words.
  function ranked(module, text) {
    var terms = content(text).slice(0, MOST_WORDS);
    function search(query) {
      return module.search(query).then(function (s) { return s ? s.results : []; });
    }
    if (terms.length < 2) {
      return search(terms.join(" ")).then(function (results) {
        return results.map(function (result) { return { result: result, hits: 1, score: result.score }; });
      });
    }
    return Promise.all(terms.map(function (word) {
      var alts = alternatives(word);
      return Promise.all(alts.map(function (alt) { return search(alt[0]); })).then(function (lists) {
        var best = {};  // page id -> [weight, score, result] of the best stand-in it holds
        lists.forEach(function (list, i) {
          list.forEach(function (result) {
            var b = best[result.id];
            if (!b || b[0] < alts[i][1]) best[result.id] = [alts[i][1], result.score, result];
          });
        });
        return best;
      });
    })).then(function (perWord) {
      var pages = {};
      perWord.forEach(function (best) {
        Object.keys(best).forEach(function (id) {
          var page = pages[id] || (pages[id] = { result: best[id][2], hits: 0, score: 0 });
          page.hits += best[id][0];
          page.score += best[id][1];
        });
      });
      return Object.keys(pages).map(function (id) { return pages[id]; })
        .sort(function (a, b) { return b.hits - a.hits || b.score - a.score; });
    });
  }

  function fullText(text) {
    return loadPagefind().then(function (module) {
      if (!module) return [];
      return ranked(module, text).then(function (pages) {
        // Data for the first pages only, a few more than shown: stubs among them move down.
        return Promise.all(pages.slice(0, SHOWN * 2).map(function (page) { return page.result.data(); }));
      }).then(function (found) {
        return found.map(function (data, rank) {
          var path = data.url.replace(base().pathname, "").replace(/^\//, "");
          return {
            score: -rank, url: path, title: data.meta.title || path, excerpt: data.excerpt, kind: "text",
            stub: data.meta.stub === "yes",
          };
        }).sort(function (a, b) { return (a.stub ? 1 : 0) - (b.stub ? 1 : 0) || b.score - a.score; });
      });
    });
  }

  // --- results ------------------------------------------------------------------------------

  // What a row is: a term (a stub says so), a topic, or a stop on the walk.
  function kindOf(result) {
    var what = result.kind === "locus" ? "Walk stop"
      : result.kind === "topic" || /^topics\/[^/]/.test(result.url) ? "Topic"
        : /^terms\//.test(result.url) ? "Term" : "Page";
    return what === "Term" && result.stub ? "Term · stub" : what;
  }

  // The rows shown: defined results first, always; the stubs found come after them and are never cut
  // off by a long list of full-text results (a reader who types a stub's exact name still sees it).
  var STUBS_KEPT = 2;
  function shortlist(found) {
    var defined = found.filter(function (r) { return !r.stub; });
    var stubs = found.filter(function (r) { return r.stub; }).slice(0, STUBS_KEPT);
    return defined.slice(0, SHOWN - stubs.length).concat(stubs);
  }

  function render(text, found) {
    list.innerHTML = "";
    var h = "?h=" + encodeURIComponent(highlighted(text.trim())).replace(/%20/g, "+");
    shortlist(found).forEach(function (result, index) {
      var item = document.createElement("li");
      item.className = "md-search-result__item";
      var link = document.createElement("a");
      link.className = "md-search-result__link";
      link.tabIndex = -1;
      link.href = new URL(result.url, base()).href + h;
      link.setAttribute("data-md-score", String(result.score));
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      var kind = document.createElement("span");
      kind.className = "glossary-search__kind" + (result.stub ? " glossary-search__kind--stub" : "");
      kind.textContent = kindOf(result);
      var title = document.createElement("h1");
      title.textContent = result.title;
      var detail = document.createElement("p");
      if (result.excerpt) detail.innerHTML = result.excerpt;  // Pagefind's excerpt: escaped text and <mark>
      else detail.textContent = result.detail || "";
      if (result.kind === "locus") detail.className = "glossary-search__locus";
      article.append(kind, title, detail);
      // The link's name says what it is (an <article> inside a link gives it none); the detail describes it.
      detail.id = "glossary-search-detail-" + index;
      link.setAttribute("aria-label", kind.textContent + ": " + result.title);
      link.setAttribute("aria-describedby", detail.id);
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
        var all = named.concat(texts.filter(function (r) { return !seen[r.url] && (seen[r.url] = true); }));
        render(text, all);  // a defined term always outranks a stub, whichever way it was found (shortlist)
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
