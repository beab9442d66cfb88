import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import {
  countBreaks, fitProjection, geometryBBox, geometryPath, labelPoint, mercator, placeLabels, ringCentroid, scaleBar, shortBeatLabel, textWidth, truncate, unionBBox,
} from '../../../../src/renderer/briefing/geo';

/** Great-circle distance in metres (haversine, mean Earth radius). */
function haversine(a: [number, number], b: [number, number]): number {
  const R = 6_371_008.8;
  const r = Math.PI / 180;
  const dLat = (b[1] - a[1]) * r;
  const dLon = (b[0] - a[0]) * r;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

describe('map projection', () => {
  it('fits a box, keeps its shape and centres it', () => {
    const p = fitProjection([19.65, 51.38, 19.75, 51.43], 1000, 900, 20);
    const [x0, y0] = p.project(19.65, 51.38);
    const [x1, y1] = p.project(19.75, 51.43);
    expect(y0).toBeGreaterThan(y1); // north is up
    expect(x1 - x0).toBeCloseTo(960, 6); // the wide side fills the frame minus padding
    expect((x0 + x1) / 2).toBeCloseTo(500, 6);
    expect((y0 + y1) / 2).toBeCloseTo(450, 6);
    expect(y0 - y1).toBeLessThan(860); // the other side fits
    // the shown box covers the frame
    expect(p.bbox[0]).toBeLessThan(19.65);
    expect(p.bbox[2]).toBeGreaterThan(19.75);
    const [bx0, by1] = p.project(p.bbox[0], p.bbox[1]);
    expect(bx0).toBeCloseTo(0, 6);
    expect(by1).toBeCloseTo(900, 6);
  });

  it('gives ground metres per unit at the centre latitude (Piotrków: both axes within 0.3 % of haversine)', () => {
    const p = fitProjection([19.6, 51.35, 19.8, 51.45], 1200, 900, 0);
    const centre: [number, number] = [19.7, 51.4];
    for (const other of [[19.71, 51.4], [19.7, 51.41], [19.708, 51.406]] as [number, number][]) {
      const [ax, ay] = p.project(...centre);
      const [bx, by] = p.project(...other);
      const units = Math.hypot(bx - ax, by - ay);
      expect(Math.abs((units * p.metresPerUnit) / haversine(centre, other) - 1)).toBeLessThan(0.003);
    }
    // 0.1° of longitude at 51.4° N ≈ 6.95 km
    expect(p.metresPerUnit * (p.project(19.75, 51.4)[0] - p.project(19.65, 51.4)[0])).toBeCloseTo(6945, -1);
  });

  it('does not divide by zero on a one-point box', () => {
    const p = fitProjection([19.7, 51.4, 19.7, 51.4], 400, 400, 0);
    expect(Number.isFinite(p.metresPerUnit)).toBe(true);
    expect(p.metresPerUnit * 400).toBeGreaterThan(500);
    const [mx, my] = mercator(0, 0);
    expect(mx).toBe(0);
    expect(my).toBeCloseTo(0, 6);
  });

  it('chooses a nice scale bar that fits', () => {
    expect(scaleBar(6.945, 250)).toMatchObject({ metres: 1000, label: '1 km' });
    expect(scaleBar(6.945, 250).length).toBeCloseTo(1000 / 6.945, 6);
    expect(scaleBar(0.5, 160)).toMatchObject({ metres: 50, label: '50 m' });
    expect(scaleBar(40, 160)).toMatchObject({ metres: 5000, label: '5 km' });
    expect(scaleBar(14, 160)).toMatchObject({ metres: 2000, label: '2 km' });
    expect(scaleBar(0.001, 100)).toMatchObject({ metres: 1 });
    for (const m of [0.3, 1.7, 9, 33, 120]) {
      const s = scaleBar(m, 160);
      expect(s.length).toBeLessThanOrEqual(160 + 1e-9);
      expect(s.length).toBeGreaterThan(160 / 5 - 1e-9); // 1-2-5 steps: never below a fifth of the room
    }
  });
});

describe('map geometry helpers', () => {
  const square: Polygon = { type: 'Polygon', coordinates: [[[19, 51], [20, 51], [20, 52], [19, 52], [19, 51]]] };

  it('draws polygons as closed SVG paths without repeated points', () => {
    const p = fitProjection([19, 51, 20, 52], 100, 100, 0);
    const d = geometryPath(square, p);
    expect(d.startsWith('M')).toBe(true);
    expect(d.endsWith('Z')).toBe(true);
    expect(d.match(/L/g)).toHaveLength(4);
    expect(geometryPath({ type: 'MultiPolygon', coordinates: [square.coordinates, square.coordinates] }, p).match(/M/g)).toHaveLength(2);
    expect(geometryPath({ type: 'Point', coordinates: [19, 51] }, p)).toBe('');
    expect(geometryPath(null, p)).toBe('');
    const dup: Polygon = { type: 'Polygon', coordinates: [[[19, 51], [19, 51], [20, 51], [20, 52], [19, 51]]] };
    expect(geometryPath(dup, p).match(/L/g)).toHaveLength(3);
  });

  it('computes boxes and label points', () => {
    expect(geometryBBox(square)).toEqual([19, 51, 20, 52]);
    expect(unionBBox([[0, 0, 1, 1], null, [2, -1, 3, 0.5]])).toEqual([0, -1, 3, 1]);
    expect(unionBBox([])).toBeNull();
    expect(labelPoint(square)).toEqual([19.5, 51.5]);
    expect(ringCentroid(square)).toEqual([19.5, 51.5]);
    // an L-shaped beat: the area centroid, not the vertex average
    const l: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [3, 0], [3, 1], [1, 1], [1, 3], [0, 3], [0, 0]]] };
    const [cx, cy] = labelPoint(l)!;
    expect(cx).toBeCloseTo(1.1, 6);
    expect(cy).toBeCloseTo(1.1, 6);
  });

  it('places labels greedily without overlaps or leaving the frame', () => {
    const frame = { width: 100, height: 100 };
    const boxes = [
      { x: 10, y: 10, w: 30, h: 10 },
      { x: 20, y: 15, w: 30, h: 10 }, // overlaps the first
      { x: 90, y: 50, w: 30, h: 10 }, // leaves the frame
      { x: 10, y: 40, w: 30, h: 10 }, // blocked
      { x: 60, y: 80, w: 30, h: 10 },
    ];
    expect(placeLabels(boxes, frame, [{ x: 0, y: 35, w: 50, h: 20 }])).toEqual([0, 4]);
  });

  it('makes count classes that cover the maximum', () => {
    expect(countBreaks(37)).toEqual([10, 20, 30, 40]);
    expect(countBreaks(3)).toEqual([1, 2, 3]);
    expect(countBreaks(0)).toEqual([1]);
    expect(countBreaks(76)).toEqual([20, 40, 60, 80]);
    const b = countBreaks(1234);
    expect(b.length).toBeLessThanOrEqual(5);
    expect(b[b.length - 1]).toBeGreaterThanOrEqual(1234);
  });

  it('shortens beat names for map labels and texts to a width', () => {
    expect(shortBeatLabel('Rejon 3 – Dworzec')).toBe('3');
    expect(shortBeatLabel('Rejon 12 - Bugaj')).toBe('12');
    expect(shortBeatLabel('Komisariat Policji w Sulejowie')).toBe('KP w Sulejowie');
    expect(shortBeatLabel('Posterunek Policji w Rozprzy')).toBe('PP w Rozprzy');
    expect(shortBeatLabel('Osiedle Wschód')).toBe('Osiedle Wschód');
    // no canvas under Node: the DejaVu estimate
    expect(textWidth('abcd', 10)).toBeCloseTo(24.8, 6);
    const s = truncate('Spożywanie alkoholu w miejscach niedozwolonych', 100, 10);
    expect(s.endsWith('…')).toBe(true);
    expect(textWidth(s, 10)).toBeLessThanOrEqual(100);
    expect(truncate('Akty', 100, 10)).toBe('Akty');
  });
});
