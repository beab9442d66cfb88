import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { crc32, pngPlan, withPngDpi } from '../../../../src/renderer/briefing/exportPng';

function chunks(png: Uint8Array): { type: string; data: Uint8Array }[] {
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: { type: string; data: Uint8Array }[] = [];
  for (let off = 8; off + 8 <= png.length; ) {
    const len = v.getUint32(off);
    out.push({ type: String.fromCharCode(...png.subarray(off + 4, off + 8)), data: png.subarray(off + 8, off + 8 + len) });
    off += 12 + len;
  }
  return out;
}

describe('map PNG export', () => {
  it('plans the pixel ratio for a DPI (CSS px = 1/96 in)', () => {
    expect(pngPlan(1000, 600, 96)).toEqual({ ratio: 1, width: 1000, height: 600, clamped: false, dpi: 96 });
    expect(pngPlan(1000, 600, 300)).toEqual({ ratio: 3.125, width: 3125, height: 1875, clamped: false, dpi: 300 });
    expect(pngPlan(1000, 600, 150)).toMatchObject({ ratio: 1.5625, width: 1562, height: 937 });
    // too big for the canvas limit: lowered, and says so
    const big = pngPlan(2000, 1000, 300);
    expect(big.clamped).toBe(true);
    expect(big.width).toBeLessThanOrEqual(4096);
    expect(big.ratio).toBeCloseTo(2.048, 6);
    expect(big.dpi).toBe(197);
    expect(pngPlan(800, 800, 600, 8192)).toMatchObject({ ratio: 6.25, width: 5000, clamped: false });
  });

  it('computes the PNG CRC', () => {
    expect(crc32(new TextEncoder().encode('IEND'))).toBe(0xae426082);
  });

  it('writes the DPI into a pHYs chunk after IHDR, replacing an old one', () => {
    const img = new PNG({ width: 3, height: 2 });
    img.data.fill(200);
    const png = new Uint8Array(PNG.sync.write(img));
    const out = withPngDpi(png, 300);
    const cs = chunks(out);
    expect(cs[0].type).toBe('IHDR');
    expect(cs[1].type).toBe('pHYs');
    const v = new DataView(cs[1].data.buffer, cs[1].data.byteOffset, 9);
    expect(v.getUint32(0)).toBe(11811); // 300 dpi in pixels per metre
    expect(v.getUint32(4)).toBe(11811);
    expect(cs[1].data[8]).toBe(1);
    // still a valid PNG (pngjs checks every CRC)
    const back = PNG.sync.read(Buffer.from(out), { checkCRC: true } as never);
    expect([back.width, back.height]).toEqual([3, 2]);
    const again = chunks(withPngDpi(out, 150));
    expect(again.filter((c) => c.type === 'pHYs')).toHaveLength(1);
    expect(new DataView(again[1].data.buffer, again[1].data.byteOffset, 4).getUint32(0)).toBe(5906);
    expect(() => withPngDpi(new Uint8Array(40), 300)).toThrow(/PNG/);
  });
});
