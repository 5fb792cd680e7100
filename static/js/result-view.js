// A completed analysis on screen: its heading, then each card, then the focus on the heading.

import { copyText } from './clipboard.js';
import { el } from './dom.js';
import { hideNotice, toast } from './feedback.js';
import { resultMeta } from './insights.js';
import { renderColors } from './result-colors.js';
import { renderDetails, renderStats, renderText } from './result-facts.js';
import { renderImage } from './result-image.js';
import { renderQuality } from './result-quality.js';
import { renderTransform } from './transform-view.js';
import { showView } from './views.js';

// result: the body of GET /api/results/ID with status "completed".
export function renderResult(result, name) {
  const insights = result.insights || {};
  showView('result');
  hideNotice();
  document.title = name + ' — Peek';
  el.resultTitle.textContent = name;
  el.resultMeta.textContent = resultMeta(result, insights);
  renderImage(result, insights);
  renderColors(insights);
  renderQuality(insights);
  renderStats(insights);
  renderDetails(result, insights);
  renderText(insights);
  renderTransform(result);
}

export function focusResult() {
  el.resultTitle.focus({ preventScroll: true });
  el.result.scrollIntoView({ block: 'start', behavior: 'smooth' });
}

export function copyLink() {
  copyText(location.href).then(() => toast('Link copied'), () => toast('Could not copy the link'));
}
