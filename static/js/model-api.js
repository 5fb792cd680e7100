// The models routes (SPEC §11) as the page uses them: models, versions (a package upload, its
// build), runs and their jobs. Each answer is {status, ok, body, retryAfter} (request.js); a 401
// means the session ended and clears the account. No DOM at import: Node's tests pass their own
// fetch and account.

import { parseJSON } from './api.js';
import { account } from './account.js';
import { retryAfterOf, sendJSON } from './request.js';

const part = encodeURIComponent;

export const modelPath = (id) => '/api/models/' + part(id);
export const versionPath = (modelId, versionId) => modelPath(modelId) + '/versions/' + part(versionId);
export const jobApiPath = (id) => '/api/jobs/' + part(id);

export function createModelApi({ session = account, fetchImpl } = {}) {
  function cleared(answer) {
    if (answer.status === 401 && session.user) session.clear();
    return answer;
  }

  function json(method, path, body) {
    return sendJSON(method, path, { body, csrf: session.csrf, fetchImpl }).then(cleared);
  }

  // A multipart POST of `fields` ({name: string or [file, filename]}), with the CSRF token.
  function form(path, fields) {
    const data = new FormData();
    Object.keys(fields).forEach(function (name) {
      const value = fields[name];
      if (Array.isArray(value)) data.append(name, value[0], value[1]); else data.append(name, value);
    });
    const headers = { Accept: 'application/json' };
    if (session.csrf) headers['X-CSRF-Token'] = session.csrf;
    return (fetchImpl || fetch)(path, { method: 'POST', body: data, headers, credentials: 'same-origin', cache: 'no-store' })
      .then((response) => response.text().then((text) => ({
        status: response.status, ok: response.ok, body: parseJSON(text),
        retryAfter: retryAfterOf(response.headers && response.headers.get ? response.headers.get('Retry-After') : null)
      })))
      .then(cleared);
  }

  return {
    listModels: () => json('GET', '/api/models'),
    // fields: {name, description?, public?}
    createModel: (fields) => json('POST', '/api/models', fields),
    getModel: (id) => json('GET', modelPath(id)),
    getVersion: (modelId, versionId) => json('GET', versionPath(modelId, versionId)),
    uploadVersion: (modelId, version, file, filename) =>
      form(modelPath(modelId) + '/versions', { version, package: [file, filename] }),
    runVersion: (modelId, versionId, file, filename) =>
      form(versionPath(modelId, versionId) + '/jobs', { image: [file, filename] }),
    listJobs: () => json('GET', '/api/jobs'),
    getJob: (id) => json('GET', jobApiPath(id))
  };
}

export const modelApi = createModelApi();
