// The Peek API as the page uses it. An answer becomes {status, body} (fetched ones also carry ok),
// body being the parsed JSON or null (an error page from a proxy, say); only when no answer came
// at all does a promise reject or `unreachable` get called. No DOM at import: Node's tests pass
// their own fetch.

// The session cookie goes with every request (an owner's album photos need it); same origin only.
const JSON_REQUEST = { cache: 'no-store', credentials: 'same-origin', headers: { Accept: 'application/json' } };

export function parseJSON(text) {
  try { return JSON.parse(text); } catch (e) { return null; }
}

// `fetch` is looked up at each call, not once, so a wrapper installed later (the browser tests time
// the polls with one) is used too.
export function getJSON(path, fetchImpl = fetch) {
  return fetchImpl(path, JSON_REQUEST).then(function (response) {
    return response.text().then((text) => ({ status: response.status, ok: response.ok, body: parseJSON(text) }));
  });
}

// An image by its address: {status, ok: true, blob} when it came, {status, ok: false, body} (the
// parsed JSON error, or null) when the server refused it. Left to the browser's cache, which an
// <img> of the same address shares (renditions are immutable); the JSON answers never are.
export function getImage(path, fetchImpl = fetch) {
  return fetchImpl(path).then(function (response) {
    if (response.ok) return response.blob().then((blob) => ({ status: response.status, ok: true, blob }));
    return response.text().then((text) => ({ status: response.status, ok: false, body: parseJSON(text) }));
  });
}

export function getHealth(fetchImpl) {
  return getJSON('/api/health', fetchImpl);
}

export function getResult(id, fetchImpl) {
  return getJSON('/api/results/' + encodeURIComponent(id), fetchImpl);
}

// POST /api/analyze with XMLHttpRequest, the one browser API that reports upload progress.
// Returns {abort}; after abort() no handler is called. The handlers in `on`:
//   progress(fraction), sent() (the whole body is out), answer({status, body}),
//   unreachable(), aborted() (by the browser, not by abort()).
export function postImage(file, filename, on) {
  return postFile('/api/analyze', file, filename, {}, on);
}

// One file as the `image` field of a multipart POST to path, with the extra request headers given
// (an album's X-CSRF-Token); the handlers as postImage's.
export function postFile(path, file, filename, headers, on) {
  const form = new FormData();
  form.append('image', file, filename);
  const xhr = new XMLHttpRequest();
  let aborted = false;
  xhr.open('POST', path);
  xhr.setRequestHeader('Accept', 'application/json');
  Object.keys(headers).forEach((name) => xhr.setRequestHeader(name, headers[name]));
  xhr.upload.addEventListener('progress', function (event) {
    if (!aborted && event.lengthComputable) on.progress(event.loaded / event.total);
  });
  xhr.upload.addEventListener('load', function () {
    if (!aborted) on.sent();
  });
  xhr.addEventListener('load', function () {
    if (!aborted) on.answer({ status: xhr.status, body: parseJSON(xhr.responseText) });
  });
  xhr.addEventListener('error', function () {
    if (!aborted) on.unreachable();
  });
  xhr.addEventListener('abort', function () {
    if (!aborted) on.aborted();
  });
  xhr.send(form);
  return {
    abort() {
      aborted = true;
      xhr.abort();
    }
  };
}
