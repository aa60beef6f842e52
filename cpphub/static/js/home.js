// CPP Hub home page: the map of pilot locations and the partner charts.
// Data and every word shown come from the page (json_script), already translated;
// without this script the page still lists the same data in tables.
(function () {
  "use strict";

  var maps = window.CPPHubMaps;  // js/maps.js, loaded before this script

  function readJSON(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function cssVar(name, fallback) {
    var value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value || fallback;
  }

  // --- Map ------------------------------------------------------------------

  function popupContent(location, labels) {
    var root = document.createElement("div");
    root.className = "map-popup";
    var title = document.createElement("strong");
    title.textContent = location.name;
    root.appendChild(title);
    var list = document.createElement("dl");
    [
      [labels.country, location.country],
      [labels.stage, location.stageLabel],
      [labels.leadPartner, location.leadPartner || labels.noLeadPartner]
    ].forEach(function (pair) {
      var term = document.createElement("dt");
      term.textContent = pair[0];
      var detail = document.createElement("dd");
      detail.textContent = pair[1];
      list.appendChild(term);
      list.appendChild(detail);
    });
    root.appendChild(list);
    var link = document.createElement("a");
    link.href = location.url;
    link.textContent = labels.open;
    root.appendChild(link);
    return root;
  }

  function initMap() {
    var element = document.getElementById("home-map");
    var data = readJSON("home-map-data");
    if (!element || !data || !maps || !window.L) { return; }
    var L = window.L;
    var map = maps.createMap(element, data.labels);
    map.setView([0, 0], 1);

    var markers = L.featureGroup();
    var markersByCountry = {};
    data.locations.forEach(function (location) {
      var marker = maps.pin([location.lat, location.lng], location.stage, {
        title: location.name + " · " + location.stageLabel,
        alt: location.name,
        keyboard: true,
        riseOnHover: true
      });
      marker.bindPopup(popupContent(location, data.labels));
      marker.addTo(markers);
      (markersByCountry[location.countryCode] = markersByCountry[location.countryCode] || []).push(marker);
    });

    var outlines = {};
    var pilotLayer = null;

    function boundsFor(code) {
      if (code === "all") {
        var all = L.latLngBounds([]);
        if (pilotLayer) { all.extend(pilotLayer.getBounds()); }
        if (markers.getLayers().length) { all.extend(markers.getBounds()); }
        return all;
      }
      var bounds = L.latLngBounds([]);
      if (outlines[code]) { bounds.extend(outlines[code]); }
      (markersByCountry[code] || []).forEach(function (marker) { bounds.extend(marker.getLatLng()); });
      return bounds;
    }

    function zoomTo(code) {
      var bounds = boundsFor(code);
      if (bounds.isValid()) { map.fitBounds(bounds, { padding: [24, 24], maxZoom: 8 }); }
    }

    maps.drawOutlines(map, data.geo).then(function (drawn) {
      pilotLayer = drawn.pilot;
      outlines = drawn.countries;
      markers.addTo(map);
      markers.eachLayer(function (marker) {
        // A keyboard-focusable pin is a button: give it a name screen readers announce.
        marker.getElement().setAttribute("aria-label", marker.options.title);
      });
      zoomTo("all");
      var buttons = document.querySelector("[data-map-zoom-buttons]");
      if (buttons) {
        buttons.hidden = false;
        buttons.querySelectorAll("[data-map-zoom]").forEach(function (button) {
          if (!boundsFor(button.getAttribute("data-map-zoom")).isValid()) { button.hidden = true; }
          button.addEventListener("click", function () { zoomTo(button.getAttribute("data-map-zoom")); });
        });
      }
    });
  }

  // --- Charts -----------------------------------------------------------------

  function barChart(canvas, series, label) {
    var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    return new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: series.labels,
        datasets: [{
          label: label,
          data: series.values,
          backgroundColor: cssVar("--cpp-chart", "#1d4f91"),
          borderRadius: 3,
          maxBarThickness: 22
        }]
      },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        animation: reduceMotion ? false : { duration: 400 },
        plugins: { legend: { display: false } },
        scales: {
          x: { beginAtZero: true, ticks: { precision: 0 }, grid: { color: "#e3e8ef" } },
          y: { grid: { display: false } }
        }
      }
    });
  }

  function initCharts() {
    var data = readJSON("home-chart-data");
    if (!data || !window.Chart) { return; }
    window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    window.Chart.defaults.color = "#26323f";
    [["chart-sector", data.sector], ["chart-country", data.country]].forEach(function (pair) {
      var canvas = document.getElementById(pair[0]);
      if (canvas) { barChart(canvas, pair[1], data.label); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    initMap();
    initCharts();
  });
})();
