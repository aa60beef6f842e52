// Builds cpphub/static/geo/*.geojson from world-atlas (Natural Earth, public domain). Run by `make vendor`.
const tc = require('topojson-client');
const fs = require('fs');
const t50 = JSON.parse(fs.readFileSync('node_modules/world-atlas/countries-50m.json'));
const t110 = JSON.parse(fs.readFileSync('node_modules/world-atlas/countries-110m.json'));
const round = (g) => JSON.parse(JSON.stringify(g, (k, v) => typeof v === 'number' ? Math.round(v * 1000) / 1000 : v));
const fc50 = tc.feature(t50, t50.objects.countries);
const pick = fc50.features.filter(f => ['076', '764'].includes(f.id)).map(f => ({type: 'Feature', id: f.id, properties: {name: f.properties.name, iso2: f.id === '076' ? 'BR' : 'TH'}, geometry: f.geometry}));
fs.writeFileSync('cpphub/static/geo/pilot-countries.geojson', JSON.stringify(round({type: 'FeatureCollection', features: pick})));
const land = tc.feature(t110, t110.objects.countries);
fs.writeFileSync('cpphub/static/geo/world.geojson', JSON.stringify(round({type: 'FeatureCollection', features: land.features.map(f => ({type: 'Feature', properties: {name: f.properties.name}, geometry: f.geometry}))})));
