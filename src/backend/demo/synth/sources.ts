/**
 * The local category mix of the Piotrków demo and where/when each kind of report comes from.
 * Shares are per cent of all reports (normalised); each category is split over "sources", each with
 * a spatial sampler and its own time profile.
 */
import { categoryByCode } from '../../../core/domain/categories';
import type { PlaceKind, Region, RoadSpec } from './places';
import { HOURS, MONTHS, WEEKDAYS } from './profiles';

export type Where =
  /** Gaussian around one named place (sigma in metres). */
  | { place: string; sigma: number }
  /** Gaussian around a place drawn from a kind (optionally restricted to a region). */
  | { kind: PlaceKind | PlaceKind[]; region?: Region; sigma: number }
  /** Along roads (selected by ref/name or by road kind), weighted by length, optionally only within a region. */
  | { roads: string[]; region?: Region; sigma?: number }
  | { roadKinds: RoadSpec['kind'][]; region?: Region; sigma?: number }
  /** Along the railway. */
  | { rail: true; region?: Region; sigma?: number }
  /** Uniform over a region. */
  | { area: Region };

export interface SourceSpec {
  /** Relative weight within its category. */
  w: number;
  where: Where;
  hour?: readonly number[];
  weekday?: readonly number[];
  month?: readonly number[];
  /** Only from the start of the second year ("emerging" hotspot). */
  secondYearOnly?: boolean;
  /** Intensity multiplier reached at the end of the period, ramping up over the last 6 months. */
  rise?: number;
  /** Tag for tests and docs. */
  tag?: string;
}

export interface CategorySpec {
  category: string;
  /** Per cent of all reports. */
  share: number;
  hour: readonly number[];
  weekday: readonly number[];
  month: readonly number[];
  /** Of finalised reports: probability of confirmation and of "Żart lub pomyłka". */
  confirm: number;
  joke: number;
  /** Of confirmed: probability of referral outside the Police, and of later elimination. */
  transfer: number;
  eliminate: number;
  sources: SourceSpec[];
}

const C = (code: number): string => {
  const c = categoryByCode(code);
  if (!c) throw new Error(`no category ${code}`);
  return c.name;
};

const cityStreets = ['ul. Słowackiego', 'al. Armii Krajowej', 'al. 3 Maja', 'ul. Wolborska'];

