// The address picker (templates/places/_picker.html): choosing a province fills the regency
// list from /wilayah/<code>, and so on down to the village; a box above each list filters it
// as you type. Without this script the picker's "show the list" buttons do the same by
// sending the form back.
(function () {
  "use strict";

  function words(text) {
    return text.toLowerCase().split(/\s+/).filter(Boolean);
  }

  function Level(picker, select) {
    this.select = select;
    this.prompt = select.options.length ? select.options[0].text : "";
    this.regions = Array.prototype.slice.call(select.options, 1).map(function (option) {
      return { code: option.value, name: option.text };
    });
    this.filter = document.createElement("input");
    this.filter.type = "search";
    this.filter.className = "form-control form-control-sm mb-1 region-filter";
    this.filter.placeholder = picker.dataset.filterLabel;
    this.filter.setAttribute("aria-label", picker.dataset.filterLabel + ": " + this.labelText());
    this.filter.disabled = select.disabled;
    select.parentNode.insertBefore(this.filter, select);
    this.filter.addEventListener("input", this.render.bind(this));
  }

  Level.prototype.labelText = function () {
    var label = this.select.id ? document.querySelector("label[for='" + this.select.id + "']") : null;
    return label ? label.textContent.trim() : "";
  };

  Level.prototype.render = function () {
    var select = this.select;
    var chosen = select.value;
    var wanted = words(this.filter.value);
    var shown = this.regions.filter(function (region) {
      var name = region.name.toLowerCase();
      return region.code === chosen || wanted.every(function (w) { return name.indexOf(w) !== -1; });
    });
    select.replaceChildren(new Option(this.prompt, ""));
    shown.forEach(function (region) {
      select.add(new Option(region.name, region.code, false, region.code === chosen));
    });
  };

  Level.prototype.fill = function (regions, prompt) {
    this.regions = regions;
    this.prompt = prompt;
    this.filter.value = "";
    this.select.value = "";
    this.render();
    this.select.disabled = this.filter.disabled = regions.length === 0;
  };

  function setUp(picker) {
    var base = picker.dataset.regionPicker;
    var selects = Array.prototype.slice.call(picker.querySelectorAll("select[data-region-level]"));
    var levels = selects.map(function (select) { return new Level(picker, select); });
    var prompts = levels.map(function (level) { return level.select.dataset.prompt || level.prompt; });
    picker.querySelectorAll("[data-region-refine]").forEach(function (button) { button.remove(); });
    function chosen(index) {
      var level = levels[index];
      levels.slice(index + 1).forEach(function (below) { below.fill([], picker.dataset.waiting); });
      var next = levels[index + 1];
      if (!next || !level.select.value) return;
      fetch(base + encodeURIComponent(level.select.value), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (regions) { next.fill(regions, prompts[index + 1]); });
    }
    levels.forEach(function (level, index) {
      level.select.addEventListener("change", function () { chosen(index); });
    });
    // A level chosen before this script ran (a quick hand on a slow phone) fills the next one.
    levels.forEach(function (level, index) {
      var next = levels[index + 1];
      if (next && level.select.value && next.select.disabled) chosen(index);
    });
  }

  document.querySelectorAll("[data-region-picker]").forEach(setUp);
})();
