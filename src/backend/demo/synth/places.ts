/**
 * Named places, roads, police stations and gminy of the Piotrków Trybunalski demo.
 * Coordinates are approximate (best public knowledge, WGS84 lon/lat) and kept inside the simplified
 * PRG boundaries bundled in resources/boundaries; the test suite checks that.
 */

export type PlaceKind = 'square' | 'estate' | 'street' | 'park' | 'station' | 'school' | 'shop' | 'village' | 'water' | 'forest';
export type Region = 'city' | 'rural';

export interface Anchor {
  name: string;
  kind: PlaceKind;
  lon: number;
  lat: number;
  region: Region;
  /** Locative phrase used in descriptions ("na Rynku Trybunalskim"). */
  at: string;
}

export const CITY_TERYT = '1062011';

/** Named places in the city. */
export const CITY_PLACES: Anchor[] = [
  { name: 'Rynek Trybunalski', kind: 'square', lon: 19.7030, lat: 51.4053, region: 'city', at: 'na Rynku Trybunalskim' },
  { name: 'Zamek Królewski', kind: 'square', lon: 19.6987, lat: 51.4036, region: 'city', at: 'przy Zamku Królewskim' },
  { name: 'Podzamcze', kind: 'estate', lon: 19.6935, lat: 51.4002, region: 'city', at: 'na Podzamczu' },
  { name: 'Park Poniatowskiego', kind: 'park', lon: 19.7082, lat: 51.4016, region: 'city', at: 'w Parku Poniatowskiego' },
  { name: 'Dworzec PKP', kind: 'station', lon: 19.6880, lat: 51.4100, region: 'city', at: 'przy dworcu PKP' },
  { name: 'Dworzec PKS', kind: 'station', lon: 19.6906, lat: 51.4086, region: 'city', at: 'przy dworcu PKS' },
  { name: 'ul. Wojska Polskiego', kind: 'street', lon: 19.6975, lat: 51.3905, region: 'city', at: 'na ul. Wojska Polskiego' },
  { name: 'ul. Sulejowska', kind: 'street', lon: 19.7300, lat: 51.3975, region: 'city', at: 'na ul. Sulejowskiej' },
  { name: 'al. Armii Krajowej', kind: 'street', lon: 19.7115, lat: 51.4085, region: 'city', at: 'na al. Armii Krajowej' },
  { name: 'ul. Słowackiego', kind: 'street', lon: 19.6830, lat: 51.4118, region: 'city', at: 'na ul. Słowackiego' },
  { name: 'Galeria Focus Mall', kind: 'shop', lon: 19.6790, lat: 51.4138, region: 'city', at: 'przy galerii Focus Mall' },
  { name: 'Strefa handlowa (outlet) przy ul. Wojska Polskiego', kind: 'shop', lon: 19.6960, lat: 51.3855, region: 'city', at: 'przy strefie handlowej na ul. Wojska Polskiego' },
  { name: 'Osiedle Wyzwolenia', kind: 'estate', lon: 19.7050, lat: 51.4195, region: 'city', at: 'na osiedlu Wyzwolenia' },
  { name: 'Osiedle Słowackiego', kind: 'estate', lon: 19.6700, lat: 51.4150, region: 'city', at: 'na osiedlu Słowackiego' },
  { name: 'Osiedle Belzacka', kind: 'estate', lon: 19.6820, lat: 51.3930, region: 'city', at: 'na osiedlu Belzacka' },
  { name: 'Osiedle Jeziorna', kind: 'estate', lon: 19.7200, lat: 51.4230, region: 'city', at: 'na osiedlu Jeziorna' },
  { name: 'Osiedle Łódzka', kind: 'estate', lon: 19.7100, lat: 51.4310, region: 'city', at: 'na osiedlu Łódzka' },
  { name: 'Osiedle Michałów', kind: 'estate', lon: 19.7180, lat: 51.3930, region: 'city', at: 'na osiedlu Michałów' },
  { name: 'Osiedle Wierzeje', kind: 'estate', lon: 19.6650, lat: 51.4230, region: 'city', at: 'na osiedlu Wierzeje' },
  { name: 'Osiedle Pawła Pola', kind: 'estate', lon: 19.7280, lat: 51.4160, region: 'city', at: 'na osiedlu Pawła Pola' },
  { name: 'Osiedle Kostromska', kind: 'estate', lon: 19.7330, lat: 51.4085, region: 'city', at: 'na osiedlu Kostromska' },
  { name: 'Osiedle Bugaj', kind: 'estate', lon: 19.7450, lat: 51.4230, region: 'city', at: 'na osiedlu Bugaj' },
  { name: 'Szkoła Podstawowa przy ul. Belzackiej', kind: 'school', lon: 19.6855, lat: 51.3955, region: 'city', at: 'przy szkole podstawowej na ul. Belzackiej' },
  { name: 'Szkoła Podstawowa na os. Wyzwolenia', kind: 'school', lon: 19.7075, lat: 51.4215, region: 'city', at: 'przy szkole na osiedlu Wyzwolenia' },
  { name: 'Zespół Szkół przy al. 3 Maja', kind: 'school', lon: 19.7000, lat: 51.4090, region: 'city', at: 'przy zespole szkół na al. 3 Maja' },
  { name: 'Zalew Bugaj', kind: 'water', lon: 19.7560, lat: 51.4190, region: 'city', at: 'nad Zalewem Bugaj' },
  { name: 'Las Lasockiego', kind: 'forest', lon: 19.7450, lat: 51.3860, region: 'city', at: 'w Lesie Lasockiego' },
  // Appears only in the second year of the demo (an "emerging" hotspot).
  { name: 'Skatepark na os. Wierzeje', kind: 'park', lon: 19.6610, lat: 51.4262, region: 'city', at: 'przy skateparku na osiedlu Wierzeje' },
];

