// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  // A table wider than its region shows the region's hint ("svep i sidled").
  function markScrollableTables() {
    var regions = document.querySelectorAll(".table-wrap");
    for (var i = 0; i < regions.length; i++) {
      var region = regions[i];
      region.classList.toggle("is-scrollable", region.scrollWidth > region.clientWidth + 1);
    }
  }
  window.addEventListener("resize", markScrollableTables);
  document.addEventListener("DOMContentLoaded", function () {
    markScrollableTables();
    // Move focus to an error summary so screen readers announce it.
    var summary = document.querySelector(".error-summary");
    if (summary) {
      summary.focus();
    }
    // htmx: send the CSRF token with every request.
    document.body.addEventListener("htmx:configRequest", function (event) {
      var token = document.querySelector("input[name=csrfmiddlewaretoken]");
      if (token) {
        event.detail.headers["X-CSRFToken"] = token.value;
      }
    });
  });
})();
