import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  QUALITY_VERDICTS, announcement, blurChip, brightnessOf, colorSwatches, detailRows, faceBoxes, facesOf, imageTexts,
  processingMs, qualityLevel, resultMeta, sceneOf, scoreBars, textOf
} from '../../static/js/insights.js';

test('quality is good from 70, fair from 40, poor below', () => {
  assert.equal(qualityLevel(70), 'good');
  assert.equal(qualityLevel(69.9), 'fair');
  assert.equal(qualityLevel(40), 'fair');
  assert.equal(qualityLevel(39.9), 'poor');
  assert.equal(QUALITY_VERDICTS[qualityLevel(85)], 'Good quality');
});

test('score bars are clamped to 0–100, a missing score is 0', () => {
  assert.deepEqual(scoreBars({ sharpness_score: 130, contrast_score: 55.5 }), [
    { label: 'Sharpness', value: 100, level: 'good' },
    { label: 'Contrast', value: 55.5, level: 'fair' },
    { label: 'Quality', value: 0, level: 'poor' }
  ]);
});

test('the blur chip names the level in any case', () => {
  assert.deepEqual(blurChip('HIGH'), { level: 'poor', text: 'Blur: high', title: 'Very blurry' });
  assert.deepEqual(blurChip('medium'), { level: 'fair', text: 'Blur: medium', title: 'Some blur' });
  assert.deepEqual(blurChip('low'), { level: 'good', text: 'Blur: low', title: 'Low blur' });
});

test('an unknown blur level is said to be unknown', () => {
  assert.deepEqual(blurChip(undefined), { level: '', text: 'Blur: unknown', title: '' });
  assert.deepEqual(blurChip('extreme'), { level: '', text: 'Blur: unknown', title: '' });
});

test('brightness bands: dark below 60, dim below 110, balanced below 190, then bright', () => {
  assert.deepEqual(brightnessOf({ brightness: 59 }), { value: 59, word: 'Dark', level: 'poor' });
  assert.deepEqual(brightnessOf({ brightness: 60 }), { value: 60, word: 'Dim', level: 'fair' });
  assert.deepEqual(brightnessOf({ brightness: 110 }), { value: 110, word: 'Balanced', level: 'good' });
  assert.deepEqual(brightnessOf({ brightness: 190 }), { value: 190, word: 'Bright', level: 'fair' });
});

test('brightness out of range or missing is clamped to 0–255', () => {
  assert.equal(brightnessOf({ brightness: 300 }).value, 255);
  assert.equal(brightnessOf({ brightness: 'dark' }).value, 0);
  assert.equal(brightnessOf({}).word, 'Dark');
});

test('faces are counted from faces_detected, none when it is missing', () => {
  assert.deepEqual(facesOf({ faces_detected: 1 }), { count: 1, text: '1 face detected' });
  assert.deepEqual(facesOf({ faces_detected: 3 }), { count: 3, text: '3 faces detected' });
  assert.deepEqual(facesOf({}), { count: 0, text: 'No faces detected' });
});

test('the scene is capitalised with its confidence in percent', () => {
  assert.deepEqual(sceneOf({ scene_type: 'outdoor', scene_confidence: 0.876 }), { name: 'Outdoor', confidence: '88% confidence' });
  assert.deepEqual(sceneOf({}), { name: 'Unknown', confidence: '' });
});

test('face boxes are percentages of the image', () => {
  const insights = { width: 200, height: 100, face_locations: [{ x: 50, y: 25, width: 100, height: 50 }] };
  assert.deepEqual(faceBoxes(insights), [{ left: 25, top: 25, width: 50, height: 50, label: 'Face' }]);
});

test('a face box reaching past the edge is cut at the edge', () => {
  const insights = { width: 200, height: 100, face_locations: [{ x: 150, y: -10, width: 100, height: 200 }] };
  assert.deepEqual(faceBoxes(insights), [{ left: 75, top: 0, width: 25, height: 100, label: 'Face' }]);
});

test('several face boxes are numbered', () => {
  const face = { x: 0, y: 0, width: 10, height: 10 };
  const labels = faceBoxes({ width: 100, height: 100, face_locations: [face, face] }).map((box) => box.label);
  assert.deepEqual(labels, ['Face 1', 'Face 2']);
});