export interface Gmina {
  name: string;
  teryt: string;
  /** Approximate seat (village/town) coordinates. */
  lon: number;
  lat: number;
  /** Locative phrase of the seat ("w Sulejowie"). */
  at: string;
  station: string;
}

/**
 * The 11 gminy of powiat piotrkowski (TERYT 1010, numbered alphabetically; type digit 2 rural, 3 mixed).
 * Each is served by one of the rural police stations below.
 */
export const GMINY: Gmina[] = [
  { name: 'Aleksandrów', teryt: '1010012', lon: 19.9850, lat: 51.2700, at: 'w Aleksandrowie', station: 'Komisariat Policji w Sulejowie' },
  { name: 'Czarnocin', teryt: '1010022', lon: 19.6950, lat: 51.5920, at: 'w Czarnocinie', station: 'Posterunek Policji w Moszczenicy' },
  { name: 'Gorzkowice', teryt: '1010032', lon: 19.5933, lat: 51.2167, at: 'w Gorzkowicach', station: 'Posterunek Policji w Gorzkowicach' },
  { name: 'Grabica', teryt: '1010042', lon: 19.5330, lat: 51.4800, at: 'w Grabicy', station: 'Komisariat Policji w Woli Krzysztoporskiej' },
  { name: 'Łęki Szlacheckie', teryt: '1010052', lon: 19.7960, lat: 51.1930, at: 'w Łękach Szlacheckich', station: 'Posterunek Policji w Łękach Szlacheckich' },
  { name: 'Moszczenica', teryt: '1010062', lon: 19.7350, lat: 51.4950, at: 'w Moszczenicy', station: 'Posterunek Policji w Moszczenicy' },
  { name: 'Ręczno', teryt: '1010072', lon: 19.8440, lat: 51.1560, at: 'w Ręcznie', station: 'Posterunek Policji w Łękach Szlacheckich' },
  { name: 'Rozprza', teryt: '1010082', lon: 19.6450, lat: 51.3030, at: 'w Rozprzy', station: 'Posterunek Policji w Rozprzy' },
  { name: 'Sulejów', teryt: '1010093', lon: 19.8850, lat: 51.3540, at: 'w Sulejowie', station: 'Komisariat Policji w Sulejowie' },
  { name: 'Wola Krzysztoporska', teryt: '1010102', lon: 19.6050, lat: 51.3450, at: 'w Woli Krzysztoporskiej', station: 'Komisariat Policji w Woli Krzysztoporskiej' },
  { name: 'Wolbórz', teryt: '1010113', lon: 19.8300, lat: 51.5000, at: 'w Wolborzu', station: 'Posterunek Policji w Wolborzu' },
];

