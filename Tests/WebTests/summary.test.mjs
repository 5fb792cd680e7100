import assert from 'node:assert/strict';
import { test } from 'node:test';

import { completedEntry, summaryColors, summaryLine, summaryOf } from '../../static/js/summary.js';

test('the kept summary has faces, scene, quality, words and at most five valid colours', () => {
  const insights = {
    faces_detected: 2, scene_type: 'indoor', quality_score: 64.2, word_count: 7, extracted_text: 'not kept',
    dominant_colors: ['#000001', 'nope', '#000002', '#000003', '#000004', '#000005', '#000006']
  };
  assert.deepEqual(summaryOf(insights), {
    faces: 2, scene: 'indoor', quality: 64.2, words: 7,
    colors: ['#000001', '#000002', '#000003', '#000004', '#000005']
  });
});

test('a completed entry reads faces, scene and rounded quality', () => {
  const entry = { status: 'completed', summary: { faces: 1, scene: 'outdoor', quality: 72.5 } };
  assert.equal(summaryLine(entry), '1 face · outdoor · quality 73');
  assert.equal(summaryLine({ status: 'completed', summary: { faces: 0 } }), '0 faces');
});

test('an entry without a result says what became of it', () => {
  assert.equal(summaryLine({ status: 'failed' }), 'Analysis failed');
  assert.equal(summaryLine({ status: 'missing' }), 'No longer on the server');
  assert.equal(summaryLine({ status: 'processing' }), 'Analysing…');
  assert.equal(summaryLine({ status: 'completed' }), 'Analysing…');
});

test('colour dots are checked again when read back', () => {
  assert.deepEqual(summaryColors({ summary: { colors: ['#abcdef', 'url(x)', 7] } }), ['#abcdef']);
  assert.deepEqual(summaryColors({ summary: { colors: '#abcdef' } }), []);
  assert.deepEqual(summaryColors({}), []);
});

test('a completed entry keeps the server\'s thumbnail instead of the one made in the browser', () => {
  const result = { id: 'A', insights: { faces_detected: 1 }, links: { original: '/api/image/A/original', thumbnail: '/api/image/A/thumbnail' } };
  const changes = completedEntry(result);
  assert.equal(changes.status, 'completed');
  assert.equal(changes.summary.faces, 1);
  assert.equal(changes.thumbPath, '/api/image/A/thumbnail');
  assert.equal(changes.thumb, null);
});

test('without a server thumbnail a completed entry keeps the browser\'s', () => {
  const changes = completedEntry({ id: 'A', insights: {}, links: { original: '/api/image/A/original' } });
  assert.equal(changes.thumbPath, null);
  assert.equal('thumb' in changes, false);
});
