import fs from 'node:fs';
import path from 'node:path';
import { synthesizeDemo } from '../../src/backend/demo/synth';
import { writeDemo } from '../../src/backend/demo/writeDemo';
import { openWorkspace } from '../../src/backend/store/workspace';
import { fixtureCache } from './tmp';

let template: string | null = null;

/**
 * A fresh copy of the seed-1 demo workspace in `dir`. The demo is generated once per run (shared by the test files
 * through the cache folder: written under a private name, then renamed into place) and never left in the temp folder.
 */
export function demoWorkspace(dir: string, name = 'demo.sqlite'): string {
  if (!template || !fs.existsSync(template)) {
    const t = path.join(fixtureCache(), 'demo-seed1.sqlite');
    if (!fs.existsSync(t)) {
      const part = `${t}.${process.pid}.${Date.now()}.part`;
      const db = openWorkspace(part, { create: true });
      writeDemo(db, synthesizeDemo({ seed: 1 }));
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.pragma('journal_mode = DELETE');
      db.close();
      fs.renameSync(part, t);
    }
    template = t;
  }
  const file = path.join(dir, name);
  fs.copyFileSync(template, file);
  return file;
}
