import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createModelApi } from '../../static/js/model-api.js';
import { isBuilding, isPicture, isUnderWay, jobSummary, resultText, versionLabelProblem, versionWords } from '../../static/js/model-state.js';
import { jobPagePath, modelPagePath, needsLogin, routeOf } from '../../static/js/router.js';

test('a version says how its build stands, and is looked at again only while it builds', () => {
  assert.equal(versionWords({ status: 'building' }), 'Building…');
  assert.equal(versionWords({ status: 'failed' }), 'Build failed');
  assert.equal(isBuilding({ status: 'building' }), true);
  assert.equal(isBuilding({ status: 'ready' }), false);
});

test('a job is looked at again until it ends, and its summary gives the time or the reason', () => {
  assert.equal(isUnderWay({ status: 'queued' }) && isUnderWay({ status: 'running' }), true);
  assert.equal(isUnderWay({ status: 'failed' }), false);
  assert.equal(jobSummary({ status: 'succeeded', ms: 240 }), 'Succeeded in 240 ms');
  assert.equal(jobSummary({ status: 'failed', error: 'timed out' }), 'Failed: timed out');
});

test('only picture outputs are drawn; what run returned is shown indented', () => {
  assert.equal(isPicture({ content_type: 'image/png' }), true);
  assert.equal(isPicture({ content_type: 'application/octet-stream' }), false);
  assert.equal(resultText({ width: 2 }), '{\n  "width": 2\n}');
  assert.equal(resultText(null), '');
});

test('a version label is checked as the server checks it', () => {
  assert.equal(versionLabelProblem('1.0'), null);
  assert.match(versionLabelProblem('../x'), /letters, digits/);
  assert.match(versionLabelProblem(''), /label/);
});

test('/models, /models/ID, /jobs and /jobs/ID are owner pages of their own', () => {
  assert.deepEqual(routeOf('/models'), { page: 'models' });
  assert.deepEqual(routeOf(modelPagePath('Ab3_-xyzAb3_-xyzAb3_-x')), { page: 'model', id: 'Ab3_-xyzAb3_-xyzAb3_-x' });
  assert.deepEqual(routeOf('/jobs/'), { page: 'jobs' });
  assert.deepEqual(routeOf(jobPagePath('a b')), { page: 'job', id: 'a b' });
  assert.equal(['models', 'model', 'jobs', 'job'].every((page) => needsLogin({ page })), true);
});

test('a run is posted as a form with the session CSRF token, and a 401 clears the account', async () => {
  const seen = [];
  let cleared = false;
  const session = { csrf: 'tok', user: { id: 1 }, clear() { cleared = true; } };
  const fetchImpl = (path, options) => {
    seen.push({ path, options });
    return Promise.resolve({ status: 401, ok: false, headers: { get: () => null }, text: () => Promise.resolve('{"error":"log in first"}') });
  };
  const api = createModelApi({ session, fetchImpl });
  const answer = await api.runVersion('M', 'V', new Blob(['x']), 'a.png');
  assert.equal(seen[0].path, '/api/models/M/versions/V/jobs');
  assert.equal(seen[0].options.headers['X-CSRF-Token'], 'tok');
  assert.ok(seen[0].options.body instanceof FormData);
  assert.equal(seen[0].options.body.get('image').name, 'a.png');
  assert.equal(answer.status, 401);
  assert.equal(cleared, true);
});
