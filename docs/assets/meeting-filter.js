// The filter of the meeting template library: shows only the cards that match every choice (type,
// phase, topic and the time there is: a template fits when it takes at most that many minutes) and
// tells the number shown in a live region (role="status"), in Finnish. Without JavaScript the form
// stays hidden and every template is listed.
(function () {
  function message(shown, total) {
    if (shown === total) {
      return "Näytetään kaikki " + total + " tapaamispohjaa.";
    }
    if (shown === 0) {
      return "Valinnoilla ei löytynyt yhtään tapaamispohjaa. Muuta valintoja tai valitse Näytä kaikki.";
    }
    return "Näytetään " + shown + " tapaamispohja" + (shown === 1 ? "" : "a") + " (kaikkiaan " + total + ").";
  }

  function init() {
    var library = document.querySelector("[data-tp-library]");
    if (!library) {
      return;
    }
    var form = library.querySelector("[data-tp-filter]");
    var status = library.querySelector("[data-tp-filter-status]");
    var cards = Array.prototype.slice.call(library.querySelectorAll(".tp-card"));

    // A card matches when it is of the chosen type, suits the chosen phase, supports the chosen
    // topic and fits in the time there is.
    function matches(card) {
      var type = form.elements.tyyppi.value;
      var phase = form.elements.vaihe.value;
      var topic = form.elements.aihe.value;
      var time = form.elements.kesto.value;
      if (type && card.dataset.type !== type) {
        return false;
      }
      if (phase && card.dataset.phases.split(" ").indexOf(phase) === -1) {
        return false;
      }
      if (topic && card.dataset.topics.split(" ").indexOf(topic) === -1) {
        return false;
      }
      if (time && Number(card.dataset.minutes) > Number(time)) {
        return false;
      }
      return true;
    }

    function update() {
      var shown = 0;
      cards.forEach(function (card) {
        card.hidden = !matches(card);
        shown += card.hidden ? 0 : 1;
      });
      status.textContent = message(shown, cards.length);
    }

    form.hidden = false;
    form.onchange = update;
    form.onsubmit = function (event) {
      event.preventDefault();
    };
    // The reset event comes before the fields are reset; count after it.
    form.onreset = function () {
      window.setTimeout(update, 0);
    };
  }

  // The site's script runs at the end of the page, before Material's bundle (overrides/main.html),
  // and the site has no instant navigation: once is enough.
  init();
})();
