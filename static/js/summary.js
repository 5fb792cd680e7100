// The short summary of an analysis that a recent entry keeps, and the line the list shows for it.

import { isValidColor, plural } from './format.js';
import { imageLinks } from './renditions.js';

export function summaryOf(insights) {
  return {
    faces: insights.faces_detected,
    scene: insights.scene_type,
    quality: insights.quality_score,
    colors: (insights.dominant_colors || []).filter(isValidColor).slice(0, 5),
    words: insights.word_count
  };
}

// What a recent entry keeps of a completed analysis (result: the body of GET /api/results/ID): its
// summary and the server's thumbnail, which then replaces the one the browser made while uploading.
export function completedEntry(result) {
  const thumbPath = imageLinks(result).thumbnail;
  const changes = { status: 'completed', summary: summaryOf(result.insights || {}), thumbPath };
  if (thumbPath) changes.thumb = null;
  return changes;
}

// "2 faces · outdoor · quality 73", or the entry's state while it has no summary.
export function summaryLine(entry) {
  if (entry.status === 'failed') return 'Analysis failed';
  if (entry.status === 'missing') return 'No longer on the server';
  if (entry.status !== 'completed' || !entry.summary) return 'Analysing…';
  const summary = entry.summary, parts = [];
  if (typeof summary.faces === 'number') parts.push(plural(summary.faces, 'face', 'faces'));
  if (summary.scene) parts.push(summary.scene);
  if (typeof summary.quality === 'number') parts.push('quality ' + Math.round(summary.quality));
  return parts.join(' · ');
}

// Colour dots of an entry: stored by an older page or edited by hand, so checked again.
export function summaryColors(entry) {
  return entry.summary && Array.isArray(entry.summary.colors) ? entry.summary.colors.filter(isValidColor) : [];
}
