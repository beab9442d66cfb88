/**
 * Time profiles of the demo: relative weights per hour of day (0-23, Warsaw time), weekday
 * (0 = Monday ... 6 = Sunday) and month (1-12, index 0 = January).
 */

export type HourProfile = readonly number[];

export const HOURS = {
  /** Drinking in public: afternoon rise, evening peak 19-22, tail after midnight. */
  evening: [1.2, 0.8, 0.4, 0.2, 0.1, 0.1, 0.2, 0.3, 0.5, 0.7, 1, 1.3, 1.6, 1.9, 2.3, 2.9, 3.6, 4.4, 5.3, 6.2, 6.6, 6.0, 4.4, 2.4],
  /** Speeding: commute peaks (7-9, 15-18) plus a late-evening/night component. */
  commuteNight: [1.5, 1.1, 0.7, 0.5, 0.6, 1.2, 2.6, 4.2, 4.0, 2.6, 2.1, 2.1, 2.3, 2.6, 3.4, 4.1, 4.3, 3.8, 2.9, 2.4, 2.4, 2.6, 2.5, 2.0],
  /** Parking: daytime, shopping and school hours. */
  daytime: [0.1, 0.05, 0.05, 0.05, 0.1, 0.2, 0.6, 2.2, 3.6, 4.0, 4.2, 4.3, 4.2, 4.1, 4.0, 4.2, 4.1, 3.6, 2.8, 2.0, 1.2, 0.7, 0.4, 0.2],
  /** Youth gatherings: after school, 16-22. */
  youth: [0.6, 0.3, 0.1, 0.05, 0.05, 0.05, 0.05, 0.1, 0.3, 0.4, 0.5, 0.7, 1.0, 1.5, 2.2, 3.0, 4.6, 5.4, 6.0, 6.0, 5.6, 4.6, 2.8, 1.3],
  /** Night-time: racing, vandalism. */
  night: [4.2, 3.6, 2.6, 1.6, 0.8, 0.3, 0.2, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.2, 1.5, 2.0, 2.8, 3.6, 4.4, 5.0, 4.8],
  /** Office-like daytime hours for things noticed in daylight (dumps, infrastructure, felling). */
  daylight: [0.05, 0.02, 0.02, 0.02, 0.05, 0.2, 0.8, 2.0, 3.2, 3.8, 4.0, 3.9, 3.7, 3.6, 3.6, 3.5, 3.3, 2.9, 2.4, 1.8, 1.1, 0.6, 0.3, 0.1],
  /** Begging: shop opening hours. */
  shops: [0, 0, 0, 0, 0, 0.05, 0.3, 1.2, 2.6, 3.6, 4.2, 4.4, 4.4, 4.2, 4.0, 3.8, 3.6, 3.2, 2.6, 1.6, 0.8, 0.3, 0.05, 0],
  /** Homeless person needing help: cold mornings and evenings. */
  homeless: [1.6, 1.2, 1.0, 1.0, 1.2, 1.8, 2.8, 3.4, 3.2, 2.6, 2.2, 2.0, 2.0, 2.0, 2.1, 2.4, 2.8, 3.2, 3.4, 3.4, 3.2, 2.8, 2.4, 2.0],
  /** Wild animals on roads: dusk and dawn. */
  duskDawn: [1.5, 1.1, 0.9, 1.2, 2.6, 4.0, 4.2, 3.2, 1.8, 1.0, 0.7, 0.6, 0.6, 0.7, 0.9, 1.3, 2.2, 3.4, 4.4, 4.6, 3.8, 3.0, 2.4, 2.0],
  /** Grass burning: late morning to evening. */
  afternoon: [0.1, 0.05, 0.02, 0.02, 0.02, 0.05, 0.2, 0.5, 1.0, 1.8, 2.8, 3.6, 4.2, 4.6, 4.8, 4.8, 4.4, 3.8, 3.0, 2.2, 1.4, 0.8, 0.4, 0.2],
  /** Generic: people report when awake. */
  awake: [0.5, 0.3, 0.2, 0.1, 0.1, 0.2, 0.6, 1.4, 2.2, 2.6, 2.8, 2.9, 2.9, 2.9, 3.0, 3.1, 3.2, 3.3, 3.3, 3.2, 2.9, 2.3, 1.6, 0.9],
} satisfies Record<string, HourProfile>;