/** Named rural places besides the gmina seats. */
export const RURAL_PLACES: Anchor[] = [
  { name: 'Srock', kind: 'village', lon: 19.7750, lat: 51.4700, region: 'rural', at: 'w Srocku' },
  { name: 'Witów', kind: 'village', lon: 19.9120, lat: 51.3520, region: 'rural', at: 'w Witowie' },
  { name: 'Przygłów', kind: 'village', lon: 19.9250, lat: 51.3420, region: 'rural', at: 'w Przygłowie' },
  { name: 'Bujny', kind: 'village', lon: 19.6300, lat: 51.3700, region: 'rural', at: 'w Bujnach' },
  { name: 'Zalew Sulejowski', kind: 'water', lon: 19.9000, lat: 51.4150, region: 'rural', at: 'nad Zalewem Sulejowskim' },
  { name: 'Pilica w Sulejowie', kind: 'water', lon: 19.8800, lat: 51.3600, region: 'rural', at: 'nad Pilicą w Sulejowie' },
  { name: 'Lasy koło Sulejowa', kind: 'forest', lon: 19.9400, lat: 51.3000, region: 'rural', at: 'w lesie koło Sulejowa' },
  { name: 'Lasy koło Rozprzy', kind: 'forest', lon: 19.7100, lat: 51.2700, region: 'rural', at: 'w lesie koło Rozprzy' },
  { name: 'Lasy koło Ręczna', kind: 'forest', lon: 19.8700, lat: 51.1800, region: 'rural', at: 'w lesie koło Ręczna' },
  { name: 'Lasy koło Grabicy', kind: 'forest', lon: 19.5000, lat: 51.4300, region: 'rural', at: 'w lesie koło Grabicy' },
  { name: 'Lasy koło Gorzkowic', kind: 'forest', lon: 19.6400, lat: 51.2050, region: 'rural', at: 'w lesie koło Gorzkowic' },
  { name: 'Lasy koło Wolborza', kind: 'forest', lon: 19.8650, lat: 51.4700, region: 'rural', at: 'w lesie koło Wolborza' },
];

export const GMINA_PLACES: Anchor[] = GMINY.map((g) => ({ name: g.name, kind: 'village', lon: g.lon, lat: g.lat, region: 'rural', at: g.at }));

export const ALL_PLACES: Anchor[] = [...CITY_PLACES, ...GMINA_PLACES, ...RURAL_PLACES];

export interface RoadSpec {
  name: string;
  ref?: string;
  /** Locative phrase ("na drodze krajowej nr 12"). */
  at: string;
  /** 'arterial' city street, 'national'/'express' main roads, 'local' rural roads. */
  kind: 'express' | 'national' | 'arterial' | 'local';
  coordinates: [number, number][];
}

