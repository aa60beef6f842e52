// The 3W page: a map of the pilot locations with the number of activities at each.
// Data and every word shown come from the page (json_script), already translated;
// without this script the page lists the same numbers under the map's place.
(function () {
  "use strict";

  function marker(location) {
    var size = location.count ? Math.min(44, 24 + 4 * Math.sqrt(location.count)) : 18;
    return window.L.marker([location.lat, location.lng], {
      title: location.label,
      alt: location.label,
      keyboard: true,
      riseOnHover: true,
      icon: window.L.divIcon({
        className: "map-count" + (location.count ? "" : " empty"),
        html: location.count ? String(location.count) : "",
        iconSize: [size, size]
      })
    });
  }

  function popup(location, labels) {
    var root = document.createElement("div");
    root.className = "map-popup";
    var title = document.createElement("strong");
    title.textContent = location.label;
    root.appendChild(title);
    if (location.count) {
      root.appendChild(document.createElement("br"));
      var link = document.createElement("a");
      link.href = location.url;
      link.textContent = labels.open;
      root.appendChild(link);
    }
    return root;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var element = document.getElementById("three-w-map");
    var source = document.getElementById("three-w-map-data");
    var maps = window.CPPHubMaps;
    if (!element || !source || !maps || !window.L) { return; }
    var data = JSON.parse(source.textContent);
    if (!data.locations.length) { return; }
    element.hidden = false;  // before Leaflet measures it
    var L = window.L;
    var map = maps.createMap(element, data.labels, { scrollWheelZoom: false });
    var markers = L.featureGroup();
    data.locations.forEach(function (location) {
      marker(location).bindPopup(popup(location, data.labels)).addTo(markers);
    });
    map.fitBounds(markers.getBounds().pad(0.5), { maxZoom: 6 });
    maps.drawOutlines(map, data.geo).then(function (drawn) {
      markers.addTo(map);
      markers.eachLayer(function (item) {
        var node = item.getElement();
        if (node) { node.setAttribute("aria-label", item.options.title); }
      });
      var bounds = L.latLngBounds([]).extend(markers.getBounds());
      data.locations.forEach(function (location) {
        if (drawn.countries[location.countryCode]) { bounds.extend(drawn.countries[location.countryCode]); }
      });
      if (bounds.isValid()) { map.fitBounds(bounds, { padding: [24, 24], maxZoom: 7 }); }
    });
  });
})();
