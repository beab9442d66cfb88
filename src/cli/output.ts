import fs from 'node:fs';

/** Write one line to stdout (the CLI's only output channel for results). */
export function out(line: string): void {
  process.stdout.write(line + '\n');
}

/** Write a result file whole or not at all: a temporary file next to it, renamed over it; removed on failure. */
export function writeFileAtomic(file: string, bytes: Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new Error(`cannot write ${file}: ${(e as Error).message}`);
  }
}
