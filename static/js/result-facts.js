// The result's smaller cards: faces, scene and brightness, the details list, and the text found
// by OCR with its copy button.

import { copyText } from './clipboard.js';
import { el, make } from './dom.js';
import { toast } from './feedback.js';
import { brightnessOf, detailRows, facesOf, sceneOf, textOf } from './insights.js';

export function renderStats(insights) {
  const faces = facesOf(insights);
  el.faceCount.textContent = String(faces.count);
  el.faceSub.textContent = faces.text;

  const scene = sceneOf(insights);
  el.sceneType.textContent = scene.name;
  el.sceneConfidence.textContent = scene.confidence;

  const brightness = brightnessOf(insights);
  el.brightnessValue.textContent = String(Math.round(brightness.value));
  el.brightnessWord.textContent = brightness.word;
  el.brightnessWord.className = 'mini-tag ' + brightness.level;
  el.brightnessMarker.style.left = (brightness.value / 255 * 100) + '%';
}

export function renderDetails(result, insights) {
  el.details.textContent = '';
  detailRows(result, insights).forEach(function ([label, value, className]) {
    el.details.appendChild(make('dt', null, label));
    el.details.appendChild(make('dd', className || null, value));
  });
}

export function renderText(insights) {
  const text = textOf(insights);
  el.ocrText.hidden = !text.found;
  el.ocrText.textContent = text.text;
  el.noText.hidden = text.found;
  el.copyText.hidden = !text.found;
  el.wordCount.textContent = text.wordCount;
}

export function copyOcrText() {
  copyText(el.ocrText.textContent).then(function () {
    el.copyText.textContent = 'Copied!';
    toast('Text copied');
    setTimeout(() => { el.copyText.textContent = 'Copy text'; }, 1500);
  }, () => toast('Could not copy the text'));
}
