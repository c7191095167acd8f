import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveRendererAsset } from '../../../main/core/renderer-assets';

const root = resolve('/srv/renderer');

describe('resolveRendererAsset', () => {
  it('serves the entry page for the root path', () => {
    expect(resolveRendererAsset(root, '/')).toEqual({ file: join(root, 'index.html'), contentType: 'text/html; charset=utf-8' });
  });

  it('maps assets with their content type and ignores the query string', () => {
    expect(resolveRendererAsset(root, '/assets/index-abc.js?v=1')).toEqual({
      file: join(root, 'assets/index-abc.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
  });

  it.each(['/../secret.js', '/assets/../../etc/passwd.html', '/%2e%2e/%2e%2e/etc/hosts.js', '/..%2fsecret.js', '/assets%5c..%5c..%5csecret.js', '/index.html%00.js', '/%E0%A4%A'])(
    'refuses %s',
    (path) => {
      expect(resolveRendererAsset(root, path)).toBeNull();
    },
  );

  it('refuses file types the renderer never serves', () => {
    expect(resolveRendererAsset(root, '/settings.sqlite')).toBeNull();
    expect(resolveRendererAsset(root, '/assets/')).toBeNull();
  });
});
