/** Write one line to stdout (the CLI's only output channel for results). */
export function out(line: string): void {
  process.stdout.write(line + '\n');
}
