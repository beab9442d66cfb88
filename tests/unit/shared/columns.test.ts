import { describe, expect, it } from 'vitest';
import { allocateReportColumns, decodeReportColumns } from '../../../src/shared/columns';

describe('report columns', () => {
  it('round-trips through bytes, also from an unaligned copy', () => {
    const { columns, bytes } = allocateReportColumns(5);
    for (let i = 0; i < 5; i++) {
      columns.id[i] = 100 + i;
      columns.position[2 * i] = 19.7 + i / 100;
      columns.position[2 * i + 1] = 51.4;
      columns.time[i] = 1_700_000_000 + i;
      columns.category[i] = i + 1;
      columns.status[i] = 7 - i;
      columns.hour[i] = 20 + (i % 4);
      columns.weekday[i] = i;
      columns.district[i] = i % 2;
    }
    const padded = new Uint8Array(bytes.byteLength + 3);
    padded.set(bytes, 3);
    for (const input of [bytes, padded.subarray(3)]) {
      const d = decodeReportColumns(input);
      expect(d.count).toBe(5);
      expect([...d.id]).toEqual([100, 101, 102, 103, 104]);
      expect(d.position[8]).toBeCloseTo(19.74, 5);
      expect([...d.category]).toEqual([1, 2, 3, 4, 5]);
      expect([...d.status]).toEqual([7, 6, 5, 4, 3]);
      expect(d.time[4]).toBe(1_700_000_004);
    }
  });
  it('rejects garbage', () => {
    expect(() => decodeReportColumns(new Uint8Array(40))).toThrow(/magic/);
    expect(() => decodeReportColumns(new Uint8Array(4))).toThrow(/truncated/);
  });
});
