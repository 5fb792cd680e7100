// Peek's web page: native ES modules, no build step. This module only wires them together: the
// controls to their actions, the recent list to its store, the timers that keep labels fresh,
// then the first health check, the session (if this browser has logged in) and the page for the
// address.

import { account } from './account.js';
import { ensureSession, listenForAccount } from './account-view.js';
import { listenForUploads } from './album-upload.js';
import { listenForAlbum } from './album-view.js';
import { listenForAlbums } from './albums-view.js';
import { el } from './dom.js';
import { dismissNotice, retryFromNotice } from './feedback.js';
import { listenForGallery } from './gallery-view.js';
import { listenForFiles } from './intake.js';
import { listenForLogin } from './login-view.js';
import { listenForModels } from './models-view.js';
import { goHome, showRoute } from './pages.js';
import { listenForViewer } from './photo-viewer.js';
import { recent } from './recent.js';
import { clearRecent, renderRecent } from './recent-view.js';
import { copyOcrText } from './result-facts.js';
import { applyFaceToggle } from './result-image.js';
import { copyLink } from './result-view.js';
import { isPlainClick, startRouting } from './router.js';
import { checkHealth } from './server-status.js';
import { listenForShares } from './share-dialog.js';
import { listenForTransform } from './transform-view.js';
import { cancelUpload, takeFile } from './upload.js';

listenForFiles(takeFile);
el.noticeRetry.addEventListener('click', retryFromNotice);
el.noticeDismiss.addEventListener('click', dismissNotice);
el.cancel.addEventListener('click', cancelUpload);
el.newAnalysis.addEventListener('click', goHome);
el.home.addEventListener('click', function (event) {
  if (!isPlainClick(event)) return;
  event.preventDefault();
  goHome();
});
el.copyLink.addEventListener('click', copyLink);
el.copyText.addEventListener('click', copyOcrText);
el.toggleFaces.addEventListener('change', applyFaceToggle);
el.clearRecent.addEventListener('click', clearRecent);
listenForTransform();
recent.subscribe(renderRecent);
listenForAccount();
listenForLogin();
listenForAlbums();
listenForModels();
listenForAlbum();
listenForUploads();
listenForViewer();
listenForShares();
listenForGallery();

// Keep the "x min ago" labels and the server indicator fresh.
setInterval(() => { if (!document.hidden) renderRecent(); }, 60000);
setInterval(() => { if (!document.hidden) checkHealth(); }, 30000);

if (/Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)) el.pasteKey.textContent = '⌘';

checkHealth();
// The owner's pages ask for the session themselves; the others only if someone logged in here.
if (account.mayBeLoggedIn()) ensureSession();
startRouting(showRoute);
