/**
 * A Rejon process in the middle of an upload, for the crash test: stages one chunk of a "police export", prints the
 * staging folder, and waits to be killed (kill -9: no close, no cleanup).
 *
 *   node --import tsx tests/helpers/uploadChild.ts TMPROOT
 */
import { UploadStore } from '../../src/backend/import/uploads';

const root = process.argv[2];
const store = new UploadStore({ root });
store.append(undefined, 'eksport-policja.csv', 0, Buffer.from('Nr zgłoszenia;Opis\r\n1;Jan Kowalski, ul. Słowackiego 5\r\n').toString('base64'));
console.log(JSON.stringify({ folder: store.stagingFolder, pid: process.pid }));
setInterval(() => {}, 1000);
