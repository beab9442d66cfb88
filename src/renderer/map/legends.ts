/** Legend descriptions: every layer states what its colours mean, with units. */
export type LegendSpec =
  | { id: string; title: string; unit: string; kind: 'ramp'; colors: [number, number, number][]; min: number; max: number; note?: string }
  | { id: string; title: string; unit: string; kind: 'classes'; items: { color: [number, number, number] | readonly number[]; label: string }[]; note?: string };
