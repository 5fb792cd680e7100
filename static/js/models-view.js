// The models pages (SPEC §11): /models lists the owner's models and the public ones, with the
// form that makes one; /models/ID shows a model's versions, the upload of a new package, and the
// chosen version with its build log, looked at again every second while it builds, and the form
// that runs a ready version on an image (then the job's page opens).

import { el, make } from './dom.js';
import { apiErrorMessage } from './errors.js';
import { showLogin } from './login-view.js';
import { modelApi } from './model-api.js';
import { isBuilding, versionLabelProblem, versionWords } from './model-state.js';
import { jobPagePath, modelPagePath, navigate } from './router.js';
import { showPage } from './views.js';

const POLL_MS = 1000;
let turn = 0;           // a later visit wins over an answer still coming
let model = null;       // the model on screen
let chosen = null;      // the id of the version on screen
let timer = null;

export function listenForModels() {
  el.modelForm.addEventListener('submit', function (event) {
    event.preventDefault();
    createModel();
  });
  el.versionForm.addEventListener('submit', function (event) {
    event.preventDefault();
    uploadVersion();
  });
  el.runForm.addEventListener('submit', function (event) {
    event.preventDefault();
    runVersion();
  });
}

export function leaveModel() {
  turn++;
  clearTimeout(timer);
}

export function showModels() {
  leaveModel();
  showPage('models');
  document.title = 'Models — Peek';
  el.modelFormError.textContent = '';
  el.modelsStatus.textContent = 'Loading your models…';
  const mine = turn;
  modelApi.listModels().then(function ({ status, body }) {
    if (mine !== turn) return;
    if (status === 401) { showLogin({ page: 'models' }); return; }
    if (status !== 200 || !body || !Array.isArray(body.models)) {
      el.modelsStatus.textContent = 'Could not load the models. ' + apiErrorMessage(status, body);
      return;
    }
    el.modelsStatus.textContent = '';
    el.modelList.textContent = '';
    el.modelsEmpty.hidden = body.models.length > 0;
    body.models.forEach(function (entry) {
      const item = make('li', 'model-card');
      const link = make('a', 'model-name', entry.name);
      link.href = modelPagePath(entry.id);
      link.setAttribute('data-nav', '');
      item.appendChild(link);
      item.appendChild(make('span', 'album-meta', (entry.owned ? 'yours' : 'shared by another owner') + (entry.public ? ', public' : ', private')));
      if (entry.description) item.appendChild(make('p', 'page-lead', entry.description));
      el.modelList.appendChild(item);
    });
  }, function () {
    if (mine === turn) el.modelsStatus.textContent = apiErrorMessage(0, null);
  });
}

function createModel() {
  const fields = el.modelForm.elements;
  const name = fields.namedItem('name').value.trim();
  if (!name) {
    el.modelFormError.textContent = 'Give the model a name.';
    fields.namedItem('name').focus();
    return;
  }
  const description = fields.namedItem('description').value.trim();
  modelApi.createModel({ name, description, public: fields.namedItem('public').checked }).then(function ({ status, body }) {
    if (status === 401) { showLogin({ page: 'models' }); return; }
    if (status !== 201 || !body) { el.modelFormError.textContent = apiErrorMessage(status, body); return; }
    el.modelForm.reset();
    navigate(modelPagePath(body.id));
  }, () => { el.modelFormError.textContent = apiErrorMessage(0, null); });
}

export function showModel(id) {
  leaveModel();
  showPage('model');
  const mine = turn;
  model = null;
  chosen = null;
  el.versionPanel.hidden = true;
  el.versionFormError.textContent = '';
  el.modelStatus.textContent = 'Loading the model…';
  loadModel(id, mine);
}

