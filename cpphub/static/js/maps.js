// CPP Hub maps: what the home map and a pilot location's map share. Load it after
// Leaflet and before the page's own script; it offers window.CPPHubMaps.
// Every word shown comes from the page (json_script), already translated.
(function () {
  "use strict";

  var LAND = { color: "#c3cad4", weight: 0.6, fillColor: "#f6f4ee", fillOpacity: 1 };
  var PILOT = { color: "#1d4f91", weight: 1.2, fillColor: "#fff3c4", fillOpacity: 1 };

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) { throw new Error(url + ": " + response.status); }
      return response.json();
    });
  }

  // A ring that crosses the antimeridian (Fiji, Chukotka) jumps from 180 to -180 and
  // would be drawn as a sliver around the globe: keep it whole east of 180 instead.
  function unwrapRing(ring) {
    var lons = ring.map(function (point) { return point[0]; });
    if (Math.max.apply(null, lons) - Math.min.apply(null, lons) <= 180) { return ring; }
    return ring.map(function (point) { return point[0] < 0 ? [point[0] + 360, point[1]] : point; });
  }

  function unwrapAntimeridian(collection) {
    collection.features.forEach(function (feature) {
      var geometry = feature.geometry;
      if (!geometry) { return; }
      if (geometry.type === "Polygon") {
        geometry.coordinates = geometry.coordinates.map(unwrapRing);
      } else if (geometry.type === "MultiPolygon") {
        geometry.coordinates = geometry.coordinates.map(function (polygon) { return polygon.map(unwrapRing); });
      }
    });
    return collection;
  }

  // A Leaflet map without tiles (nothing leaves the site): the outlines are the background.
  // labels: the page's words for the attribution and the zoom buttons (Leaflet's own are English).
  function createMap(element, labels, options) {
    var map = window.L.map(element, Object.assign({
      zoomSnap: 0.25,
      minZoom: 1,
      maxZoom: 12,
      worldCopyJump: false,
      maxBounds: [[-85, -220], [85, 220]],
      zoomControl: false
    }, options || {}));
    window.L.control.zoom({ zoomInTitle: labels.zoomIn, zoomOutTitle: labels.zoomOut }).addTo(map);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(labels.attribution);
    return map;
  }

  // Draws the land and, on top, the pilot countries. The promise always resolves, with the
  // pilot layer and the bounds of each pilot country by ISO code; without outlines
  // (a failed download) with null and {}: the pins and the page's text still tell it all.
  function drawOutlines(map, geo) {
    var L = window.L;
    var countries = {};
    return Promise.all([getJSON(geo.world), getJSON(geo.pilot)])
      .then(function (layers) {
        L.geoJSON(unwrapAntimeridian(layers[0]), { style: LAND, interactive: false }).addTo(map);
        var pilot = L.geoJSON(layers[1], {
          style: PILOT,
          interactive: false,
          onEachFeature: function (feature, layer) { countries[feature.properties.iso2] = layer.getBounds(); }
        }).addTo(map);
        return { pilot: pilot, countries: countries };
      })
      .catch(function () { return { pilot: null, countries: {} }; });
  }

  // A round pin in the colour of a Triple A stage (the classes of cpphub.css).
  function pin(latLng, stage, options) {
    return window.L.marker(latLng, Object.assign({
      icon: window.L.divIcon({ className: "map-pin stage-" + stage, iconSize: [18, 18] })
    }, options || {}));
  }

  window.CPPHubMaps = {
    createMap: createMap,
    drawOutlines: drawOutlines,
    pin: pin
  };
})();
