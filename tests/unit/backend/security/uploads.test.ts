/**
 * Issue 14 point 6 (staged uploads): police exports hold personal data, so a staged upload lives in a private folder,
 * is limited in size and count, expires when idle, goes when its import ends (fileAccess.test.ts), and the folder of
 * a process killed mid-upload is swept at the next start.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sweepStaleUploads, UploadStore } from '../../../../src/backend/import/uploads';
import { tmpDir } from '../../../helpers/tmp';

let t: ReturnType<typeof tmpDir>;
beforeEach(() => {
  t = tmpDir('rejon-uploadtest-');
});
afterEach(() => t.cleanup());

const b64 = (n: number, fill = 0x41) => Buffer.alloc(n, fill).toString('base64');

describe('staged uploads', () => {
  it('stage in a 0700 folder with 0600 files, named by the owner pid', () => {
    const s = new UploadStore({ root: t.dir });
    const { uploadId } = s.append(undefined, '../../etc/evil name?.csv', 0, b64(10));
    const folder = s.stagingFolder!;
    expect(path.dirname(folder)).toBe(t.dir);
    expect(path.basename(folder)).toMatch(new RegExp(`^rejon-uploads-${process.pid}-`));
    expect(fs.statSync(folder).mode & 0o777).toBe(0o700);
    const [file] = fs.readdirSync(folder);
    expect(file).toBe(`${uploadId}-evil name_.csv`);
    expect(fs.statSync(path.join(folder, file)).mode & 0o777).toBe(0o600);
    s.dispose();
    expect(fs.existsSync(folder)).toBe(false);
  });

  it('limit the size of one upload, of all uploads, and their count, with named limits', () => {
    const s = new UploadStore({ root: t.dir, limits: { maxBytes: 1000, maxTotalBytes: 2500, maxCount: 3 } });
    const a = s.append(undefined, 'a.csv', 0, b64(600));
    expect(() => s.append(a.uploadId, 'a.csv', 600, b64(600))).toThrow(expect.objectContaining({ msg: { code: 'security.upload.tooLarge', params: { mb: 0 } } }));
    // the oversized upload is gone, not left half-written
    expect(s.count).toBe(0);
    const b = s.append(undefined, 'b.csv', 0, b64(900));
    const c = s.append(undefined, 'c.csv', 0, b64(900));
    expect(() => s.append(undefined, 'd.csv', 0, b64(900))).toThrow(expect.objectContaining({ msg: expect.objectContaining({ code: 'security.upload.totalTooLarge' }) }));
    s.append(undefined, 'e.csv', 0, b64(10));
    expect(() => s.append(undefined, 'f.csv', 0, b64(10))).toThrow(expect.objectContaining({ msg: { code: 'security.upload.tooMany', params: { max: 3 } } }));
    expect(s.resolve(b.uploadId).name).toBe('b.csv');
    expect(s.resolve(c.uploadId).name).toBe('c.csv');
    s.dispose();
  });

  it('expire when idle, but never while an import reads them', () => {
    let now = 0;
    const s = new UploadStore({ root: t.dir, limits: { idleMs: 1000 }, now: () => now });
    const a = s.append(undefined, 'a.csv', 0, b64(10)).uploadId;
    const b = s.append(undefined, 'b.csv', 0, b64(10)).uploadId;
    const lease = s.acquire(b);
    now = 5000;
    expect(() => s.resolve(a)).toThrow(expect.objectContaining({ msg: { code: 'security.upload.gone' } }));
    expect(fs.existsSync(lease.file)).toBe(true);
    s.discard(b); // the dialog closed while the import runs: the file stays until the import ends
    expect(fs.existsSync(lease.file)).toBe(true);
    lease.release();
    expect(fs.existsSync(lease.file)).toBe(false);
    expect(s.stagingFolder).toBeNull();
  });

  it('a process killed with SIGKILL during an upload leaves a folder that the next start sweeps', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('tests/helpers/uploadChild.ts'), t.dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c) => {
        out += c;
        if (out.includes('\n')) resolve(out.split('\n')[0]);
      });
      child.on('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    const { folder } = JSON.parse(line) as { folder: string };
    expect(fs.readdirSync(folder)).toHaveLength(1);
    // a live process keeps its folder
    expect(sweepStaleUploads(t.dir)).toEqual([]);
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    expect(fs.existsSync(folder)).toBe(true); // the crash left the personal data behind …
    // … and the next start removes it (the store sweeps when it is created, as every Backend does)
    const mine = fs.mkdtempSync(path.join(t.dir, `rejon-uploads-${process.pid}-`));
    const orphanOld = fs.mkdtempSync(path.join(t.dir, 'rejon-uploads-'));
    const orphanNew = fs.mkdtempSync(path.join(t.dir, 'rejon-uploads-'));
    const old = new Date(Date.now() - 7 * 3600_000);
    fs.utimesSync(orphanOld, old, old);
    const s = new UploadStore({ root: t.dir });
    expect(fs.existsSync(folder)).toBe(false);
    expect(fs.existsSync(mine)).toBe(true); // this (live) process
    expect(fs.existsSync(orphanOld)).toBe(false); // no owner, untouched for hours
    expect(fs.existsSync(orphanNew)).toBe(true); // no owner, recent: may belong to an older Rejon still running
    s.dispose();
  }, 60_000);

  it('never follows a symlink named like a staging folder', () => {
    const victim = path.join(t.dir, 'victim');
    fs.mkdirSync(victim);
    fs.writeFileSync(path.join(victim, 'keep.txt'), 'x');
    fs.symlinkSync(victim, path.join(t.dir, 'rejon-uploads-999999999-abc'));
    sweepStaleUploads(t.dir);
    expect(fs.existsSync(path.join(victim, 'keep.txt'))).toBe(true);
  });
});