function loadModel(id, mine) {
  modelApi.getModel(id).then(function ({ status, body }) {
    if (mine !== turn) return;
    if (status === 401) { showLogin({ page: 'model', id }); return; }
    if (status !== 200 || !body) {
      el.modelStatus.textContent = apiErrorMessage(status, body);
      el.modelTitle.textContent = 'Model';
      return;
    }
    model = body;
    el.modelStatus.textContent = '';
    el.modelTitle.textContent = body.name;
    document.title = body.name + ' — Peek';
    el.modelDescription.textContent = body.description || '';
    el.modelMeta.textContent = (body.owned ? 'Yours' : 'Shared by another owner') + (body.public ? ', public' : ', private');
    el.versionForm.hidden = !body.owned;
    renderVersions(body.versions || []);
    if (!chosen && body.versions && body.versions.length) choose(body.versions[0].id);
  }, function () {
    if (mine === turn) el.modelStatus.textContent = apiErrorMessage(0, null);
  });
}

function renderVersions(versions) {
  el.versionList.textContent = '';
  el.versionsEmpty.hidden = versions.length > 0;
  versions.forEach(function (version) {
    const item = make('li');
    const button = make('button', 'button small ghost', version.version + ' — ' + versionWords(version));
    button.type = 'button';
    button.addEventListener('click', () => choose(version.id));
    item.appendChild(button);
    el.versionList.appendChild(item);
  });
}

function choose(versionId) {
  chosen = versionId;
  clearTimeout(timer);
  el.versionPanel.hidden = false;
  el.runFormError.textContent = '';
  watchVersion(turn);
}

// The chosen version, looked at again every second while it builds (its log grows meanwhile).
function watchVersion(mine) {
  if (!model || !chosen) return;
  modelApi.getVersion(model.id, chosen).then(function ({ status, body }) {
    if (mine !== turn) return;
    if (status !== 200 || !body) { el.versionState.textContent = apiErrorMessage(status, body); return; }
    el.versionTitle.textContent = 'Version ' + body.version;
    el.versionState.textContent = versionWords(body);
    el.versionError.textContent = body.error || '';
    const atEnd = el.buildLog.scrollTop + el.buildLog.clientHeight >= el.buildLog.scrollHeight - 4;
    el.buildLog.textContent = body.build_log || '';
    if (atEnd) el.buildLog.scrollTop = el.buildLog.scrollHeight;
    el.runForm.hidden = body.status !== 'ready';
    if (isBuilding(body)) {
      timer = setTimeout(() => watchVersion(mine), POLL_MS);
    } else if (model) {
      renderVersions((model.versions || []).map((entry) => entry.id === body.id ? body : entry));
    }
  }, function () {
    if (mine === turn) timer = setTimeout(() => watchVersion(mine), POLL_MS * 3);
  });
}

function uploadVersion() {
  const fields = el.versionForm.elements;
  const label = fields.namedItem('version').value.trim();
  const file = fields.namedItem('package').files[0];
  const problem = versionLabelProblem(label) || (file ? null : 'Choose the package, a ZIP file.');
  if (problem) { el.versionFormError.textContent = problem; return; }
  el.versionFormError.textContent = 'Uploading…';
  const mine = turn;
  modelApi.uploadVersion(model.id, label, file, file.name).then(function ({ status, body }) {
    if (mine !== turn) return;
    if (status !== 202 || !body) { el.versionFormError.textContent = apiErrorMessage(status, body); return; }
    el.versionFormError.textContent = '';
    el.versionForm.reset();
    chosen = body.version_id;
    loadModel(model.id, mine);
    choose(body.version_id);
  }, () => { el.versionFormError.textContent = apiErrorMessage(0, null); });
}

function runVersion() {
  const file = el.runForm.elements.namedItem('image').files[0];
  if (!file) { el.runFormError.textContent = 'Choose an image.'; return; }
  el.runFormError.textContent = 'Sending…';
  modelApi.runVersion(model.id, chosen, file, file.name).then(function ({ status, body }) {
    if (status !== 202 || !body) { el.runFormError.textContent = apiErrorMessage(status, body); return; }
    el.runFormError.textContent = '';
    navigate(jobPagePath(body.job_id));
  }, () => { el.runFormError.textContent = apiErrorMessage(0, null); });
}
