/**
 * A minimal GeoPackage (OGC 12-128r15, version 1.2) writer for point layers, on better-sqlite3: the core tables
 * (gpkg_spatial_ref_sys with the mandatory -1/0/4326 rows, gpkg_contents, gpkg_geometry_columns), one feature
 * table with GeoPackageBinary point geometries (envelope included, little-endian), application_id 'GPKG' and
 * user_version 10200. Coordinates are stored as GDAL and QGIS read GeoPackages: x = easting, y = northing.
 */
import Database from 'better-sqlite3';

/** EPSG:2180 as GDAL 3.6 / PROJ 9 write it into gpkg_spatial_ref_sys. */
export const EPSG_2180_WKT =
  'PROJCS["ETRF2000-PL / CS92",GEOGCS["ETRF2000-PL",DATUM["ETRF2000_Poland",SPHEROID["GRS 1980",6378137,298.257222101,AUTHORITY["EPSG","7019"]],' +
  'AUTHORITY["EPSG","1305"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],' +
  'AUTHORITY["EPSG","9702"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",19],' +
  'PARAMETER["scale_factor",0.9993],PARAMETER["false_easting",500000],PARAMETER["false_northing",-5300000],UNIT["metre",1,AUTHORITY["EPSG","9001"]],' +
  'AXIS["Northing",NORTH],AXIS["Easting",EAST],AUTHORITY["EPSG","2180"]]';

const EPSG_4326_WKT =
  'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],' +
  'PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],' +
  'AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]';

const GPKG_APPLICATION_ID = 0x47504b47; // 'GPKG'
const GPKG_VERSION = 10200;

export interface GpkgField {
  name: string;
  type: 'TEXT' | 'REAL' | 'INTEGER';
}

export interface PointLayer {
  table: string;
  identifier: string;
  description: string;
  srsId: 2180;
  fields: GpkgField[];
}

/** GeoPackageBinary of a point with its envelope [minx, maxx, miny, maxy], little-endian (61 bytes). */
export function gpkgPoint(x: number, y: number, srsId: number, out: Buffer = Buffer.alloc(61)): Buffer {
  out[0] = 0x47; // 'G'
  out[1] = 0x50; // 'P'
  out[2] = 0; // version 1
  out[3] = 0b0000_0011; // not extended, not empty, envelope [minx, maxx, miny, maxy] (code 1), little-endian
  out.writeInt32LE(srsId, 4);
  out.writeDoubleLE(x, 8);
  out.writeDoubleLE(x, 16);
  out.writeDoubleLE(y, 24);
  out.writeDoubleLE(y, 32);
  // WKB Point, little-endian
  out[40] = 1;
  out.writeUInt32LE(1, 41);
  out.writeDoubleLE(x, 45);
  out.writeDoubleLE(y, 53);
  return out;
}

/**
 * Write a GeoPackage with one point layer. `rows` yields [x, y, ...field values]; they are written in batches
 * inside one transaction (one reused geometry buffer, no per-row objects kept). Returns the feature count.
 */
export function writePointGeoPackage(file: string, layer: PointLayer, rows: Iterable<readonly unknown[]>): number {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma(`application_id = ${GPKG_APPLICATION_ID}`);
    db.pragma(`user_version = ${GPKG_VERSION}`);
    const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
    db.exec(`
      CREATE TABLE gpkg_spatial_ref_sys (
        srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
        organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
      CREATE TABLE gpkg_contents (
        table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '',
        last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
        min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
        CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
      CREATE TABLE gpkg_geometry_columns (
        table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL,
        z TINYINT NOT NULL, m TINYINT NOT NULL,
        CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
        CONSTRAINT uk_gc_table_name UNIQUE (table_name),
        CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
        CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
    `);
    const srs = db.prepare('INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)');
    srs.run('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system');
    srs.run('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system');
    srs.run('WGS 84 geodetic', 4326, 'EPSG', 4326, EPSG_4326_WKT, 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
    srs.run('ETRF2000-PL / CS92', 2180, 'EPSG', 2180, EPSG_2180_WKT, 'PUWG 1992 (EPSG:2180)');
    db.exec(
      `CREATE TABLE ${q(layer.table)} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom POINT, ` +
        layer.fields.map((f) => `${q(f.name)} ${f.type}`).join(', ') +
        ')',
    );
    const insert = db.prepare(
      `INSERT INTO ${q(layer.table)} (geom, ${layer.fields.map((f) => q(f.name)).join(', ')}) VALUES (?${', ?'.repeat(layer.fields.length)})`,
    );
    let n = 0;
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    const geom = Buffer.alloc(61);
    const values: unknown[] = new Array(1 + layer.fields.length);
    const write = db.transaction(() => {
      for (const row of rows) {
        const x = row[0] as number;
        const y = row[1] as number;
        values[0] = gpkgPoint(x, y, layer.srsId, geom);
        for (let k = 0; k < layer.fields.length; k++) values[k + 1] = row[k + 2] ?? null;
        insert.run(values);
        n++;
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    });
    write();
    const bounds = n > 0 ? [minX, minY, maxX, maxY] : [null, null, null, null];
    db.prepare(
      `INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id)
       VALUES (?, 'features', ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'), ?, ?, ?, ?, ?)`,
    ).run(layer.table, layer.identifier, layer.description, ...bounds, layer.srsId);
    db.prepare(`INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'POINT', ?, 0, 0)`).run(layer.table, layer.srsId);
    return n;
  } finally {
    db.close();
  }
}
