import fs from 'node:fs';
import path from 'node:path';

/**
 * A minimal stand-in for the renderer's print document (tests of the backend's PDF pipeline only): reads
 * `#token=…&print=…`, fetches the briefing data through the contract over HTTP, draws a title page and one
 * page per beat (name, count and a canvas "map"), then sets data-print-ready. `mode` makes it fail or hang.
 */
export function writePrintStub(dir: string, mode: 'ok' | 'error' | 'hang' = 'ok'): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8"><title>stub</title>
<style>@page{size:A4 landscape} body{margin:0;font-family:'DejaVu Sans',sans-serif} .page{page-break-after:always;height:180mm;position:relative} canvas{position:absolute;left:10mm;top:30mm}</style>
</head><body><script src="./stub.js"></script></body></html>`,
  );
  fs.writeFileSync(
    path.join(dir, 'stub.js'),
    `(async () => {
  const MODE = ${JSON.stringify(mode)};
  const root = document.documentElement;
  try {
    const hash = location.hash;
    const token = /[#&]token=([^&]+)/.exec(hash)[1];
    const raw = /[#&]print=([^&]+)/.exec(hash)[1];
    const b64 = raw.replace(/-/g, '+').replace(/_/g, '/');
    const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    const payload = JSON.parse(new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0))));
    if (MODE === 'hang') return;
    if (MODE === 'error') throw new Error('stub failure on purpose');
    const method = payload.public ? 'getPublicBriefingData' : 'getBriefingData';
    const input = payload.public ? { request: payload.request, options: payload.public } : { request: payload.request };
    const res = await fetch('/api/call/' + method, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token }, body: JSON.stringify(input) });
    const body = await res.json();
    if (!res.ok) throw new Error(body.error.message);
    const d = body.result;
    const page = (html) => { const p = document.createElement('section'); p.className = 'page'; p.innerHTML = html; document.body.appendChild(p); return p; };
    page('<h1>' + d.title + '</h1><p>Zażółć gęślą jaźń ' + d.period.from + ' – ' + d.period.to + '</p>');
    for (const b of d.beats) {
      const count = typeof b.count === 'number' ? b.count : b.count.label;
      const p = page('<h2>' + b.name + '</h2><p>Zgłoszenia: ' + count + '</p>');
      const c = document.createElement('canvas'); c.width = 600; c.height = 400; p.appendChild(c);
      const g = c.getContext('2d');
      g.fillStyle = '#eee'; g.fillRect(0, 0, 600, 400);
      for (let i = 0; i < 40; i++) { g.fillStyle = 'hsl(' + (i * 37) % 360 + ',80%,50%)'; g.fillRect((i * 53) % 560, (i * 97) % 360, 40, 40); }
    }
    root.dataset.printReady = 'true';
  } catch (e) {
    root.dataset.printError = String(e && e.message || e);
    root.dataset.printReady = 'error';
  }
})();
`,
  );
  return dir;
}
