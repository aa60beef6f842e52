// A pilot location's page: a small map with a pin at the location, zoomed to its country.
// The page says the coordinates in words; without this script it simply shows no map.
(function () {
  "use strict";

  var NO_OUTLINE_ZOOM = 6;  // when the country is not among the pilot outlines

  document.addEventListener("DOMContentLoaded", function () {
    var element = document.getElementById("location-map");
    var source = document.getElementById("location-map-data");
    var maps = window.CPPHubMaps;
    if (!element || !source || !maps || !window.L) { return; }
    var data = JSON.parse(source.textContent);
    var place = data.location;
    var position = [place.lat, place.lng];

    element.hidden = false;  // before Leaflet measures it
    var map = maps.createMap(element, data.labels, { scrollWheelZoom: false });
    map.setView(position, NO_OUTLINE_ZOOM);
    // Not a button: the pin only shows where the page's coordinates are.
    maps.pin(position, place.stage, { interactive: false, keyboard: false }).addTo(map);

    maps.drawOutlines(map, data.geo).then(function (drawn) {
      var country = drawn.countries[place.countryCode];
      if (!country) { return; }
      map.fitBounds(window.L.latLngBounds([]).extend(country).extend(position), { padding: [28, 28], maxZoom: 8 });
    });
  });
})();
