import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createAccount } from '../../static/js/account.js';
import { createOwnerApi } from '../../static/js/owner-api.js';
import { isWrite, requestOptions, retryAfterOf, sendJSON } from '../../static/js/request.js';

// A fetch stand-in that records its calls and answers with the given status, text and headers.
function fakeFetch(status, text = '', headers = {}) {
  const calls = [];
  const fetchImpl = (path, options) => {
    calls.push({ path, options });
    return Promise.resolve({
      status, ok: status >= 200 && status < 300,
      headers: { get: (name) => (name in headers ? headers[name] : null) },
      text: () => Promise.resolve(text)
    });
  };
  return { calls, fetchImpl };
}

function memoryStorage() {
  const items = {};
  return { items, getItem: (key) => (key in items ? items[key] : null), setItem: (key, value) => { items[key] = String(value); }, removeItem: (key) => { delete items[key]; } };
}

const SESSION = { user: { id: 1, username: 'ann' }, csrf_token: 'csrf-123', expires_at: '2026-12-31T00:00:00Z' };

test('writes are POST, PUT, PATCH and DELETE', () => {
  assert.deepEqual(['GET', 'HEAD', 'POST', 'put', 'PATCH', 'DELETE'].filter(isWrite), ['POST', 'put', 'PATCH', 'DELETE']);
});

test('every write made with the cookie carries the CSRF token; a read does not', () => {
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
    assert.equal(requestOptions(method, undefined, 'tok').headers['X-CSRF-Token'], 'tok', method);
  }
  assert.equal('X-CSRF-Token' in requestOptions('GET', undefined, 'tok').headers, false);
  assert.equal('X-CSRF-Token' in requestOptions('POST', {}, null).headers, false, 'no session, no header');
});

test('requests send the cookie of this origin, are never cached, and send JSON bodies as JSON', () => {
  assert.deepEqual(requestOptions('PATCH', { title: 'Trip' }, 'tok'), {
    method: 'PATCH', cache: 'no-store', credentials: 'same-origin',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'X-CSRF-Token': 'tok' },
    body: '{"title":"Trip"}'
  });
  assert.deepEqual(requestOptions('GET'), { method: 'GET', cache: 'no-store', credentials: 'same-origin', headers: { Accept: 'application/json' } });
});

test('an answer is its status, parsed body and Retry-After', async () => {
  const { fetchImpl } = fakeFetch(429, '{"error":"too many failed logins"}', { 'Retry-After': '42' });
  assert.deepEqual(await sendJSON('POST', '/api/session', { body: {}, fetchImpl }),
    { status: 429, ok: false, body: { error: 'too many failed logins' }, retryAfter: 42 });
  const { fetchImpl: empty } = fakeFetch(204, '');
  assert.deepEqual(await sendJSON('DELETE', '/api/session', { fetchImpl: empty }), { status: 204, ok: true, body: null, retryAfter: null });
});

test('Retry-After is a number of seconds or nothing', () => {
  assert.equal(retryAfterOf('3'), 3);
  assert.equal(retryAfterOf('2.5'), 3);
  assert.equal(retryAfterOf(null), null);
  assert.equal(retryAfterOf(''), null);
  assert.equal(retryAfterOf('Wed, 21 Oct 2026 07:28:00 GMT'), null);
});

test('the account keeps the session\'s token in memory and remembers only the name', () => {
  const storage = memoryStorage();
  const account = createAccount(storage);
  const seen = [];
  account.subscribe((user) => seen.push(user && user.username));
  assert.equal(account.mayBeLoggedIn(), false);
  account.set(SESSION);
  assert.equal(account.user.username, 'ann');
  assert.equal(account.csrf, 'csrf-123');
  assert.deepEqual(Object.values(storage.items), ['ann']);
  assert.equal(account.mayBeLoggedIn(), true);
  account.clear();
  assert.equal(account.user, null);
  assert.equal(account.csrf, null);
  assert.equal(account.mayBeLoggedIn(), false);
  assert.deepEqual(seen, ['ann', null]);
});

test('an answer without a user is no session; no storage at all is no hint', () => {
  const account = createAccount(null);
  account.set({ error: 'not logged in' });
  assert.equal(account.user, null);
  assert.equal(account.checked, true);
  assert.equal(account.mayBeLoggedIn(), false);
});

test('the owner\'s writes carry the session\'s token, to the encoded route', async () => {
  const account = createAccount(memoryStorage());
  account.set(SESSION);
  const { calls, fetchImpl } = fakeFetch(200, '{}');
  const api = createOwnerApi({ session: account, fetchImpl });
  await api.setCover('A/b', 'I d');
  await api.updateShare('A', 'S', { revoked: true });
  await api.listAlbums();
  assert.deepEqual(calls.map((call) => [call.options.method, call.path, call.options.headers['X-CSRF-Token'] || null]), [
    ['PUT', '/api/albums/A%2Fb/cover/I%20d', 'csrf-123'],
    ['PATCH', '/api/albums/A/shares/S', 'csrf-123'],
    ['GET', '/api/albums', null]
  ]);
  assert.equal(calls[1].options.body, '{"revoked":true}');
});

test('a 401 from an owner\'s route ends the session on the page; one from a shared album does not', async () => {
  const account = createAccount(memoryStorage());
  account.set(SESSION);
  const { fetchImpl } = fakeFetch(401, '{"error":"this album is protected by a password","password_required":true}');
  const api = createOwnerApi({ session: account, fetchImpl });
  const locked = await api.getShared('tok');
  assert.equal(locked.body.password_required, true);
  assert.equal(account.user.username, 'ann');
  await api.listAlbums();
  assert.equal(account.user, null);
});

test('a wrong password at login is only an answer', async () => {
  const account = createAccount(memoryStorage());
  const { calls, fetchImpl } = fakeFetch(401, '{"error":"wrong username or password"}');
  const answer = await createOwnerApi({ session: account, fetchImpl }).logIn('ann', 'nope');
  assert.equal(answer.status, 401);
  assert.deepEqual(JSON.parse(calls[0].options.body), { username: 'ann', password: 'nope' });
  assert.equal('X-CSRF-Token' in calls[0].options.headers, false);
});
