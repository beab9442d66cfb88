/**
 * Send a File to the backend with uploadChunk: base64 chunks of at most 4 MiB decoded (the contract
 * allows 8), each at the offset the backend has confirmed. Works over both transports (HTTP and the
 * Electron preload): a dropped File has no usable path in the renderer.
 */
import type { RejonApi } from '../../shared/contract';
import { bytesToBase64, chunkRanges } from './logic';

export class UploadAborted extends Error {
  constructor() {
    super('upload aborted');
    this.name = 'UploadAborted';
  }
}

export async function uploadFile(
  api: Pick<RejonApi, 'uploadChunk' | 'discardUpload'>,
  file: File,
  onProgress: (sent: number, total: number) => void,
  signal?: AbortSignal,
): Promise<string> {
  const ranges = chunkRanges(file.size);
  if (ranges.length === 0) ranges.push([0, 0]); // an empty file still gets an upload id; inspection names the problem
  let uploadId: string | undefined;
  let received = 0;
  onProgress(0, file.size);
  try {
    for (const [start, end] of ranges) {
      if (signal?.aborted) throw new UploadAborted();
      const bytes = new Uint8Array(await file.slice(start, end).arrayBuffer());
      const res = await api.uploadChunk({ uploadId, name: file.name || 'plik', offset: received, data: bytesToBase64(bytes) });
      uploadId = res.uploadId;
      if (res.received !== end) throw new Error(`Upload out of step: backend has ${res.received} bytes, expected ${end}.`);
      received = res.received;
      onProgress(received, file.size);
    }
  } catch (e) {
    // a half-sent file (personal data) is not left staged on the backend
    if (uploadId) await api.discardUpload({ uploadId }).catch(() => undefined);
    throw e;
  }
  return uploadId!;
}
