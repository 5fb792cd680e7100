// What the models pages say of a version's build and of a job (pure: no DOM, tested in Node).

const VERSION_WORDS = { building: 'Building…', ready: 'Ready', failed: 'Build failed' };
const JOB_WORDS = { queued: 'Queued', running: 'Running…', succeeded: 'Succeeded', failed: 'Failed' };
// Output types the page draws as pictures; others are offered as downloads.
const PICTURES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp'];

export function versionWords(version) {
  return VERSION_WORDS[version && version.status] || 'Unknown';
}

export function jobWords(job) {
  return JOB_WORDS[job && job.status] || 'Unknown';
}

// Whether the page should look again: a build or a job that has not ended.
export function isBuilding(version) {
  return !!version && version.status === 'building';
}

export function isUnderWay(job) {
  return !!job && (job.status === 'queued' || job.status === 'running');
}

export function isPicture(output) {
  return !!output && PICTURES.indexOf(String(output.content_type).split(';')[0].trim()) !== -1;
}

// A job's one-line summary for the list: its state, and its time or error.
export function jobSummary(job) {
  if (job.status === 'succeeded') return 'Succeeded' + (typeof job.ms === 'number' ? ' in ' + job.ms + ' ms' : '');
  if (job.status === 'failed') return 'Failed: ' + (job.error || 'no reason given');
  return jobWords(job);
}

// What `run` returned, indented for reading; an empty string when there is nothing.
export function resultText(result) {
  return result === null || result === undefined ? '' : JSON.stringify(result, null, 2);
}

// A version label as the server accepts it (1 to 64 of A-Z a-z 0-9 . _ + -), or the problem.
export function versionLabelProblem(label) {
  if (!label) return 'Give the version a label, such as 1.0.';
  return /^[A-Za-z0-9._+-]{1,64}$/.test(label) ? null : 'Use 1 to 64 letters, digits, dots, dashes, underscores or plus signs.';
}
