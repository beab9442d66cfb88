/**
 * Checks of a workspace named on the command line before a command writes into it: it must exist (a missing file
 * is never created by an import: `rejon new` creates workspaces) and must not be the demo (demo and real data
 * never mix). Messages come from the one message layer, in the language of the environment.
 */
import fs from 'node:fs';
import path from 'node:path';
import { msg, type Msg } from '../core/message';
import { langFromEnv, translate } from '../shared/i18n';
import { probeWorkspace } from '../backend/store/workspace';

/** A command failed for a reason the user can fix: print the message, exit with the code. */
export class CliFailure extends Error {
  constructor(
    readonly userMsg: Msg,
    readonly exitCode: number,
  ) {
    super(userMsg.code);
    this.name = 'CliFailure';
  }
}

/** The message in the user's language (REJON_LANG, LC_ALL, LANG). */
export function cliText(m: Msg): string {
  return translate(langFromEnv(process.env), m);
}

/** Refuse an import target that does not exist (naming `rejon new`) or is the demo workspace. */
export function checkImportTarget(file: string): string {
  const abs = path.resolve(file);
  if (!fs.existsSync(abs)) throw new CliFailure(msg('workspace.cli.create-first', { file: abs }), 3);
  const probe = probeWorkspace(abs);
  if (probe.readable && probe.demo) throw new CliFailure(msg('workspace.cli.demo-import', { file: abs }), 3);
  return abs;
}
