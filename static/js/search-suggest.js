// Progressive enhancement of the site search box: titles completing what is typed, offered
// through the input's native <datalist>. Without JavaScript the form submits as usual.
(function () {
  "use strict";
  var form = document.querySelector("form[data-suggest-url]");
  if (!form || !window.fetch) return;
  var input = form.querySelector("input[name=q]");
  var list = document.getElementById(input.getAttribute("list"));
  var timer = null;
  var last = "";

  function show(suggestions) {
    list.textContent = "";
    suggestions.forEach(function (suggestion) {
      var option = document.createElement("option");
      option.value = suggestion.title;
      list.appendChild(option);
    });
  }

  input.addEventListener("input", function () {
    var query = input.value.trim();
    window.clearTimeout(timer);
    if (query.length < 2 || query === last) return;
    timer = window.setTimeout(function () {
      last = query;
      fetch(form.dataset.suggestUrl + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
      })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (input.value.trim() === query) show(data.suggestions); })
        .catch(function () { /* suggestions are optional: the form still works */ });
    }, 200);
  });
})();
