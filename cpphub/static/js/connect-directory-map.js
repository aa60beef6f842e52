// The directory page: a map of the places of the services found whose address is public.
// The page holds no position of a confidential place; the cards say the same in words.
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var element = document.getElementById("directory-map");
    var source = document.getElementById("directory-map-data");
    var maps = window.CPPHubMaps;
    if (!element || !source || !maps || !window.L) { return; }
    var data = JSON.parse(source.textContent);
    if (!data.points || !data.points.length) { return; }

    element.hidden = false;  // before Leaflet measures it
    var map = maps.createMap(element, data.labels, { scrollWheelZoom: false });
    var bounds = window.L.latLngBounds([]);
    data.points.forEach(function (point) {
      var position = [point.lat, point.lng];
      bounds.extend(position);
      var marker = maps.pin(position, "engage", { title: point.name, alt: point.name }).addTo(map);
      var popup = document.createElement("div");
      var title = document.createElement("strong");
      title.textContent = point.name + (point.city ? ", " + point.city : "");
      popup.appendChild(title);
      var list = document.createElement("ul");
      point.services.forEach(function (name) {
        var item = document.createElement("li");
        item.textContent = name;
        list.appendChild(item);
      });
      popup.appendChild(list);
      marker.bindPopup(popup);
    });
    map.fitBounds(bounds, { padding: [28, 28], maxZoom: 10 });
    maps.drawOutlines(map, data.geo);
  });
})();
