// The MNR pages' stacked bar chart: per capability group, how many ratings are in each phase
// and how many are not rated. Data and every word come from the page (json_script, already
// translated); the tables on the page give the same numbers without this script.
(function () {
  "use strict";

  // Building to maturity from warm to cool, "not rated" grey: told apart by the legend, not colour alone.
  var COLOURS = { 0: "#b5bfcc", 1: "#c0504d", 2: "#e8a33d", 3: "#6e9bd6", 4: "#1b6b3a" };

  function init() {
    var element = document.getElementById("mnr-chart-data");
    var canvas = document.getElementById("mnr-chart");
    if (!element || !canvas || !window.Chart) { return; }
    var data = JSON.parse(element.textContent);
    window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: data.series.map(function (series) {
          return { label: series.label, data: series.values, backgroundColor: COLOURS[series.phase] };
        })
      },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { position: "bottom" } },
        scales: {
          x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
          y: { stacked: true }
        }
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
