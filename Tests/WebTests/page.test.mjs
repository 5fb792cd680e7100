// How index.html loads the modules: read from the files, as nginx serves them.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';

const STATIC = new URL('../../static/', import.meta.url);
const html = readFileSync(new URL('index.html', STATIC), 'utf8');
const source = (name) => readFileSync(new URL('js/' + name, STATIC), 'utf8');
const modules = readdirSync(new URL('js/', STATIC)).filter((name) => name.endsWith('.js')).sort();

// What a module's import statements name, as written.
function specifiersOf(name) {
  return [...source(name).matchAll(/^import\s+(?:[^;]*?\s+from\s+)?['"]([^'"]+)['"]/gm)].map((match) => match[1]);
}

// The sibling modules a module imports, by file name.
function importsOf(name) {
  return specifiersOf(name).map((specifier) => specifier.replace(/^\.\//, ''));
}

function reachableFrom(name, seen = new Set()) {
  if (seen.has(name)) return seen;
  seen.add(name);
  importsOf(name).forEach((imported) => reachableFrom(imported, seen));
  return seen;
}

test('the page runs main.js as its one module script', () => {
  assert.deepEqual([...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]), ['<script type="module" src="/js/main.js">']);
});

test('every module is imported, directly or not, by main.js', () => {
  assert.deepEqual([...reachableFrom('main.js')].sort(), modules);
});

test('index.html preloads every module main.js imports, and no other file', () => {
  const preloaded = [...html.matchAll(/<link rel="modulepreload" href="\/js\/([a-z-]+\.js)">/g)].map((match) => match[1]);
  assert.deepEqual(preloaded.sort(), modules.filter((name) => name !== 'main.js'));
});

test('modules import only sibling modules, never another origin', () => {
  for (const name of modules) {
    assert.deepEqual(specifiersOf(name).filter((specifier) => !/^\.\/[a-z-]+\.js$/.test(specifier)), [], name);
  }
});
