import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  EXPIRY_CHOICES, expiryFrom, isoSeconds, newShareBody, passwordProblem, shareFacts, shareLink, stateAction, stateLabel, stateOf
} from '../../static/js/share-state.js';

const NOW = Date.parse('2026-12-01T10:00:00.250Z');
const share = (fields = {}) => Object.assign({
  id: 'S', album_id: 'A', has_password: false, expires_at: null, revoked: false, state: 'live', created_at: '2026-11-20T09:12:00Z'
}, fields);

test('timestamps are sent in UTC to the second, as the server writes them', () => {
  assert.equal(isoSeconds(NOW), '2026-12-01T10:00:00Z');
});

test('each expiry choice is that long from now; "never" and unknown choices are none', () => {
  assert.equal(expiryFrom('1h', NOW), '2026-12-01T11:00:00Z');
  assert.equal(expiryFrom('1d', NOW), '2026-12-02T10:00:00Z');
  assert.equal(expiryFrom('7d', NOW), '2026-12-08T10:00:00Z');
  assert.equal(expiryFrom('30d', NOW), '2026-12-31T10:00:00Z');
  assert.equal(expiryFrom('', NOW), null);
  assert.equal(expiryFrom('forever', NOW), null);
  assert.equal(EXPIRY_CHOICES.every(([value]) => value === '' || expiryFrom(value, NOW) !== null), true);
});

test('a new link sends only what was chosen', () => {
  assert.deepEqual(newShareBody('', '', NOW), {});
  assert.deepEqual(newShareBody('correct horse', '', NOW), { password: 'correct horse' });
  assert.deepEqual(newShareBody('', '1d', NOW), { expires_at: '2026-12-02T10:00:00Z' });
});

test('a password is empty or 8 to 1024 characters', () => {
  assert.equal(passwordProblem(''), null);
  assert.equal(passwordProblem('12345678'), null);
  assert.match(passwordProblem('1234567'), /at least 8/);
  assert.match(passwordProblem('x'.repeat(1025)), /at most 1024/);
});

test('the state is the server\'s, with its label', () => {
  assert.deepEqual(stateLabel(share(), NOW), { text: 'Live', level: 'good' });
  assert.deepEqual(stateLabel(share({ state: 'revoked', revoked: true }), NOW), { text: 'Revoked', level: 'poor' });
  assert.deepEqual(stateLabel(share({ state: 'expired', expires_at: '2026-11-30T00:00:00Z' }), NOW), { text: 'Expired', level: 'fair' });
});

test('without a state from the server, revoked wins over expired, and an expiry in the past is expired', () => {
  const old = { state: undefined };
  assert.equal(stateOf(share({ ...old, revoked: true, expires_at: '2026-01-01T00:00:00Z' }), NOW), 'revoked');
  assert.equal(stateOf(share({ ...old, expires_at: '2026-12-01T09:59:59Z' }), NOW), 'expired');
  assert.equal(stateOf(share({ ...old, expires_at: '2026-12-01T10:00:01Z' }), NOW), 'live');
  assert.equal(stateOf(share(old), NOW), 'live');
});

test('each state has the button that changes it', () => {
  assert.deepEqual(stateAction(share(), NOW), { label: 'Revoke', changes: { revoked: true } });
  assert.deepEqual(stateAction(share({ state: 'revoked', revoked: true }), NOW), { label: 'Restore', changes: { revoked: false } });
  assert.deepEqual(stateAction(share({ state: 'expired' }), NOW), { label: 'Remove expiry', changes: { expires_at: null } });
});

test('the facts name the password and the expiry', () => {
  assert.match(shareFacts(share()), /^No password · never expires · made /);
  assert.match(shareFacts(share({ has_password: true, expires_at: '2026-12-08T10:00:00Z' })), /^Password · expires .*2026/);
});

test('the link is the server\'s /s/TOKEN on this origin, nothing else', () => {
  const token = 'a'.repeat(43);
  assert.equal(shareLink('http://peek.test', { url: '/s/' + token }), 'http://peek.test/s/' + token);
  for (const url of ['https://evil.test/s/x', '/s/../x', 'javascript:alert(1)', undefined]) {
    assert.equal(shareLink('http://peek.test', { url }), null, String(url));
  }
  assert.equal(shareLink('http://peek.test', null), null);
});
