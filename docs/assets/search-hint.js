// A search that finds nothing suggests what to try. Material writes "Ei hakutuloksia" into the
// heading of the result list; this adds a hint after it and, when the Finnish search worker found
// words of the site near the query (workers/search-fi.js sends them with its answer as
// data.fi.near), offers them as buttons that search for them. The heading is a live region
// (overrides/partials/search.html), so the hint is read out with it.
(function () {
  var RESULT = 3; // Material's SearchMessageType.RESULT
  var configElement = document.getElementById("__config");
  var meta = document.querySelector(".md-search-result__meta");
  if (!configElement || !meta || !window.Worker) {
    return;
  }
  var config = JSON.parse(configElement.textContent);
  var none = config.translations["search.result.none"];
  var near = [];

  // Listen to the search worker's answers (search-on-demand.js may have wrapped Worker already).
  var Previous = window.Worker;
  window.Worker = function (url, options) {
    var worker = new Previous(url, options);
    if (String(url) === config.search) {
      worker.addEventListener("message", function (ev) {
        if (ev.data && ev.data.type === RESULT) {
          var fi = ev.data.data && ev.data.data.fi;
          near = fi && Array.isArray(fi.near) ? fi.near : [];
        }
      });
    }
    return worker;
  };

  function search(word) {
    var field = document.querySelector("[data-md-component=search-query]");
    field.value = word;
    field.focus();
    // Material reads the field when a key is released.
    field.dispatchEvent(new KeyboardEvent("keyup"));
  }

  function hint() {
    var element = document.createElement("span");
    element.className = "tp-search-hint";
    if (near.length) {
      element.appendChild(document.createTextNode("Tarkoititko: "));
      near.forEach(function (word, i) {
        if (i > 0) {
          element.appendChild(document.createTextNode(i === near.length - 1 ? " tai " : ", "));
        }
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = word;
        button.addEventListener("click", function () {
          search(word);
        });
        element.appendChild(button);
      });
      element.appendChild(document.createTextNode("? "));
    }
    element.appendChild(document.createTextNode("Kokeile toista sanaa tai pelkkää sanan alkua."));
    return element;
  }

  // Material replaces the heading's text on every answer; the hint goes after its "none".
  new MutationObserver(function () {
    if (meta.textContent === none) {
      meta.appendChild(hint());
    }
  }).observe(meta, { childList: true });
})();
