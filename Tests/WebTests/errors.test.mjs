import assert from 'node:assert/strict';
import { test } from 'node:test';

import { apiErrorMessage, errorTitle, isTransient } from '../../static/js/errors.js';

test('known statuses have their own title', () => {
  assert.equal(errorTitle(0), 'Cannot reach the Peek server');
  assert.equal(errorTitle(404), 'Analysis not found');
  assert.equal(errorTitle(413), 'That file is too large');
  assert.equal(errorTitle(502), 'Peek is temporarily unavailable');
  assert.equal(errorTitle(503), 'Peek is temporarily unavailable');
});

test('other statuses get the title the caller gives', () => {
  assert.equal(errorTitle(418, 'The upload was not accepted'), 'The upload was not accepted');
  assert.equal(errorTitle(401, 'Could not load this analysis'), 'Could not load this analysis');
});

test('no answer, time-outs, rate limits and server errors are transient', () => {
  for (const status of [0, 408, 429, 500, 502, 503, 504]) assert.equal(isTransient(status), true, status);
});

test('client errors other than 408 and 429 are not transient', () => {
  for (const status of [400, 404, 405, 413, 415, 422]) assert.equal(isTransient(status), false, status);
});

test("the server's error message is shown as a sentence", () => {
  assert.equal(apiErrorMessage(404, { error: 'no image with id AAAAAAAAAAAAAAAAAAAAAA' }),
    'No image with id AAAAAAAAAAAAAAAAAAAAAA.');
  assert.equal(apiErrorMessage(413, { error: 'the upload is larger than the 16 MiB limit' }),
    'The upload is larger than the 16 MiB limit.');
});

test('without a usable message, the status is named', () => {
  assert.equal(apiErrorMessage(502, null), 'The server answered with HTTP status 502.');
  assert.equal(apiErrorMessage(500, { error: '   ' }), 'The server answered with HTTP status 500.');
  assert.equal(apiErrorMessage(500, { error: { code: 1 } }), 'The server answered with HTTP status 500.');
});

test('no answer at all is explained as such', () => {
  assert.equal(apiErrorMessage(0, null), 'The server did not answer. It may be down, or your connection may have dropped.');
});
