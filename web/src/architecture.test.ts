/**
 * The import rules of web/README.md ("Layers and the feature-folder rule"), checked on the
 * sources instead of by a linter:
 *
 * 1. A feature never imports another feature (compose in app/, or lift the shared part to
 *    api/, components/, lib/).
 * 2. Shared layers (api/, components/, lib/) import neither features nor app/.
 * 3. Features do not import app/ (app/ composes features, not the other way round).
 * 4. Only a feature's own files import its internals; app/ imports a feature through its
 *    index.ts only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));
const SHARED = ['api', 'components', 'lib'];

interface Import {
  file: string;
  target: string;
}

function sourceFiles(): string[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx)$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => f.split(sep).join('/'));
}

const IMPORT_RE = /(?:import|export)\s+(?:type\s+)?[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

/** Imports of a file, as paths relative to src/ (external packages left out). */
function importsOf(file: string): Import[] {
  const text = readFileSync(join(SRC, file), 'utf8');
  const result: Import[] = [];
  for (const match of text.matchAll(IMPORT_RE)) {
    const spec = match[1] ?? match[2] ?? match[3];
    if (!spec) continue;
    let target: string | undefined;
    if (spec.startsWith('@/')) target = spec.slice(2);
    else if (spec.startsWith('.')) target = relative(SRC, resolve(SRC, dirname(file), spec)).split(sep).join('/');
    if (target !== undefined) result.push({ file, target });
  }
  return result;
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file) || file.startsWith('testing/');
const featureOf = (path: string) => path.match(/^features\/([^/]+)/)?.[1];
const layerOf = (path: string) => path.split('/')[0] ?? '';

const allImports = sourceFiles().flatMap(importsOf);

describe('import rules', () => {
  it('finds the sources', () => {
    expect(allImports.length).toBeGreaterThan(50);
  });

  it('a feature never imports another feature', () => {
    const bad = allImports.filter(({ file, target }) => {
      const from = featureOf(file);
      const to = featureOf(target);
      return from !== undefined && to !== undefined && from !== to;
    });
    expect(bad).toEqual([]);
  });

  it('shared layers import neither features nor app/', () => {
    const bad = allImports.filter(
      ({ file, target }) =>
        SHARED.includes(layerOf(file)) && !isTest(file) && ['features', 'app'].includes(layerOf(target)),
    );
    expect(bad).toEqual([]);
  });

  it('features do not import app/', () => {
    const bad = allImports.filter(
      ({ file, target }) => layerOf(file) === 'features' && !isTest(file) && layerOf(target) === 'app',
    );
    expect(bad).toEqual([]);
  });

  it('outside a feature, only its index.ts is imported', () => {
    const bad = allImports.filter(({ file, target }) => {
      const to = featureOf(target);
      if (to === undefined || featureOf(file) === to) return false;
      return target !== `features/${to}` && target !== `features/${to}/index`;
    });
    expect(bad).toEqual([]);
  });
});
