// The print button of a worksheet: hidden without JavaScript (the page then tells how to print
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
  // Material's document$ emits on every page load, also with instant navigation.
  if (typeof document$ !== "undefined") {
    document$.subscribe(init);
  } else {
    init();
  }
})();
