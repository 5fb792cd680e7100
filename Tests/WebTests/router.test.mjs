import assert from 'node:assert/strict';
import { test } from 'node:test';

import { isPlainClick, resultPath, routeOf } from '../../static/js/router.js';

test('/r/ID is the analysis with that id, with or without a trailing slash', () => {
  assert.deepEqual(routeOf('/r/AAAAAAAAAAAAAAAAAAAAAA'), { id: 'AAAAAAAAAAAAAAAAAAAAAA' });
  assert.deepEqual(routeOf('/r/abc_-9/'), { id: 'abc_-9' });
});

test('the id in the address is decoded', () => {
  assert.deepEqual(routeOf('/r/a%20b'), { id: 'a b' });
});

test('every other path is the home page', () => {
  for (const path of ['/', '/r/', '/r', '/r/a/b', '/index.html', '/x/r/abc']) assert.deepEqual(routeOf(path), {}, path);
});

test("a result's path encodes its id", () => {
  assert.equal(resultPath('AAAA'), '/r/AAAA');
  assert.equal(resultPath('a b/c'), '/r/a%20b%2Fc');
  assert.deepEqual(routeOf(resultPath('a b/c')), { id: 'a b/c' });
});

test('only a plain left click is handled by the page', () => {
  const click = { button: 0, metaKey: false, ctrlKey: false, shiftKey: false, altKey: false };
  assert.equal(isPlainClick(click), true);
  assert.equal(isPlainClick({ ...click, button: 1 }), false);
  for (const key of ['metaKey', 'ctrlKey', 'shiftKey', 'altKey']) assert.equal(isPlainClick({ ...click, [key]: true }), false, key);
});
