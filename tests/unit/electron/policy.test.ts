import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { isAllowedNavigation, isTrustedSender, resolveAppRequest } from '../../../electron/policy';
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
