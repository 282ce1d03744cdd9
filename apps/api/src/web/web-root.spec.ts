import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assetPath, findWebRoot } from './web-root';
import { tempDirs } from '../../../../test/support/temp-dirs';

const tempDir = tempDirs('web');

describe('web root', () => {
  it('is found from the sources and from the build under dist/ alike', () => {
    const fromSources = findWebRoot(__dirname);
    expect(fromSources).toMatch(/apps[/\\]api[/\\]src[/\\]web[/\\]public$/);
    const repo = join(fromSources!, '..', '..', '..', '..', '..');
    expect(findWebRoot(join(repo, 'dist', 'apps', 'api', 'src', 'web'), '/')).toBe(fromSources);
  });

  it('is null when there is no dashboard anywhere up the tree', () => {
    const empty = tempDir();
    expect(findWebRoot(empty, empty)).toBeNull();
  });
});

describe('web assets', () => {
  const root = tempDir();
  mkdirSync(join(root, 'js'));
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'js', 'main.js'), '');
  writeFileSync(join(root, 'js', 'notes.txt'), '');
  writeFileSync(join(root, '.secret.js'), '');

  it('serves files below the root by their path', () => {
    expect(assetPath(root, 'index.html')).toBe(join(root, 'index.html'));
    expect(assetPath(root, 'js/main.js')).toBe(join(root, 'js', 'main.js'));
  });

  it.each([
    ['../package.json'],
    ['js/../../x.js'],
    ['js//main.js'],
    ['.secret.js'],
    ['js\\main.js'],
    ['js/notes.txt'],
    ['js/missing.js'],
    ['js'],
    [''],
  ])('refuses %p', (path) => {
    expect(assetPath(root, path)).toBeNull();
  });
});
