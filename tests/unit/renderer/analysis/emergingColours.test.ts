import { describe, expect, it } from 'vitest';
import { EMERGING_CATEGORIES } from '../../../../src/renderer/map/analysisLayers';

// sRGB <-> linear, CIE L*a*b* (D65) and the Machado, Oliveira & Fernandes (2009) deuteranopia matrix (severity 1.0)
const lin = (c: number) => { const v = c / 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
const enc = (v: number) => Math.max(0, Math.min(255, (v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055) * 255));
const MACHADO_DEUTAN = [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]];
const deuteranopia = (rgb: readonly number[]) => { const l = rgb.map(lin); return MACHADO_DEUTAN.map((r) => enc(r[0] * l[0] + r[1] * l[1] + r[2] * l[2])); };
function lab(rgb: readonly number[]): number[] {
  const [r, g, b] = rgb.map(lin);
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  const fx = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047), fy = f(0.2126 * r + 0.7152 * g + 0.0722 * b), fz = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}
const deltaE = (a: readonly number[], b: readonly number[]) => { const p = lab(a), q = lab(b); return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]); };

describe('emerging hot spot colours', () => {
  const patterns = EMERGING_CATEGORIES.slice(1); // 'none' is not drawn
  it('tell the 16 drawn patterns apart with normal vision and with deuteranopia (CIE76 ΔE ≥ 13)', () => {
    let minNormal = Infinity, minDeut = Infinity;
    for (let i = 0; i < patterns.length; i++) for (let j = i + 1; j < patterns.length; j++) {
      minNormal = Math.min(minNormal, deltaE(patterns[i].color, patterns[j].color));
      minDeut = Math.min(minDeut, deltaE(deuteranopia(patterns[i].color), deuteranopia(patterns[j].color)));
    }
    expect(minNormal).toBeGreaterThanOrEqual(13);
    expect(minDeut).toBeGreaterThanOrEqual(13);
  });
  it('keep every hot pattern far from every cold one for deuteranopes (ΔE ≥ 25), warm hues for hot, cool for cold', () => {
    const hot = patterns.filter((p) => p.id.endsWith('-hot')), cold = patterns.filter((p) => p.id.endsWith('-cold'));
    expect(hot).toHaveLength(8);
    expect(cold).toHaveLength(8);
    for (const h of hot) for (const c of cold) expect(deltaE(deuteranopia(h.color), deuteranopia(c.color)), `${h.id} / ${c.id}`).toBeGreaterThanOrEqual(25);
    // warm: red >= blue; cool: blue >= red (the greys of "historical cold" lean blue)
    for (const h of hot) expect(h.color[0]).toBeGreaterThan(h.color[2]);
    for (const c of cold) expect(c.color[2]).toBeGreaterThan(c.color[0]);
    // and in the simulation, hot colours stay on the yellow side (b* > 0), cold ones on the blue side (b* < 0) or grey
    for (const h of hot) expect(lab(deuteranopia(h.color))[2]).toBeGreaterThan(0);
    for (const c of cold) expect(lab(deuteranopia(c.color))[2]).toBeLessThan(5);
  });
});
