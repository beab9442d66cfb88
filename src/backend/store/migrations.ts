/**
 * Versioned schema migrations. PRAGMA user_version holds the number of applied migrations.
 * Never edit a shipped migration: append a new one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: initial schema
  `
  CREATE TABLE workspace_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );

  CREATE TABLE imports (
    id            INTEGER PRIMARY KEY,
    file_name     TEXT NOT NULL,
    file_hash     TEXT,
    source_kind   TEXT NOT NULL,          -- 'kmzb-csv' | 'xlsx' | 'geojson' | 'esri-json' | 'demo' ...
    provenance    TEXT,                   -- free text: where the export came from (public map, police system)
    imported_at   INTEGER NOT NULL,       -- UTC ms
    mapping_json  TEXT,
    inserted      INTEGER NOT NULL DEFAULT 0,
    updated       INTEGER NOT NULL DEFAULT 0,
    unchanged     INTEGER NOT NULL DEFAULT 0,
    rejected      INTEGER NOT NULL DEFAULT 0
  );

  CREATE TABLE districts (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL DEFAULT 'city',   -- 'city' | 'rural' | other user text
    unit          TEXT,
    officer       TEXT,
    geometry_json TEXT NOT NULL,                  -- GeoJSON Polygon/MultiPolygon, WGS84
    area_m2       REAL NOT NULL,
    min_lon REAL NOT NULL, min_lat REAL NOT NULL, max_lon REAL NOT NULL, max_lat REAL NOT NULL,
    updated_at    INTEGER NOT NULL
  );

  CREATE TABLE reports (
    id            INTEGER PRIMARY KEY,
    source_id     TEXT NOT NULL UNIQUE,
    category      TEXT NOT NULL,          -- canonical name, or raw text for unknown categories
    category_code INTEGER NOT NULL,       -- 1..24, 0 = unknown
    status        TEXT NOT NULL,
    status_code   INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,       -- UTC ms
    event_at      INTEGER,
    modified_at   INTEGER,
    hour          INTEGER NOT NULL,       -- Warsaw local hour of created_at
    weekday       INTEGER NOT NULL,       -- 0 = Monday
    lon           REAL NOT NULL,
    lat           REAL NOT NULL,
    x2180         REAL NOT NULL,
    y2180         REAL NOT NULL,
    teryt         TEXT,
    description   TEXT,                   -- police-only; may hold personal data
    unit          TEXT,
    beat          TEXT,                   -- beat name as given by the source file
    officer       TEXT,
    district_id   INTEGER REFERENCES districts(id) ON DELETE SET NULL,
    import_id     INTEGER NOT NULL REFERENCES imports(id),
    first_import_id INTEGER NOT NULL REFERENCES imports(id)
  );
  CREATE INDEX reports_created ON reports(created_at);
  CREATE INDEX reports_district ON reports(district_id, created_at);
  CREATE INDEX reports_category ON reports(category_code, created_at);

  CREATE TABLE report_status_history (
    id          INTEGER PRIMARY KEY,
    report_id   INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    status      TEXT NOT NULL,
    changed_at  INTEGER NOT NULL,
    import_id   INTEGER REFERENCES imports(id)
  );
  CREATE INDEX status_history_report ON report_status_history(report_id, changed_at);

  CREATE TABLE quarantine (
    id          INTEGER PRIMARY KEY,
    import_id   INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    file_name   TEXT NOT NULL,
    row_number  INTEGER NOT NULL,
    field       TEXT NOT NULL,
    reason      TEXT NOT NULL,
    raw_json    TEXT
  );
  CREATE INDEX quarantine_import ON quarantine(import_id);

  CREATE TABLE saved_analyses (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL,
    params_json TEXT NOT NULL,
    result_json TEXT NOT NULL,
    created_at  INTEGER NOT NULL
  );

  CREATE TABLE settings (
    key         TEXT PRIMARY KEY,
    value_json  TEXT NOT NULL
  );

  CREATE TABLE places (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL,
    kind  TEXT NOT NULL,
    lon   REAL NOT NULL,
    lat   REAL NOT NULL
  );
  `,
  // 2: saved column mappings for imports, keyed by the header signature of a file
  `
  CREATE TABLE mapping_presets (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL UNIQUE,
    header_signature TEXT NOT NULL,
    mapping_json     TEXT NOT NULL,
    options_json     TEXT NOT NULL DEFAULT '{}',
    updated_at       INTEGER NOT NULL
  );
  CREATE INDEX mapping_presets_signature ON mapping_presets(header_signature);
  ALTER TABLE imports ADD COLUMN duration_ms INTEGER;
  ALTER TABLE imports ADD COLUMN summary_json TEXT;
  `,
  // 3: time of verification (first confirmed or rejected status) kept on the report for fast statistics
  `
  ALTER TABLE reports ADD COLUMN verified_at INTEGER;
  UPDATE reports SET verified_at = (
    SELECT min(h.changed_at) FROM report_status_history h WHERE h.report_id = reports.id AND h.status IN
      ('Potwierdzone', 'Potwierdzone (przekazane poza Policję)', 'Niepotwierdzone', 'Potwierdzone (wyeliminowane)', 'Żart lub pomyłka'));
  `,
  // 4: briefing templates (issue 7): the composer's choices saved under a name, as JSON
  `
  CREATE TABLE briefing_templates (
    name        TEXT PRIMARY KEY,
    json        TEXT NOT NULL,
    updated_at  INTEGER NOT NULL
  );
  `,
  // 5: a real command's data (issue 12): the command's territory, reports flagged outside it, provenance per
  // import (not per workspace) and what an import changed, so that one import can be undone.
  `
  CREATE TABLE territory (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,            -- e.g. 'powiat piotrkowski' (PRG name) or a user's name
    source        TEXT NOT NULL,            -- 'powiat' (bundled PRG, simplified) | 'beats' | 'file' | 'drawn'
    geometry_json TEXT NOT NULL,            -- GeoJSON Polygon/MultiPolygon, WGS84
    area_m2       REAL NOT NULL,            -- EPSG:2180 planar area (core/districts/geometry areaM2)
    min_lon REAL NOT NULL, min_lat REAL NOT NULL, max_lon REAL NOT NULL, max_lat REAL NOT NULL
  );
  -- 1 when the report lies outside the territory (beyond the stated tolerance); kept, filterable
  ALTER TABLE reports ADD COLUMN outside_territory INTEGER NOT NULL DEFAULT 0;
  -- 'kmzb-police' (police system export) | 'kmzb-public' (public map) | 'other' | 'demo'
  ALTER TABLE imports ADD COLUMN provenance_kind TEXT NOT NULL DEFAULT 'other';
  -- set when the import was undone (its row stays as history)
  ALTER TABLE imports ADD COLUMN undone_at INTEGER;
  -- the row of a report as it was before an import updated it (JSON of the reports columns)
  CREATE TABLE import_changes (
    import_id   INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    report_id   INTEGER NOT NULL,
    before_json TEXT NOT NULL,
    PRIMARY KEY (import_id, report_id)
  ) WITHOUT ROWID;
  UPDATE imports SET provenance_kind = 'demo' WHERE source_kind = 'demo';
  `,
  // 6: where things are (issue 13): named places and street centrelines the user imports, as layers. Places keep
  // their table (the demo writes it); streets are polylines in EPSG:2180 (Float64 x,y pairs, little-endian) with
  // their WGS84 GeoJSON for the map. The nearest-street index is built in memory (flatbush) on first use.
  `
  CREATE TABLE place_layers (
    id            INTEGER PRIMARY KEY,
    file_name     TEXT NOT NULL,
    file_hash     TEXT,
    format        TEXT NOT NULL,            -- 'geojson' | 'csv'
    crs           TEXT NOT NULL,            -- 'EPSG:4326' | 'EPSG:2180' (as read; stored geometry is normalised)
    name_field    TEXT NOT NULL,
    imported_at   INTEGER NOT NULL,         -- UTC ms
    places        INTEGER NOT NULL DEFAULT 0,
    streets       INTEGER NOT NULL DEFAULT 0,
    rejected      INTEGER NOT NULL DEFAULT 0,
    min_lon REAL, min_lat REAL, max_lon REAL, max_lat REAL
  );
  -- 'demo' (written by the demo generator) | 'import' (a file the user imported, see layer_id)
  ALTER TABLE places ADD COLUMN source TEXT NOT NULL DEFAULT 'demo';
  ALTER TABLE places ADD COLUMN layer_id INTEGER REFERENCES place_layers(id) ON DELETE CASCADE;
  CREATE INDEX places_layer ON places(layer_id);
  CREATE TABLE streets (
    id            INTEGER PRIMARY KEY,
    layer_id      INTEGER NOT NULL REFERENCES place_layers(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    xy            BLOB NOT NULL,            -- EPSG:2180 vertices, Float64 LE x0,y0,x1,y1,… (one LineString part)
    geometry_json TEXT NOT NULL,            -- the same line as a GeoJSON LineString, WGS84
    min_x REAL NOT NULL, min_y REAL NOT NULL, max_x REAL NOT NULL, max_y REAL NOT NULL
  );
  CREATE INDEX streets_layer ON streets(layer_id);
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