export const WEEKDAYS = {
  flat: [1, 1, 1, 1, 1, 1, 1],
  /** Drinking: Friday and Saturday. */
  weekend: [0.75, 0.75, 0.85, 0.95, 1.55, 1.8, 1.15],
  /** Commute: working days. */
  workdays: [1.1, 1.05, 1.05, 1.1, 1.15, 0.85, 0.7],
  /** Parking: working days and Saturday shopping. */
  parking: [1.1, 1.1, 1.1, 1.1, 1.15, 0.9, 0.6],
  /** Youth: Friday/Saturday a bit more. */
  youth: [0.9, 0.9, 0.95, 1, 1.3, 1.3, 1],
  /** Racing: weekend nights. */
  racing: [0.6, 0.6, 0.7, 0.85, 1.4, 1.8, 1.1],
  /** Outdoor leisure (quads, water): weekends. */
  leisure: [0.7, 0.7, 0.7, 0.8, 1.0, 1.7, 1.7],
} satisfies Record<string, readonly number[]>;

export const MONTHS = {
  flat: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
  /** Outdoor drinking: summer peak. */
  summerDrinking: [0.45, 0.45, 0.65, 0.9, 1.3, 1.6, 1.8, 1.75, 1.25, 0.9, 0.6, 0.55],
  /** Water-side drinking (Zalew Bugaj): summer only. */
  summerOnly: [0.02, 0.02, 0.05, 0.2, 0.9, 2.2, 3.0, 2.8, 0.7, 0.1, 0.03, 0.02],
  /** Speeding: somewhat more in summer (dry roads, motorcycles). */
  speeding: [0.75, 0.75, 0.9, 1.05, 1.15, 1.2, 1.2, 1.2, 1.1, 1.0, 0.9, 0.8],
  /** Parking: All Saints' Day (cemeteries) and Christmas shopping. */
  parking: [0.95, 0.95, 1, 1, 1, 0.95, 0.85, 0.85, 1.05, 1.1, 1.3, 1.2],
  /** Youth gatherings: holidays and warm evenings. */
  youth: [0.6, 0.65, 0.8, 1.0, 1.3, 1.5, 1.5, 1.4, 1.1, 0.9, 0.7, 0.6],
  /** Grass burning: March-April. */
  grassBurning: [0.05, 0.5, 3.2, 3.0, 0.7, 0.1, 0.05, 0.05, 0.1, 0.3, 0.15, 0.05],
  /** Homeless in need: winter. */
  winter: [2.2, 2.0, 1.4, 0.7, 0.4, 0.3, 0.3, 0.3, 0.5, 1.0, 1.7, 2.2],
  /** Dangerous places on water: bathing season plus thin ice in January/February. */
  water: [0.5, 0.4, 0.05, 0.2, 0.7, 2.3, 3.0, 2.8, 0.6, 0.1, 0.05, 0.3],
  /** Wild animals on roads: spring and autumn (rut, short days). */
  wildAnimals: [0.8, 0.6, 0.8, 1.2, 1.4, 1.0, 0.9, 0.9, 1.1, 1.6, 1.5, 1.0],
  /** Quads and outdoor leisure: warm season. */
  warm: [0.4, 0.4, 0.8, 1.2, 1.4, 1.5, 1.5, 1.4, 1.2, 1.0, 0.6, 0.4],
  /** Illegal dumps: spring clean-ups and renovations. */
  dumps: [0.6, 0.6, 1.1, 1.5, 1.4, 1.1, 1.0, 1.0, 1.0, 1.1, 0.9, 0.6],
  /** Tree felling: the winter felling season. */
  felling: [1.6, 1.6, 1.3, 0.8, 0.6, 0.6, 0.6, 0.6, 0.8, 1.0, 1.3, 1.5],
  /** Greenery: growing season. */
  greenery: [0.4, 0.4, 0.8, 1.3, 1.5, 1.4, 1.3, 1.2, 1.1, 0.9, 0.5, 0.4],
  /** Stray dogs: a little more in warm months. */
  dogs: [0.85, 0.85, 0.95, 1.05, 1.1, 1.1, 1.1, 1.1, 1.05, 1.0, 0.9, 0.85],
  /** Vandalism and drugs: mildly seasonal. */
  mildSummer: [0.8, 0.8, 0.9, 1.0, 1.1, 1.2, 1.25, 1.25, 1.05, 0.95, 0.85, 0.8],
  /** Begging: cold season and Christmas. */
  begging: [1.1, 1.0, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 1.0, 1.2, 1.5],
} satisfies Record<string, readonly number[]>;

export function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}
