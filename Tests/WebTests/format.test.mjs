import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  capitalise, clamp, formatBytes, formatDate, formatDuration, formatNumber, isValidColor, plural, relativeTime, sentence
} from '../../static/js/format.js';

test('sizes below 1 KB are whole bytes', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(1023), '1023 B');
});

test('sizes below 10 KB keep one decimal, larger ones none', () => {
  assert.equal(formatBytes(1536), '1.5 KB');
  assert.equal(formatBytes(10 * 1024), '10 KB');
  assert.equal(formatBytes(1024 * 1024 - 1), '1024 KB');
});

test('sizes from 1 MiB are in MiB with one decimal', () => {
  assert.equal(formatBytes(1024 * 1024), '1.0 MiB');
  assert.equal(formatBytes(16 * 1024 * 1024 + 1), '16.0 MiB');
});

test('numbers are rounded to the given digits in the local format', () => {
  assert.equal(formatNumber(72.456, 1), (72.5).toLocaleString());
  assert.equal(formatNumber(80, 1), '80');
});

test('a missing or non-finite number is a dash', () => {
  assert.equal(formatNumber(undefined, 1), '–');
  assert.equal(formatNumber('72', 1), '–');
  assert.equal(formatNumber(NaN, 1), '–');
  assert.equal(formatNumber(Infinity, 1), '–');
});

test('durations under a second are in ms, under 10 s with a decimal, then whole seconds', () => {
  assert.equal(formatDuration(850.4), '850 ms');
  assert.equal(formatDuration(1234), '1.2 s');
  assert.equal(formatDuration(9949), '9.9 s');
  assert.equal(formatDuration(12345), '12 s');
  assert.equal(formatDuration(null), '–');
});

test('a date that does not parse is an empty text', () => {
  assert.equal(formatDate('not a date'), '');
  assert.equal(formatDate(undefined), '');
});

test('a date is shown with its year', () => {
  assert.match(formatDate('2024-03-05T14:03:00Z'), /2024/);
  assert.match(formatDate(new Date(Date.UTC(2023, 0, 15, 12))), /2023/);
});

test('times under 45 s ago are "just now"', () => {
  const now = 1_700_000_000_000;
  assert.equal(relativeTime(now - 10_000, now), 'just now');
  assert.equal(relativeTime(now - 44_000, now), 'just now');
});

test('times ago are in rounded minutes, then hours', () => {
  const now = 1_700_000_000_000;
  assert.equal(relativeTime(now - 45_000, now), '1 min ago');
  assert.equal(relativeTime(now - 5 * 60_000, now), '5 min ago');
  assert.equal(relativeTime(now - 90 * 60_000, now), '2 h ago');
  assert.equal(relativeTime(now - 23 * 3_600_000, now), '23 h ago');
});

test('times a day or more ago are a date', () => {
  // 30 hours before 18:00 UTC is noon on the 19th, the 19th in every time zone from UTC-11 to UTC+11.
  const now = Date.UTC(2024, 5, 20, 18);
  const text = relativeTime(now - 30 * 3_600_000, now);
  assert.doesNotMatch(text, /ago/);
  assert.match(text, /19/);
});

test('capitalise trims and upper-cases the first letter only', () => {
  assert.equal(capitalise('  outdoor scene '), 'Outdoor scene');
  assert.equal(capitalise(''), '');
  assert.equal(capitalise(null), '');
});

test('a server message becomes a sentence ending in a full stop', () => {
  assert.equal(sentence('no image with id AAA'), 'No image with id AAA.');
  assert.equal(sentence('the analysis crashed 3 times'), 'The analysis crashed 3 times.');
});

test('a sentence that already ends in punctuation keeps it', () => {
  assert.equal(sentence('Try again!'), 'Try again!');
  assert.equal(sentence('Done.'), 'Done.');
  assert.equal(sentence('   '), '');
});

test('plural picks the singular only for exactly one', () => {
  assert.equal(plural(1, 'face', 'faces'), '1 face');
  assert.equal(plural(0, 'face', 'faces'), '0 faces');
  assert.equal(plural(2, 'word', 'words'), '2 words');
});

test('clamp keeps a value within its bounds', () => {
  assert.equal(clamp(-3, 0, 100), 0);
  assert.equal(clamp(42, 0, 100), 42);
  assert.equal(clamp(250, 0, 100), 100);
});

test('only #rrggbb colours are valid', () => {
  assert.equal(isValidColor('#A0b1C2'), true);
  assert.equal(isValidColor('#abc'), false);
  assert.equal(isValidColor('red'), false);
  assert.equal(isValidColor('#a0b1c2;background:url(x)'), false);
  assert.equal(isValidColor(0xa0b1c2), false);
});