/** Main roads as simplified polylines (approximate). */
export const ROADS: RoadSpec[] = [
  {
    name: 'Autostrada A1', ref: 'A1', at: 'na autostradzie A1', kind: 'express',
    coordinates: [[19.6150, 51.5600], [19.6300, 51.5100], [19.6420, 51.4700], [19.6480, 51.4400], [19.6420, 51.4100], [19.6440, 51.3800], [19.6250, 51.3400], [19.6050, 51.2900], [19.5800, 51.2400], [19.5550, 51.2150]],
  },
  {
    name: 'Droga ekspresowa S8', ref: 'S8', at: 'na drodze ekspresowej S8', kind: 'express',
    coordinates: [[19.6470, 51.4550], [19.6900, 51.4620], [19.7500, 51.4750], [19.8100, 51.4900], [19.8700, 51.5050], [19.9050, 51.5100]],
  },
  {
    name: 'Droga krajowa nr 12 (ul. Sulejowska)', ref: 'DK12', at: 'na drodze krajowej nr 12', kind: 'national',
    coordinates: [[19.6450, 51.4020], [19.6700, 51.4050], [19.6900, 51.4060], [19.7050, 51.4040], [19.7200, 51.4000], [19.7400, 51.3950], [19.7700, 51.3880], [19.8100, 51.3780], [19.8500, 51.3650], [19.8850, 51.3560], [19.9300, 51.3500], [19.9800, 51.3450]],
  },
  {
    name: 'Droga krajowa nr 74', ref: 'DK74', at: 'na drodze krajowej nr 74', kind: 'national',
    coordinates: [[19.8850, 51.3560], [19.9100, 51.3350], [19.9450, 51.3100], [19.9800, 51.2900], [20.0300, 51.2650]],
  },
  {
    name: 'Droga krajowa nr 91 (ul. Łódzka – ul. Wojska Polskiego)', ref: 'DK91', at: 'na drodze krajowej nr 91', kind: 'national',
    coordinates: [[19.6350, 51.5700], [19.6650, 51.5200], [19.6950, 51.4700], [19.7060, 51.4400], [19.7060, 51.4200], [19.7040, 51.4080], [19.6990, 51.3980], [19.6975, 51.3880], [19.6900, 51.3760], [19.6650, 51.3400], [19.6450, 51.3030], [19.6150, 51.2600], [19.5850, 51.2250]],
  },
  {
    name: 'ul. Słowackiego', at: 'na ul. Słowackiego', kind: 'arterial',
    coordinates: [[19.6600, 51.4170], [19.6750, 51.4140], [19.6850, 51.4115], [19.6960, 51.4075], [19.7010, 51.4060]],
  },
  {
    name: 'al. Armii Krajowej', at: 'na al. Armii Krajowej', kind: 'arterial',
    coordinates: [[19.7150, 51.4250], [19.7130, 51.4150], [19.7110, 51.4070], [19.7090, 51.3980], [19.7080, 51.3880]],
  },
  {
    name: 'al. 3 Maja', at: 'na al. 3 Maja', kind: 'arterial',
    coordinates: [[19.6930, 51.4100], [19.7000, 51.4095], [19.7080, 51.4090], [19.7200, 51.4100], [19.7350, 51.4120]],
  },
  {
    name: 'ul. Wolborska', at: 'na ul. Wolborskiej', kind: 'arterial',
    coordinates: [[19.7100, 51.4090], [19.7250, 51.4200], [19.7450, 51.4330], [19.7650, 51.4450]],
  },
  {
    name: 'Droga Piotrków – Wolbórz', at: 'na drodze z Piotrkowa do Wolborza', kind: 'local',
    coordinates: [[19.7650, 51.4450], [19.7900, 51.4650], [19.8150, 51.4850], [19.8300, 51.5000]],
  },
  {
    name: 'Droga Moszczenica – Czarnocin', at: 'na drodze z Moszczenicy do Czarnocina', kind: 'local',
    coordinates: [[19.7350, 51.4950], [19.7250, 51.5300], [19.7050, 51.5650], [19.6950, 51.5920]],
  },
  {
    name: 'Droga Piotrków – Grabica', at: 'na drodze z Piotrkowa do Grabicy', kind: 'local',
    coordinates: [[19.6400, 51.4250], [19.6000, 51.4400], [19.5600, 51.4650], [19.5330, 51.4800]],
  },
  {
    name: 'Droga Rozprza – Łęki Szlacheckie – Ręczno', at: 'na drodze z Rozprzy do Łęk Szlacheckich', kind: 'local',
    coordinates: [[19.6450, 51.3030], [19.7000, 51.2600], [19.7600, 51.2200], [19.7960, 51.1930], [19.8200, 51.1750], [19.8440, 51.1560]],
  },
  {
    name: 'Droga Wola Krzysztoporska – Gorzkowice', at: 'na drodze z Woli Krzysztoporskiej do Gorzkowic', kind: 'local',
    coordinates: [[19.6050, 51.3450], [19.5900, 51.3000], [19.5950, 51.2600], [19.5933, 51.2167]],
  },
  {
    name: 'Droga Sulejów – Aleksandrów', at: 'na drodze z Sulejowa do Aleksandrowa', kind: 'local',
    coordinates: [[19.8850, 51.3560], [19.9200, 51.3200], [19.9550, 51.2900], [19.9850, 51.2700]],
  },
  {
    name: 'Droga Łęki Szlacheckie – Sulejów', at: 'na drodze z Łęk Szlacheckich do Sulejowa', kind: 'local',
    coordinates: [[19.7960, 51.1930], [19.8200, 51.2500], [19.8500, 51.3000], [19.8850, 51.3560]],
  },
];

