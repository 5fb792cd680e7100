import assert from 'node:assert/strict';
import { test } from 'node:test';

import { imageLinks, imagePath } from '../../static/js/renditions.js';

const ID = 'Xq3n0c1D4mV7Zb2kQ9rT1w';
const links = (names) => Object.fromEntries(names.map((name) => [name, '/api/image/' + ID + '/' + name]));

test('a completed result shows its web copy and lists its thumbnail; the original is kept for the link', () => {
  assert.deepEqual(imageLinks({ id: ID, links: links(['original', 'annotated', 'thumbnail', 'web']) }), {
    original: '/api/image/' + ID + '/original',
    picture: '/api/image/' + ID + '/web',
    thumbnail: '/api/image/' + ID + '/thumbnail',
    annotated: '/api/image/' + ID + '/annotated'
  });
});

test('without a web copy the picture is the original; without a thumbnail there is none', () => {
  const found = imageLinks({ id: ID, links: links(['original']) });
  assert.equal(found.picture, '/api/image/' + ID + '/original');
  assert.equal(found.thumbnail, null);
  assert.equal(found.annotated, null);
});

test('a result without links still has its original, by its encoded id', () => {
  assert.equal(imageLinks({ id: 'a b' }).original, '/api/image/a%20b/original');
  assert.equal(imageLinks({ id: 'a b', links: null }).picture, '/api/image/a%20b/original');
});

test('only the server\'s own image paths are used', () => {
  assert.equal(imagePath('/api/image/' + ID + '/thumbnail'), '/api/image/' + ID + '/thumbnail');
  for (const value of ['https://elsewhere.example/x.webp', '//elsewhere.example/api/image/A/web', 'data:image/png;base64,AAAA',
    '/api/image/A/../../x', '/api/image/A/web?x=1', '/api/results/A', 'javascript:alert(1)', '', null, 7, {}]) {
    assert.equal(imagePath(value), null, String(value));
  }
  const odd = imageLinks({ id: ID, links: { original: 'https://elsewhere.example/o.jpg', web: 'data:,x', thumbnail: '/x' } });
  assert.deepEqual(odd, { original: '/api/image/' + ID + '/original', picture: '/api/image/' + ID + '/original', thumbnail: null, annotated: null });
});
