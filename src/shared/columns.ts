/**
 * Binary columnar encoding of report points: the map and filters work on typed arrays, never on
 * arrays of objects (1M reports = ~30 MB, decoded without copying).
 *
 * Layout (little-endian): 16-byte header ["RJC1", version u32, count u32, reserved u32], then the
 * columns below in order, each starting at an 8-byte aligned offset.
 */
export interface ReportColumns {
  count: number;
  /** Workspace report ids. */
  id: Uint32Array;
  /** Interleaved lon, lat (WGS84). */
  position: Float32Array;
  /** Creation time, UTC seconds since epoch. */
  time: Uint32Array;
  category: Uint8Array;
  status: Uint8Array;
  /** Warsaw local hour 0-23. */
  hour: Uint8Array;
  /** 0 = Monday ... 6 = Sunday. */
  weekday: Uint8Array;
  /** District id, 0 when outside all districts. */
  district: Uint32Array;
  /** Bit 0: outside the workspace's territory (reports.outside_territory). */
  flags: Uint8Array;
}

const MAGIC = 0x31434a52; // 'RJC1'
const VERSION = 2;

type ColumnSpec = { name: Exclude<keyof ReportColumns, 'count'>; ctor: { new (b: ArrayBuffer, o: number, n: number): ArrayBufferView & ArrayLike<number>; BYTES_PER_ELEMENT: number }; width: number };

const SPECS: ColumnSpec[] = [
  { name: 'id', ctor: Uint32Array, width: 1 },
  { name: 'position', ctor: Float32Array, width: 2 },
  { name: 'time', ctor: Uint32Array, width: 1 },
  { name: 'category', ctor: Uint8Array, width: 1 },
  { name: 'status', ctor: Uint8Array, width: 1 },
  { name: 'hour', ctor: Uint8Array, width: 1 },
  { name: 'weekday', ctor: Uint8Array, width: 1 },
  { name: 'district', ctor: Uint32Array, width: 1 },
  { name: 'flags', ctor: Uint8Array, width: 1 },
];

const align8 = (n: number) => (n + 7) & ~7;

function layout(count: number): { offsets: number[]; total: number } {
  let offset = 16;
  const offsets: number[] = [];
  for (const s of SPECS) {
    offsets.push(offset);
    offset = align8(offset + s.ctor.BYTES_PER_ELEMENT * s.width * count);
  }
  return { offsets, total: offset };
}

/** Allocate empty columns backed by one buffer, ready to be filled and sent as-is. */
export function allocateReportColumns(count: number): { columns: ReportColumns; bytes: Uint8Array<ArrayBuffer> } {
  const { offsets, total } = layout(count);
  const buffer = new ArrayBuffer(total);
  const header = new Uint32Array(buffer, 0, 4);
  header[0] = MAGIC;
  header[1] = VERSION;
  header[2] = count;
  const columns = { count } as ReportColumns;
  SPECS.forEach((s, i) => {
    (columns as unknown as Record<string, unknown>)[s.name] = new s.ctor(buffer, offsets[i], count * s.width);
  });
  return { columns, bytes: new Uint8Array(buffer) };
}

/** View a received buffer as columns (copies once only when the buffer is not 8-byte aligned). */
export function decodeReportColumns(input: Uint8Array | ArrayBuffer): ReportColumns {
  let bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.byteOffset % 8 !== 0) bytes = bytes.slice();
  if (bytes.byteLength < 16) throw new Error('report columns: truncated header');
  const header = new Uint32Array(bytes.buffer, bytes.byteOffset, 4);
  if (header[0] !== MAGIC) throw new Error('report columns: bad magic');
  if (header[1] !== VERSION) throw new Error(`report columns: unsupported version ${header[1]}`);
  const count = header[2];
  const { offsets, total } = layout(count);
  if (bytes.byteLength < total) throw new Error('report columns: truncated body');
  const columns = { count } as ReportColumns;
  SPECS.forEach((s, i) => {
    (columns as unknown as Record<string, unknown>)[s.name] = new s.ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset + offsets[i], count * s.width);
  });
  return columns;
}
