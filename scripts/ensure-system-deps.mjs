// Installs the Debian packages the tests need (Chromium for end-to-end tests, poppler-utils for
// reading PDFs back, gdal-bin for independent geometry checks and reading GeoPackages back), only when missing. Never downloads a browser of its own.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const NEEDED = [
  { bin: '/usr/bin/chromium', pkg: 'chromium' },
  { bin: '/usr/bin/pdftoppm', pkg: 'poppler-utils' },
  { bin: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', pkg: 'fonts-dejavu-core' },
  // GDAL's ST_Centroid is the independent check of the beats' area centroids (tests/unit/backend/analysis/hotspots.test.ts)
  { bin: '/usr/bin/ogr2ogr', pkg: 'gdal-bin' },
  // ogrinfo / ogr2ogr read the GeoPackages Rejon writes back in the tests
  { bin: '/usr/bin/ogrinfo', pkg: 'gdal-bin' },
];

export function ensureSystemDeps() {
  const missing = NEEDED.filter((n) => !fs.existsSync(n.bin)).map((n) => n.pkg);
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const prefix = isRoot ? [] : ['sudo', '-n'];
  console.log(`[setup] installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) => {
    const [cmd, ...rest] = [...prefix, ...args];
    const r = spawnSync(cmd, rest, { stdio: 'inherit', env });
    if (r.status !== 0) throw new Error(`"${args.join(' ')}" failed (exit ${r.status}). Install ${missing.join(', ')} with apt-get and retry.`);
  };
  run(['apt-get', 'update', '-q']);
  run(['apt-get', 'install', '-y', '-q', '--no-install-recommends', ...missing]);
  for (const n of NEEDED) if (!fs.existsSync(n.bin)) throw new Error(`${n.pkg} installed but ${n.bin} is missing`);
  try {
    console.log(`[setup] ${execFileSync('/usr/bin/chromium', ['--version']).toString().trim()}`);
  } catch {
    /* version print is informational */
  }
}

if (import.meta.url === `file://${process.argv[1]}`) ensureSystemDeps();