export const CATEGORY_MIX: CategorySpec[] = [
  {
    category: C(16), share: 27, hour: HOURS.commuteNight, weekday: WEEKDAYS.workdays, month: MONTHS.speeding,
    confirm: 0.5, joke: 0.035, transfer: 0.02, eliminate: 0.25,
    sources: [
      { w: 11, where: { roads: ['A1'], sigma: 25 } },
      { w: 7, where: { roads: ['S8'], sigma: 25 } },
      { w: 10, where: { roads: ['DK12'], region: 'city', sigma: 15 } },
      { w: 4, where: { roads: ['DK12'], region: 'rural', sigma: 20 } },
      { w: 10, where: { roads: ['DK91'], region: 'city', sigma: 15 } },
      { w: 5, where: { roads: ['DK91'], region: 'rural', sigma: 20 } },
      { w: 3, where: { roads: ['DK74'], sigma: 20 } },
      { w: 20, where: { roads: cityStreets, sigma: 15 } },
      { w: 9, where: { place: 'ul. Wojska Polskiego', sigma: 220 }, rise: 2.2, tag: 'rising-wojska-polskiego' },
      { w: 7, where: { roadKinds: ['local'], sigma: 20 } },
      { w: 8, where: { kind: 'village', region: 'rural', sigma: 350 } },
    ],
  },
  {
    category: C(9), share: 21, hour: HOURS.daytime, weekday: WEEKDAYS.parking, month: MONTHS.parking,
    confirm: 0.6, joke: 0.03, transfer: 0.03, eliminate: 0.3,
    sources: [
      { w: 14, where: { place: 'Rynek Trybunalski', sigma: 220 } },
      { w: 6, where: { place: 'Zamek Królewski', sigma: 150 } },
      { w: 36, where: { kind: 'estate', region: 'city', sigma: 170 } },
      { w: 7, where: { kind: 'station', region: 'city', sigma: 120 } },
      { w: 7, where: { kind: 'shop', region: 'city', sigma: 150 } },
      { w: 8, where: { kind: 'school', region: 'city', sigma: 100 } },
      { w: 6, where: { roads: cityStreets, sigma: 20 } },
      { w: 7, where: { kind: 'village', region: 'rural', sigma: 300 } },
      { w: 3, where: { place: 'Zalew Sulejowski', sigma: 500 }, month: MONTHS.summerOnly },
    ],
  },
  {
    category: C(17), share: 17, hour: HOURS.evening, weekday: WEEKDAYS.weekend, month: MONTHS.summerDrinking,
    confirm: 0.55, joke: 0.04, transfer: 0.01, eliminate: 0.35,
    sources: [
      { w: 15, where: { place: 'Rynek Trybunalski', sigma: 130 } },
      { w: 14, where: { place: 'Park Poniatowskiego', sigma: 110 }, rise: 2.6, tag: 'rising-park-poniatowskiego' },
      { w: 10, where: { place: 'Zalew Bugaj', sigma: 250 }, month: MONTHS.summerOnly },
      { w: 10, where: { kind: 'station', region: 'city', sigma: 130 } },
      { w: 24, where: { kind: 'estate', region: 'city', sigma: 190 } },
      { w: 4, where: { place: 'Skatepark na os. Wierzeje', sigma: 90 }, secondYearOnly: true, tag: 'emerging-skatepark' },
      { w: 13, where: { kind: 'village', region: 'rural', sigma: 250 } },
      { w: 3, where: { place: 'Zalew Sulejowski', sigma: 500 }, month: MONTHS.summerOnly },
      { w: 3, where: { place: 'Pilica w Sulejowie', sigma: 300 }, month: MONTHS.summerOnly },
    ],
  },
  {
    category: C(3), share: 4.5, hour: HOURS.youth, weekday: WEEKDAYS.youth, month: MONTHS.youth,
    confirm: 0.5, joke: 0.05, transfer: 0.05, eliminate: 0.35,
    sources: [
      { w: 40, where: { kind: 'estate', region: 'city', sigma: 170 } },
      { w: 15, where: { kind: 'school', region: 'city', sigma: 120 } },
      { w: 12, where: { place: 'Park Poniatowskiego', sigma: 120 } },
      { w: 14, where: { place: 'Skatepark na os. Wierzeje', sigma: 80 }, secondYearOnly: true, rise: 1.5, tag: 'emerging-skatepark' },
      { w: 8, where: { place: 'Galeria Focus Mall', sigma: 120 } },
      { w: 11, where: { kind: 'village', region: 'rural', sigma: 250 } },
    ],
  },
  {
    category: C(1), share: 3.5, hour: HOURS.night, weekday: WEEKDAYS.weekend, month: MONTHS.mildSummer,
    confirm: 0.55, joke: 0.04, transfer: 0.2, eliminate: 0.25,
    sources: [
      { w: 30, where: { kind: 'station', region: 'city', sigma: 110 }, tag: 'station-vandalism' },
      { w: 25, where: { kind: 'estate', region: 'city', sigma: 180 } },
      { w: 12, where: { place: 'Park Poniatowskiego', sigma: 120 } },
      { w: 10, where: { place: 'Skatepark na os. Wierzeje', sigma: 80 }, secondYearOnly: true, tag: 'emerging-skatepark' },
      { w: 8, where: { place: 'Rynek Trybunalski', sigma: 150 } },
      { w: 15, where: { kind: 'village', region: 'rural', sigma: 300 } },
    ],
  },
  {
    category: C(12), share: 3.5, hour: HOURS.daylight, weekday: WEEKDAYS.flat, month: MONTHS.flat,
    confirm: 0.7, joke: 0.02, transfer: 0.75, eliminate: 0.2,
    sources: [
      { w: 35, where: { roads: cityStreets, sigma: 15 } },
      { w: 15, where: { roads: ['DK12', 'DK91'], region: 'city', sigma: 15 } },
      { w: 30, where: { roadKinds: ['local'], sigma: 15 } },
      { w: 20, where: { kind: 'village', region: 'rural', sigma: 300 } },
    ],
  },
  {
    category: C(23), share: 3, hour: HOURS.daytime, weekday: WEEKDAYS.workdays, month: MONTHS.flat,
    confirm: 0.6, joke: 0.03, transfer: 0.7, eliminate: 0.2,
    sources: [
      { w: 30, where: { roads: cityStreets, sigma: 15 } },
      { w: 20, where: { place: 'Rynek Trybunalski', sigma: 250 } },
      { w: 20, where: { kind: 'school', region: 'city', sigma: 120 } },
      { w: 15, where: { roads: ['DK12', 'DK91'], region: 'city', sigma: 15 } },
      { w: 15, where: { kind: 'village', region: 'rural', sigma: 300 } },
    ],
  },
  {
    category: C(2), share: 3, hour: HOURS.daylight, weekday: WEEKDAYS.leisure, month: MONTHS.dumps,
    confirm: 0.75, joke: 0.02, transfer: 0.7, eliminate: 0.3,
    sources: [
      { w: 40, where: { kind: 'forest', region: 'rural', sigma: 900 } },
      { w: 12, where: { place: 'Las Lasockiego', sigma: 350 } },
      { w: 30, where: { area: 'rural' } },
      { w: 18, where: { area: 'city' } },
    ],
  },
  {
    category: C(19), share: 2.5, hour: HOURS.awake, weekday: WEEKDAYS.flat, month: MONTHS.dogs,
    confirm: 0.55, joke: 0.04, transfer: 0.5, eliminate: 0.3,
    sources: [
      { w: 60, where: { kind: 'village', region: 'rural', sigma: 500 } },
      { w: 25, where: { kind: 'estate', region: 'city', sigma: 250 } },
      { w: 15, where: { area: 'rural' } },
    ],
  },
  {
    category: C(8), share: 2.5, hour: HOURS.night, weekday: WEEKDAYS.racing, month: MONTHS.warm,
    confirm: 0.45, joke: 0.05, transfer: 0.02, eliminate: 0.3,
    sources: [
      { w: 30, where: { place: 'Galeria Focus Mall', sigma: 120 } },
      { w: 20, where: { place: 'Strefa handlowa (outlet) przy ul. Wojska Polskiego', sigma: 150 } },
      { w: 20, where: { roads: cityStreets, sigma: 15 } },
      { w: 15, where: { place: 'Zalew Bugaj', sigma: 250 } },
      { w: 15, where: { roadKinds: ['national'], region: 'rural', sigma: 20 } },
    ],
  },
  {
    category: C(18), share: 2, hour: HOURS.evening, weekday: WEEKDAYS.weekend, month: MONTHS.mildSummer,
    confirm: 0.4, joke: 0.05, transfer: 0.02, eliminate: 0.3,
    sources: [
      { w: 25, where: { place: 'Park Poniatowskiego', sigma: 120 } },
      { w: 25, where: { kind: 'station', region: 'city', sigma: 130 } },
      { w: 30, where: { kind: 'estate', region: 'city', sigma: 180 } },
      { w: 12, where: { place: 'Skatepark na os. Wierzeje', sigma: 80 }, secondYearOnly: true, tag: 'emerging-skatepark' },
      { w: 8, where: { kind: 'village', region: 'rural', sigma: 300 } },
    ],
  },
  {
    category: C(21), share: 1.8, hour: HOURS.duskDawn, weekday: WEEKDAYS.flat, month: MONTHS.wildAnimals,
    confirm: 0.55, joke: 0.03, transfer: 0.5, eliminate: 0.2,
    sources: [
      { w: 35, where: { roadKinds: ['local'], sigma: 15 } },
      { w: 25, where: { roads: ['DK74', 'S8'], sigma: 20 } },
      { w: 25, where: { roads: ['DK12', 'DK91', 'A1'], region: 'rural', sigma: 20 } },
      { w: 15, where: { kind: 'forest', region: 'rural', sigma: 700 } },
    ],
  },
  {
    category: C(20), share: 1.5, hour: HOURS.afternoon, weekday: WEEKDAYS.leisure, month: MONTHS.grassBurning,
    confirm: 0.55, joke: 0.03, transfer: 0.2, eliminate: 0.4,
    sources: [
      { w: 70, where: { area: 'rural' } },
      { w: 15, where: { kind: 'village', region: 'rural', sigma: 700 } },
      { w: 15, where: { area: 'city' } },
    ],
  },
  {
    category: C(14), share: 1.5, hour: HOURS.homeless, weekday: WEEKDAYS.flat, month: MONTHS.winter,
    confirm: 0.6, joke: 0.04, transfer: 0.5, eliminate: 0.3,
    sources: [
      { w: 35, where: { kind: 'station', region: 'city', sigma: 120 } },
      { w: 20, where: { place: 'Rynek Trybunalski', sigma: 200 } },
      { w: 15, where: { place: 'Park Poniatowskiego', sigma: 120 } },
      { w: 10, where: { place: 'Galeria Focus Mall', sigma: 150 } },
      { w: 10, where: { kind: 'estate', region: 'city', sigma: 250 } },
      { w: 10, where: { kind: 'village', region: 'rural', sigma: 400 } },
    ],
  },
  {
    category: C(13), share: 1.2, hour: HOURS.daylight, weekday: WEEKDAYS.flat, month: MONTHS.greenery,
    confirm: 0.5, joke: 0.04, transfer: 0.4, eliminate: 0.25,
    sources: [
      { w: 35, where: { kind: 'park', region: 'city', sigma: 150 } },
      { w: 40, where: { kind: 'estate', region: 'city', sigma: 200 } },
      { w: 25, where: { kind: 'village', region: 'rural', sigma: 400 } },
    ],
  },
  {
    category: C(24), share: 1, hour: HOURS.shops, weekday: WEEKDAYS.parking, month: MONTHS.begging,
    confirm: 0.55, joke: 0.04, transfer: 0.2, eliminate: 0.3,
    sources: [
      { w: 35, where: { place: 'Rynek Trybunalski', sigma: 180 } },
      { w: 30, where: { kind: 'shop', region: 'city', sigma: 120 } },
      { w: 25, where: { kind: 'station', region: 'city', sigma: 120 } },
      { w: 10, where: { place: 'Sulejów', sigma: 300 } },
    ],
  },
  {
    category: C(15), share: 0.8, hour: HOURS.afternoon, weekday: WEEKDAYS.leisure, month: MONTHS.warm,
    confirm: 0.4, joke: 0.04, transfer: 0.15, eliminate: 0.25,
    sources: [
      { w: 80, where: { kind: 'forest', region: 'rural', sigma: 1200 } },
      { w: 20, where: { place: 'Las Lasockiego', sigma: 400 } },
    ],
  },
  {
    category: C(5), share: 0.7, hour: HOURS.afternoon, weekday: WEEKDAYS.leisure, month: MONTHS.water,
    confirm: 0.6, joke: 0.03, transfer: 0.5, eliminate: 0.3,
    sources: [
      { w: 40, where: { place: 'Zalew Bugaj', sigma: 200 } },
      { w: 35, where: { place: 'Zalew Sulejowski', sigma: 600 } },
      { w: 25, where: { place: 'Pilica w Sulejowie', sigma: 400 } },
    ],
  },
  {
    category: C(6), share: 0.6, hour: HOURS.night, weekday: WEEKDAYS.weekend, month: MONTHS.mildSummer,
    confirm: 0.45, joke: 0.05, transfer: 0.2, eliminate: 0.3,
    sources: [
      { w: 60, where: { place: 'Rynek Trybunalski', sigma: 200 } },
      { w: 20, where: { place: 'Zalew Bugaj', sigma: 250 }, month: MONTHS.summerOnly },
      { w: 20, where: { place: 'Zalew Sulejowski', sigma: 500 }, month: MONTHS.summerOnly },
    ],
  },
  {
    category: C(10), share: 0.6, hour: HOURS.awake, weekday: WEEKDAYS.workdays, month: MONTHS.flat,
    confirm: 0.6, joke: 0.03, transfer: 0.6, eliminate: 0.2,
    sources: [
      { w: 60, where: { rail: true, region: 'city', sigma: 20 } },
      { w: 40, where: { rail: true, region: 'rural', sigma: 20 } },
    ],
  },
  {
    category: C(22), share: 0.6, hour: HOURS.awake, weekday: WEEKDAYS.flat, month: MONTHS.flat,
    confirm: 0.5, joke: 0.06, transfer: 0.35, eliminate: 0.3,
    sources: [
      { w: 60, where: { kind: 'village', region: 'rural', sigma: 600 } },
      { w: 40, where: { kind: 'estate', region: 'city', sigma: 250 } },
    ],
  },
  {
    category: C(7), share: 0.5, hour: HOURS.daylight, weekday: WEEKDAYS.flat, month: MONTHS.felling,
    confirm: 0.5, joke: 0.04, transfer: 0.6, eliminate: 0.2,
    sources: [
      { w: 60, where: { kind: 'forest', region: 'rural', sigma: 1000 } },
      { w: 20, where: { kind: 'village', region: 'rural', sigma: 500 } },
      { w: 20, where: { kind: ['park', 'estate'], region: 'city', sigma: 200 } },
    ],
  },
  {
    category: C(11), share: 0.4, hour: HOURS.awake, weekday: WEEKDAYS.flat, month: MONTHS.flat,
    confirm: 0.6, joke: 0.03, transfer: 0.65, eliminate: 0.2,
    sources: [{ w: 100, where: { rail: true, region: 'rural', sigma: 10 } }],
  },
  {
    category: C(4), share: 0.3, hour: HOURS.duskDawn, weekday: WEEKDAYS.flat, month: MONTHS.felling,
    confirm: 0.35, joke: 0.05, transfer: 0.3, eliminate: 0.2,
    sources: [{ w: 100, where: { kind: 'forest', region: 'rural', sigma: 1300 } }],
  },
];
