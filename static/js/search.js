// The catalogue's filters: closed on a phone (a tap on "Filters" opens them, no script needed),
// opened here on a wide screen, where they sit beside the results.
(function () {
  "use strict";
  var filters = document.getElementById("filters");
  if (filters && window.matchMedia("(min-width: 992px)").matches) {
    filters.open = true;
  }
})();
