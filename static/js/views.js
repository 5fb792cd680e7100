// Which part of the page is on screen: 'home' (the drop zone alone), 'job' (an upload or an
// analysis under way) or 'result'.

import { el } from './dom.js';

export function showView(view) {
  el.job.hidden = view !== 'job';
  el.result.hidden = view !== 'result';
  el.body.classList.toggle('has-job', view !== 'home');
  el.dropzone.querySelector('h2').textContent = view === 'home' ? 'Drop an image here' : 'Analyse another image';
}
