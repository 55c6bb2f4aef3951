/* Reading aids (适老化): text size 大/中/小 and high contrast, remembered in this browser.
   Runs in <head> so a stored choice applies before the page is drawn; the controls stay
   hidden until this script shows them, so without JavaScript nothing pretends to work. */
(function () {
  "use strict";
  var root = document.documentElement;
  var SIZES = { large: "text-large", medium: "", small: "text-small" };
  var KEY_SIZE = "gongkai.textSize", KEY_CONTRAST = "gongkai.contrast";

  function load(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function save(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* private mode: not remembered */ }
  }
  function applySize(size) {
    if (!SIZES.hasOwnProperty(size)) { size = "medium"; }
    root.classList.remove("text-large", "text-small");
    if (SIZES[size]) { root.classList.add(SIZES[size]); }
    return size;
  }
  function applyContrast(on) {
    root.classList.toggle("high-contrast", on);
    return on;
  }

  var size = applySize(load(KEY_SIZE) || "medium");
  var contrast = applyContrast(load(KEY_CONTRAST) === "on");

  function wire() {
    var bar = document.querySelector("[data-reading-aids]");
    if (!bar) { return; }
    var sizeButtons = bar.querySelectorAll("[data-text-size]");
    var contrastButton = bar.querySelector("[data-contrast]");
    function show() {
      for (var i = 0; i < sizeButtons.length; i++) {
        var b = sizeButtons[i];
        b.setAttribute("aria-pressed", String(b.getAttribute("data-text-size") === size));
      }
      if (contrastButton) { contrastButton.setAttribute("aria-pressed", String(contrast)); }
    }
    bar.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !bar.contains(button)) { return; }
      if (button.hasAttribute("data-text-size")) {
        size = applySize(button.getAttribute("data-text-size"));
        save(KEY_SIZE, size);
      } else if (button.hasAttribute("data-contrast")) {
        contrast = applyContrast(!contrast);
        save(KEY_CONTRAST, contrast ? "on" : "off");
      }
      show();
    });
    show();
    bar.hidden = false;
  }

  /* A chart's labels are drawn at a fixed size and do not follow the reader's text size: when
     that size leaves fewer than 18 characters across the screen (site.css uses the same media
     query), each chart's data table opens under it, at the reader's size; it still folds. */
  function openChartTables() {
    if (!window.matchMedia || !window.matchMedia("(max-width: 18em)").matches) { return; }
    var tables = document.querySelectorAll(".chart-figure > details.chart-table");
    for (var i = 0; i < tables.length; i++) { tables[i].open = true; }
  }

  function ready() {
    wire();
    openChartTables();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
