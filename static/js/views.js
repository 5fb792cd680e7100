// Which page is on screen: 'analyze' (home and /r/ID), 'login', 'albums', 'album', 'gallery',
// 'models', 'model', 'jobs' or 'job';
// and within the analysis page, which part: 'home' (the drop zone alone), 'job' (an upload or an
// analysis under way) or 'result'.

import { el } from './dom.js';

const PAGES = {
  analyze: 'analyzePage', login: 'loginPage', albums: 'albumsPage', album: 'albumPage', gallery: 'galleryPage',
  models: 'modelsPage', model: 'modelPage', jobs: 'jobsPage', job: 'modelJobPage'
};

export function showPage(page) {
  Object.keys(PAGES).forEach((name) => { el[PAGES[name]].hidden = name !== page; });
}

export function showView(view) {
  el.job.hidden = view !== 'job';
  el.result.hidden = view !== 'result';
  el.body.classList.toggle('has-job', view !== 'home');
  el.dropzone.querySelector('h2').textContent = view === 'home' ? 'Drop an image here' : 'Analyse another image';
}
