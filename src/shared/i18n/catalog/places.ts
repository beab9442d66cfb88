/**
 * Where things are (issue 13, point 6): the nearest named street or place (`places.where.*`, core
 * places/nearest describeNearest), the import of places/streets files (`places.error.*`, `places.reject.*`,
 * backend places/import), the map's "Ulice i miejsca" layer and dialog (`places.ui.*`), local vector archive
 * styles and online basemap presets (`basemap.*`).
 */
const STREET_PL = '{prefixed, select, yes {{name}} other {ul. {name}}}';
const STREET_EN = '{prefixed, select, yes {{name}} other {{name} Street}}';

export default {
  pl: {
    'places.where.street': STREET_PL,
    'places.where.place': '{name}',
    'places.where.near': 'ok. {distance, number} m od: {kind, select, street {' + STREET_PL + '} other {{name}}}',
    'places.where.none': 'brak nazwanej ulicy ani miejsca w promieniu {maxM, number} m',

    'places.error.read': 'Nie można odczytać pliku „{file}”.',
    'places.error.tooLarge': 'Plik „{file}” jest większy niż {mb} MB — podziel go na mniejsze części (np. po dzielnicach).',
    'places.error.json': 'Plik „{file}” nie jest poprawnym plikiem JSON: {reason}',
    'places.error.notGeoJson': 'Plik „{file}” nie jest kolekcją obiektów GeoJSON (FeatureCollection).',
    'places.error.crs': 'Współrzędne w pliku „{file}” nie są położeniami w Polsce ani w WGS84, ani w EPSG:2180.',
    'places.error.csv': 'Nie można odczytać tabeli z pliku „{file}”: {reason}',
    'places.error.noCoordinates': 'W pliku „{file}” nie ma kolumn współrzędnych (lon/lat, dlugosc/szerokosc albo x/y). Kolumny: {fields}.',
    'places.error.noCoordinateValues': 'Żadna para wartości kolumn „{x}” i „{y}” w pliku „{file}” nie jest położeniem w Polsce.',
    'places.error.xyUndecided': 'Nie zaimportowano pliku „{file}”: nie wiadomo, w jakiej kolejności są współrzędne X/Y, a zła kolejność przeniosłaby każde miejsce o setki kilometrów. Nic nie zapisano. Wskaż kolejność: X = wschodnia (easting-northing) albo X = północna (northing-easting).',
    'places.error.nameFieldMissing': 'W pliku „{file}” nie ma pola „{field}”. Pola: {fields}.',
    'places.error.nameFieldAmbiguous': 'W pliku „{file}” kilka pól może zawierać nazwę, a ich wartości się różnią ({fields}). Wybierz pole z nazwą.',
    'places.error.nameFieldNone': 'W pliku „{file}” nie rozpoznano pola z nazwą. Wybierz je spośród: {fields}.',
    'places.error.nothing': 'W pliku „{file}” nie ma żadnego poprawnego miejsca ani ulicy (odrzucono {rejected, plural, one {# wiersz} few {# wiersze} many {# wierszy} other {# wiersza}}; pierwszy: wiersz {row}, pole „{field}”).',
    'places.error.empty': 'Plik „{file}” nie zawiera żadnych obiektów ani wierszy danych.',

    'places.reject.noGeometry': 'Obiekt {row}: brak geometrii.',
    'places.reject.noName': 'Wiersz {row}: puste pole „{field}” (nazwa).',
    'places.reject.longName': 'Wiersz {row}: nazwa w polu „{field}” ma ponad 300 znaków.',
    'places.reject.geometryType': 'Obiekt {row}: geometria {type} nie jest punktem ani linią.',
    'places.reject.badCoordinates': 'Obiekt {row}: współrzędne nie są liczbami.',
    'places.reject.outsidePoland': 'Obiekt {row}: punkt ({lon}, {lat}) leży poza Polską.',
    'places.reject.shortLine': 'Obiekt {row}: linia ma mniej niż dwa różne wierzchołki.',
    'places.reject.badNumber': 'Wiersz {row}: wartość „{value}” w kolumnie „{field}” nie jest liczbą.',
    'places.reject.outsidePolandXy': 'Wiersz {row}: położenie ({x}; {y}) leży poza Polską.',
  },
  en: {
    'places.where.street': STREET_EN,
    'places.where.place': '{name}',
    'places.where.near': 'about {distance, number} m from: {kind, select, street {' + STREET_EN + '} other {{name}}}',
    'places.where.none': 'no named street or place within {maxM, number} m',

    'places.error.read': 'Cannot read the file “{file}”.',
    'places.error.tooLarge': 'The file “{file}” is larger than {mb} MB — split it into smaller parts (e.g. by district).',
    'places.error.json': 'The file “{file}” is not valid JSON: {reason}',
    'places.error.notGeoJson': 'The file “{file}” is not a GeoJSON FeatureCollection.',
    'places.error.crs': 'The coordinates in “{file}” are not positions in Poland, neither in WGS84 nor in EPSG:2180.',
    'places.error.csv': 'Cannot read a table from “{file}”: {reason}',
    'places.error.noCoordinates': 'The file “{file}” has no coordinate columns (lon/lat or x/y). Columns: {fields}.',
    'places.error.noCoordinateValues': 'No pair of values of the columns “{x}” and “{y}” in “{file}” is a position in Poland.',
    'places.error.xyUndecided': 'The file “{file}” was not imported: the X/Y order of its coordinates is not known, and the wrong order would move every place by hundreds of kilometres. Nothing was written. Give the order: X = easting (easting-northing) or X = northing (northing-easting).',
    'places.error.nameFieldMissing': 'The file “{file}” has no field “{field}”. Fields: {fields}.',
    'places.error.nameFieldAmbiguous': 'Several fields of “{file}” may hold the name and their values differ ({fields}). Choose the name field.',
    'places.error.nameFieldNone': 'No name field recognised in “{file}”. Choose one of: {fields}.',
    'places.error.nothing': 'The file “{file}” holds no valid place or street ({rejected, plural, one {# row} other {# rows}} rejected; first: row {row}, field “{field}”).',
    'places.error.empty': 'The file “{file}” holds no features or data rows.',

    'places.reject.noGeometry': 'Feature {row}: no geometry.',
    'places.reject.noName': 'Row {row}: the field “{field}” (name) is empty.',
    'places.reject.longName': 'Row {row}: the name in “{field}” is longer than 300 characters.',
    'places.reject.geometryType': 'Feature {row}: a {type} geometry is neither a point nor a line.',
    'places.reject.badCoordinates': 'Feature {row}: the coordinates are not numbers.',
    'places.reject.outsidePoland': 'Feature {row}: the point ({lon}, {lat}) lies outside Poland.',
    'places.reject.shortLine': 'Feature {row}: the line has fewer than two distinct vertices.',
    'places.reject.badNumber': 'Row {row}: the value “{value}” in the column “{field}” is not a number.',
    'places.reject.outsidePolandXy': 'Row {row}: the position ({x}; {y}) lies outside Poland.',
  },
};
