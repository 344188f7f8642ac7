// Starts Swagger UI (served from the installed openapi-ui-bundles package) on the API
// documentation page. A file of its own: the Content-Security-Policy forbids inline scripts.
(function () {
  "use strict";
  var target = document.getElementById("swagger-ui");
  if (!target || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  window.SwaggerUIBundle({
    url: target.getAttribute("data-url"),
    domNode: target,
    deepLinking: false,
    tryItOutEnabled: false,
  });
})();
