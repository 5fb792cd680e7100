/* Peek web page: upload, follow the analysis, show the insights. Plain JavaScript, no build step. */
(function () {
  'use strict';

  var MAX_BYTES = 16 * 1024 * 1024;
  var ACCEPTED_TYPES = {
    'image/png': 'PNG', 'image/jpeg': 'JPEG', 'image/pjpeg': 'JPEG', 'image/gif': 'GIF',
    'image/bmp': 'BMP', 'image/x-bmp': 'BMP', 'image/x-ms-bmp': 'BMP', 'image/webp': 'WEBP'
  };
  var ACCEPTED_NAME = /\.(png|jpe?g|jfif|gif|bmp|webp)$/i;
  var POLL_FIRST_MS = 250;
  var POLL_FACTOR = 1.5;
  var POLL_MAX_MS = 3000;
  var POLL_TIMEOUT_MS = 2 * 60 * 1000;
  var RECENT_KEY = 'peek.recent.v1';
  var RECENT_MAX = 24;
  var THUMB_SIZE = 112;

  var $ = function (id) { return document.getElementById(id); };
  var el = {
    body: document.body,
    main: $('main'),
    home: $('home-link'),
    serverStatus: $('server-status'),
    serverStatusText: $('server-status-text'),
    dropzone: $('dropzone'),
    fileInput: $('file-input'),
    choose: $('choose-button'),
    notice: $('notice'),
    noticeTitle: $('notice-title'),
    noticeMessage: $('notice-message'),
    noticeDetail: $('notice-detail'),
    noticeRetry: $('notice-retry'),
    noticeDismiss: $('notice-dismiss'),
    job: $('job'),
    jobPreview: $('job-preview'),
    jobTitle: $('job-title'),
    jobMeta: $('job-meta'),
    progress: $('progress'),
    progressTrack: $('progress-track'),
    progressFill: $('progress-fill'),
    progressPct: $('progress-pct'),
    status: $('status'),
    elapsed: $('elapsed'),
    cancel: $('cancel-button'),
    result: $('result'),
    resultTitle: $('result-title'),
    resultMeta: $('result-meta'),
    copyLink: $('copy-link'),
    newAnalysis: $('new-analysis'),
    image: $('result-image'),
    faceLayer: $('face-layer'),
    caption: $('image-caption'),
    toggleFaces: $('toggle-faces'),
    toggleLabel: document.querySelector('.switch-label'),
    download: $('download-annotated'),
    original: $('open-original'),
    shareBar: $('share-bar'),
    swatches: $('swatches'),
    blurChip: $('blur-chip'),
    ring: $('quality-ring'),
    ringValue: $('quality-ring-value'),
    verdict: $('quality-verdict'),
    explain: $('quality-explain'),
    scoreBars: $('score-bars'),
    faceCount: $('face-count'),
    faceSub: $('face-sub'),
    sceneType: $('scene-type'),
    sceneConfidence: $('scene-confidence'),
    brightnessValue: $('brightness-value'),
    brightnessWord: $('brightness-word'),
    brightnessMarker: $('brightness-marker'),
    details: $('details'),
    wordCount: $('word-count'),
    copyText: $('copy-text'),
    ocrText: $('ocr-text'),
    noText: $('no-text'),
    recentList: $('recent-list'),
    recentEmpty: $('recent-empty'),
    clearRecent: $('clear-recent'),
    dropOverlay: $('drop-overlay'),
    toast: $('toast'),
    announcer: $('announcer'),
    pasteKey: $('paste-key')
  };

  /* ---------- state ---------- */

  // Every upload or opened result is a "session"; callbacks of an older one are ignored.
  var session = 0;
  var current = { xhr: null, timer: null, ticker: null, file: null, id: null };
  var retryAction = null;

  function newSession() {
    session += 1;
    if (current.xhr) { var x = current.xhr; current.xhr = null; x.abort(); }
    clearTimeout(current.timer);
    clearInterval(current.ticker);
    current.timer = null;
    current.ticker = null;
    current.id = null;
    return session;
  }

  /* ---------- small helpers ---------- */

  function parseJSON(text) {
    try { return JSON.parse(text); } catch (e) { return null; }
  }

  function formatBytes(bytes) {
    if (bytes < 1024) return bytes + ' B';
    if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(bytes < 10240 ? 1 : 0) + ' KB';
    return (bytes / 1024 / 1024).toFixed(1) + ' MiB';
  }

  function formatNumber(value, digits) {
    if (typeof value !== 'number' || !isFinite(value)) return '–';
    return value.toLocaleString(undefined, { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  }

  function formatDuration(ms) {
    if (typeof ms !== 'number' || !isFinite(ms)) return '–';
    return ms < 1000 ? Math.round(ms) + ' ms' : (ms / 1000).toFixed(ms < 10000 ? 1 : 0) + ' s';
  }

  function formatDate(value) {
    var date = value instanceof Date ? value : new Date(value);
    if (isNaN(date.getTime())) return '';
    return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  }

  function relativeTime(timestamp) {
    var seconds = Math.round((Date.now() - timestamp) / 1000);
    if (seconds < 45) return 'just now';
    var minutes = Math.round(seconds / 60);
    if (minutes < 60) return minutes + ' min ago';
    var hours = Math.round(minutes / 60);
    if (hours < 24) return hours + ' h ago';
    return new Date(timestamp).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
  }

  function capitalise(text) {
    text = String(text || '').trim();
    return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
  }

  function sentence(text) {
    text = capitalise(text);
    return text && !/[.!?]$/.test(text) ? text + '.' : text;
  }

  function plural(count, one, many) {
    return count + ' ' + (count === 1 ? one : many);
  }

  function clamp(value, low, high) {
    return Math.min(high, Math.max(low, value));
  }

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function isValidColor(hex) {
    return typeof hex === 'string' && /^#[0-9a-f]{6}$/i.test(hex);
  }

  var toastTimer = null;
  function toast(message) {
    el.toast.textContent = message;
    el.toast.classList.add('is-visible');
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { el.toast.classList.remove('is-visible'); }, 2200);
  }

  function copyText(text) {
    function fallback() {
      var area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.className = 'visually-hidden';
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
      document.body.removeChild(area);
      return ok ? Promise.resolve() : Promise.reject(new Error('copy failed'));
    }
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(fallback);
    }
    return fallback();
  }

  /* ---------- server health ---------- */

  function setServerState(state, text, title) {
    el.serverStatus.setAttribute('data-state', state);
    el.serverStatusText.textContent = text;
    if (title) el.serverStatus.title = title; else el.serverStatus.removeAttribute('title');
  }

  function checkHealth() {
    return fetch('/api/health', { cache: 'no-store', headers: { Accept: 'application/json' } })
      .then(function (response) {
        return response.text().then(function (text) {
          var body = parseJSON(text) || {};
          if (response.ok && body.status === 'ok') {
            setServerState('ok', 'Server online');
          } else {
            setServerState('degraded', 'Server degraded', body.reason || body.error || ('HTTP ' + response.status));
          }
          return response.ok;
        });
      })
      .catch(function () {
        setServerState('down', 'Server unreachable');
        return false;
      });
  }

  /* ---------- views ---------- */

  function showView(view) {
    el.job.hidden = view !== 'job';
    el.result.hidden = view !== 'result';
    el.body.classList.toggle('has-job', view !== 'home');
    el.dropzone.querySelector('h2').textContent = view === 'home' ? 'Drop an image here' : 'Analyse another image';
  }

  function hideNotice() {
    el.notice.hidden = true;
    el.notice.classList.remove('is-info');
    retryAction = null;
  }

  // An error or a warning with the actions that make sense for it.
  function showNotice(options) {
    el.noticeTitle.textContent = options.title;
    el.noticeMessage.textContent = options.message;
    el.noticeDetail.textContent = options.detail || '';
    el.notice.classList.toggle('is-info', !!options.info);
    retryAction = options.retry || chooseFile;
    el.noticeRetry.textContent = options.retryLabel || 'Try again';
    el.notice.hidden = false;
    if (options.focus !== false) el.noticeRetry.focus({ preventScroll: true });
    el.notice.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }

  var ERROR_TITLES = {
    0: 'Cannot reach the Peek server',
    400: 'The server could not use that request',
    404: 'Analysis not found',
    405: 'The server refused that request',
    408: 'The upload took too long',
    413: 'That file is too large',
    415: 'That file type is not supported',
    422: 'That image could not be read',
    429: 'Too many uploads right now',
    500: 'Something went wrong on the server',
    502: 'Peek is temporarily unavailable',
    503: 'Peek is temporarily unavailable',
    504: 'The server took too long to answer'
  };

  function isTransient(status) {
    return status === 0 || status === 408 || status === 429 || status >= 500;
  }

  function apiErrorMessage(status, body) {
    if (body && typeof body.error === 'string' && body.error.trim()) return sentence(body.error);
    if (status === 0) return 'The server did not answer. It may be down, or your connection may have dropped.';
    return 'The server answered with HTTP status ' + status + '.';
  }

  /* ---------- choosing a file ---------- */

  function chooseFile() {
    el.fileInput.value = '';
    el.fileInput.click();
  }

  function validate(file) {
    var name = file.name || 'The pasted image';
    var type = (file.type || '').toLowerCase();
    var accepted = type ? !!ACCEPTED_TYPES[type] || (type === 'application/octet-stream' && ACCEPTED_NAME.test(name))
      : ACCEPTED_NAME.test(name);
    if (!accepted) {
      var what = type.indexOf('image/') === 0 ? 'a ' + type.slice(6).toUpperCase() + ' image' : 'not a supported image';
      return {
        title: 'That file type is not supported',
        message: '“' + name + '” is ' + what + '. Peek reads PNG, JPEG, GIF, BMP and WEBP images.'
      };
    }
    if (file.size === 0) {
      return { title: 'That file is empty', message: '“' + name + '” has no content (0 bytes). Choose another image.' };
    }
    if (file.size > MAX_BYTES) {
      return {
        title: 'That file is too large',
        message: '“' + name + '” is ' + formatBytes(file.size) + '; the limit is 16 MiB. Choose a smaller or more compressed image.'
      };
    }
    return null;
  }

  function takeFile(file) {
    if (!file) return;
    var problem = validate(file);
    if (problem) {
      showNotice({ title: problem.title, message: problem.message, retryLabel: 'Choose another image', retry: chooseFile });
      return;
    }
    upload(file);
  }

  /* ---------- upload ---------- */

  function setProgress(fraction) {
    var percent = Math.round(clamp(fraction, 0, 1) * 100);
    el.progressFill.style.width = percent + '%';
    el.progressPct.textContent = percent + '%';
    el.progressTrack.setAttribute('aria-valuenow', String(percent));
  }

  function announce(text) {
    el.announcer.textContent = '';
    setTimeout(function () { el.announcer.textContent = text; }, 50);
  }

  function setStatus(text) {
    if (el.status.textContent !== text) el.status.textContent = text;
  }

  // The preview is drawn from a decoded bitmap (or nothing): `picture` is a promise of one, or null.
  var previewTurn = 0;
  function showPreview(picture) {
    var turn = ++previewTurn;
    el.jobPreview.removeAttribute('data-ready');
    el.jobPreview.width = el.jobPreview.width;   // clears the previous picture
    el.job.classList.toggle('no-preview', !picture);
    if (!picture) return;
    picture.then(function (bitmap) {
      if (turn !== previewTurn) return;
      drawInto(el.jobPreview, bitmap, 480);
      el.jobPreview.setAttribute('data-ready', '1');
    }, function () {
      if (turn === previewTurn) el.job.classList.add('no-preview');
    });
  }

  function showJob(name, meta, picture) {
    el.job.classList.remove('is-analysing');
    el.jobTitle.textContent = name;
    el.jobMeta.textContent = meta;
    showPreview(picture);
    document.title = name + ' — Peek';
    el.job.classList.remove('is-failed');
    el.elapsed.textContent = '';
    showView('job');
  }

  function upload(file) {
    var token = newSession();
    hideNotice();
    // A new upload is a new page: "back" returns to the result that was on screen.
    if (location.pathname !== '/') history.pushState(null, '', '/');
    lastResult = null;
    current.file = file;
    var name = file.name || 'Pasted image';
    // Decoded here from the file's bytes: no blob: or data: address, so a strict default-src 'self' holds.
    var picture = decodeImage(file);
    showJob(name, formatBytes(file.size) + (file.type ? ' · ' + (ACCEPTED_TYPES[file.type] || file.type) : ''), picture);
    el.progress.hidden = false;
    el.cancel.hidden = false;
    setProgress(0);
    setStatus('Uploading ' + name + '…');

    var thumbnail = null;
    var thumbnailMade = picture.then(thumbnailFrom);
    thumbnailMade.then(function (data) { thumbnail = data; }, function () { thumbnail = null; });

    var form = new FormData();
    form.append('image', file, file.name || 'pasted-image.' + ((ACCEPTED_TYPES[file.type] || 'png').toLowerCase()));

    var xhr = new XMLHttpRequest();
    current.xhr = xhr;
    xhr.open('POST', '/api/analyze');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.addEventListener('progress', function (event) {
      if (token !== session || !event.lengthComputable) return;
      setProgress(event.loaded / event.total);
    });
    xhr.upload.addEventListener('load', function () {
      if (token !== session) return;
      setProgress(1);
      setStatus('Upload complete. Waiting for the server to accept it…');
    });
    xhr.addEventListener('load', function () {
      if (token !== session) return;
      current.xhr = null;
      var body = parseJSON(xhr.responseText);
      if (xhr.status === 202 && body && typeof body.id === 'string') {
        var id = body.id;
        history.pushState({ id: id }, '', '/r/' + encodeURIComponent(id));
        addRecent({ id: id, name: name, at: Date.now(), thumb: thumbnail, status: 'processing' });
        // A thumbnail still being made joins the entry when it is ready.
        if (!thumbnail) thumbnailMade.then(function (data) { fillThumbnail(id, data); }, function () {});
        startAnalysis(token, id, name);
        return;
      }
      showView('home');
      var status = xhr.status;
      showNotice({
        title: ERROR_TITLES[status] || 'The upload was not accepted',
        message: apiErrorMessage(status, body),
        detail: 'HTTP ' + status + ' from /api/analyze',
        retryLabel: isTransient(status) ? 'Try again' : 'Try again with another image',
        retry: isTransient(status) ? function () { upload(file); } : chooseFile
      });
    });
    xhr.addEventListener('error', function () {
      if (token !== session) return;
      current.xhr = null;
      showView('home');
      checkHealth();
      showNotice({
        title: ERROR_TITLES[0],
        message: 'The upload could not reach the server. It may be down or restarting, or your connection dropped.',
        detail: 'Nothing was stored. Your file is still selected, so you can send it again.',
        retryLabel: 'Try again',
        retry: function () { upload(file); }
      });
    });
    xhr.addEventListener('abort', function () {
      // newSession() aborts too; only a cancel of the live upload is reported.
      if (token !== session) return;
      current.xhr = null;
    });
    xhr.send(form);
  }

  function cancelUpload() {
    if (!current.xhr) return;
    var file = current.file;
    newSession();
    showView('home');
    showNotice({
      title: 'Upload cancelled',
      message: 'Nothing was sent for analysis.',
      info: true,
      retryLabel: 'Upload it again',
      retry: function () { upload(file); }
    });
  }

  /* ---------- following an analysis ---------- */

  // An upload that was just accepted is polled after a short pause; an opened address at once.
  function startAnalysis(token, id, name, immediate) {
    current.id = id;
    el.job.classList.add('is-analysing');
    el.progress.hidden = false;
    el.progressPct.textContent = '';
    el.progressTrack.removeAttribute('aria-valuenow');
    el.cancel.hidden = true;
    el.jobTitle.textContent = name;
    setStatus('Analysing colours, faces, text, sharpness and scene…');
    var started = Date.now();
    var tickElapsed = function () {
      var seconds = Math.floor((Date.now() - started) / 1000);
      el.elapsed.textContent = seconds < 1 ? '' : 'Working for ' + seconds + ' s';
    };
    current.ticker = setInterval(tickElapsed, 1000);
    if (immediate) {
      poll(token, id, name, started, POLL_FIRST_MS, 0);
    } else {
      current.timer = setTimeout(function () {
        poll(token, id, name, started, POLL_FIRST_MS * POLL_FACTOR, 0);
      }, POLL_FIRST_MS);
    }
  }

  function poll(token, id, name, started, delay, failures) {
    var next = function (wait, failureCount) {
      if (token !== session) return;
      if (Date.now() - started > POLL_TIMEOUT_MS) { timedOut(token, id, name); return; }
      current.timer = setTimeout(function () {
        poll(token, id, name, started, Math.min(wait * POLL_FACTOR, POLL_MAX_MS), failureCount);
      }, wait);
    };
    fetch('/api/results/' + encodeURIComponent(id), { cache: 'no-store', headers: { Accept: 'application/json' } })
      .then(function (response) {
        return response.text().then(function (text) { return { status: response.status, body: parseJSON(text) }; });
      })
      .then(function (answer) {
        if (token !== session) return;
        var body = answer.body;
        if (answer.status === 202 || (answer.status === 200 && body && body.status === 'processing')) {
          if (failures) setStatus('Analysing colours, faces, text, sharpness and scene…');
          next(delay, 0);
        } else if (answer.status === 200 && body && body.status === 'completed' && body.insights) {
          finish(token);
          renderResult(body, name);
        } else if (answer.status === 200 && body && body.status === 'failed') {
          finish(token);
          showFailed(id, name, body.error);
        } else if (isTransient(answer.status) && answer.status !== 0) {
          setStatus('The server is busy (' + apiErrorMessage(answer.status, body) + ') Still trying…');
          next(Math.max(delay, 1000), failures + 1);
        } else {
          finish(token);
          showView('home');
          showNotice({
            title: ERROR_TITLES[answer.status] || 'Could not load this analysis',
            message: apiErrorMessage(answer.status, body),
            detail: 'HTTP ' + answer.status + ' from /api/results/' + id,
            retryLabel: answer.status === 404 || answer.status === 400 ? 'Analyse an image' : 'Try again',
            retry: answer.status === 404 || answer.status === 400 ? chooseFile : function () { openResult(id); }
          });
          markRecent(id, { status: 'missing' });
        }
      })
      .catch(function () {
        if (token !== session) return;
        setStatus('Lost contact with the server. Retrying…');
        checkHealth();
        next(Math.max(delay, 1000), failures + 1);
      });
  }

  function finish(token) {
    if (token !== session) return;
    clearTimeout(current.timer);
    clearInterval(current.ticker);
    current.timer = null;
    current.ticker = null;
  }

  function timedOut(token, id, name) {
    finish(token);
    el.job.classList.remove('is-analysing');
    el.progress.hidden = true;
    setStatus('Still not finished after 2 minutes.');
    el.elapsed.textContent = '';
    showNotice({
      title: 'The analysis is taking longer than expected',
      message: 'No result after 2 minutes. The server may be very busy. Your image is stored: this page’s address will show the result once it is ready.',
      info: true,
      retryLabel: 'Check again',
      retry: function () { openResult(id); }
    });
  }

  function showFailed(id, name, message) {
    // The card stays, with the image's name and preview, so the address still shows what it is about.
    el.job.classList.remove('is-analysing');
    el.job.classList.add('is-failed');
    el.progress.hidden = true;
    el.elapsed.textContent = '';
    setStatus('This image could not be analysed.');
    markRecent(id, { status: 'failed' });
    showNotice({
      title: 'The analysis failed',
      message: sentence(message || 'The server could not analyse this image.'),
      detail: 'Analysis ' + id,
      retryLabel: 'Try again with another image',
      retry: chooseFile
    });
  }

  /* ---------- opening a result by URL ---------- */

  function openResult(id) {
    var token = newSession();
    hideNotice();
    var entry = findRecent(id);
    var name = entry ? entry.name : 'Shared analysis';
    showJob(name, 'Analysis ' + id, entry && entry.thumb ? decodeDataUrl(entry.thumb) : null);
    el.cancel.hidden = true;
    setStatus('Loading the analysis…');
    startAnalysis(token, id, name, true);
  }

  /* ---------- rendering a result ---------- */

  var lastResult = null;
  var showFaces = true;

  function qualityClass(score) {
    return score >= 70 ? 'good' : score >= 40 ? 'fair' : 'poor';
  }

  function renderResult(data, name) {
    var insights = data.insights || {};
    var id = data.id;
    lastResult = data;
    current.id = id;
    showView('result');
    hideNotice();
    document.title = name + ' — Peek';

    el.resultTitle.textContent = name;
    var metaParts = [];
    if (data.completed_at || data.created_at) metaParts.push('Analysed ' + formatDate(data.completed_at || data.created_at));
    var ms = typeof data.processing_ms === 'number' ? data.processing_ms : insights.processing_ms;
    if (typeof ms === 'number') metaParts.push('in ' + formatDuration(ms));
    el.resultMeta.textContent = metaParts.join(' ');

    renderImage(data, insights);
    renderColors(insights);
    renderQuality(insights);
    renderStats(insights);
    renderDetails(data, insights, ms);
    renderText(insights);

    markRecent(id, {
      status: 'completed',
      summary: {
        faces: insights.faces_detected,
        scene: insights.scene_type,
        quality: insights.quality_score,
        colors: (insights.dominant_colors || []).filter(isValidColor).slice(0, 5),
        words: insights.word_count
      }
    });

    setStatus('Analysis complete.');
    announce('Analysis complete: ' + plural(insights.faces_detected || 0, 'face', 'faces') + ', ' +
      (insights.text_found ? plural(insights.word_count || 0, 'word', 'words') + ' of text' : 'no text') +
      ', ' + (insights.scene_type || 'unknown') + ' scene, quality ' + Math.round(Number(insights.quality_score) || 0) + ' out of 100.');
    el.resultTitle.focus({ preventScroll: true });
    el.result.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }

  function renderImage(data, insights) {
    var id = data.id;
    var links = data.links || {};
    var originalUrl = links.original || '/api/image/' + encodeURIComponent(id) + '/original';
    var src = originalUrl;
    el.image.onload = null;
    if (el.image.getAttribute('src') !== src) el.image.src = src;
    el.image.onload = function () { ensureThumbnail(id); };
    if (el.image.complete && el.image.naturalWidth) ensureThumbnail(id);

    var width = insights.width, height = insights.height;
    var faces = Array.isArray(insights.face_locations) ? insights.face_locations : [];
    el.faceLayer.textContent = '';
    if (width > 0 && height > 0) {
      // Percentages of the upright image: right at any displayed size, with no resize handling.
      faces.forEach(function (face, index) {
        var box = make('div', 'face-box');
        var left = clamp(face.x / width, 0, 1), top = clamp(face.y / height, 0, 1);
        box.style.left = (left * 100) + '%';
        box.style.top = (top * 100) + '%';
        box.style.width = (clamp(face.width / width, 0, 1 - left) * 100) + '%';
        box.style.height = (clamp(face.height / height, 0, 1 - top) * 100) + '%';
        box.appendChild(make('span', 'face-tag', faces.length > 1 ? 'Face ' + (index + 1) : 'Face'));
        el.faceLayer.appendChild(box);
      });
    }
    var count = typeof insights.faces_detected === 'number' ? insights.faces_detected : faces.length;
    // With no face the switch is off and disabled; the person's choice returns with the next face.
    el.toggleFaces.disabled = faces.length === 0;
    el.toggleFaces.checked = faces.length > 0 && showFaces;
    el.toggleLabel.textContent = faces.length ? 'Show face boxes' : 'No face boxes to show';
    el.faceLayer.classList.toggle('is-hidden', !el.toggleFaces.checked);
    el.image.alt = 'The analysed image' + (count ? ', with ' + plural(count, 'face', 'faces') + ' marked' : '');
    el.caption.textContent = width && height
      ? width + ' × ' + height + ' px' + (insights.format ? ' · ' + insights.format : '') +
        (count ? ' · ' + plural(count, 'face box', 'face boxes') + ' drawn' : '')
      : '';

    if (links.annotated) {
      el.download.hidden = false;
      el.download.href = links.annotated;
      el.download.setAttribute('download', 'peek-' + id + '-annotated.jpg');
    } else {
      el.download.hidden = true;
    }
    el.original.href = originalUrl;
  }

  function renderColors(insights) {
    var colors = (insights.dominant_colors || []).filter(isValidColor);
    var shares = Array.isArray(insights.color_shares) ? insights.color_shares : [];
    el.swatches.textContent = '';
    el.shareBar.textContent = '';
    colors.forEach(function (hex, index) {
      var share = typeof shares[index] === 'number' ? shares[index] : null;
      var segment = make('span');
      segment.style.background = hex;
      segment.style.flexGrow = String(share !== null ? Math.max(share, 0.005) : 1);
      el.shareBar.appendChild(segment);

      var item = make('li');
      var button = make('button', 'swatch');
      button.type = 'button';
      var shareText = share !== null ? Math.round(share * 100) + '%' : '';
      button.setAttribute('aria-label', 'Copy ' + hex + (shareText ? ', ' + shareText + ' of the image' : ''));
      var chip = make('span', 'swatch-color');
      chip.style.background = hex;
      chip.appendChild(make('span', 'swatch-copied', 'Copied!'));
      var info = make('span', 'swatch-info');
      info.appendChild(make('span', 'swatch-hex', hex));
      if (shareText) info.appendChild(make('span', 'swatch-share', shareText));
      button.appendChild(chip);
      button.appendChild(info);
      button.addEventListener('click', function () {
        copyText(hex).then(function () {
          button.classList.add('is-copied');
          toast('Copied ' + hex);
          setTimeout(function () { button.classList.remove('is-copied'); }, 1400);
        }, function () {
          toast('Could not copy. The value is ' + hex);
        });
      });
      item.appendChild(button);
      el.swatches.appendChild(item);
    });
    if (!colors.length) el.swatches.appendChild(make('li', 'empty', 'No colours reported.'));
  }

  function renderQuality(insights) {
    var quality = Number(insights.quality_score) || 0;
    var level = qualityClass(quality);
    el.ring.className = 'ring ' + level;
    el.ring.style.setProperty('--value', String(clamp(quality, 0, 100)));
    el.ringValue.textContent = Math.round(quality);
    el.verdict.textContent = { good: 'Good quality', fair: 'Fair quality', poor: 'Poor quality' }[level];
    el.explain.textContent = 'Overall score of ' + formatNumber(quality, 1) + ' out of 100, from sharpness (60%) and contrast (40%).';

    var blur = String(insights.blur_level || '').toLowerCase();
    var blurInfo = { low: ['good', 'Low blur'], medium: ['fair', 'Some blur'], high: ['poor', 'Very blurry'] }[blur];
    el.blurChip.className = 'chip ' + (blurInfo ? blurInfo[0] : '');
    el.blurChip.textContent = blurInfo ? 'Blur: ' + blur : 'Blur: unknown';
    el.blurChip.title = blurInfo ? blurInfo[1] : '';

    el.scoreBars.textContent = '';
    [['Sharpness', insights.sharpness_score], ['Contrast', insights.contrast_score], ['Quality', insights.quality_score]]
      .forEach(function (pair) {
        var value = clamp(Number(pair[1]) || 0, 0, 100);
        var row = make('div', 'bar-row');
        row.appendChild(make('dt', null, pair[0]));
        var dd = make('dd');
        var number = make('span', 'bar-value', formatNumber(value, 1));
        number.appendChild(make('span', 'of', ' / 100'));
        dd.appendChild(number);
        var bar = make('div', 'bar');
        bar.setAttribute('aria-hidden', 'true');
        var fill = make('div', 'bar-fill ' + qualityClass(value));
        bar.appendChild(fill);
        dd.appendChild(bar);
        row.appendChild(dd);
        el.scoreBars.appendChild(row);
        requestAnimationFrame(function () { fill.style.width = value + '%'; });
      });
  }

  function renderStats(insights) {
    var faces = typeof insights.faces_detected === 'number' ? insights.faces_detected : 0;
    el.faceCount.textContent = String(faces);
    el.faceSub.textContent = faces === 0 ? 'No faces detected' : plural(faces, 'face', 'faces') + ' detected';

    var scene = String(insights.scene_type || 'unknown');
    el.sceneType.textContent = capitalise(scene);
    var confidence = Number(insights.scene_confidence);
    el.sceneConfidence.textContent = isFinite(confidence) ? Math.round(confidence * 100) + '% confidence' : '';

    var brightness = clamp(Number(insights.brightness) || 0, 0, 255);
    el.brightnessValue.textContent = String(Math.round(brightness));
    var word = brightness < 60 ? ['Dark', 'poor'] : brightness < 110 ? ['Dim', 'fair'] : brightness < 190 ? ['Balanced', 'good'] : ['Bright', 'fair'];
    el.brightnessWord.textContent = word[0];
    el.brightnessWord.className = 'mini-tag ' + word[1];
    el.brightnessMarker.style.left = (brightness / 255 * 100) + '%';
  }

  function renderDetails(data, insights, ms) {
    el.details.textContent = '';
    var rows = [
      ['Dimensions', insights.width && insights.height ? insights.width + ' × ' + insights.height + ' px' : '–'],
      ['Format', insights.format || '–'],
      ['Processing time', formatDuration(ms)],
      ['Uploaded', formatDate(data.created_at) || '–'],
      ['Analysis id', data.id, 'mono']
    ];
    rows.forEach(function (row) {
      el.details.appendChild(make('dt', null, row[0]));
      el.details.appendChild(make('dd', row[2] || null, row[1]));
    });
  }

  function renderText(insights) {
    var text = String(insights.extracted_text || '').trim();
    var words = typeof insights.word_count === 'number' ? insights.word_count : (text ? text.split(/\s+/).length : 0);
    var found = insights.text_found === undefined ? words > 0 : !!insights.text_found && text.length > 0;
    el.ocrText.hidden = !found;
    el.ocrText.textContent = found ? text : '';
    el.noText.hidden = found;
    el.copyText.hidden = !found;
    el.wordCount.textContent = found ? plural(words, 'word', 'words') : 'No text found';
  }

  /* ---------- thumbnails and the recent list ---------- */

  // Pictures are decoded from bytes with createImageBitmap and drawn on canvases: the page never
  // needs a blob: or data: image address, so it works under a Content-Security-Policy of default-src 'self'.
  function decodeImage(blob) {
    if (typeof createImageBitmap !== 'function') return Promise.reject(new Error('createImageBitmap is missing'));
    return createImageBitmap(blob, { imageOrientation: 'from-image' }).catch(function () {
      return createImageBitmap(blob);
    });
  }

  // A stored "data:image/jpeg;base64,…" thumbnail, decoded without ever being used as an address.
  var decodedThumbs = {};
  function decodeDataUrl(url) {
    if (decodedThumbs[url]) return decodedThumbs[url];
    var match = /^data:([a-z]+\/[a-z0-9.+-]+);base64,([A-Za-z0-9+/=]+)$/i.exec(String(url || ''));
    if (!match) return Promise.reject(new Error('not a data URL'));
    var binary;
    try { binary = atob(match[2]); } catch (e) { return Promise.reject(e); }
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    var decoded = decodeImage(new Blob([bytes], { type: match[1] }));
    decodedThumbs[url] = decoded;
    decoded.catch(function () { delete decodedThumbs[url]; });
    return decoded;
  }

  function drawInto(canvas, source, maxSide) {
    var w = source.naturalWidth || source.width, h = source.naturalHeight || source.height;
    var scale = Math.min(1, maxSide / Math.max(w, h));
    canvas.width = Math.max(1, Math.round(w * scale));
    canvas.height = Math.max(1, Math.round(h * scale));
    canvas.getContext('2d').drawImage(source, 0, 0, canvas.width, canvas.height);
  }

  function thumbnailFrom(img) {
    var w = img.naturalWidth || img.width, h = img.naturalHeight || img.height;
    if (!w || !h) throw new Error('empty image');
    var canvas = document.createElement('canvas');
    canvas.width = THUMB_SIZE;
    canvas.height = THUMB_SIZE;
    var ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, THUMB_SIZE, THUMB_SIZE);
    var side = Math.min(w, h);
    ctx.drawImage(img, (w - side) / 2, (h - side) / 2, side, side, 0, 0, THUMB_SIZE, THUMB_SIZE);
    return canvas.toDataURL('image/jpeg', 0.72);
  }

  function fillThumbnail(id, data) {
    var entry = findRecent(id);
    if (entry && !entry.thumb && data) markRecent(id, { thumb: data });
  }

  function ensureThumbnail(id) {
    var entry = findRecent(id);
    if (!entry || entry.thumb) return;
    try {
      markRecent(id, { thumb: thumbnailFrom(el.image) });
    } catch (e) { /* keep the server preview */ }
  }

  function loadRecent() {
    try {
      var list = JSON.parse(localStorage.getItem(RECENT_KEY) || '[]');
      return Array.isArray(list) ? list.filter(function (entry) { return entry && typeof entry.id === 'string'; }) : [];
    } catch (e) {
      return [];
    }
  }

  function saveRecent(list) {
    list = list.slice(0, RECENT_MAX);
    for (var attempt = 0; attempt < 4; attempt++) {
      try {
        localStorage.setItem(RECENT_KEY, JSON.stringify(list));
        return;
      } catch (e) {
        // Storage full: drop the oldest thumbnails, then the oldest entries.
        var withThumb = list.filter(function (entry) { return entry.thumb; });
        if (withThumb.length) withThumb[withThumb.length - 1].thumb = null;
        else list = list.slice(0, Math.max(1, Math.floor(list.length / 2)));
      }
    }
  }

  function findRecent(id) {
    return loadRecent().filter(function (entry) { return entry.id === id; })[0] || null;
  }

  function addRecent(entry) {
    var list = loadRecent().filter(function (item) { return item.id !== entry.id; });
    list.unshift(entry);
    saveRecent(list);
    renderRecent();
  }

  function markRecent(id, changes) {
    var list = loadRecent();
    var found = false;
    list.forEach(function (entry) {
      if (entry.id === id) {
        found = true;
        Object.keys(changes).forEach(function (key) { entry[key] = changes[key]; });
      }
    });
    if (!found && changes.status === 'completed') {
      // A shared link opened here for the first time joins the list.
      var entry = { id: id, name: 'Shared analysis', at: Date.now(), thumb: null };
      Object.keys(changes).forEach(function (key) { entry[key] = changes[key]; });
      list.unshift(entry);
    }
    saveRecent(list);
    renderRecent();
  }

  function recentSummary(entry) {
    if (entry.status === 'failed') return 'Analysis failed';
    if (entry.status === 'missing') return 'No longer on the server';
    if (entry.status !== 'completed' || !entry.summary) return 'Analysing…';
    var s = entry.summary, parts = [];
    if (typeof s.faces === 'number') parts.push(plural(s.faces, 'face', 'faces'));
    if (s.scene) parts.push(s.scene);
    if (typeof s.quality === 'number') parts.push('quality ' + Math.round(s.quality));
    return parts.join(' · ');
  }

  function recentThumb(entry) {
    if (!entry.thumb) {
      var icon = make('img', 'recent-thumb is-placeholder');
      icon.alt = '';
      icon.width = 56;
      icon.height = 56;
      icon.src = '/favicon.svg';
      return icon;
    }
    var canvas = make('canvas', 'recent-thumb');
    canvas.width = THUMB_SIZE;
    canvas.height = THUMB_SIZE;
    canvas.setAttribute('aria-hidden', 'true');
    decodeDataUrl(entry.thumb).then(function (bitmap) {
      canvas.getContext('2d').drawImage(bitmap, 0, 0, THUMB_SIZE, THUMB_SIZE);
      canvas.setAttribute('data-ready', '1');
    }, function () { canvas.classList.add('is-broken'); });
    return canvas;
  }

  function renderRecent() {
    var list = loadRecent();
    el.recentList.textContent = '';
    el.recentEmpty.hidden = list.length > 0;
    el.clearRecent.hidden = list.length === 0;
    list.forEach(function (entry) {
      var item = make('li');
      var link = make('a', 'recent-item');
      link.href = '/r/' + encodeURIComponent(entry.id);
      link.setAttribute('data-id', entry.id);
      if (entry.id === current.id) link.setAttribute('aria-current', 'page');
      link.appendChild(recentThumb(entry));
      var text = make('span', 'recent-text');
      text.appendChild(make('span', 'recent-name', entry.name || 'Image'));
      text.appendChild(make('span', 'recent-meta', relativeTime(entry.at || Date.now()) + ' · ' + recentSummary(entry)));
      var colors = entry.summary && Array.isArray(entry.summary.colors) ? entry.summary.colors.filter(isValidColor) : [];
      if (colors.length) {
        var dots = make('span', 'recent-dots');
        dots.setAttribute('aria-hidden', 'true');
        colors.forEach(function (hex) { var dot = make('span'); dot.style.background = hex; dots.appendChild(dot); });
        text.appendChild(dots);
      }
      link.appendChild(text);
      link.addEventListener('click', function (event) {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate('/r/' + encodeURIComponent(entry.id));
      });
      item.appendChild(link);
      el.recentList.appendChild(item);
    });
  }

  /* ---------- routing ---------- */

  function navigate(path) {
    if (location.pathname !== path) history.pushState(null, '', path);
    route();
  }

  function route() {
    var match = /^\/r\/([^/]+)\/?$/.exec(location.pathname);
    if (match) {
      var id = decodeURIComponent(match[1]);
      if (lastResult && lastResult.id === id && current.id === id && !el.result.hidden) return;
      openResult(id);
    } else {
      newSession();
      lastResult = null;
      showView('home');
      document.title = 'Peek — image analysis';
    }
    renderRecent();
  }

  function goHome() {
    hideNotice();
    navigate('/');
    window.scrollTo({ top: 0, behavior: 'smooth' });
    el.choose.focus({ preventScroll: true });
  }

  /* ---------- events ---------- */

  el.choose.addEventListener('click', function (event) { event.stopPropagation(); chooseFile(); });
  el.dropzone.addEventListener('click', function (event) {
    if (event.target.closest('button, a, input')) return;
    chooseFile();
  });
  el.fileInput.addEventListener('change', function () {
    var file = el.fileInput.files && el.fileInput.files[0];
    if (file) takeFile(file);
  });

  el.noticeRetry.addEventListener('click', function () {
    var action = retryAction || chooseFile;
    hideNotice();
    action();
  });
  el.noticeDismiss.addEventListener('click', function () {
    hideNotice();
    el.choose.focus();
  });
  el.cancel.addEventListener('click', cancelUpload);
  el.newAnalysis.addEventListener('click', goHome);
  el.home.addEventListener('click', function (event) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    goHome();
  });
  el.copyLink.addEventListener('click', function () {
    copyText(location.href).then(function () { toast('Link copied'); }, function () { toast('Could not copy the link'); });
  });
  el.copyText.addEventListener('click', function () {
    copyText(el.ocrText.textContent).then(function () {
      el.copyText.textContent = 'Copied!';
      toast('Text copied');
      setTimeout(function () { el.copyText.textContent = 'Copy text'; }, 1500);
    }, function () { toast('Could not copy the text'); });
  });
  el.toggleFaces.addEventListener('change', function () {
    showFaces = el.toggleFaces.checked;
    el.faceLayer.classList.toggle('is-hidden', !el.toggleFaces.checked);
  });
  el.clearRecent.addEventListener('click', function () {
    try { localStorage.removeItem(RECENT_KEY); } catch (e) { /* nothing stored */ }
    renderRecent();
    toast('Recent analyses cleared');
    el.choose.focus();
  });

  // Drag and drop anywhere on the page.
  var dragDepth = 0;
  function hasFiles(event) {
    var types = event.dataTransfer && event.dataTransfer.types;
    return !!types && Array.prototype.indexOf.call(types, 'Files') !== -1;
  }
  window.addEventListener('dragenter', function (event) {
    if (!hasFiles(event)) return;
    event.preventDefault();
    dragDepth += 1;
    el.dropOverlay.hidden = false;
    el.dropzone.classList.add('is-over');
  });
  window.addEventListener('dragover', function (event) {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  });
  window.addEventListener('dragleave', function (event) {
    if (!hasFiles(event)) return;
    dragDepth = Math.max(0, dragDepth - 1);
    if (dragDepth === 0) { el.dropOverlay.hidden = true; el.dropzone.classList.remove('is-over'); }
  });
  window.addEventListener('drop', function (event) {
    if (!event.dataTransfer) return;
    event.preventDefault();
    dragDepth = 0;
    el.dropOverlay.hidden = true;
    el.dropzone.classList.remove('is-over');
    var files = event.dataTransfer.files;
    if (!files || !files.length) return;
    if (files.length > 1) toast('Only the first of ' + files.length + ' files is analysed');
    takeFile(files[0]);
  });

  // Paste an image from the clipboard.
  document.addEventListener('paste', function (event) {
    var data = event.clipboardData;
    if (!data) return;
    var file = null;
    if (data.files && data.files.length) file = data.files[0];
    if (!file && data.items) {
      for (var i = 0; i < data.items.length; i++) {
        if (data.items[i].kind === 'file') { file = data.items[i].getAsFile(); if (file) break; }
      }
    }
    if (!file) return;
    event.preventDefault();
    takeFile(file);
  });

  window.addEventListener('popstate', route);

  // Keep the "x min ago" labels and the server indicator fresh.
  setInterval(function () { if (!document.hidden) renderRecent(); }, 60000);
  setInterval(function () { if (!document.hidden) checkHealth(); }, 30000);

  if (/Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)) el.pasteKey.textContent = '⌘';

  checkHealth();
  route();
})();
