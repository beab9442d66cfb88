/**
 * Read worker thread (issue 14, pt 4): its own read-only connection to the open workspace; answers one heavy read
 * at a time (src/backend/reads/methods.ts), so the backend's thread keeps answering small calls meanwhile.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { isReadMethod, READ_METHODS } from './methods';

const { file, nativeBinding } = workerData as { file: string; nativeBinding?: string };
const db = new Database(file, { readonly: true, fileMustExist: true, nativeBinding });
db.pragma('query_only = ON');
db.pragma('busy_timeout = 5000');

parentPort!.on('message', (m: { id: number; method: string; input: unknown }) => {
  try {
    if (!isReadMethod(m.method)) throw new Error(`Not a read-worker method: ${m.method}`);
    const result = (READ_METHODS[m.method] as (db: Database.Database, input: unknown) => unknown)(db, m.input);
    const transfer = result instanceof Uint8Array ? [result.buffer as ArrayBuffer] : [];
    parentPort!.postMessage({ id: m.id, result }, transfer);
  } catch (e) {
    const err = e as Error & { code?: unknown; msg?: unknown };
    parentPort!.postMessage({ id: m.id, error: { name: err.name, message: err.message, code: typeof err.code === 'string' ? err.code : undefined, msg: err.msg } });
  }
});
