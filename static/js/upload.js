// Uploading an image: checked first, previewed at once, sent with progress, then followed once
// the server has accepted it; a refusal or a lost connection ends in a notice that can retry.

import { postImage } from './api.js';
import { apiErrorMessage, errorTitle, isTransient } from './errors.js';
import { hideNotice, showNotice } from './feedback.js';
import { follow } from './follow.js';
import { describeFile, displayName, refusalOf, uploadFilename } from './image-file.js';
import { chooseFile } from './intake.js';
import { setProgress, setStatus, showJob, showUploading } from './job-view.js';
import { decodeImage, thumbnailFrom } from './pictures.js';
import { recent } from './recent.js';
import { pushAddress, resultPath } from './router.js';
import { checkHealth } from './server-status.js';
import { current, newSession } from './session.js';
import { showView } from './views.js';

export function takeFile(file) {
  const refusal = refusalOf(file);
  if (refusal) {
    showNotice({ title: refusal.title, message: refusal.message, retryLabel: 'Choose another image', retry: chooseFile });
    return;
  }
  upload(file);
}

function upload(file) {
  newSession();
  hideNotice();
  // A new upload is a new page: "back" returns to the result that was on screen.
  if (location.pathname !== '/') pushAddress('/');
  current.resultId = null;
  current.file = file;
  const name = displayName(file);
  // Decoded here from the file's bytes: no blob: or data: address, so a strict default-src 'self' holds.
  const picture = decodeImage(file);
  showJob(name, describeFile(file), picture);
  showUploading(name);
  const thumbnail = thumbnailOf(picture);
  current.upload = postImage(file, uploadFilename(file), {
    progress: setProgress,
    sent() {
      setProgress(1);
      setStatus('Upload complete. Waiting for the server to accept it…');
    },
    answer(answer) {
      current.upload = null;
      const id = answer.status === 202 && answer.body ? answer.body.id : null;
      if (typeof id === 'string') followAccepted(id, name, thumbnail);
      else showRefused(answer, file);
    },
    unreachable() {
      current.upload = null;
      showUnreachable(file);
    },
    aborted() {
      current.upload = null;
    }
  });
}

export function cancelUpload() {
  if (!current.upload) return;
  const file = current.file;
  newSession();
  showView('home');
  showNotice({
    title: 'Upload cancelled',
    message: 'Nothing was sent for analysis.',
    info: true,
    retryLabel: 'Upload it again',
    retry: () => upload(file)
  });
}

// The recent entry's thumbnail, made from the decoded picture while the upload runs.
function thumbnailOf(picture) {
  const thumbnail = { data: null, made: picture.then(thumbnailFrom) };
  thumbnail.made.then((data) => { thumbnail.data = data; }, () => {});
  return thumbnail;
}

function followAccepted(id, name, thumbnail) {
  pushAddress(resultPath(id), { id });
  recent.add({ id, name, at: Date.now(), thumb: thumbnail.data, status: 'processing' });
  // A thumbnail still being made joins the entry when it is ready.
  if (!thumbnail.data) thumbnail.made.then((data) => recent.fillThumbnail(id, data), () => {});
  follow(id, name, false);
}

// Only a transient refusal is worth sending the same file again.
function showRefused({ status, body }, file) {
  const transient = isTransient(status);
  showView('home');
  showNotice({
    title: errorTitle(status, 'The upload was not accepted'),
    message: apiErrorMessage(status, body),
    detail: 'HTTP ' + status + ' from /api/analyze',
    retryLabel: transient ? 'Try again' : 'Try again with another image',
    retry: transient ? () => upload(file) : chooseFile
  });
}

function showUnreachable(file) {
  showView('home');
  checkHealth();
  showNotice({
    title: errorTitle(0),
    message: 'The upload could not reach the server. It may be down or restarting, or your connection dropped.',
    detail: 'Nothing was stored. Your file is still selected, so you can send it again.',
    retryLabel: 'Try again',
    retry: () => upload(file)
  });
}
