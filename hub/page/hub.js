// Earmark hub page: every device's events in one list, served by `earmark hub serve`.
// Plain JS, no build step. The look (and these label colours) are the device page's
// (webui/app.js); API times are seconds since the Unix epoch, shown in the browser's time zone.
'use strict';

const LABELS = ['doorbell', 'door_knock', 'dog_bark', 'speech', 'footsteps', 'glass_breaking',
  'baby_crying', 'car_horn', 'siren', 'background', 'other'];
const COLORS = {
  doorbell: '#d62728', door_knock: '#ff7f0e', dog_bark: '#8c564b', speech: '#1f77b4',
  footsteps: '#9467bd', glass_breaking: '#e377c2', baby_crying: '#bcbd22', car_horn: '#17becf',
  siren: '#f0b400', background: '#9aa0a6', other: '#2ca02c',
};
const LIMIT = 1000;   // the hub's most events an answer
// As on the device page: a cosine under SIMILAR_MIN is too weak to call similar.
const SIMILAR_MIN = 0.5;
const ALIKE = [[0.95, 'nearly the same'], [0.75, 'very alike'], [SIMILAR_MIN, 'alike']];

const $ = (id) => document.getElementById(id);
const state = { day: midnight(new Date()), device: '', label: '', labels: LABELS.slice() };

