/**
 * PNG of a map view at a chosen DPI: the map is re-rendered at pixelRatio = dpi / 96 (CSS pixels are
 * 1/96 inch), read back, composited with the deck.gl overlay canvas when given, tagged with the DPI
 * (PNG pHYs chunk) and the pixel ratio is restored.
 *
 * Reading a WebGL canvas outside its own frame needs `preserveDrawingBuffer: true` on that canvas
 * (MapLibre: `canvasContextAttributes`; deck.gl: `deviceProps: { webgl: { preserveDrawingBuffer: true } }`),
 * otherwise it reads as blank. The MapLibre canvas is read inside a 'render' callback, which works either way.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

/** The deck.gl MapLibreOverlay (non-interleaved) or anything with the same two methods. */
export interface OverlayLike {
  setProps(props: { useDevicePixels?: number | boolean }): void;
  getCanvas(): HTMLCanvasElement | null;
}

export interface PngPlan {
  /** Pixel ratio to render at. */
  ratio: number;
  width: number;
  height: number;
  /** True when the ratio was lowered to keep the canvas within maxSide. */
  clamped: boolean;
  /** The DPI the image really has (lower than asked when clamped). */
  dpi: number;
}

/** Output size for a view of cssWidth × cssHeight CSS pixels at `dpi`, keeping both sides ≤ maxSide. */
export function pngPlan(cssWidth: number, cssHeight: number, dpi: number, maxSide = 4096): PngPlan {
  const wanted = Math.max(0.25, dpi / 96);
  const limit = Math.min(maxSide / Math.max(1, cssWidth), maxSide / Math.max(1, cssHeight));
  const ratio = Math.min(wanted, limit);
  return {
    ratio,
    width: Math.max(1, Math.floor(cssWidth * ratio)),
    height: Math.max(1, Math.floor(cssHeight * ratio)),
    clamped: ratio < wanted,
    dpi: Math.round(ratio * 96),
  };
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Insert (or replace) the pHYs chunk so that image viewers and word processors see the DPI. */
export function withPngDpi(png: Uint8Array, dpi: number): Uint8Array {
  const SIG = [137, 80, 78, 71, 13, 10, 26, 10];
  if (png.length < 33 || SIG.some((b, i) => png[i] !== b)) throw new Error('not a PNG');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const ppm = Math.round(dpi / 0.0254);
  const chunk = new Uint8Array(21);
  const cv = new DataView(chunk.buffer);
  cv.setUint32(0, 9);
  chunk.set([0x70, 0x48, 0x59, 0x73], 4); // "pHYs"
  cv.setUint32(8, ppm);
  cv.setUint32(12, ppm);
  chunk[16] = 1; // unit: metre
  cv.setUint32(17, crc32(chunk.subarray(4, 17)));
  // walk the chunks: drop an existing pHYs, insert ours after IHDR
  const parts: Uint8Array[] = [png.subarray(0, 8)];
  let off = 8;
  while (off + 8 <= png.length) {
    const len = view.getUint32(off);
    const type = String.fromCharCode(png[off + 4], png[off + 5], png[off + 6], png[off + 7]);
    const end = off + 12 + len;
    if (type !== 'pHYs') parts.push(png.subarray(off, end));
    if (type === 'IHDR') parts.push(chunk);
    off = end;
  }
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function once(map: MapLibreMap, event: 'idle' | 'render', timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      map.off(event, done);
      resolve();
    }, timeoutMs);
    function done() {
      clearTimeout(timer);
      map.off(event, done);
      resolve();
    }
    map.on(event, done);
  });
}

const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

/**
 * Render the map (and the overlay, if given) at `dpi` and return a PNG. The map keeps its size and view;
 * only the drawing-buffer resolution changes for the capture and is restored afterwards.
 */
export async function exportMapPng(map: MapLibreMap, dpi: number, overlay?: OverlayLike | null): Promise<Blob> {
  if (!(dpi >= 24 && dpi <= 1200)) throw new Error(`DPI out of range (24–1200): ${dpi}`);
  const canvas = map.getCanvas();
  const container = map.getContainer();
  const cssW = container.clientWidth;
  const cssH = container.clientHeight;
  const plan = pngPlan(cssW, cssH, dpi);
  const prevRatio = map.getPixelRatio();
  const deviceRatio = typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1;
  try {
    map.setPixelRatio(plan.ratio);
    overlay?.setProps({ useDevicePixels: plan.ratio });
    await once(map, 'idle', 30_000);
    // let the overlay redraw at its new resolution (it draws on its own animation frame after the map's)
    await frame();
    await frame();
    const out = document.createElement('canvas');
    out.width = canvas.width;
    out.height = canvas.height;
    const ctx = out.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas context');
    const drawn = once(map, 'render', 10_000);
    map.once('render', () => {
      ctx.drawImage(canvas, 0, 0);
    });
    map.triggerRepaint();
    await drawn;
    const deckCanvas = overlay?.getCanvas();
    if (deckCanvas && deckCanvas !== canvas && deckCanvas.width > 0) ctx.drawImage(deckCanvas, 0, 0, out.width, out.height);
    const blob = await new Promise<Blob>((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
    const realDpi = Math.round((out.width / Math.max(1, cssW)) * 96);
    const bytes = withPngDpi(new Uint8Array(await blob.arrayBuffer()), realDpi);
    return new Blob([bytes as BlobPart], { type: 'image/png' });
  } finally {
    // back to the device ratio (null = no override) or to the override that was there before
    map.setPixelRatio((prevRatio === deviceRatio ? null : prevRatio) as number);
    overlay?.setProps({ useDevicePixels: true });
  }
}
