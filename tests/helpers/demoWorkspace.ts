import fs from 'node:fs';
import path from 'node:path';
import { synthesizeDemo } from '../../src/backend/demo/synth';
import { writeDemo } from '../../src/backend/demo/writeDemo';
import { openWorkspace } from '../../src/backend/store/workspace';

let template: string | null = null;

/** A fresh copy of the seed-1 demo workspace in `dir` (the demo is generated once per test process). */
export function demoWorkspace(dir: string, name = 'demo.sqlite'): string {
  if (!template) {
    const t = path.join(fs.mkdtempSync(path.join(path.dirname(dir), 'rejon-demo-template-')), 'demo.sqlite');
    const db = openWorkspace(t, { create: true });
    writeDemo(db, synthesizeDemo({ seed: 1 }));
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    db.close();
    template = t;
  }
  const file = path.join(dir, name);
  fs.copyFileSync(template, file);
  return file;
}
