// The product gallery without page jumps: a thumbnail scrolls the strip to its photo and is
// marked as the one shown. Without this script the thumbnails are plain links to #anchors.
(function () {
  "use strict";

  function thumbsBeside(link) {
    return link.parentElement.querySelectorAll("[data-gallery-thumb]");
  }

  function mark(link) {
    thumbsBeside(link).forEach(function (other) { other.classList.toggle("active", other === link); });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("[data-gallery-thumb]") : null;
    if (!link) return;
    var photo = document.getElementById(link.getAttribute("href").slice(1));
    var strip = photo ? photo.parentElement : null;
    if (!strip) return;
    event.preventDefault();
    strip.scrollTo({ left: photo.offsetLeft - strip.offsetLeft, behavior: "smooth" });
    mark(link);
  });

  // A thumbnail followed as a plain link (before this script ran) leaves its #anchor in the
  // address: mark that one as shown.
  function markFromAddress() {
    document.querySelectorAll("[data-gallery-thumb]").forEach(function (link) {
      if (location.hash && link.getAttribute("href") === location.hash) mark(link);
    });
  }
  window.addEventListener("hashchange", markFromAddress);
  markFromAddress();
})();
