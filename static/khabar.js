// Khabar: small enhancements; every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function onReady(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  // Ticking a facet value applies it at once (the Apply button is the no-JS path).
  function autoSubmitFacets() {
    document.querySelectorAll("form.facets").forEach(function (form) {
      form.addEventListener("change", function (event) {
        if (event.target.matches("input[type=checkbox]")) form.submit();
      });
    });
  }

  // A filter box narrows a long facet list by Arabic or English name.
  function normalize(text) {
    return text.toLowerCase()
      .replace(/[\u064B-\u0652\u0640]/g, "")
      .replace(/[\u0622\u0623\u0625]/g, "\u0627")
      .replace(/\u0649/g, "\u064A").replace(/\u0629/g, "\u0647");
  }
  function facetFilters() {
    document.querySelectorAll(".facet-filter").forEach(function (box) {
      var fieldset = box.closest("fieldset");
      box.hidden = false;
      box.addEventListener("input", function () {
        var needle = normalize(box.value.trim());
        if (needle) fieldset.querySelectorAll("details.more").forEach(function (d) { d.open = true; });
        fieldset.querySelectorAll("li[data-names]").forEach(function (li) {
          var hit = !needle || normalize(li.dataset.names).indexOf(needle) !== -1 ||
            li.querySelector("li[data-names]") !== null && normalize(li.textContent).indexOf(needle) !== -1;
          li.hidden = !hit;
        });
      });
    });
  }

  // The article page scrolls the first highlighted match into view.
  function scrollToFirstMatch() {
    var mark = document.querySelector(".full .text mark");
    if (mark && !location.hash) mark.scrollIntoView({ block: "center" });
  }

  // On a narrow screen the facet panel starts folded, above the results.
  function foldFiltersOnPhones() {
    var panel = document.querySelector("details.filters");
    if (panel && window.matchMedia("(max-width: 52rem)").matches && !/[?&](faction|place|source|more)=/.test(location.search)) {
      panel.open = false;
    }
    var range = document.querySelector("details.range");
    if (range && window.matchMedia("(max-width: 52rem)").matches && !/[?&](from|to|sort)=/.test(location.search)) {
      range.open = false;
    }
  }

  onReady(function () {
    foldFiltersOnPhones();
    autoSubmitFacets();
    facetFilters();
    scrollToFirstMatch();
  });
})();