function midnight(d) { return new Date(d.getFullYear(), d.getMonth(), d.getDate()); }
function secs(d) { return Math.floor(d.getTime() / 1000); }
function pretty(label) { return label.replace(/_/g, ' '); }
function color(label) { return COLORS[label] || '#555'; }
function pct(x) { return Math.round(x * 100) + '%'; }
function alike(sim) { return ALIKE.find(([cut]) => sim >= cut)[1]; }
function clock(t) {
  return new Date(t * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}
function when(t) {   // a similar event may be on another day
  const d = new Date(t * 1000);
  return midnight(d).getTime() === state.day.getTime() ? clock(t)
    : d.toLocaleString([], { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}
function isoDay(d) {
  const p = (n) => String(n).padStart(2, '0');
  return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate());
}
function el(tag, props, ...kids) {
  const e = document.createElement(tag);
  Object.assign(e, props || {});
  for (const k of kids) e.append(k);
  return e;
}
function swatch(label) {
  const s = el('i', { className: 'sw' });
  s.style.background = color(label);
  return s;
}
function toast(msg) {
  const t = $('toast');
  t.textContent = msg;
  t.classList.add('on');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => t.classList.remove('on'), 2500);
}
async function getJSON(path) {
  const r = await fetch(path);
  const body = await r.json();
  if (!r.ok) throw new Error(body.error || 'HTTP ' + r.status);
  return body;
}
function clipUrl(ev) {
  return '/clips/' + encodeURIComponent(ev.device) + '/' + ev.epoch + '-' + ev.id + '.wav';
}
function key(ev) { return ev.device + '/' + ev.epoch + '/' + ev.id; }

// The second opinion beside the device's label, marked when the two differ: the model's label
// (`generic`) where a personal sound named the event, the second opinion knowing none of those.
function agrees(ev) { return ev.second_label === (ev.generic || ev.label); }
function second(ev) {
  if (!ev.second_label) return '';
  return el('small', {
    className: 'second' + (agrees(ev) ? '' : ' differs'),
    textContent: 'hub: ' + pretty(ev.second_label) + ' ' + pct(ev.second_confidence),
  });
}

function play(ev) {
  const p = $('player');
  p.src = clipUrl(ev);
  p.play().catch((e) => toast('Cannot play: ' + e.message));
}

function row(ev, small) {
  const open = el('button', { type: 'button', className: 'open' },
    swatch(ev.label),
    el('span', { className: 'lbl', textContent: pretty(ev.label) }, second(ev)),
    el('span', { className: 'where' }, el('span', { className: 'dev', textContent: ev.device }),
      el('time', { textContent: small ? when(ev.start) : clock(ev.start) })),
    el('span', { className: 'conf', textContent: small ? alike(ev.similarity) : pct(ev.confidence) }));
  open.addEventListener('click', () => openEvent(ev));
  const li = el('li', {}, open);
  if (ev.has_clip) {
    const b = el('button', { type: 'button', className: 'play', textContent: '▶' });
    b.setAttribute('aria-label', 'play');
    b.addEventListener('click', () => play(ev));
    li.append(b);
  }
  li.dataset.key = key(ev);
  li.dataset.label = ev.label;
  return li;
}

function chips() {
  const box = $('chips');
  box.replaceChildren();
  for (const label of [''].concat(state.labels)) {
    const b = el('button', { type: 'button' }, label ? swatch(label) : '', label ? pretty(label) : 'All');
    b.dataset.label = label;
    b.setAttribute('aria-pressed', String(label === state.label));
    b.addEventListener('click', () => { state.label = label; chips(); reload(); });
    box.append(b);
  }
}

async function load() {
  $('day').value = isoDay(state.day);
  const end = new Date(state.day.getFullYear(), state.day.getMonth(), state.day.getDate() + 1);
  const q = new URLSearchParams({ start: secs(state.day), end: secs(end), limit: LIMIT });
  if (state.device) q.set('device', state.device);
  if (state.label) q.set('label', state.label);
  const asked = q.toString();
  state.asked = asked;
  const page = await getJSON('/api/events?' + q);
  if (state.asked !== asked) return;   // a newer choice was made while this one loaded
  const list = $('list');
  list.replaceChildren(...page.events.map((ev) => row(ev)));
  $('empty').hidden = page.events.length > 0;
  $('capped').hidden = page.events.length < LIMIT;
  const fresh = page.events.map((ev) => ev.label).filter((l) => !state.labels.includes(l));
  if (fresh.length) { state.labels.push(...new Set(fresh)); chips(); }
}

async function openEvent(ev) {
  $('dlabel').replaceChildren(swatch(ev.label), ' ' + pretty(ev.label));
  $('dmeta').textContent = ev.device + ' · ' + new Date(ev.start * 1000).toLocaleString() +
    ' · ' + pct(ev.confidence);
  $('dsecond').hidden = !ev.second_label;
  if (ev.second_label) {
    $('dsecond').textContent = 'Second opinion (hub): ' + pretty(ev.second_label) + ' ' +
      pct(ev.second_confidence) + (agrees(ev) ? '' : ' — differs from the device');
  }
  const audio = $('daudio');
  audio.hidden = !ev.has_clip;
  $('dclip').hidden = !!ev.has_clip;
  if (ev.has_clip) audio.src = clipUrl(ev); else audio.removeAttribute('src');
  $('dsim').replaceChildren();
  $('dnone').hidden = true;
  $('detail').showModal();
  const asked = key(ev);
  state.open = asked;
  const q = new URLSearchParams({ device: ev.device, epoch: ev.epoch, id: ev.id, k: 10 });
  let found;
  try {
    found = (await getJSON('/api/similar?' + q)).events;
  } catch (e) {
    found = [];
    toast(e.message);
  }
  if (state.open !== asked) return;
  const close = found.filter((s) => s.similarity >= SIMILAR_MIN);
  $('dsim').replaceChildren(...close.map((s) => row(s, true)));
  $('dnone').hidden = close.length > 0;
}

// A recording of the user's, sent to POST /api/search: the sounds like it on every device, in
// the event sheet (with the recording in its player).
async function find(file) {
  $('dlabel').textContent = 'Like ' + file.name;
  $('dmeta').textContent = 'Listening…';
  $('dsecond').hidden = true;
  $('dclip').hidden = true;
  const audio = $('daudio');
  audio.hidden = false;
  if (state.upload) URL.revokeObjectURL(state.upload);
  state.upload = audio.src = URL.createObjectURL(file);
  $('dsim').replaceChildren();
  $('dnone').hidden = true;
  $('detail').showModal();
  const asked = 'find:' + state.upload;
  state.open = asked;
  let found = [];
  try {
    const r = await fetch('/api/search?k=10', { method: 'POST', body: file,
      headers: { 'Content-Type': file.type || 'audio/wav' } });
    const body = await r.json();
    if (!r.ok) throw new Error(body.error || 'HTTP ' + r.status);
    if (state.open !== asked) return;
    $('dmeta').textContent = 'Sounds like ' + pretty(body.query.label) + ' ' +
      pct(body.query.confidence);
    found = body.events;
  } catch (e) {
    if (state.open !== asked) return;
    $('dmeta').textContent = e.message;
  }
  const close = found.filter((s) => s.similarity >= SIMILAR_MIN);
  $('dsim').replaceChildren(...close.map((s) => row(s, true)));
  $('dnone').hidden = close.length > 0;
}

async function showStatus() {
  const body = $('sbody');
  body.replaceChildren();
  for (const d of (await getJSON('/api/devices')).devices) {
    const seen = d.ok_at ? 'pulled ' + new Date(d.ok_at * 1000).toLocaleString() : 'never pulled';
    body.append(el('dt', { textContent: d.device }),
      el('dd', { textContent: d.events + ' events · ' + seen + (d.error ? ' · ' + d.error : '') }));
  }
  $('status').showModal();
}

function reload() { load().catch((e) => toast(e.message)); }
function shift(days) {
  state.day = new Date(state.day.getFullYear(), state.day.getMonth(), state.day.getDate() + days);
  reload();
}

$('prev').addEventListener('click', () => shift(-1));
$('next').addEventListener('click', () => shift(1));
$('day').addEventListener('change', () => {
  const [y, m, d] = $('day').value.split('-').map(Number);
  if (y) { state.day = new Date(y, m - 1, d); reload(); }
});
$('device').addEventListener('change', () => { state.device = $('device').value; reload(); });
$('dclose').addEventListener('click', () => $('detail').close());
$('detail').addEventListener('close', () => $('daudio').pause());   // Escape closes it too
$('sclose').addEventListener('click', () => $('status').close());
$('findbtn').addEventListener('click', () => $('findfile').click());
$('findfile').addEventListener('change', () => {
  const file = $('findfile').files[0];
  $('findfile').value = '';   // the same file chosen again is a new search
  if (file) find(file);
});
$('statusbtn').addEventListener('click', () => showStatus().catch((e) => toast(e.message)));

// Start on the day of the newest event anywhere, not on an empty today.
(async () => {
  const [devs, newest] = await Promise.all([getJSON('/api/devices'), getJSON('/api/events?limit=1')]);
  for (const d of devs.devices) $('device').append(el('option', { value: d.device, textContent: d.device }));
  if (newest.events.length) state.day = midnight(new Date(newest.events[0].start * 1000));
  chips();
  await load();
})().catch((e) => toast(e.message));
