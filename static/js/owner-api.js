// The owner's routes (session, albums, photos, share links) and the public routes of a shared
// album, as the page uses them. Each answer is {status, ok, body, retryAfter} (request.js). A 401
// from a route that needs a login means the session ended: the account is cleared, and the page
// that asked shows the login. No DOM at import: Node's tests pass their own fetch and account.

import { postFile } from './api.js';
import { account } from './account.js';
import { sendJSON } from './request.js';

const part = encodeURIComponent;

export function createOwnerApi({ session = account, fetchImpl } = {}) {
  function send(method, path, body) {
    return sendJSON(method, path, { body, csrf: session.csrf, fetchImpl });
  }

  // A route that needs a login.
  function owner(method, path, body) {
    return send(method, path, body).then(function (answer) {
      if (answer.status === 401 && session.user) session.clear();
      return answer;
    });
  }

  const album = (id) => '/api/albums/' + part(id);
  const share = (id, shareId) => album(id) + '/shares/' + part(shareId);
  const shared = (token) => '/api/shared/' + part(token);

  return {
    getSession: () => send('GET', '/api/session'),
    logIn: (username, password) => send('POST', '/api/session', { username, password }),
    logOut: () => owner('DELETE', '/api/session'),

    listAlbums: () => owner('GET', '/api/albums'),
    createAlbum: (fields) => owner('POST', '/api/albums', fields),
    getAlbum: (id) => owner('GET', album(id)),
    updateAlbum: (id, fields) => owner('PATCH', album(id), fields),
    deleteAlbum: (id) => owner('DELETE', album(id)),
    listPhotos: (id) => owner('GET', album(id) + '/photos'),
    deletePhoto: (id, imageId) => owner('DELETE', album(id) + '/photos/' + part(imageId)),
    setCover: (id, imageId) => owner('PUT', album(id) + '/cover/' + part(imageId)),
    downloadPath: (id) => album(id) + '/download',

    listShares: (id) => owner('GET', album(id) + '/shares'),
    // fields: {password?, expires_at?}; the answer alone carries the link's token.
    createShare: (id, fields) => owner('POST', album(id) + '/shares', fields),
    updateShare: (id, shareId, fields) => owner('PATCH', share(id, shareId), fields),
    deleteShare: (id, shareId) => owner('DELETE', share(id, shareId)),

    // Public: 401 here means the link's password is needed, not a login.
    getShared: (token) => send('GET', shared(token)),
    unlockShared: (token, password) => send('POST', shared(token) + '/unlock', { password }),

    // One photo per request, with XMLHttpRequest for its progress (api.js's postFile handlers).
    postPhoto(id, file, filename, on) {
      return postFile(album(id) + '/photos', file, filename, session.csrf ? { 'X-CSRF-Token': session.csrf } : {}, on);
    }
  };
}

export const ownerApi = createOwnerApi();
