// What the share dialog says about a share link and sends for one: its state as a label, its
// password and expiry in words, the change each button makes, the body of a new link. No DOM:
// Node's tests import it.

import { formatDate } from './format.js';

// The expiry menu: a value and its words. '' never expires.
export const EXPIRY_CHOICES = [
  ['', 'Never'], ['1h', 'In 1 hour'], ['1d', 'In 1 day'], ['7d', 'In 7 days'], ['30d', 'In 30 days']
];

const HOUR = 3600 * 1000;
const SPANS = { '1h': HOUR, '1d': 24 * HOUR, '7d': 7 * 24 * HOUR, '30d': 30 * 24 * HOUR };

// The server's timestamps: ISO 8601 in UTC, to the second ("2026-12-01T10:00:00Z").
export function isoSeconds(time) {
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// The expires_at of a menu choice, or null for none (or an unknown choice).
export function expiryFrom(choice, now = Date.now()) {
  return SPANS[choice] ? isoSeconds(now + SPANS[choice]) : null;
}

export const PASSWORD_MIN = 8;

// Why the password field cannot be sent as it is, or null. Empty means no password.
export function passwordProblem(password) {
  if (password && password.length < PASSWORD_MIN) return 'A password needs at least ' + PASSWORD_MIN + ' characters (or leave it empty).';
  if (password && password.length > 1024) return 'A password has at most 1024 characters.';
  return null;
}

// POST /api/albums/ID/shares's body: only what was chosen.
export function newShareBody(password, choice, now = Date.now()) {
  const body = {};
  if (password) body.password = password;
  const expiresAt = expiryFrom(choice, now);
  if (expiresAt) body.expires_at = expiresAt;
  return body;
}

// The server says the state; an older answer without one is worked out the same way.
export function stateOf(share, now = Date.now()) {
  if (share.state === 'live' || share.state === 'revoked' || share.state === 'expired') return share.state;
  if (share.revoked) return 'revoked';
  const expires = Date.parse(share.expires_at);
  return share.expires_at && !isNaN(expires) && expires <= now ? 'expired' : 'live';
}

// The state's chip: its words and its colour class (style.css's good, fair, poor).
export const STATE_LABELS = {
  live: { text: 'Live', level: 'good' },
  revoked: { text: 'Revoked', level: 'poor' },
  expired: { text: 'Expired', level: 'fair' }
};

export function stateLabel(share, now) {
  return STATE_LABELS[stateOf(share, now)];
}

// "Password · expires 1 Dec 2026, 10:00 · made 20 Nov 2026, 09:12"
export function shareFacts(share) {
  const facts = [share.has_password ? 'Password' : 'No password'];
  const expires = formatDate(share.expires_at);
  facts.push(share.expires_at && expires ? 'expires ' + expires : 'never expires');
  const made = formatDate(share.created_at);
  if (made) facts.push('made ' + made);
  return facts.join(' · ');
}

// The button that changes the link's state: its words and the PATCH body it sends.
export function stateAction(share, now) {
  const state = stateOf(share, now);
  if (state === 'live') return { label: 'Revoke', changes: { revoked: true } };
  if (state === 'revoked') return { label: 'Restore', changes: { revoked: false } };
  return { label: 'Remove expiry', changes: { expires_at: null } };
}

// The link to give out: the server's /s/TOKEN on this page's origin; null for anything else.
export function shareLink(origin, share) {
  const url = share && share.url;
  return typeof url === 'string' && /^\/s\/[A-Za-z0-9_-]+$/.test(url) ? origin + url : null;
}
