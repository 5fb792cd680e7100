// JSON requests made with the session cookie. A write (POST, PUT, PATCH, DELETE) carries the
// session's CSRF token in X-CSRF-Token, as the server requires of cookie-authenticated writes. An
// answer becomes {status, ok, body, retryAfter} like api.js's; only when no answer came at all
// does the promise reject. No DOM: Node's tests pass their own fetch.

import { parseJSON } from './api.js';

const WRITES = ['POST', 'PUT', 'PATCH', 'DELETE'];

export function isWrite(method) {
  return WRITES.indexOf(String(method).toUpperCase()) !== -1;
}

// The headers of a request: JSON accepted, JSON sent when there is a body, the token on a write.
export function requestHeaders(method, hasBody, csrfToken) {
  const headers = { Accept: 'application/json' };
  if (hasBody) headers['Content-Type'] = 'application/json';
  if (csrfToken && isWrite(method)) headers['X-CSRF-Token'] = csrfToken;
  return headers;
}

// fetch's options: never cached, the cookie sent (same origin only).
export function requestOptions(method, body, csrfToken) {
  const options = { method, cache: 'no-store', credentials: 'same-origin', headers: requestHeaders(method, body !== undefined, csrfToken) };
  if (body !== undefined) options.body = JSON.stringify(body);
  return options;
}

// Retry-After in seconds (a whole number), or null when absent or not a number of seconds.
export function retryAfterOf(value) {
  const seconds = Number(value);
  return value !== null && value !== undefined && String(value).trim() !== '' && isFinite(seconds) && seconds >= 0
    ? Math.ceil(seconds) : null;
}

// `fetch` is looked up at each call, as in api.js, so a wrapper installed later is used too.
export function sendJSON(method, path, { body, csrf, fetchImpl } = {}) {
  return (fetchImpl || fetch)(path, requestOptions(method, body, csrf)).then(function (response) {
    const retryAfter = retryAfterOf(response.headers && response.headers.get ? response.headers.get('Retry-After') : null);
    return response.text().then((text) => ({ status: response.status, ok: response.ok, body: parseJSON(text), retryAfter }));
  });
}
