// The risk and strength map's bar charts. Data and every word come from the page
// (json_script), already translated and already suppressed: a hidden count is null
// and is never drawn as a bar. Without this script the tables show the same numbers.
(function () {
  "use strict";

  function readJSON(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function barChart(canvas, series, text) {
    return new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: series.labels,
        datasets: [{
          label: text.submissions,
          data: series.values,
          backgroundColor: getComputedStyle(document.documentElement).getPropertyValue("--cpp-chart").trim() || "#1d4f91"
        }]
      },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: function (context) {
                return context.raw === null ? text.hidden : text.submissions + ": " + context.raw;
              }
            }
          }
        },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } } }
      }
    });
  }

  function init() {
    var data = readJSON("riskmap-chart-data");
    if (!data || !window.Chart) { return; }
    window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    [["chart-risks", data.risks], ["chart-strengths", data.strengths], ["chart-ict", data.ict],
      ["chart-channels", data.channels]].forEach(function (pair) {
      var canvas = document.getElementById(pair[0]);
      if (canvas) { barChart(canvas, pair[1], data.text); }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
