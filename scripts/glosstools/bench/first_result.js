// Evaluated by the benchmark in the page (Playwright's page.evaluate): arms a timer
// from the next keystroke to the first search result for the whole query.
// The result links carry the query as ?h=..., so a list left over from the query
// before the last key does not count. Resolves to -1 after 15 s.
([expected, highlight]) => {
  window.__firstResult = new Promise((resolve) => {
    const input = document.querySelector("input.md-search__input");
    let start = null;
    input.addEventListener("keydown", () => { start = performance.now(); }, { capture: true, once: true });
    const deadline = performance.now() + 15000;
    const poll = () => {
      const first = document.querySelector(".md-search-result__item a");
      if (start !== null && first && first.href.includes(expected) && first.href.endsWith(highlight)) {
        resolve(performance.now() - start);
      } else if (performance.now() > deadline) {
        resolve(-1);
      } else {
        requestAnimationFrame(poll);
      }
    };
    requestAnimationFrame(poll);
  });
}
