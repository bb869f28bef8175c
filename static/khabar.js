// Khabar: small enhancements; every page works without this file (forms and links do it all).
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  var FOCUS_KEY = "khabar.focus";
  var SVG = "http://www.w3.org/2000/svg";
  var PHONE = "(max-width: 52rem)";
  var lastInput = "pointer";
  document.addEventListener("keydown", function () { lastInput = "key"; }, true);
  document.addEventListener("pointerdown", function () { lastInput = "pointer"; }, true);

  function onReady(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function formatNumber(n) { return Number(n).toLocaleString("en-US"); }

  // --- facets: tick to apply, Enter as well as Space, focus back on the box after the reload

  function remember(facet, value) {
    try {
      sessionStorage.setItem(FOCUS_KEY, JSON.stringify({
        facet: facet, value: value, keyboard: lastInput === "key", at: Date.now()
      }));
    } catch (e) { /* storage may be off: focus is then simply not restored */ }
  }

  // A value found by the filter box has no name of its own: tick the listed one, or add it.
  function adopt(form, box) {
    var facet = box.dataset.facet;
    var listed = form.querySelector('input[type=checkbox][name="' + facet + '"][value="' + CSS.escape(box.value) + '"]');
    if (listed) listed.checked = box.checked;
    else if (box.checked) {
      var hidden = el("input");
      hidden.type = "hidden"; hidden.name = facet; hidden.value = box.value;
      form.append(hidden);
    }
  }

  function autoSubmitFacets() {
    document.querySelectorAll("form.facets").forEach(function (form) {
      form.addEventListener("change", function (event) {
        var box = event.target;
        if (!box.matches("input[type=checkbox]")) return;
        if (!box.name) adopt(form, box);
        remember(box.name || box.dataset.facet, box.value);
        form.submit();
      });
      form.addEventListener("formdata", function (event) {  // no empty from= and to=
        ["from", "to"].forEach(function (key) {
          if (!event.formData.get(key)) event.formData.delete(key);
        });
      });
      form.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && event.target.matches("input[type=checkbox]")) {
          event.preventDefault();  // not the form's implicit submission: tick the box
          event.target.click();
        }
      });
    });
  }

  function restoreFocus() {
    var saved = null;
    try {
      saved = JSON.parse(sessionStorage.getItem(FOCUS_KEY));
      sessionStorage.removeItem(FOCUS_KEY);
    } catch (e) { return; }
    if (!saved || Date.now() - saved.at > 30000) return;
    var panel = document.querySelector("details.filters");
    if (panel && !panel.open) {
      if (saved.keyboard) panel.querySelector("summary").focus();
      return;
    }
    var fieldset = document.querySelector('fieldset[data-facet="' + CSS.escape(saved.facet) + '"]');
    if (!fieldset) return;
    var target = fieldset.querySelector('input[type=checkbox][value="' + CSS.escape(saved.value) + '"]') ||
      fieldset.querySelector(".facet-filter:not([hidden])") || fieldset.querySelector("input[type=checkbox]");
    if (target) target.focus();
  }

  // On a narrow screen the filter panel and the map start folded: the active filters stay
  // as chips above.
  function foldFiltersOnPhones() {
    if (!window.matchMedia(PHONE).matches) return;
    document.querySelectorAll("details.filters, details.map-fold").forEach(function (panel) {
      panel.open = false;
    });
  }

  // --- facet values from the server: the filter box searches all of them, "more" pages on

  function bdi(text, lang, dir) {
    var node = el("bdi", lang, text);
    node.lang = lang;
    node.dir = dir;
    return node;
  }

  function valueItem(facet, value, named) {
    var item = el("li", "fv" + (value.selected ? " selected" : ""));
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.value = value.id;
    box.checked = value.selected;
    if (named) box.name = facet; else box.dataset.facet = facet;
    var names = el("span", "names");
    var ar = value.label_ar || value.ar, en = value.label_en || value.en;
    names.append(bdi(ar, "ar", "rtl"));
    if (en) names.append(" ", bdi(en, "en", "ltr"));
    label.append(box, names, el("span", "count", formatNumber(value.count)));
    item.append(label, entityLink(facetFieldset(facet), value));
    return item;
  }

  function facetFieldset(facet) {
    return document.querySelector('fieldset.facet[data-facet="' + CSS.escape(facet) + '"]');
  }

  // The small link to a value's entity page, as _entity_link.html draws it.
  function entityLink(set, value) {
    var link = el("a", "entity-link");
    var ar = value.label_ar || value.ar, en = value.label_en || value.en;
    var name = ar + (en ? " (" + en + ")" : "");
    link.href = set.dataset.entityBase + encodeURIComponent(value.id);
    link.setAttribute("aria-label", template(set.dataset.entityLabel, { name: name }));
    link.title = link.getAttribute("aria-label");
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("class", "icon");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var circle = document.createElementNS(SVG, "circle");
    circle.setAttribute("cx", "8"); circle.setAttribute("cy", "8"); circle.setAttribute("r", "6.5");
    var path = document.createElementNS(SVG, "path");
    path.setAttribute("d", "M8 7.2v4.3M8 4.6v.2");
    svg.append(circle, path);
    link.append(svg);
    return link;
  }

  // One page of a facet's values for the current search, from /api/facets/<facet>.
  function fetchValues(fieldset, extra, signal) {
    var params = new URLSearchParams(location.search);
    ["page", "more", "lang"].forEach(function (key) { params.delete(key); });
    Object.keys(extra).forEach(function (key) { params.set(key, extra[key]); });
    return fetch(fieldset.dataset.api + "?" + params.toString(), {
      signal: signal, headers: { Accept: "application/json" }, credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
        return body;
      });
    });
  }

  function template(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }

  function facetFilter(fieldset) {
    var box = fieldset.querySelector(".facet-filter");
    if (!box) return;
    var facet = fieldset.dataset.facet;
    var listed = fieldset.querySelector("ul.values");
    var status = fieldset.querySelector(".facet-status");
    var found = el("ul", "values found");
    var more = el("button", "more-found", fieldset.dataset.moreLabel);
    var timer = null, controller = null, page = 1, text = "";
    found.hidden = true;
    more.type = "button";
    more.hidden = true;
    listed.after(found, more);
    box.hidden = false;

    function showListed(yes) {
      fieldset.querySelectorAll("ul.values:not(.found), .facet-pages").forEach(function (node) {
        node.hidden = !yes;
      });
      found.hidden = yes;
    }

    function load(next) {
      if (controller) controller.abort();
      controller = new AbortController();
      fetchValues(fieldset, { prefix: text, page: next }, controller.signal).then(function (body) {
        if (next === 1) found.textContent = "";
        body.values.forEach(function (value) { found.append(valueItem(facet, value, false)); });
        page = next;
        more.hidden = found.children.length >= body.total;
        status.textContent = template(body.total ? fieldset.dataset.found : fieldset.dataset.noMatch,
          { n: formatNumber(body.total), text: text });
        showListed(false);
      }).catch(function (error) {
        if (error.name !== "AbortError") status.textContent = error.message;
      });
    }

    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();  // the filter is live; nothing to submit
    });
    box.addEventListener("input", function () {
      clearTimeout(timer);
      text = box.value.trim();
      if (!text) {
        if (controller) controller.abort();
        status.textContent = "";
        found.textContent = "";
        more.hidden = true;
        showListed(true);
        return;
      }
      timer = setTimeout(function () { load(1); }, 150);
    });
    more.addEventListener("click", function () { load(page + 1); });
  }

  // "More" appends the next page of values in place (the link loads a page without JS).
  function moreValues(fieldset) {
    var link = fieldset.querySelector("a.more-link");
    if (!link) return;
    var facet = fieldset.dataset.facet;
    var perPage = Number(fieldset.dataset.perPage);
    function load(next) {
      return fetchValues(fieldset, { page: next }).then(function (body) {
        var extra = fieldset.querySelector("ul.values.extra");
        if (!extra) {
          extra = el("ul", "values extra");
          fieldset.querySelector("ul.values").after(extra);
        }
        var first = null;
        body.values.forEach(function (value) {
          var known = fieldset.querySelector('input[name="' + facet + '"][value="' + CSS.escape(value.id) + '"]');
          if (known) return;
          var item = valueItem(facet, value, true);
          extra.append(item);
          first = first || item.querySelector("input");
        });
        var done = next * perPage >= body.total;
        if (!first && !done) return load(next + 1);  // a page of values already listed
        if (done) link.parentNode.removeChild(link);
        else {
          var url = new URL(link.href);
          var others = url.searchParams.getAll("more").filter(function (m) { return m.split(":")[0] !== facet; });
          url.searchParams.delete("more");
          others.concat([facet + ":" + (next + 1)]).forEach(function (m) { url.searchParams.append("more", m); });
          link.href = url.toString();
          link.dataset.page = String(next + 1);
        }
        if (first) first.focus();
      });
    }

    link.addEventListener("click", function (event) {
      event.preventDefault();
      load(Number(link.dataset.page)).catch(function () { location.href = link.href; });
    });
  }

  // --- the timeline: one tab stop; the arrow keys move from month to month

  function timelineKeys() {
    var chart = document.querySelector("svg.chart");
    if (!chart) return;
    var inTime = Array.prototype.slice.call(chart.querySelectorAll("a"));
    if (!inTime.length) return;
    var onScreen = inTime.slice().sort(function (a, b) {
      return Number(a.querySelector(".bar").getAttribute("x")) - Number(b.querySelector(".bar").getAttribute("x"));
    });
    var current = chart.querySelector("a[aria-current]") || inTime[inTime.length - 1];
    inTime.forEach(function (bar) { bar.setAttribute("tabindex", bar === current ? "0" : "-1"); });
    chart.addEventListener("keydown", function (event) {
      var at = onScreen.indexOf(event.target);
      if (at < 0) return;
      var next = {
        ArrowLeft: onScreen[at - 1], ArrowRight: onScreen[at + 1],
        Home: inTime[0], End: inTime[inTime.length - 1]
      }[event.key];
      if (!next) return;
      event.preventDefault();
      event.target.setAttribute("tabindex", "-1");
      next.setAttribute("tabindex", "0");
      next.focus();
    });
  }

  // --- the map: its circles are one tab stop; the arrow keys go from the most named down

  function mapKeys() {
    document.querySelectorAll("svg.syria-map").forEach(function (map) {
      var points = Array.prototype.slice.call(map.querySelectorAll("a.point"));
      if (!points.length) return;
      var current = map.querySelector("a.point[aria-current]") || points[0];
      points.forEach(function (p) { p.setAttribute("tabindex", p === current ? "0" : "-1"); });
      map.closest(".map-panel").classList.add("keyed");
      map.addEventListener("keydown", function (event) {
        var at = points.indexOf(event.target.closest ? event.target.closest("a.point") : event.target);
        if (at < 0) return;
        var next = {
          ArrowDown: points[at + 1], ArrowRight: points[at + 1],
          ArrowUp: points[at - 1], ArrowLeft: points[at - 1],
          Home: points[0], End: points[points.length - 1]
        }[event.key];
        if (!next) return;
        event.preventDefault();
        points[at].setAttribute("tabindex", "-1");
        next.setAttribute("tabindex", "0");
        next.focus();
      });
    });
  }

  onReady(function () {
    foldFiltersOnPhones();
    mapKeys();
    autoSubmitFacets();
    document.querySelectorAll("fieldset.facet").forEach(function (fieldset) {
      facetFilter(fieldset);
      moreValues(fieldset);
    });
    timelineKeys();
    restoreFocus();
  });
})();
