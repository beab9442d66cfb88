import { describe, expect, it } from 'vitest';
import path from 'node:path';
import {
  DEFAULT_RESTART_POLICY, isAllowedNavigation, isAllowedPrintNavigation, isAllowedPrintUrl, isTrustedSender, resolveAppRequest, restartDecision, workspaceFromArgv,
  workspaceFromSecondInstance,
} from '../../../electron/policy';
import { resolveSafePath } from '../../../src/backend/security/paths';

const root = path.resolve('/opt/rejon/renderer');

describe('Electron navigation policy', () => {
  it('allows only the app origin', () => {
    expect(isAllowedNavigation('app://rejon/index.html')).toBe(true);
    expect(isAllowedNavigation('app://rejon/assets/x.js?v=1#a')).toBe(true);
    for (const bad of [
      'https://example.com/',
      'http://127.0.0.1:5173/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'app://evil/index.html',
      'app://user:pw@rejon/index.html',
      'not a url',
      '',
    ]) expect(isAllowedNavigation(bad)).toBe(false);
  });
  it('trusts IPC only from app frames', () => {
    expect(isTrustedSender('app://rejon/index.html')).toBe(true);
    expect(isTrustedSender(undefined)).toBe(false);
    expect(isTrustedSender('https://rejon/')).toBe(false);
  });
});

describe('path traversal guard', () => {
  it('maps app URLs into the renderer folder', () => {
    expect(resolveAppRequest('app://rejon/index.html', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppRequest('app://rejon/', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppRequest('app://rejon/assets/a.js?x=1', root)).toBe(path.join(root, 'assets', 'a.js'));
  });
  it('rejects every escape attempt', () => {
    for (const bad of [
      'app://rejon/../secret',
      'app://rejon/%2e%2e/secret',
      'app://rejon/%2E%2E%2Fsecret',
      'app://rejon/assets/..%2f..%2fsecret',
      'app://rejon/..%5c..%5csecret',
      'app://rejon/a%00.html',
      'app://rejon/%E0%A4%A',
      'app://other/index.html',
      'https://rejon/index.html',
    ]) expect(resolveAppRequest(bad, root)).toBeNull();
    expect(resolveSafePath(root, '/../../etc/passwd')).toBeNull();
    expect(resolveSafePath(root, '/./index.html')).toBeNull();
    expect(resolveSafePath(root, '/a\\..\\b')).toBeNull();
  });
});

describe('print window policy', () => {
  it('prints only pages of a loopback server on 127.0.0.1 with a port', () => {
    expect(isAllowedPrintUrl('http://127.0.0.1:41234/#token=abc&print=xyz')).toBe(true);
    for (const bad of [
      'http://localhost:41234/', 'http://127.0.0.1/', 'https://127.0.0.1:41234/', 'http://127.0.0.2:41234/', 'http://user:pw@127.0.0.1:41234/',
      'app://rejon/index.html', 'file:///etc/passwd', 'http://example.com:80/', 'http://[::1]:41234/', 'javascript:alert(1)', '',
    ]) expect(isAllowedPrintUrl(bad), bad).toBe(false);
  });
  it('keeps the print window on the page it was asked to print', () => {
    const page = 'http://127.0.0.1:41234/#token=abc&print=xyz';
    expect(isAllowedPrintNavigation('http://127.0.0.1:41234/#other', page)).toBe(true);
    expect(isAllowedPrintNavigation('http://127.0.0.1:41235/', page)).toBe(false);
    expect(isAllowedPrintNavigation('http://127.0.0.1:41234/elsewhere', page)).toBe(false);
    expect(isAllowedPrintNavigation('https://example.com/', page)).toBe(false);
    expect(isAllowedPrintNavigation('http://127.0.0.1:41234/', 'https://example.com/')).toBe(false);
  });
});

describe('single instance: the workspace a second start asks for', () => {
  const cwd = path.resolve('/home/analityk/odprawy');
  it('reads --workspace=FILE and --workspace FILE, resolved against the folder it was started in', () => {
    expect(workspaceFromArgv(['rejon', '--workspace=dane.sqlite'], cwd)).toBe(path.join(cwd, 'dane.sqlite'));
    expect(workspaceFromArgv(['rejon', '.', '--workspace', '../inne/x.sqlite'], cwd)).toBe(path.resolve(cwd, '../inne/x.sqlite'));
    expect(workspaceFromArgv(['rejon', '--workspace'], cwd)).toBeNull();
    expect(workspaceFromArgv(['rejon', '--workspace', '--other'], cwd)).toBeNull();
    expect(workspaceFromArgv(['rejon', '--workspace='], cwd)).toBeNull();
    expect(workspaceFromArgv(['rejon'], cwd)).toBeNull();
  });
  it('prefers the absolute path the second instance resolved itself', () => {
    const abs = path.resolve('/srv/rejon/a.sqlite');
    expect(workspaceFromSecondInstance({ workspace: abs }, ['x', '--workspace=b.sqlite'], cwd)).toBe(abs);
    expect(workspaceFromSecondInstance({ workspace: 'relative.sqlite' }, ['x', '--workspace=b.sqlite'], cwd)).toBe(path.join(cwd, 'b.sqlite'));
    expect(workspaceFromSecondInstance(null, ['x'], cwd)).toBeNull();
    expect(workspaceFromSecondInstance({ workspace: null }, ['x'], cwd)).toBeNull();
  });
});

describe('restarting a crashed backend', () => {
  const p = { maxCrashes: 3, windowMs: 60_000, delaysMs: [250, 1000, 3000] };
  it('restarts with growing delays, then gives up after too many crashes in the window', () => {
    expect(restartDecision([0], 0, p)).toEqual({ restart: true, delayMs: 250 });
    expect(restartDecision([0, 10], 10, p)).toEqual({ restart: true, delayMs: 1000 });
    expect(restartDecision([0, 10, 20], 20, p)).toEqual({ restart: true, delayMs: 3000 });
    expect(restartDecision([0, 10, 20, 30], 30, p)).toEqual({ restart: false, crashes: 4 });
  });
  it('forgets crashes older than the window', () => {
    expect(restartDecision([0, 10, 20, 70_000], 70_000, p)).toEqual({ restart: true, delayMs: 250 });
    expect(DEFAULT_RESTART_POLICY.maxCrashes).toBeGreaterThan(0);
  });
});

describe('file access by capability (issue 14)', () => {
  it('main refuses any call whose input names a file path', async () => {
    const { namesFilePath } = await import('../../../electron/policy');
    expect(namesFilePath({ source: { path: '/etc/passwd' } })).toBe(true);
    expect(namesFilePath({ source: { path: '' }, nameField: 'N' })).toBe(true);
    expect(namesFilePath({ source: { uploadId: '0f8fad5b-d9cb-469f-a165-70867728950e' } })).toBe(false);
    expect(namesFilePath({ source: { grant: 'a'.repeat(48) } })).toBe(false);
    expect(namesFilePath({ kind: 'pmtiles', path: '/x.pmtiles' })).toBe(false); // basemap archives: see the report
    expect(namesFilePath(null)).toBe(false);
    expect(namesFilePath({})).toBe(false);
  });
  it('grants only absolute paths without NUL bytes', async () => {
    const { isGrantablePath } = await import('../../../electron/policy');
    expect(isGrantablePath('/home/analityk/eksport.csv')).toBe(true);
    expect(isGrantablePath('C:\\Users\\a\\eksport.csv')).toBe(true);
    for (const bad of ['eksport.csv', '../x.csv', '/a\0b.csv', '', 7, null]) expect(isGrantablePath(bad)).toBe(false);
  });
});
