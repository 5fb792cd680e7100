// Who is logged in, in the header: "Log in" for a visitor; the owner's name, "Albums" and
// "Log out" once logged in. GET /api/session tells at most once per page load, when a page needs
// to know (an owner's page) or this browser has logged in before.

import { account } from './account.js';
import { el } from './dom.js';
import { apiErrorMessage } from './errors.js';
import { toast } from './feedback.js';
import { ownerApi } from './owner-api.js';
import { navigate, needsLogin, routeOf } from './router.js';

let checking = null;

export function listenForAccount() {
  account.subscribe(renderAccount);
  el.logout.addEventListener('click', logOut);
  renderAccount(account.user);
}

// Resolves to the user logged in, or null. A server that cannot say (down, an error) is asked
// again next time.
export function ensureSession() {
  if (account.checked) return Promise.resolve(account.user);
  if (!checking) {
    checking = ownerApi.getSession().then(function ({ status, body }) {
      checking = null;
      if (status === 200) account.set(body);
      else if (status === 401) account.clear();
      return account.user;
    }, function () {
      checking = null;
      return null;
    });
  }
  return checking;
}

function renderAccount(user) {
  el.body.classList.toggle('has-account', !!user);
  el.albumsLink.hidden = !user;
  el.modelsLink.hidden = !user;
  el.jobsLink.hidden = !user;
  el.accountName.hidden = !user;
  el.accountUser.textContent = user ? user.username : '';
  el.loginLink.hidden = !!user;
  el.logout.hidden = !user;
}

function logOut() {
  el.logout.disabled = true;
  ownerApi.logOut().then(function ({ status, body }) {
    el.logout.disabled = false;
    // 401: the session had already ended.
    if (status !== 204 && status !== 401) {
      toast('Could not log out: ' + apiErrorMessage(status, body));
      return;
    }
    account.clear();
    toast('Logged out');
    if (needsLogin(routeOf(location.pathname))) navigate('/');
    el.home.focus();
  }, function () {
    el.logout.disabled = false;
    toast('Could not log out: the server did not answer.');
  });
}
