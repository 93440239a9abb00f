// The print buttons (worksheets, meeting templates, print packs): hidden without JavaScript (the page then tells how to print
// with the browser), shown here and wired to the browser's print dialog.
(function () {
  function init() {
    document.querySelectorAll("[data-tp-print]").forEach(function (button) {
      button.hidden = false;
      button.onclick = function () {
        window.print();
      };
    });
  }
  // The site's script runs at the end of the page, before Material's bundle (overrides/main.html),
  // and the site has no instant navigation: once is enough.
  init();
})();
