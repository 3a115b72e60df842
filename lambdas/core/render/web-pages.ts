import type { FeedState } from '../ports.js';
import type { StoredEntry } from '../model.js';
import { describeEvidence } from './evidence-text.js';
import type { SafeHtml } from './html.js';
import { html, safeHref } from './html.js';

// The local web app's pages, rendered from plain data so they can be tested without a server.

export interface TopicInfo {
  id: string;
  label: string;
  description: string | null;
}

export interface TopicSection {
  topic: TopicInfo;
  entries: StoredEntry[];
}

export interface FeedHealthRow {
  state: FeedState;
  /** Entries first seen in the last 7 days, divided by 7. */
  itemsPerDay: number | null;
}

const styles = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1f;background:#fafafa}
header{background:#16324f;color:#fff;padding:.75rem 1.5rem;display:flex;gap:1.5rem;align-items:baseline;flex-wrap:wrap}
header a{color:#fff}header h1{font-size:1.25rem;margin:0}
main{max-width:72rem;margin:0 auto;padding:1rem 1.5rem}
section{margin-bottom:2rem}h2{border-bottom:2px solid #16324f;padding-bottom:.25rem}
article{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.75rem 1rem;margin:.5rem 0}
article h3{margin:0 0 .25rem;font-size:1.05rem}.meta{color:#555;font-size:.85rem}
.evidence{font-size:.85rem;color:#2d5a27;margin-top:.25rem}.summary{margin:.25rem 0}
table{border-collapse:collapse;width:100%;background:#fff}th,td{border:1px solid #ddd;padding:.35rem .5rem;text-align:left;font-size:.9rem;vertical-align:top}
.status-ok{color:#2d5a27}.status-failing{color:#a4161a;font-weight:600}.status-off{color:#777}
.empty{color:#666;font-style:italic}`;

function layout(title: string, body: SafeHtml, topics: TopicInfo[]): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · Topicwire</title><style>${styles}</style></head>
<body><header><h1><a href="/">Topicwire</a></h1><nav>${topics.map(
    (t) => html`<a href="/topics/${t.id}">${t.label}</a> · `,
  )}<a href="/feeds">Feed health</a></nav></header>
<main>${body}</main></body></html>`.value;
}

function formatTime(iso: string | null, fallback: string): string {
  return iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : fallback;
}

function plainSnippet(text: string | null, max = 280): string {
  if (!text) return '';
  const plain = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}

function renderEntry(entry: StoredEntry, topicId: string, feedTitles: ReadonlyMap<string, string>): SafeHtml {
  const tag = entry.topics.find((t) => t.topic === topicId);
  const when = entry.published ?? entry.firstSeenAt;
  return html`<article><h3><a href="${safeHref(entry.link)}">${entry.title ?? '(untitled)'}</a></h3>
<div class="meta">${feedTitles.get(entry.feedId) ?? entry.feedId}${entry.author ? ` · ${entry.author}` : ''} · <time datetime="${when}">${formatTime(when, '')}</time></div>
<p class="summary">${plainSnippet(entry.summary ?? entry.content)}</p>
${tag ? html`<div class="evidence">tagged ${topicId} (score ${tag.score.toFixed(1)}): ${describeEvidence(tag)}</div>` : ''}</article>`;
}

export function renderTopicsPage(sections: TopicSection[], feedTitles: ReadonlyMap<string, string>): string {
  const topics = sections.map((s) => s.topic);
  const body = html`${sections.map(
    (s) => html`<section id="${s.topic.id}"><h2><a href="/topics/${s.topic.id}">${s.topic.label}</a></h2>
${s.entries.length === 0 ? html`<p class="empty">No items yet.</p>` : s.entries.map((e) => renderEntry(e, s.topic.id, feedTitles))}</section>`,
  )}`;
  return layout('Latest by topic', body, topics);
}

export function renderTopicPage(section: TopicSection, allTopics: TopicInfo[], feedTitles: ReadonlyMap<string, string>): string {
  const body = html`<section><h2>${section.topic.label}</h2>
${section.topic.description ? html`<p>${section.topic.description}</p>` : ''}
${section.entries.length === 0 ? html`<p class="empty">No items yet.</p>` : section.entries.map((e) => renderEntry(e, section.topic.id, feedTitles))}</section>`;
  return layout(section.topic.label, body, allTopics);
}

function statusOf(state: FeedState): { label: string; css: string } {
  if (!state.enabled) return { label: state.disabledReason ? `disabled: ${state.disabledReason}` : 'disabled', css: 'status-off' };
  if (state.goneReason) return { label: `gone: ${state.goneReason}`, css: 'status-failing' };
  if (state.consecutiveFailures > 0) return { label: `failing ×${state.consecutiveFailures}`, css: 'status-failing' };
  if (!state.lastFetchAt) return { label: 'not polled yet', css: 'status-off' };
  return { label: 'ok', css: 'status-ok' };
}

export function renderFeedHealthPage(rows: FeedHealthRow[], topics: TopicInfo[]): string {
  const sorted = [...rows].sort((a, b) => b.state.consecutiveFailures - a.state.consecutiveFailures || a.state.feedId.localeCompare(b.state.feedId));
  const body = html`<section><h2>Feed health</h2><table><thead><tr><th>Feed</th><th>Status</th><th>HTTP</th><th>Last success</th><th>Next poll</th><th>Items/day (7 d)</th><th>Last error</th></tr></thead><tbody>
${sorted.map(({ state, itemsPerDay }) => {
  const status = statusOf(state);
  return html`<tr><td><a href="${safeHref(state.url)}">${state.title}</a><br><span class="meta">${state.feedId}${state.movedTo ? ` → ${state.movedTo}` : ''}</span></td>
<td class="${status.css}">${status.label}</td><td>${state.httpStatus ?? '–'}</td><td>${formatTime(state.lastSuccessAt, 'never')}</td><td>${formatTime(state.nextPollAt, '–')}</td>
<td>${itemsPerDay === null ? '–' : itemsPerDay.toFixed(1)}</td><td>${state.errorMessage ? `${state.errorClass ?? 'Error'}: ${state.errorMessage}` : ''}</td></tr>`;
})}</tbody></table></section>`;
  return layout('Feed health', body, topics);
}
