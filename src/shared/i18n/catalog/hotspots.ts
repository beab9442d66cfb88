/**
 * Hotspots (issue 13): place names, hours, "since", the default rule stated in words, the validation table
 * (hit rate / PAI), Knox near repeat, emerging hot spot steps. ICU MessageFormat; same keys in both languages.
 */
export default {
  pl: {
    'hotspots.place.at': '{name}',
    'hotspots.place.near': '{name} (ok. {distance} m)',
    'hotspots.place.nearKm': '{name} (ok. {distance} km)',
    'hotspots.place.beat': 'rejon: {beat}',
    'hotspots.place.coords': '{lat}° N, {lon}° E',
    'hotspots.hours.span': '{from}:00–{to}:00',
    'hotspots.hours.spread': 'rozproszone w ciągu doby',
    'hotspots.since.month': 'od {month}',
    'hotspots.since.fromStart': 'co najmniej od {month} (od początku analizowanego okresu)',
    'hotspots.since.until': 'do {month} (potem ustało)',
    'hotspots.rule.place':
      'Reguła miejsc: pola o powierzchni kwadratu o boku {square} m (mediana odległości do najbliższego zgłoszenia, w granicach 100–200 m), pasmo {band} m (mediana odległości do {k}. sąsiada, najwyżej 250 m), każde pole porównane z polami tego samego rodzaju rejonu w promieniu {reference} m (test dwumianowy, korekta FDR). Gorące pole musi mieć zgłoszenie; sąsiadujące gorące pola to jeden punkt; punkt potrzebuje co najmniej {minReports} zgłoszeń.',
    'hotspots.rule.isa':
      'Ustawienia ArcGIS („zoptymalizowana” analiza): pole {cell} m ze średniej odległości do najbliższego sąsiada, pasmo {band} m z pierwszego szczytu autokorelacji (Moran I), jedno odniesienie dla całego obszaru. Na mieście z gminami wiejskimi pasmo bywa szerokie i całe miasto wychodzi „gorące”. Punkty jak w regule miejsc: tylko pola ze zgłoszeniami, co najmniej {minReports} zgłoszeń.',
    'hotspots.rule.beats': 'Gi* na rejonach dzielnicowych (środki ciężkości powierzchni), pasmo {band} m; każdy gorący rejon z co najmniej {minReports} zgłoszeniami to osobny punkt.',
    'hotspots.rule.ranking':
      'Kolejność: o ile rdzeń miejsca (promień {radius} m wokół najgęstszego punktu) przekracza to, co wyjaśnia jego otoczenie (do {reference} m): iloraz wiarygodności Poissona.',
    'hotspots.quality.definitions':
      'Trafność mapy: mapa każdej metody z okresu uczącego wyznacza obszar o tym samym udziale w obszarze badania (najpierw pola najwyżej ocenione przez metodę). Odsetek trafień = zgłoszenia z okresu testowego w tym obszarze / wszystkie zgłoszenia z okresu testowego w obszarze badania. PAI = odsetek trafień / udział powierzchni (a/A); A = terytorium jednostki, a bez niego suma rejonów.',
    'hotspots.method.gistar': 'Gi* (reguła miejsc)',
    'hotspots.method.gistar-isa': 'Gi* (ustawienia ArcGIS)',
    'hotspots.method.kde': 'Gęstość jądrowa (KDE)',
    'hotspots.method.dbscan': 'Skupiska DBSCAN',
    'hotspots.method.counts': 'Liczba zgłoszeń w poprzednim okresie',
    'hotspots.area.territory': 'terytorium jednostki',
    'hotspots.area.beats': 'suma rejonów',
    'hotspots.area.hull': 'otoczka wypukła zgłoszeń',
  },
  en: {
    'hotspots.place.at': '{name}',
    'hotspots.place.near': '{name} (about {distance} m)',
    'hotspots.place.nearKm': '{name} (about {distance} km)',
    'hotspots.place.beat': 'beat: {beat}',
    'hotspots.place.coords': '{lat}° N, {lon}° E',
    'hotspots.hours.span': '{from}:00–{to}:00',
    'hotspots.hours.spread': 'spread over the day',
    'hotspots.since.month': 'since {month}',
    'hotspots.since.fromStart': 'since at least {month} (the start of the analysed period)',
    'hotspots.since.until': 'until {month} (ended since)',
    'hotspots.rule.place':
      'Place rule: cells the size of a {square} m square (median distance to the nearest report, within 100–200 m), band {band} m (median distance to the {k, selectordinal, one {#st} two {#nd} few {#rd} other {#th}} neighbour, at most 250 m), every cell compared with cells of the same kind of beat within {reference} m (binomial test, FDR). A hot cell must hold a report; adjacent hot cells are one hotspot; a hotspot needs at least {minReports} reports.',
    'hotspots.rule.isa':
      'ArcGIS settings ("optimized" analysis): {cell} m cells from the mean nearest-neighbour distance, {band} m band from the first peak of spatial autocorrelation (Moran I), one reference for the whole area. On a city with rural communes the band can be wide and the whole city comes out "hot". Hotspots as in the place rule: only cells with reports, at least {minReports} reports.',
    'hotspots.rule.beats': 'Gi* on beat districts (area centroids), band {band} m; every hot beat with at least {minReports} reports is its own hotspot.',
    'hotspots.rule.ranking':
      'Order: how far the core of the place (radius {radius} m around its densest point) exceeds what its surroundings (up to {reference} m) explain: Poisson likelihood ratio.',
    'hotspots.quality.definitions':
      'Map accuracy: each method’s map of the training period gives an area of the same share of the study area (the cells the method rates highest first). Hit rate = test-period reports in that area / all test-period reports in the study area. PAI = hit rate / area share (a/A); A = the command’s territory, else the union of the beats.',
    'hotspots.method.gistar': 'Gi* (place rule)',
    'hotspots.method.gistar-isa': 'Gi* (ArcGIS settings)',
    'hotspots.method.kde': 'Kernel density (KDE)',
    'hotspots.method.dbscan': 'DBSCAN clusters',
    'hotspots.method.counts': 'Reports in the previous period',
    'hotspots.area.territory': 'the command’s territory',
    'hotspots.area.beats': 'union of the beats',
    'hotspots.area.hull': 'convex hull of the reports',
  },
};
