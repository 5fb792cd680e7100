// The dominant colours card: a bar of their shares and swatches that copy their hex value.

import { copyText } from './clipboard.js';
import { el, make } from './dom.js';
import { toast } from './feedback.js';
import { colorSwatches } from './insights.js';

export function renderColors(insights) {
  const swatches = colorSwatches(insights);
  el.swatches.textContent = '';
  el.shareBar.textContent = '';
  swatches.forEach(function (swatch) {
    const segment = make('span');
    segment.style.background = swatch.hex;
    segment.style.flexGrow = String(swatch.grow);
    el.shareBar.appendChild(segment);
    const item = make('li');
    item.appendChild(swatchButton(swatch));
    el.swatches.appendChild(item);
  });
  if (!swatches.length) el.swatches.appendChild(make('li', 'empty', 'No colours reported.'));
}

// A colour that copies its hex value when pressed; also the photo viewer's.
export function swatchButton({ hex, shareText }) {
  const button = make('button', 'swatch');
  button.type = 'button';
  button.setAttribute('aria-label', 'Copy ' + hex + (shareText ? ', ' + shareText + ' of the image' : ''));
  const chip = make('span', 'swatch-color');
  chip.style.background = hex;
  chip.appendChild(make('span', 'swatch-copied', 'Copied!'));
  const info = make('span', 'swatch-info');
  info.appendChild(make('span', 'swatch-hex', hex));
  if (shareText) info.appendChild(make('span', 'swatch-share', shareText));
  button.appendChild(chip);
  button.appendChild(info);
  button.addEventListener('click', function () {
    copyText(hex).then(function () {
      button.classList.add('is-copied');
      toast('Copied ' + hex);
      setTimeout(() => button.classList.remove('is-copied'), 1400);
    }, () => toast('Could not copy. The value is ' + hex));
  });
  return button;
}
