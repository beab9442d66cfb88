import { foldText } from './text';

export type StatusGroup = 'open' | 'confirmed' | 'rejected';

export interface Status {
  /** Stable numeric code stored in binary columns (1..7); 0 = unknown. */
  code: number;
  name: string;
  nameEn: string;
  group: StatusGroup;
  /** Final statuses end the flow; open ones still await verification. */
  final: boolean;
}

/** The 7 statuses of the police guidelines of Dec 2019 (DOMAIN.md §3). */
export const STATUSES: readonly Status[] = [
  { code: 1, name: 'Nowe', nameEn: 'New', group: 'open', final: false },
  { code: 2, name: 'Weryfikacja', nameEn: 'Under verification', group: 'open', final: false },
  { code: 3, name: 'Potwierdzone', nameEn: 'Confirmed', group: 'confirmed', final: false },
  { code: 4, name: 'Potwierdzone (przekazane poza Policję)', nameEn: 'Confirmed (referred outside the Police)', group: 'confirmed', final: true },
  { code: 5, name: 'Niepotwierdzone', nameEn: 'Not confirmed', group: 'rejected', final: true },
  { code: 6, name: 'Potwierdzone (wyeliminowane)', nameEn: 'Confirmed (eliminated)', group: 'confirmed', final: true },
  { code: 7, name: 'Żart lub pomyłka', nameEn: 'Joke or mistake', group: 'rejected', final: true },
];

export const STATUS_GROUPS: readonly { id: StatusGroup; name: string; nameEn: string }[] = [
  { id: 'open', name: 'Otwarte', nameEn: 'Open' },
  { id: 'confirmed', name: 'Potwierdzone', nameEn: 'Confirmed' },
  { id: 'rejected', name: 'Odrzucone', nameEn: 'Rejected' },
];

export const UNKNOWN_STATUS_CODE = 0;

const STATUS_ALIASES: Record<string, string> = {
  'w weryfikacji': 'Weryfikacja',
  weryfikowane: 'Weryfikacja',
  nowy: 'Nowe',
  potwierdzony: 'Potwierdzone',
  niepotwierdzony: 'Niepotwierdzone',
  'potwierdzone wyeliminowane': 'Potwierdzone (wyeliminowane)',
  'potwierdzone przekazane poza policje': 'Potwierdzone (przekazane poza Policję)',
  'przekazane poza policje': 'Potwierdzone (przekazane poza Policję)',
  wyeliminowane: 'Potwierdzone (wyeliminowane)',
  'zart lub pomylka': 'Żart lub pomyłka',
  'zart pomylka': 'Żart lub pomyłka',
};

const byCode = new Map(STATUSES.map((s) => [s.code, s]));
const byFolded = new Map<string, Status>();
for (const s of STATUSES) {
  byFolded.set(foldText(s.name), s);
  byFolded.set(foldText(s.name).replace(/[()]/g, '').replace(/\s+/g, ' ').trim(), s);
  byFolded.set(foldText(s.nameEn), s);
}
for (const [alias, canonical] of Object.entries(STATUS_ALIASES)) {
  const s = STATUSES.find((x) => x.name === canonical);
  if (!s) throw new Error(`status alias target missing: ${canonical}`);
  byFolded.set(alias, s);
}

export function statusByCode(code: number): Status | undefined {
  return byCode.get(code);
}

/** Tolerant match of a raw status string; undefined when it is not a known status. */
export function matchStatus(raw: string): Status | undefined {
  const folded = foldText(raw);
  if (!folded) return undefined;
  return byFolded.get(folded) ?? byFolded.get(folded.replace(/[()]/g, '').replace(/\s+/g, ' ').trim());
}

export function statusCode(name: string): number {
  return matchStatus(name)?.code ?? UNKNOWN_STATUS_CODE;
}

const VERIFIED_CODES = new Set(STATUSES.filter((s) => s.group !== 'open').map((s) => s.code));

/** The status code means the police checked the report (confirmed or rejected group). */
export function isVerifiedStatusCode(code: number): boolean {
  return VERIFIED_CODES.has(code);
}

/**
 * When a report first seen with this status was verified: already verified in a one-off export, the
 * source's modification time (else its creation time); null while it is still open.
 */
export function verifiedAtOnFirstSight(code: number, modifiedAt: number | null, createdAt: number): number | null {
  return VERIFIED_CODES.has(code) ? (modifiedAt ?? createdAt) : null;
}

export function statusGroupOf(name: string): StatusGroup | undefined {
  return matchStatus(name)?.group;
}
