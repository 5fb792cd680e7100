// A photo's analysis in the photo viewer: the result page's cards in short, built from the same
// insights.js words and the same score rows and colour swatches.

import { make } from './dom.js';
import { clamp, formatNumber, sentence } from './format.js';
import { QUALITY_VERDICTS, blurChip, brightnessOf, colorSwatches, facesOf, qualityLevel, sceneOf, scoreBars, textOf } from './insights.js';
import { isProcessing } from './photos.js';
import { swatchButton } from './result-colors.js';
import { barRow } from './result-quality.js';

// photo: one of an album's (or a shared album's) photos, with its insights once analysed.
export function renderInsightsPanel(container, photo) {
  container.textContent = '';
  if (isProcessing(photo)) {
    container.appendChild(make('p', 'panel-note', 'Analysing colours, faces, text, sharpness and scene…'));
    return;
  }
  if (photo.status === 'failed' || !photo.insights) {
    const note = make('p', 'panel-note is-failed', 'The analysis failed. ' + sentence(photo.error || 'The server could not analyse this image.'));
    container.appendChild(note);
    return;
  }
  const insights = Object.assign({ width: photo.width, height: photo.height }, photo.insights);
  [quality(insights), facts(insights), colors(insights), text(insights)].forEach((part) => container.appendChild(part));
}

function part(title, hint) {
  const section = make('section', 'panel-part');
  const head = make('div', 'card-head');
  head.appendChild(make('h3', null, title));
  if (hint) head.appendChild(hint);
  section.appendChild(head);
  return section;
}

function quality(insights) {
  const score = Number(insights.quality_score) || 0;
  const level = qualityLevel(score);
  const blur = blurChip(insights.blur_level);
  const chip = make('span', 'chip ' + blur.level, blur.text);
  if (blur.title) chip.title = blur.title;
  const section = part('Image quality', chip);
  const top = make('div', 'quality-top');
  const ring = make('div', 'ring small-ring ' + level);
  ring.setAttribute('aria-hidden', 'true');
  ring.style.setProperty('--value', String(clamp(score, 0, 100)));
  ring.appendChild(make('span', 'ring-value', String(Math.round(score))));
  const words = make('div');
  words.appendChild(make('p', 'quality-verdict', QUALITY_VERDICTS[level]));
  words.appendChild(make('p', 'quality-explain', 'Overall score of ' + formatNumber(score, 1) + ' out of 100.'));
  top.appendChild(ring);
  top.appendChild(words);
  section.appendChild(top);
  const bars = make('dl', 'bars');
  scoreBars(insights).forEach((bar) => bars.appendChild(barRow(bar)));
  section.appendChild(bars);
  return section;
}

function facts(insights) {
  const section = part('Found');
  const scene = sceneOf(insights);
  const brightness = brightnessOf(insights);
  const found = textOf(insights);
  const rows = [
    ['Faces', facesOf(insights).text],
    ['Scene', scene.name + (scene.confidence ? ' (' + scene.confidence + ')' : '')],
    ['Brightness', Math.round(brightness.value) + ' / 255 · ' + brightness.word],
    ['Text', found.wordCount],
    ['Dimensions', insights.width && insights.height ? insights.width + ' × ' + insights.height + ' px' : '–'],
    ['Format', insights.format || '–']
  ];
  const list = make('dl', 'details');
  rows.forEach(function ([label, value]) {
    list.appendChild(make('dt', null, label));
    list.appendChild(make('dd', null, value));
  });
  section.appendChild(list);
  return section;
}

function colors(insights) {
  const section = part('Dominant colours');
  const swatches = colorSwatches(insights);
  const bar = make('div', 'share-bar');
  bar.setAttribute('aria-hidden', 'true');
  const list = make('ul', 'swatches');
  swatches.forEach(function (swatch) {
    const segment = make('span');
    segment.style.background = swatch.hex;
    segment.style.flexGrow = String(swatch.grow);
    bar.appendChild(segment);
    const item = make('li');
    item.appendChild(swatchButton(swatch));
    list.appendChild(item);
  });
  if (!swatches.length) list.appendChild(make('li', 'empty', 'No colours reported.'));
  section.appendChild(bar);
  section.appendChild(list);
  return section;
}

function text(insights) {
  const section = part('Text in the image');
  const found = textOf(insights);
  if (!found.found) {
    section.appendChild(make('p', 'empty', 'No text found in this image.'));
    return section;
  }
  const pre = make('pre', 'ocr-text', found.text);
  pre.tabIndex = 0;
  pre.setAttribute('role', 'region');
  pre.setAttribute('aria-label', 'Text in the image');
  section.appendChild(pre);
  return section;
}
