// The image quality card: the score ring and verdict, the blur chip and the score bars.

import { el, make } from './dom.js';
import { clamp, formatNumber } from './format.js';
import { QUALITY_VERDICTS, blurChip, qualityLevel, scoreBars } from './insights.js';

export function renderQuality(insights) {
  const quality = Number(insights.quality_score) || 0;
  const level = qualityLevel(quality);
  el.ring.className = 'ring ' + level;
  el.ring.style.setProperty('--value', String(clamp(quality, 0, 100)));
  el.ringValue.textContent = Math.round(quality);
  el.verdict.textContent = QUALITY_VERDICTS[level];
  el.explain.textContent = 'Overall score of ' + formatNumber(quality, 1) + ' out of 100, from sharpness (60%) and contrast (40%).';

  const blur = blurChip(insights.blur_level);
  el.blurChip.className = 'chip ' + blur.level;
  el.blurChip.textContent = blur.text;
  el.blurChip.title = blur.title;

  el.scoreBars.textContent = '';
  scoreBars(insights).forEach((bar) => el.scoreBars.appendChild(barRow(bar)));
}

// One score as a row of a <dl class="bars">; also the photo viewer's.
export function barRow({ label, value, level }) {
  const row = make('div', 'bar-row');
  row.appendChild(make('dt', null, label));
  const dd = make('dd');
  const number = make('span', 'bar-value', formatNumber(value, 1));
  number.appendChild(make('span', 'of', ' / 100'));
  dd.appendChild(number);
  const bar = make('div', 'bar');
  bar.setAttribute('aria-hidden', 'true');
  const fill = make('div', 'bar-fill ' + level);
  bar.appendChild(fill);
  dd.appendChild(bar);
  row.appendChild(dd);
  // Set after the row is drawn at 0, so the bar grows to its value.
  requestAnimationFrame(() => { fill.style.width = value + '%'; });
  return row;
}
