/**
 * Public API of the analysis engine. Pure TypeScript (no Node, DOM or Electron), runs in a worker.
 *
 * Inputs: EPSG:2180 metres in Float64Array (x = easting, y = northing), times as UTC epoch ms (Float64Array).
 * Results are plain objects with typed arrays; each records the parameters actually used (including automatic
 * choices and seeds) under `params`. They survive postMessage / structured clone as they are; for JSON storage
 * use toSerializable() / fromSerializable(), which keep typed arrays and NaN/Infinity losslessly.
 */
export { abortError, fromSerializable, throwIfAborted, toSerializable, type RunOptions } from './common';
export { mulberry32, randomInt, sampleIndices, shuffleInPlace, type Rng } from './random';
export { bhCutoff, confidenceBins, erfc, median, normalCdf, pTwoSided, quantile, type ConfidenceBinResult } from './stats';
export { convexHull, convexHullOf, inMultiPolygon, ringArea } from './hull';
export {
  dbscan, POINT_BORDER, POINT_CORE, POINT_NOISE,
  type DbscanCluster, type DbscanInput, type DbscanParams, type DbscanResult,
} from './dbscan';
export {
  aggregateToGrid, cellArea, cellCentre, cellCentres, cellIndexOf, cellPolygon, cellSpacing, countInCells, gridForBounds,
  type GridAggregation, type GridKind, type GridSpec,
} from './grid';
export {
  checkGiInput, generalG, incrementalMoran, localG, moranI,
  type GeneralGResult, type LocalGResult, type MoranResult,
} from './getis';
export {
  autoCellSize, chooseDistanceBand, hotSpotsForFeatures, optimizedHotSpots, selectCells,
  type CellSelection, type DistanceBandChoice, type HotSpotOptions, type HotSpotResult,
} from './hotspot';
export {
  defaultSearchRadius, densityLegend, kernelDensity, legendClass,
  type DensityLegend, type KdeGridSpec, type KdeOptions, type KdeResult,
} from './kde';
export {
  classifyEmerging, COLD_OFFSET, EMERGING_PATTERNS, emergingHotSpots, mannKendall, PATTERN, stepIndex, utcMonthEdges, utcWeekEdges,
  type EmergingOptions, type EmergingPattern, type EmergingResult, type MannKendallResult,
} from './emerging';
export { knoxTest, type KnoxParams, type KnoxResult } from './knox';
export { compareAtShares, hotspotQuality, type HotspotQualityResult, type MethodKey, type ShareRow } from './quality';
export {
  buildPlaceRaster, localGiStar, PLACE_SCALE, placeBand, placeCellSize, placeGiStar, rasterizePolygons, sideForSquareEquivalent, StratumSums,
  type LocalGiResult, type PlaceGiOptions, type PlaceGiParams, type PlaceGiResult, type PlaceGridKind, type PlaceRaster, type Stratum,
} from './place';
export {
  hotspotsOfResult, hourSpan, listHotspots, placeHotspotAnalysis, poissonExcessLlr, sinceFromMonths,
  type Hotspot, type HotspotListInput, type HotspotListResult, type HotspotPoints, type HotspotUnits, type HourSpan, type PlaceHotspotAnalysis, type PlaceHotspotOptions, type SinceResult,
} from './hotspotList';