test('no face boxes without the image size or a list of faces', () => {
  const face = { x: 0, y: 0, width: 10, height: 10 };
  assert.deepEqual(faceBoxes({ face_locations: [face] }), []);
  assert.deepEqual(faceBoxes({ width: 100, height: 100, face_locations: 'none' }), []);
});

test("the image's caption gives its size, format and face boxes", () => {
  const insights = { width: 548, height: 342, format: 'JPEG', faces_detected: 1, face_locations: [{}] };
  assert.deepEqual(imageTexts(insights), {
    alt: 'The analysed image, with 1 face marked',
    caption: '548 × 342 px · JPEG · 1 face box drawn'
  });
  assert.deepEqual(imageTexts({ width: 10, height: 10 }), { alt: 'The analysed image', caption: '10 × 10 px' });
  assert.equal(imageTexts({}).caption, '');
});

test('swatches keep valid colours with their share; a missing share grows as one', () => {
  const insights = { dominant_colors: ['#112233', 'bad', '#445566'], color_shares: [0.5, 0.001] };
  assert.deepEqual(colorSwatches(insights), [
    { hex: '#112233', grow: 0.5, shareText: '50%' },
    { hex: '#445566', grow: 0.005, shareText: '0%' }
  ]);
  assert.deepEqual(colorSwatches({ dominant_colors: ['#000000'] }), [{ hex: '#000000', grow: 1, shareText: '' }]);
  assert.deepEqual(colorSwatches({}), []);
});

test('text found is shown trimmed with its word count', () => {
  assert.deepEqual(textOf({ text_found: true, extracted_text: '  Hello computer vision \n', word_count: 3 }),
    { found: true, text: 'Hello computer vision', wordCount: '3 words' });
});

test('text_found without any text counts as no text', () => {
  assert.deepEqual(textOf({ text_found: true, extracted_text: '   ', word_count: 0 }),
    { found: false, text: '', wordCount: 'No text found' });
  assert.equal(textOf({ text_found: false, extracted_text: 'noise', word_count: 1 }).found, false);
});

test('without text_found, the words decide', () => {
  assert.deepEqual(textOf({ extracted_text: 'one two' }), { found: true, text: 'one two', wordCount: '2 words' });
  assert.equal(textOf({ word_count: 1, extracted_text: 'one' }).wordCount, '1 word');
  assert.equal(textOf({}).found, false);
});

test('processing time comes from the result, else from the insights', () => {
  assert.equal(processingMs({ processing_ms: 812 }, { processing_ms: 5 }), 812);
  assert.equal(processingMs({}, { processing_ms: 5 }), 5);
  assert.equal(processingMs({}, {}), undefined);
});

test('the result meta says when and how fast it was analysed', () => {
  assert.match(resultMeta({ completed_at: '2024-03-05T14:03:00Z', processing_ms: 1234 }, {}), /^Analysed .*2024.* in 1\.2 s$/);
  assert.equal(resultMeta({ processing_ms: 850 }, {}), 'in 850 ms');
  assert.equal(resultMeta({}, {}), '');
});

test('the details list dashes what is missing and marks the id as code', () => {
  assert.deepEqual(detailRows({ id: 'AAAA' }, {}), [
    ['Dimensions', '–'],
    ['Format', '–'],
    ['Processing time', '–'],
    ['Uploaded', '–'],
    ['Analysis id', 'AAAA', 'mono']
  ]);
  assert.deepEqual(detailRows({ id: 'B', processing_ms: 90 }, { width: 640, height: 480, format: 'PNG' }).slice(0, 3), [
    ['Dimensions', '640 × 480 px'],
    ['Format', 'PNG'],
    ['Processing time', '90 ms']
  ]);
});

test('screen readers hear faces, text, scene and quality', () => {
  assert.equal(announcement({ faces_detected: 1, text_found: true, word_count: 12, scene_type: 'outdoor', quality_score: 72.6 }),
    'Analysis complete: 1 face, 12 words of text, outdoor scene, quality 73 out of 100.');
  assert.equal(announcement({}), 'Analysis complete: 0 faces, no text, unknown scene, quality 0 out of 100.');
});
