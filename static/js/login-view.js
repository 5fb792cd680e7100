// The login page: at /login, or in place of an owner's page asked for without a session. A login
// shows the page that was asked for (the albums, from /login).

import { account } from './account.js';
import { el } from './dom.js';
import { apiErrorMessage } from './errors.js';
import { ownerApi } from './owner-api.js';
import { redirect, route as showAddress } from './router.js';
import { showPage } from './views.js';

export function listenForLogin() {
  el.loginForm.addEventListener('submit', function (event) {
    event.preventDefault();
    logIn();
  });
}

// asked: the page that needs the login (route), or undefined at /login.
export function showLogin(asked) {
  showPage('login');
  document.title = 'Log in — Peek';
  el.loginLead.textContent = asked
    ? 'This page is an owner’s: log in to see it.'
    : 'Log in to keep your photos in albums and share them.';
  el.loginError.textContent = '';
  el.loginSubmit.disabled = false;
}

function logIn() {
  const fields = el.loginForm.elements;
  const username = fields.namedItem('username').value.trim();
  const password = fields.namedItem('password').value;
  if (!username || !password) {
    showError(!username ? 'Type your username.' : 'Type your password.', !username ? 'username' : 'password');
    return;
  }
  el.loginSubmit.disabled = true;
  el.loginError.textContent = '';
  ownerApi.logIn(username, password).then(function ({ status, body, retryAfter }) {
    el.loginSubmit.disabled = false;
    if (status === 200 && body && body.user) {
      account.set(body);
      fields.namedItem('password').value = '';
      // From /login to the albums; elsewhere the page that was asked for.
      if (location.pathname.replace(/\/$/, '') === '/login') redirect('/albums'); else showAddress();
      return;
    }
    if (status === 401) showError('Wrong username or password.', 'password');
    else if (status === 429) showError('Too many failed logins. Try again in ' + (retryAfter || 60) + ' seconds.', 'password');
    else showError(apiErrorMessage(status, body), 'username');
  }, function () {
    el.loginSubmit.disabled = false;
    showError(apiErrorMessage(0, null), 'username');
  });
}

function showError(message, field) {
  el.loginError.textContent = message;
  const input = el.loginForm.elements.namedItem(field);
  input.focus();
  if (field === 'password') input.select();
}
