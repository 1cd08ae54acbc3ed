/* "Search first": while a requester describes the information, list published pages that may
   already answer it. Progressive enhancement: without this script the form works the same, with a
   plain link to the site search. */
(function () {
  "use strict";
  var box = document.querySelector("[data-suggest-url]");
  if (!box || !window.fetch || !window.URL) {
    return;
  }
  var field = document.getElementById(box.getAttribute("data-field"));
  var results = box.querySelector("[data-suggestions]");
  var status = box.querySelector("[data-suggestions-status]");
  var searchLink = box.querySelector("[data-search-link]");
  var MAX_QUERY = 200;
  var WAIT_MS = 600;
  var timer = null;
  var lastQuery = "";
  var pending = null;

  function queryFrom(text) {
    text = text.replace(/\s+/g, " ").trim();
    if (text.length <= MAX_QUERY) {
      return text;
    }
    var cut = text.slice(0, MAX_QUERY);
    var space = cut.lastIndexOf(" ");
    return space > 0 ? cut.slice(0, space) : cut;
  }

  function show(pages) {
    results.textContent = "";
    if (!pages.length) {
      return;
    }
    var heading = document.createElement("p");
    heading.textContent = box.getAttribute("data-heading");
    var list = document.createElement("ul");
    pages.forEach(function (page) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = page.url;
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = page.title;
      item.appendChild(link);
      if (page.summary) {
        var summary = document.createElement("p");
        summary.textContent = page.summary;
        item.appendChild(summary);
      }
      list.appendChild(item);
    });
    results.appendChild(heading);
    results.appendChild(list);
    status.textContent = box.getAttribute("data-updated");
  }

  function update() {
    var query = queryFrom(field.value);
    var search = new URL(searchLink.href, window.location.href);
    search.searchParams.set("q", query);
    searchLink.href = search.toString();
    if (query === lastQuery) {
      return;
    }
    lastQuery = query;
    if (pending) {
      pending.abort();
    }
    if (query.length < 3) {
      show([]);
      return;
    }
    pending = new AbortController();
    var url = new URL(box.getAttribute("data-suggest-url"), window.location.href);
    url.searchParams.set("q", query);
    fetch(url.toString(), { signal: pending.signal, headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : { results: [] };
      })
      .then(function (data) {
        show(data.results || []);
      })
      .catch(function () {
        /* Suggestions are a courtesy: a failure leaves the form as it is. */
      });
  }

  field.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, WAIT_MS);
  });
  if (field.value) {
    update();
  }
})();
