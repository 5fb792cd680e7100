import assert from 'node:assert/strict';
import { test } from 'node:test';

import { albumPath, isPlainClick, needsLogin, resultPath, routeOf } from '../../static/js/router.js';

test('/r/ID is the analysis with that id, with or without a trailing slash', () => {
  assert.deepEqual(routeOf('/r/AAAAAAAAAAAAAAAAAAAAAA'), { page: 'result', id: 'AAAAAAAAAAAAAAAAAAAAAA' });
  assert.deepEqual(routeOf('/r/abc_-9/'), { page: 'result', id: 'abc_-9' });
});

test('the id in the address is decoded; a malformed escape is the home page', () => {
  assert.deepEqual(routeOf('/r/a%20b'), { page: 'result', id: 'a b' });
  assert.deepEqual(routeOf('/r/%E0%A4%A'), { page: 'home' });
});

test('/login and /albums are pages of their own', () => {
  assert.deepEqual(routeOf('/login'), { page: 'login' });
  assert.deepEqual(routeOf('/albums'), { page: 'albums' });
  assert.deepEqual(routeOf('/albums/'), { page: 'albums' });
});

test('/albums/ID is that album', () => {
  assert.deepEqual(routeOf('/albums/Ab3_-xyzAb3_-xyzAb3_-x'), { page: 'album', id: 'Ab3_-xyzAb3_-xyzAb3_-x' });
  assert.deepEqual(routeOf('/albums/abc/'), { page: 'album', id: 'abc' });
  assert.deepEqual(routeOf(albumPath('a b/c')), { page: 'album', id: 'a b/c' });
});

test('/s/TOKEN is the shared album of that token', () => {
  const token = 'q'.repeat(40) + '_-Z';
  assert.deepEqual(routeOf('/s/' + token), { page: 'gallery', token });
  assert.deepEqual(routeOf('/s/' + token + '/'), { page: 'gallery', token });
});

test('every other path is the home page', () => {
  for (const path of ['/', '/r/', '/r', '/r/a/b', '/index.html', '/x/r/abc', '/s/', '/s/a/b', '/albums/a/b', '/loginx', '/album']) {
    assert.deepEqual(routeOf(path), { page: 'home' }, path);
  }
});

test("a result's path encodes its id", () => {
  assert.equal(resultPath('AAAA'), '/r/AAAA');
  assert.equal(resultPath('a b/c'), '/r/a%20b%2Fc');
  assert.deepEqual(routeOf(resultPath('a b/c')), { page: 'result', id: 'a b/c' });
});

test('only the album pages need a login', () => {
  assert.deepEqual(['home', 'result', 'login', 'albums', 'album', 'gallery'].filter((page) => needsLogin({ page })), ['albums', 'album']);
});

test('only a plain left click is handled by the page', () => {
  const click = { button: 0, metaKey: false, ctrlKey: false, shiftKey: false, altKey: false };
  assert.equal(isPlainClick(click), true);
  assert.equal(isPlainClick({ ...click, button: 1 }), false);
  for (const key of ['metaKey', 'ctrlKey', 'shiftKey', 'altKey']) assert.equal(isPlainClick({ ...click, [key]: true }), false, key);
});
