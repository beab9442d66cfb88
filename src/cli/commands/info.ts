import path from 'node:path';
import { openWorkspace } from '../../backend/store/workspace';
import { one, parseArgs, UsageError } from '../args';
import { out } from '../output';

export const usage = `info   --workspace FILE [--json]
         Print report and district counts and the schema version.`;

export async function run(argv: string[]): Promise<number> {

  const args = parseArgs(argv, { values: ['workspace'], flags: ['json'] });
  const file = one(args, 'workspace');
  if (!file) throw new UsageError('info needs --workspace FILE');
  const db = openWorkspace(file, { readonly: true });
  try {
    const reports = (db.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n;
    const districts = (db.prepare('SELECT count(*) AS n FROM districts').get() as { n: number }).n;
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (args.flags.has('json')) out(JSON.stringify({ reports, districts, schemaVersion }));
    else out(`${path.resolve(file)}: ${reports} reports, ${districts} districts, schema version ${schemaVersion}`);
  } finally {
    db.close();
  }
  return 0;
}

