import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Location of the bundled `resources/` folder. REJON_RESOURCES overrides (the Electron main process
 * passes its packaged path); otherwise it is found relative to this source file or the build output.
 */
export function resourcesDir(): string {
  const env = process.env.REJON_RESOURCES;
  if (env) return env;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'resources');
    if (fs.existsSync(path.join(candidate, 'boundaries'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('Rejon resources folder not found (set REJON_RESOURCES).');
}

/**
 * The built renderer (out/renderer, with index.html): REJON_RENDERER_DIR when set, else found upwards from this
 * file, both from the sources (src/backend → out/renderer) and from the bundle (out/main[/chunks] → out/renderer).
 * null when there is none (not built).
 */
export function builtRendererDir(): string | null {
  const env = process.env.REJON_RENDERER_DIR;
  if (env) return fs.existsSync(path.join(env, 'index.html')) ? path.resolve(env) : null;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const built = path.join(dir, 'out', 'renderer');
    if (fs.existsSync(path.join(built, 'index.html'))) return built;
    if (path.basename(dir) === 'out' && fs.existsSync(path.join(dir, 'renderer', 'index.html'))) return path.join(dir, 'renderer');
    dir = path.dirname(dir);
  }
  return null;
}

export function resourcePath(...parts: string[]): string {
  const base = resourcesDir();
  const p = path.resolve(base, ...parts);
  if (!p.startsWith(base + path.sep)) throw new Error(`resource path escapes the resources folder: ${parts.join('/')}`);
  return p;
}

const jsonCache = new Map<string, unknown>();
export function readResourceJson<T>(...parts: string[]): T {
  const p = resourcePath(...parts);
  let v = jsonCache.get(p);
  if (v === undefined) {
    v = JSON.parse(fs.readFileSync(p, 'utf8'));
    jsonCache.set(p, v);
  }
  return v as T;
}
