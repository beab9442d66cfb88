import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RejonError } from '../../shared/contract';
import type { ImportSource } from '../../shared/contract/import';
import type { Backend } from '../backend';

const MAX_UPLOAD_BYTES = 4 * 1024 ** 3;

/**
 * Files the browser sends in chunks (browser mode has no file paths), staged in a private temp
 * folder until imported; removed when the backend closes.
 */
export class UploadStore {
  private dir: string | null = null;
  private uploads = new Map<string, { name: string; file: string; size: number }>();

  private folder(): string {
    this.dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'rejon-uploads-'));
    return this.dir;
  }

  append(uploadId: string | undefined, name: string, offset: number, dataBase64: string): { uploadId: string; received: number } {
    const bytes = Buffer.from(dataBase64, 'base64');
    if (bytes.length > 8 * 1024 * 1024) throw new RejonError('bad-request', 'Upload chunk larger than 8 MiB.');
    let u = uploadId ? this.uploads.get(uploadId) : undefined;
    if (uploadId && !u) throw new RejonError('not-found', `No upload ${uploadId}.`);
    if (!u) {
      if (offset !== 0) throw new RejonError('bad-request', 'A new upload must start at offset 0.');
      const id = randomUUID();
      const safe = path.basename(name).replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 200) || 'upload';
      u = { name: safe, file: path.join(this.folder(), `${id}-${safe}`), size: 0 };
      this.uploads.set(id, u);
      uploadId = id;
    }
    if (offset !== u.size) throw new RejonError('bad-request', `Upload chunk at offset ${offset}, expected ${u.size}.`);
    if (u.size + bytes.length > MAX_UPLOAD_BYTES) throw new RejonError('bad-request', 'Upload larger than 4 GiB.');
    fs.appendFileSync(u.file, bytes);
    u.size += bytes.length;
    return { uploadId: uploadId!, received: u.size };
  }

  resolve(uploadId: string): { file: string; name: string } {
    const u = this.uploads.get(uploadId);
    if (!u) throw new RejonError('not-found', `No upload ${uploadId}.`);
    return { file: u.file, name: u.name };
  }

  dispose(): void {
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
    this.uploads.clear();
  }
}

/** The upload store of a backend (a member of Backend: staged files are removed when the workspace closes). */
export function uploadStoreOf(backend: Backend): UploadStore {
  return backend.uploads;
}

/** Local file and display name of an import source: a path (desktop, CLI) or a staged upload (browser). */
export function resolveImportSource(backend: Backend, source: ImportSource): { file: string; name: string } {
  if ('path' in source) return { file: path.resolve(source.path), name: path.basename(source.path) };
  return uploadStoreOf(backend).resolve(source.uploadId);
}
