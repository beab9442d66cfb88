import { foldText } from './text';

/** Thematic groups used by filters and legends. */
export type CategoryGroup = 'road' | 'order' | 'environment' | 'social' | 'animals' | 'other';

export interface Category {
  /** Stable numeric code stored in binary columns (1..24); 0 is reserved for unknown categories. */
  code: number;
  /** Exact KMZB name (DOMAIN.md §2). */
  name: string;
  nameEn: string;
  group: CategoryGroup;
  /** Handled by traffic police rather than the beat officer. */
  road: boolean;
  /** RGB colour for points and legends. */
  color: [number, number, number];
}

export const UNKNOWN_CATEGORY_CODE = 0;

/** The 24 current KMZB categories, in the order of DOMAIN.md §2. Codes never change once shipped. */
export const CATEGORIES: readonly Category[] = [
  { code: 1, name: 'Akty wandalizmu', nameEn: 'Vandalism', group: 'order', road: false, color: [190, 30, 45] },
  { code: 2, name: 'Dzikie wysypiska śmieci', nameEn: 'Illegal rubbish dumps', group: 'environment', road: false, color: [120, 94, 60] },
  { code: 3, name: 'Grupowanie się małoletnich zagrożonych demoralizacją', nameEn: 'Gatherings of at-risk minors', group: 'order', road: false, color: [230, 120, 40] },
  { code: 4, name: 'Kłusownictwo', nameEn: 'Poaching', group: 'animals', road: false, color: [90, 110, 40] },
  { code: 5, name: 'Miejsca niebezpieczne na wodach', nameEn: 'Dangerous places on water', group: 'environment', road: false, color: [30, 120, 200] },
  { code: 6, name: 'Miejsce niebezpiecznej działalności rozrywkowej', nameEn: 'Dangerous entertainment venue', group: 'order', road: false, color: [200, 60, 160] },
  { code: 7, name: 'Nielegalna wycinka drzew', nameEn: 'Illegal tree felling', group: 'environment', road: false, color: [40, 110, 60] },
  { code: 8, name: 'Nielegalne rajdy samochodowe', nameEn: 'Illegal car racing', group: 'road', road: true, color: [250, 60, 20] },
  { code: 9, name: 'Nieprawidłowe parkowanie', nameEn: 'Illegal parking', group: 'road', road: true, color: [70, 90, 220] },
  { code: 10, name: 'Niestrzeżone przejście przez tory', nameEn: 'Unguarded track crossing (pedestrian)', group: 'road', road: true, color: [100, 100, 100] },
  { code: 11, name: 'Niestrzeżony przejazd kolejowy', nameEn: 'Unguarded level crossing', group: 'road', road: true, color: [60, 60, 60] },
  { code: 12, name: 'Niewłaściwa infrastruktura drogowa', nameEn: 'Inadequate road infrastructure', group: 'road', road: true, color: [140, 140, 200] },
  { code: 13, name: 'Niszczenie zieleni', nameEn: 'Destruction of greenery', group: 'environment', road: false, color: [80, 170, 70] },
  { code: 14, name: 'Osoba bezdomna wymagająca pomocy', nameEn: 'Homeless person in need of help', group: 'social', road: false, color: [150, 90, 200] },
  { code: 15, name: 'Poruszanie się po terenach leśnych quadami', nameEn: 'Quad bikes in forests', group: 'environment', road: false, color: [130, 150, 50] },
  { code: 16, name: 'Przekraczanie dozwolonej prędkości', nameEn: 'Speeding', group: 'road', road: true, color: [230, 30, 90] },
  { code: 17, name: 'Spożywanie alkoholu w miejscach niedozwolonych', nameEn: 'Drinking in prohibited places', group: 'order', road: false, color: [240, 180, 20] },
  { code: 18, name: 'Używanie środków odurzających', nameEn: 'Drug use', group: 'order', road: false, color: [160, 40, 120] },
  { code: 19, name: 'Wałęsające się bezpańskie psy', nameEn: 'Stray dogs', group: 'animals', road: false, color: [150, 110, 70] },
  { code: 20, name: 'Wypalanie traw', nameEn: 'Grass burning', group: 'environment', road: false, color: [255, 120, 0] },
  { code: 21, name: 'Zdarzenia drogowe z udziałem zwierząt leśnych', nameEn: 'Road incidents with wild animals', group: 'road', road: true, color: [110, 80, 40] },
  { code: 22, name: 'Znęcanie się nad zwierzętami', nameEn: 'Animal cruelty', group: 'animals', road: false, color: [200, 100, 100] },
  { code: 23, name: 'Zła organizacja ruchu drogowego', nameEn: 'Poor traffic organisation', group: 'road', road: true, color: [100, 160, 220] },
  { code: 24, name: 'Żebractwo', nameEn: 'Begging', group: 'social', road: false, color: [180, 140, 200] },
];

export const CATEGORY_GROUPS: readonly { id: CategoryGroup; name: string; nameEn: string }[] = [
  { id: 'road', name: 'Drogowe', nameEn: 'Road' },
  { id: 'order', name: 'Porządek publiczny', nameEn: 'Public order' },
  { id: 'environment', name: 'Środowisko', nameEn: 'Environment' },
  { id: 'social', name: 'Społeczne', nameEn: 'Social' },
  { id: 'animals', name: 'Zwierzęta', nameEn: 'Animals' },
  { id: 'other', name: 'Inne', nameEn: 'Other' },
];

/** Legacy and alias spellings seen in older data and press (DOMAIN.md §2), mapped to current names. */
const CATEGORY_ALIASES: Record<string, string> = {
  'Przekroczenie dozwolonej prędkości': 'Przekraczanie dozwolonej prędkości',
  'Miejsca niebezpiecznej działalności rozrywkowej': 'Miejsce niebezpiecznej działalności rozrywkowej',
  'Zdarzenia drogowe z udziałem dzikich zwierząt': 'Zdarzenia drogowe z udziałem zwierząt leśnych',
  'Dzikie kąpieliska': 'Miejsca niebezpieczne na wodach',
  'Utonięcia': 'Miejsca niebezpieczne na wodach',
  'Miejsca niebezpieczne na terenach wodnych': 'Miejsca niebezpieczne na wodach',
};

const byCode = new Map(CATEGORIES.map((c) => [c.code, c]));
const byFolded = new Map<string, Category>();
for (const c of CATEGORIES) byFolded.set(foldText(c.name), c);
for (const [alias, canonical] of Object.entries(CATEGORY_ALIASES)) {
  const c = CATEGORIES.find((x) => x.name === canonical);
  if (!c) throw new Error(`alias target missing: ${canonical}`);
  byFolded.set(foldText(alias), c);
}

export function categoryByCode(code: number): Category | undefined {
  return byCode.get(code);
}

/**
 * Tolerant match of a raw category string (case, diacritics, spacing, ASCII folding, legacy aliases).
 * Returns undefined for unknown categories: callers keep the raw text, never drop the report.
 */
export function matchCategory(raw: string): Category | undefined {
  const folded = foldText(raw);
  if (!folded) return undefined;
  return byFolded.get(folded);
}

/** Code for a stored category name (canonical or unknown raw text). */
export function categoryCode(name: string): number {
  return matchCategory(name)?.code ?? UNKNOWN_CATEGORY_CODE;
}
