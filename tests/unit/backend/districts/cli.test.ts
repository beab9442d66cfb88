import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import { openWorkspace } from '../../../../src/backend/store/workspace';
import { warsawToUtc } from '../../../../src/core/domain/time';
import { createWorkspace, gridBeats, makeReports, to2180 } from '../../../helpers/districtWorkspace';
import { tmpDir } from '../../../helpers/tmp';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
function rejon(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'rejon.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let t: ReturnType<typeof tmpDir>;
let ws: string;
let beats2180: string;
beforeAll(() => {
  t = tmpDir('rejon-districts-cli-');
  ws = path.join(t.dir, 'ws.sqlite');
  createWorkspace(ws, makeReports({ n: 3000, hotBeat: 6, hotShare: 0.3 })).close();
  beats2180 = path.join(t.dir, 'rejony.geojson');
  fs.writeFileSync(beats2180, JSON.stringify(to2180(gridBeats())));
});
afterAll(() => t.cleanup());

describe('rejon districts / rejon stats', () => {
  it('imports beats and prints the counts as JSON', () => {
    const r = rejon(['districts', 'import', beats2180, '--workspace', ws, '--name-field', 'NAZWA', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ districts: 12 });
    expect(out.assigned + out.outside).toBe(3000);
    // independent check of the outside count with turf
    const db = openWorkspace(ws, { readonly: true });
    const pts = db.prepare('SELECT lon, lat FROM reports').all() as { lon: number; lat: number }[];
    db.close();
    const polys = gridBeats().features;
    const outside = pts.filter((p) => !polys.some((f) => turf.booleanPointInPolygon([p.lon, p.lat], f))).length;
    expect(out.outside).toBe(outside);
  });

  it('prints per-beat statistics with the documented fields; --to is an inclusive Warsaw day', () => {
    const r = rejon(['stats', '--workspace', ws, '--from', '2025-01-01', '--to', '2025-12-31', '--json']);
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(rows.length).toBe(12);
    for (const row of rows) for (const k of ['name', 'count', 'confirmed', 'previousCount', 'changePct', 'pValue']) expect(row).toHaveProperty(k);
    expect(rows[0].from).toBe(warsawToUtc(2025, 1, 1));
    expect(rows[0].to).toBe(warsawToUtc(2026, 1, 1));
    const hot = rows.find((x) => x.name === 'Rejon 6')!;
    expect(hot.significant).toBe(true);
    expect(hot.pValue as number).toBeLessThan(0.001);
    const db = openWorkspace(ws, { readonly: true });
    const n = (db.prepare(`SELECT count(*) AS n FROM reports r JOIN districts d ON d.id = r.district_id WHERE d.name = 'Rejon 6' AND created_at >= ? AND created_at < ?`).get(warsawToUtc(2025, 1, 1), warsawToUtc(2026, 1, 1)) as { n: number }).n;
    db.close();
    expect(hot.count).toBe(n);

    const withOutside = JSON.parse(rejon(['stats', '--workspace', ws, '--json', '--with-outside']).stdout) as { id: number; outside: boolean }[];
    expect(withOutside.length).toBe(13);
    expect(withOutside[12]).toMatchObject({ id: -1, outside: true });

    const text = rejon(['stats', '--workspace', ws, '--from', '2025-01-01', '--to', '2025-06-30', '--category', 'AKTY WANDALIZMU', '--status', 'potwierdzone']);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('Rejon 6');
    expect(text.stdout).toContain('Categories: Akty wandalizmu');
  });

  it('matches categories tolerantly and rejects unknown ones by name, with a non-zero exit', () => {
    const cat = JSON.parse(rejon(['stats', '--workspace', ws, '--category', 'spozywanie alkoholu w miejscach niedozwolonych', '--json']).stdout) as { count: number }[];
    expect(cat.length).toBe(12);
    const bad = rejon(['stats', '--workspace', ws, '--category', 'Akty wandalizmu', '--category', 'Latające spodki', '--status', 'Zamknięte']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('"Latające spodki"');
    const badStatus = rejon(['stats', '--workspace', ws, '--status', 'Zamknięte']);
    expect(badStatus.status).toBe(2);
    expect(badStatus.stderr).toContain('"Zamknięte"');
    expect(rejon(['stats', '--workspace', ws, '--from', '2025-13-01']).status).toBe(2);
    expect(rejon(['stats', '--workspace', ws, '--from', '2025-06-01', '--to', '2025-01-01']).status).toBe(2);
    expect(rejon(['stats']).status).toBe(2);
    expect(rejon(['districts', 'import', beats2180, '--workspace', ws, '--mode', 'merge']).status).toBe(2);
    const missing = rejon(['districts', 'import', path.join(t.dir, 'nope.geojson'), '--workspace', ws, '--name-field', 'NAZWA']);
    expect(missing.status).toBe(4);
    expect(missing.stderr).toMatch(/file not found/);
  });
});
