/** UI strings. Polish is the default language; English is the option. Keys are English. */

/** Plural forms by Intl.PluralRules category (Polish: one / few / many; English: one / other). */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export const plurals = {
  pl: {
    reports: { one: 'zgłoszenie', few: 'zgłoszenia', many: 'zgłoszeń', other: 'zgłoszenia' },
    districts: { one: 'rejon', few: 'rejony', many: 'rejonów', other: 'rejonu' },
  },
  en: {
    reports: { one: 'report', other: 'reports' },
    districts: { one: 'beat', other: 'beats' },
  },
} satisfies Record<string, Record<string, PluralForms>>;

export type PluralKey = keyof (typeof plurals)['pl'];
export const messages = {
  pl: {
    appTitle: 'Rejon',
    subtitle: 'analiza zgłoszeń KMZB',
    workspace: 'Obszar roboczy',
    demoBadge: 'DANE DEMONSTRACYJNE',
    loading: 'Wczytywanie…',
    generatingDemo: 'Generowanie danych demonstracyjnych',
    cancel: 'Anuluj',
    language: 'Język',
    layers: 'Warstwy',
    layerPoints: 'Punkty zgłoszeń',
    layerHeat: 'Mapa ciepła',
    layerDistricts: 'Rejony dzielnicowych',
    layerBoundaries: 'Granice administracyjne',
    legendHeat: 'Gęstość zgłoszeń (względna, ekranowa)',
    period: 'Okres danych',
    error: 'Błąd',
    jobFailed: 'Zadanie nie powiodło się',
    attribution: 'Granice: PRG (GUGiK), oprac. ppatrzyk/polska-geojson (MIT)',
    noData: 'Brak zgłoszeń w obszarze roboczym',
  },
  en: {
    appTitle: 'Rejon',
    subtitle: 'KMZB report analysis',
    workspace: 'Workspace',
    demoBadge: 'DEMO DATA',
    loading: 'Loading…',
    generatingDemo: 'Generating demo data',
    cancel: 'Cancel',
    language: 'Language',
    layers: 'Layers',
    layerPoints: 'Report points',
    layerHeat: 'Heat map',
    layerDistricts: 'Beat districts',
    layerBoundaries: 'Administrative boundaries',
    legendHeat: 'Report density (relative, screen-space)',
    period: 'Data period',
    error: 'Error',
    jobFailed: 'Job failed',
    attribution: 'Boundaries: PRG (GUGiK), via ppatrzyk/polska-geojson (MIT)',
    noData: 'No reports in this workspace',
  },
} as const;

export type Lang = keyof typeof messages;
export type MessageKey = keyof (typeof messages)['pl'];
