// Draws the analytics charts with Chart.js (/lib/chart.js). Each <canvas data-chart="…"> carries
// its chart as JSON: {type, labels, datasets: [{label, data}], horizontal}. The page stays whole
// without script: every chart has a caption and a table as its text alternative.
(function () {
  'use strict';
  var palette = ['#2f5d8a', '#c8553d', '#588b8b', '#f2a541', '#6a4c93', '#8ab17d', '#b56576', '#4d4d4d'];

  function draw(canvas) {
    var spec;
    try {
      spec = JSON.parse(canvas.getAttribute('data-chart'));
    } catch (e) {
      return;
    }
    var line = spec.type === 'line';
    var datasets = spec.datasets.map(function (d, i) {
      var colour = palette[i % palette.length];
      return {
        label: d.label,
        data: d.data,
        backgroundColor: line ? colour : colour + 'cc',
        borderColor: colour,
        borderWidth: line ? 2 : 0,
        pointRadius: line && spec.labels.length > 40 ? 0 : 2,
        tension: 0.2
      };
    });
    // eslint-disable-next-line no-new
    new window.Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: spec.horizontal ? 'y' : 'x',
        plugins: { legend: { display: datasets.length > 1 } },
        scales: { x: { ticks: { autoSkip: true, maxTicksLimit: 12 } }, y: { beginAtZero: true } }
      }
    });
    canvas.setAttribute('data-drawn', 'true');
  }

  function start() {
    if (!window.Chart) {
      return;
    }
    Array.prototype.forEach.call(document.querySelectorAll('canvas[data-chart]'), draw);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
