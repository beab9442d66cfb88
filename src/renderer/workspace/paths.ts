/**
 * Path helpers for the workspace dialogs. The renderer has no Node `path`: folders come from the backend (POSIX or
 * Windows), so the separator is taken from the folder itself.
 */
import { foldText } from '../../core/domain/text';

export function separatorOf(dir: string): '/' | '\\' {
  return dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
}

export function joinPath(dir: string, name: string): string {
  const sep = separatorOf(dir);
  return dir.endsWith(sep) ? dir + name : dir + sep + name;
}

export function baseName(p: string): string {
  const parts = p.split(/[\\/]/);
  return parts[parts.length - 1] || p;
}

export function dirName(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i <= 0 ? p.slice(0, i + 1) || p : p.slice(0, i);
}

/** "KMP Piotrków Trybunalski" -> "kmp-piotrkow-trybunalski" (file names without Polish letters travel well). */
export function slug(text: string): string {
  return foldText(text).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
}

/** A file name for a new workspace: the name given, or the slug of the command's name, with .sqlite. */
export function workspaceFileName(given: string, commandName: string, fallback = 'obszar-roboczy'): string {
  const raw = given.trim() || `${slug(commandName) || fallback}.sqlite`;
  const clean = raw.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '-');
  return /\.(sqlite|rejon|db)$/i.test(clean) ? clean : `${clean}.sqlite`;
}
