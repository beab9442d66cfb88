import { describe, expect, it } from 'vitest';
import { baseName, dirName, joinPath, slug, workspaceFileName } from '../../../src/renderer/workspace/paths';

describe('workspace dialog paths', () => {
  it('joins with the separator the folder uses', () => {
    expect(joinPath('/home/anna/rejon', 'kmp.sqlite')).toBe('/home/anna/rejon/kmp.sqlite');
    expect(joinPath('/home/anna/rejon/', 'kmp.sqlite')).toBe('/home/anna/rejon/kmp.sqlite');
    expect(joinPath('C:\\Users\\anna\\Rejon', 'kmp.sqlite')).toBe('C:\\Users\\anna\\Rejon\\kmp.sqlite');
    expect(joinPath('/', 'kmp.sqlite')).toBe('/kmp.sqlite');
    expect(baseName('/a/b/kmp.sqlite')).toBe('kmp.sqlite');
    expect(dirName('/a/b/kmp.sqlite')).toBe('/a/b');
    expect(dirName('/kmp.sqlite')).toBe('/');
    expect(dirName('C:\\Rejon\\kmp.sqlite')).toBe('C:\\Rejon');
  });

  it('suggests a file name from the command name, without Polish letters or path characters', () => {
    expect(slug('KMP Piotrków Trybunalski')).toBe('kmp-piotrkow-trybunalski');
    expect(slug('KPP w Łęczycy / Wydział Prewencji')).toBe('kpp-w-leczycy-wydzial-prewencji');
    expect(workspaceFileName('', 'KMP Piotrków Trybunalski')).toBe('kmp-piotrkow-trybunalski.sqlite');
    expect(workspaceFileName('', '')).toBe('obszar-roboczy.sqlite');
    expect(workspaceFileName('moja kopia', 'X')).toBe('moja kopia.sqlite');
    expect(workspaceFileName('dane.rejon', 'X')).toBe('dane.rejon');
    expect(workspaceFileName('../../etc/passwd', 'X')).toBe('..-..-etc-passwd.sqlite');
  });
});
