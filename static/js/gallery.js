// The product gallery without page jumps: a thumbnail scrolls the strip to its photo and is
// marked as the one shown. Without this script the thumbnails are plain links to #anchors.
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("[data-gallery-thumb]") : null;
    if (!link) return;
    var photo = document.getElementById(link.getAttribute("href").slice(1));
    var strip = photo ? photo.parentElement : null;
    if (!strip) return;
    event.preventDefault();
    strip.scrollTo({ left: photo.offsetLeft - strip.offsetLeft, behavior: "smooth" });
    var thumbs = link.parentElement.querySelectorAll("[data-gallery-thumb]");
    thumbs.forEach(function (other) { other.classList.toggle("active", other === link); });
  });
})();