/** Railway line no. 1 (Warszawa – Katowice) through the area; used for track-crossing reports only. */
export const RAILWAY: [number, number][] = [
  [19.7050, 51.6100], [19.7350, 51.5000], [19.7000, 51.4450], [19.6880, 51.4100], [19.6830, 51.3800], [19.6600, 51.3300],
  [19.6450, 51.3000], [19.6100, 51.2500], [19.5900, 51.2150], [19.5750, 51.1850],
];

export interface BeatSpec {
  name: string;
  officer: string;
  lon: number;
  lat: number;
}

export const CITY_UNIT = 'KMP Piotrków Trybunalski – Wydział Prewencji';

/** City beats: Voronoi seeds inside the city (named after the main place of each beat). */
export const CITY_BEATS: BeatSpec[] = [
  { name: 'Rejon 1 – Stare Miasto', officer: 'st. asp. Jan Kowalski', lon: 19.7035, lat: 51.4050 },
  { name: 'Rejon 2 – Podzamcze', officer: 'asp. Anna Nowak', lon: 19.6930, lat: 51.3995 },
  { name: 'Rejon 3 – Dworzec', officer: 'sierż. sztab. Piotr Wiśniewski', lon: 19.6860, lat: 51.4095 },
  { name: 'Rejon 4 – Osiedle Wyzwolenia', officer: 'mł. asp. Katarzyna Wójcik', lon: 19.7060, lat: 51.4190 },
  { name: 'Rejon 5 – Osiedle Słowackiego', officer: 'st. sierż. Tomasz Kamiński', lon: 19.6700, lat: 51.4140 },
  { name: 'Rejon 6 – Osiedle Belzacka', officer: 'asp. sztab. Marek Lewandowski', lon: 19.6800, lat: 51.3920 },
  { name: 'Rejon 7 – Osiedle Jeziorna', officer: 'asp. Agnieszka Zielińska', lon: 19.7220, lat: 51.4240 },
  { name: 'Rejon 8 – Osiedle Łódzka', officer: 'st. asp. Paweł Szymański', lon: 19.7050, lat: 51.4340 },
  { name: 'Rejon 9 – Michałów i Sulejowska', officer: 'sierż. sztab. Magdalena Woźniak', lon: 19.7220, lat: 51.3920 },
  { name: 'Rejon 10 – Wierzeje', officer: 'mł. asp. Krzysztof Dąbrowski', lon: 19.6550, lat: 51.4250 },
  { name: 'Rejon 11 – Wojska Polskiego', officer: 'st. sierż. Michał Kozłowski', lon: 19.6950, lat: 51.3840 },
  { name: 'Rejon 12 – Bugaj i Pawła Pola', officer: 'asp. Joanna Jankowska', lon: 19.7420, lat: 51.4150 },
];

export interface StationSpec {
  name: string;
  officer: string;
  /** Locative of the seat ("w Sulejowie"). */
  at: string;
}

/** Rural station areas (each serves one or more gminy, see GMINY[].station). */
export const STATIONS: StationSpec[] = [
  { name: 'Komisariat Policji w Sulejowie', officer: 'asp. sztab. Andrzej Mazur', at: 'w Sulejowie' },
  { name: 'Komisariat Policji w Woli Krzysztoporskiej', officer: 'st. asp. Grzegorz Krawczyk', at: 'w Woli Krzysztoporskiej' },
  { name: 'Posterunek Policji w Rozprzy', officer: 'asp. Tadeusz Piotrowski', at: 'w Rozprzy' },
  { name: 'Posterunek Policji w Gorzkowicach', officer: 'mł. asp. Ewa Grabowska', at: 'w Gorzkowicach' },
  { name: 'Posterunek Policji w Łękach Szlacheckich', officer: 'st. sierż. Rafał Pawłowski', at: 'w Łękach Szlacheckich' },
  { name: 'Posterunek Policji w Wolborzu', officer: 'sierż. sztab. Łukasz Michalski', at: 'w Wolborzu' },
  { name: 'Posterunek Policji w Moszczenicy', officer: 'asp. Barbara Król', at: 'w Moszczenicy' },
];
