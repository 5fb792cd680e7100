import assert from 'node:assert/strict';
import { test } from 'node:test';

import { getHealth, getImage, getJSON, getResult, parseJSON } from '../../static/js/api.js';

// A fetch stand-in that records its calls and answers with the given status and text.
function fakeFetch(status, text) {
  const calls = [];
  const fetchImpl = (path, options) => {
    calls.push({ path, options });
    return Promise.resolve({ status, ok: status >= 200 && status < 300, text: () => Promise.resolve(text) });
  };
  return { calls, fetchImpl };
}

test('JSON that does not parse is null', () => {
  assert.deepEqual(parseJSON('{"id":"A"}'), { id: 'A' });
  assert.equal(parseJSON('<html>502 Bad Gateway</html>'), null);
  assert.equal(parseJSON(''), null);
});

test('an answer becomes its status, success and parsed body', async () => {
  const { fetchImpl } = fakeFetch(202, '{"id":"A","status":"processing"}');
  assert.deepEqual(await getJSON('/api/results/A', fetchImpl), { status: 202, ok: true, body: { id: 'A', status: 'processing' } });
});

test('an error answer that is not JSON has a null body', async () => {
  const { fetchImpl } = fakeFetch(502, '<html>Bad Gateway</html>');
  assert.deepEqual(await getJSON('/api/health', fetchImpl), { status: 502, ok: false, body: null });
});

test('requests ask for fresh JSON and send the session cookie', async () => {
  const { calls, fetchImpl } = fakeFetch(200, '{}');
  await getHealth(fetchImpl);
  assert.deepEqual(calls, [{ path: '/api/health', options: { cache: 'no-store', credentials: 'same-origin', headers: { Accept: 'application/json' } } }]);
});

test('the result is asked for by its encoded id', async () => {
  const { calls, fetchImpl } = fakeFetch(404, '{"error":"not found"}');
  const answer = await getResult('a/b c', fetchImpl);
  assert.equal(calls[0].path, '/api/results/a%2Fb%20c');
  assert.deepEqual(answer, { status: 404, ok: false, body: { error: 'not found' } });
});

test('no answer at all rejects', async () => {
  const unreachable = () => Promise.reject(new TypeError('Failed to fetch'));
  await assert.rejects(getResult('A', unreachable), TypeError);
});

test('an image that came is its blob, asked for with the browser\'s own caching', async () => {
  const blob = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/webp' });
  const calls = [];
  const fetchImpl = (...args) => {
    calls.push(args);
    return Promise.resolve({ status: 200, ok: true, blob: () => Promise.resolve(blob) });
  };
  assert.deepEqual(await getImage('/api/image/A/t/grayscale', fetchImpl), { status: 200, ok: true, blob });
  assert.deepEqual(calls, [['/api/image/A/t/grayscale']]);
});

test('an image the server refused is its status and JSON error', async () => {
  const { fetchImpl } = fakeFetch(400, '{"error":"blur:99: sigma must be 0.1…20"}');
  assert.deepEqual(await getImage('/api/image/A/t/blur:99', fetchImpl), { status: 400, ok: false, body: { error: 'blur:99: sigma must be 0.1…20' } });
  const { fetchImpl: proxy } = fakeFetch(502, '<html>Bad Gateway</html>');
  assert.deepEqual(await getImage('/api/image/A/web', proxy), { status: 502, ok: false, body: null });
});
