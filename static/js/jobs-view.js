// The jobs pages (SPEC §11): /jobs lists the owner's runs, newest first; /jobs/ID shows one run,
// looked at again every second until it ends: its state, what `run` returned, its log, and its
// outputs (pictures drawn on canvases, other files as downloads).

import { getImage } from './api.js';
import { el, make } from './dom.js';
import { apiErrorMessage } from './errors.js';
import { showLogin } from './login-view.js';
import { modelApi } from './model-api.js';
import { isPicture, isUnderWay, jobSummary, jobWords, resultText } from './model-state.js';
import { decodeImage, drawInto } from './pictures.js';
import { jobPagePath } from './router.js';
import { showPage } from './views.js';

const POLL_MS = 1000;
const OUTPUT_SIDE = 640;
let turn = 0;
let timer = null;

export function leaveJob() {
  turn++;
  clearTimeout(timer);
}

export function showJobs() {
  leaveJob();
  showPage('jobs');
  document.title = 'Jobs — Peek';
  el.jobsStatus.textContent = 'Loading your jobs…';
  const mine = turn;
  modelApi.listJobs().then(function ({ status, body }) {
    if (mine !== turn) return;
    if (status === 401) { showLogin({ page: 'jobs' }); return; }
    if (status !== 200 || !body || !Array.isArray(body.jobs)) {
      el.jobsStatus.textContent = 'Could not load the jobs. ' + apiErrorMessage(status, body);
      return;
    }
    el.jobsStatus.textContent = '';
    el.jobList.textContent = '';
    el.jobsEmpty.hidden = body.jobs.length > 0;
    body.jobs.forEach(function (job) {
      const item = make('li');
      const link = make('a', 'model-name', job.created_at);
      link.href = jobPagePath(job.id);
      link.setAttribute('data-nav', '');
      item.appendChild(link);
      item.appendChild(make('span', 'album-meta', ' ' + jobSummary(job)));
      el.jobList.appendChild(item);
    });
  }, function () {
    if (mine === turn) el.jobsStatus.textContent = apiErrorMessage(0, null);
  });
}

export function showJob(id) {
  leaveJob();
  showPage('job');
  document.title = 'Job — Peek';
  el.modelJobState.textContent = 'Loading the job…';
  el.modelJobError.textContent = '';
  el.modelJobResult.textContent = '';
  el.modelJobLog.textContent = '';
  el.modelJobOutputs.textContent = '';
  watchJob(id, turn);
}

function watchJob(id, mine) {
  modelApi.getJob(id).then(function ({ status, body }) {
    if (mine !== turn) return;
    if (status === 401) { showLogin({ page: 'job', id }); return; }
    if (status !== 200 || !body) { el.modelJobState.textContent = apiErrorMessage(status, body); return; }
    el.modelJobState.textContent = jobWords(body) + (typeof body.ms === 'number' ? ' (' + body.ms + ' ms)' : '');
    el.modelJobError.textContent = body.error || '';
    el.modelJobResult.textContent = resultText(body.result);
    el.modelJobLog.textContent = body.log || '';
    if (isUnderWay(body)) {
      timer = setTimeout(() => watchJob(id, mine), POLL_MS);
    } else {
      renderOutputs(body.outputs || [], mine);
    }
  }, function () {
    if (mine === turn) timer = setTimeout(() => watchJob(id, mine), POLL_MS * 3);
  });
}

function renderOutputs(outputs, mine) {
  el.modelJobOutputs.textContent = '';
  outputs.forEach(function (output) {
    const item = make('li', 'output');
    const link = make('a', null, output.name + ' (' + output.content_type + ', ' + output.size + ' bytes)');
    link.href = output.url;
    link.setAttribute('download', output.name);
    item.appendChild(link);
    if (isPicture(output)) {
      const canvas = make('canvas', 'output-picture');
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', output.name);
      item.appendChild(canvas);
      getImage(output.url).then(function (answer) {
        if (mine !== turn || !answer.ok) return null;
        return decodeImage(answer.blob).then((bitmap) => drawInto(canvas, bitmap, OUTPUT_SIDE));
      }).catch(() => canvas.remove());
    }
    el.modelJobOutputs.appendChild(item);
  });
}
