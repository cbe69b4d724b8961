// Earmark timeline page. Plain JS, no framework: it is served gzipped from the device's flash.
// API times are seconds since the Unix epoch; the page shows them in the phone's time zone.
'use strict';

const LABELS = ['doorbell', 'door_knock', 'dog_bark', 'speech', 'footsteps', 'glass_breaking',
  'baby_crying', 'car_horn', 'siren', 'background', 'other'];
const COLORS = {
  doorbell: '#d62728', door_knock: '#ff7f0e', dog_bark: '#8c564b', speech: '#1f77b4',
  footsteps: '#9467bd', glass_breaking: '#e377c2', baby_crying: '#bcbd22', car_horn: '#17becf',
  siren: '#f0b400', background: '#9aa0a6', other: '#2ca02c',
};
const PAGE = 50;
// Similar sounds: the cosine of two events' embeddings, not a confidence, so the page shows a
// word for it. On the demo scene other events of the same label scored 0.69 to 1 and events of
// other labels -0.01 to 0.64: matches under SIMILAR_MIN are too weak to be called similar and
// are not listed. Words from the highest cut down.
const SIMILAR_MIN = 0.5;
const ALIKE = [[0.95, 'nearly the same'], [0.75, 'very alike'], [SIMILAR_MIN, 'alike']];
const SVG = 'http://www.w3.org/2000/svg';
const TOKEN_KEY = 'earmark.token';
const NOTE_KEY = 'earmark.notify';   // this browser's own notifications: {on, labels}
const TAP = 24;   // px either side of a tap on the day strip that still finds an event

const $ = (id) => document.getElementById(id);
const state = {
  token: localStorage.getItem(TOKEN_KEY),
  labels: LABELS,
  names: [],           // what alerts may name, as the device says: its labels, its personal sounds
  day: midnight(new Date()),
  label: '',
  next: null,
  events: new Map(),   // id -> event shown in the list, so live updates and relabels find it
  open: null,          // the event shown in the detail sheet
  clipUrl: null,
  simUrl: null,
  live: null,
  gone: null,          // the event deleted in the open sheet: told to the device as it closes
  clips: new Map(),    // id -> clip blob, while the sheet that fetched it is open
  note: JSON.parse(localStorage.getItem(NOTE_KEY) || '{"on":false,"labels":[]}'),
  noted: new Set(),    // ids this browser already notified (an event is told twice)
};

function midnight(d) { return new Date(d.getFullYear(), d.getMonth(), d.getDate()); }
function dayEnd(d) { return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1); }
function secs(d) { return Math.floor(d.getTime() / 1000); }
function pretty(label) { return label.replace(/_/g, ' '); }
function color(label) { return COLORS[label] || '#555'; }
function clock(t) {
  return new Date(t * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}
function pct(x) { return Math.round(x * 100) + '%'; }
function alike(sim) { return ALIKE.find(([cut]) => sim >= cut)[1]; }
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
function kept() { return el('small', { className: 'tag', textContent: 'kept' }); }
// The model's label beside a personal one ("our doorbell" heard as a doorbell); `other` says nothing.
function heardAs(ev) {
  return ev.generic && ev.generic !== ev.label && ev.generic !== 'other'
    ? el('small', { className: 'generic', textContent: pretty(ev.generic) }) : '';
}
function toast(msg) {
  const t = $('toast');
  t.textContent = msg;
  t.classList.add('on');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => t.classList.remove('on'), 2500);
}

// --- API --------------------------------------------------------------------------------------

class Unauthorized extends Error {}

async function api(path, opts) {
  if (!state.token) throw new Unauthorized('no token');
  opts = opts || {};
  const headers = Object.assign({}, opts.headers, { Authorization: 'Bearer ' + state.token });
  const r = await fetch(path, Object.assign({}, opts, { headers }));
  if (r.status === 401) {
    askToken('The device did not accept that token.');
    throw new Unauthorized('token refused');
  }
  if (!r.ok) {
    let msg = 'HTTP ' + r.status;
    try { msg = (await r.json()).error || msg; } catch (e) { /* body was not JSON */ }
    throw new Error(msg);
  }
  return r;
}
const getJSON = async (path) => (await api(path)).json();
function patch(id, body) {
  return api('/api/events/' + id, {
    method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  }).then((r) => r.json());
}
// Audio elements cannot send an Authorization header: fetch the clip and play it from a blob.
async function clipBlob(id) {
  if (!state.clips.has(id)) state.clips.set(id, await (await api('/api/events/' + id + '/clip.wav')).blob());
  return state.clips.get(id);
}
async function clipUrl(id) { return URL.createObjectURL(await clipBlob(id)); }
function report(err) {
  if (!(err instanceof Unauthorized)) toast(err.message);
}

// --- token ------------------------------------------------------------------------------------

function askToken(msg) {
  state.token = null;
  localStorage.removeItem(TOKEN_KEY);
  if (state.live) { state.live.close(); state.live = null; }
  if (msg) $('tokmsg').textContent = msg;
  const d = $('tokdlg');
  if (!d.open) d.showModal();
}
$('tokform').addEventListener('submit', () => {
  state.token = $('tok').value.trim();
  $('tok').value = '';
  localStorage.setItem(TOKEN_KEY, state.token);
  start();
});
$('tokdlg').addEventListener('cancel', (e) => e.preventDefault());  // the page is useless without it

// --- timeline: day strip and hourly histogram ------------------------------------------------

function inDay(ev) {
  return ev.start >= secs(state.day) && ev.start < secs(dayEnd(state.day));
}
function stripMark(ev) {
  const x = ev.start - secs(state.day);
  // At least seven minutes wide, or a 1 s event would be invisible on a phone.
  const r = document.createElementNS(SVG, 'rect');
  r.setAttribute('x', Math.max(0, x));
  r.setAttribute('y', 2);
  r.setAttribute('width', Math.max(400, ev.end - ev.start));
  r.setAttribute('height', 20);
  r.setAttribute('fill', color(ev.label));
  r.dataset.id = ev.id;
  if (state.gone && state.gone.id === ev.id) r.setAttribute('hidden', '');
  const title = document.createElementNS(SVG, 'title');
  title.textContent = pretty(ev.label) + ' ' + clock(ev.start);
  r.append(title);
  $('strip').append(r);
}
function drawStrip() {
  const s = $('strip');
  s.replaceChildren();
  for (let h = 1; h < 24; h++) {
    const l = document.createElementNS(SVG, 'line');
    l.setAttribute('x1', h * 3600); l.setAttribute('x2', h * 3600);
    l.setAttribute('y1', 0); l.setAttribute('y2', 24);
    l.setAttribute('stroke', h % 6 ? 'rgba(128,128,128,.25)' : 'rgba(128,128,128,.6)');
    l.setAttribute('stroke-width', 60);
    s.append(l);
  }
  for (const ev of state.events.values()) stripMark(ev);
}
// A mark is a few pixels wide on a phone: a tap opens the event nearest to it, within TAP px.
$('strip').addEventListener('click', (e) => {
  const box = $('strip').getBoundingClientRect();
  const perPx = 86400 / box.width;
  const t = secs(state.day) + (e.clientX - box.left) * perPx;
  let best = null;
  for (const ev of state.events.values()) {
    const d = Math.abs(ev.start - t);
    if (d <= TAP * perPx && (!best || d < Math.abs(best.start - t))) best = ev;
  }
  if (best) openEvent(best.id);
});

function drawHist(stats) {
  const h = $('hist');
  h.replaceChildren();
  const hours = Array.from({ length: 24 }, () => ({}));
  for (const b of stats.buckets) {
    const i = Math.floor((b.start - secs(state.day)) / 3600);
    if (i >= 0 && i < 24) Object.assign(hours[i], b.counts);
  }
  const totals = hours.map((c) => Object.values(c).reduce((a, b) => a + b, 0));
  const top = Math.max(1, ...totals);
  hours.forEach((counts, i) => {
    let y = 40;
    for (const label of state.labels) {
      const n = counts[label] || 0;
      if (!n) continue;
      const hgt = (n / top) * 38;
      y -= hgt;
      const r = document.createElementNS(SVG, 'rect');
      r.setAttribute('x', i + 0.1); r.setAttribute('width', 0.8);
      r.setAttribute('y', y); r.setAttribute('height', hgt);
      r.setAttribute('fill', color(label));
      const t = document.createElementNS(SVG, 'title');
      t.textContent = i + ':00 ' + pretty(label) + ' ' + n;
      r.append(t);
      h.append(r);
    }
  });
  h.dataset.total = totals.reduce((a, b) => a + b, 0);
  $('counts').replaceChildren(...totals.map((n) => el('span', { textContent: n || '' })));
}
// The day's sound level from the level history: each row a bar from its quietest to its loudest
// 10 s level, a mark at its mean, a tick above where an event sounded (gaps stay gaps). Levels
// run from LEVEL_FLOOR dBFS (the bottom) to 0 (the top); a bar is at least 5 minutes wide.
const LEVEL_FLOOR = -90;
function levelY(db) { return 40 * Math.min(1, Math.max(0, db / LEVEL_FLOOR)); }
function bar(x, y, w, h, cls, fill) {
  const r = document.createElementNS(SVG, 'rect');
  r.setAttribute('x', x); r.setAttribute('y', y);
  r.setAttribute('width', w); r.setAttribute('height', Math.max(h, 0.8));
  if (cls) r.setAttribute('class', cls);
  if (fill) r.setAttribute('fill', fill);
  return r;
}
function drawLevels(res) {
  const s = $('levels');
  s.replaceChildren();
  for (const r of res.rows) {
    const x = r[0] - secs(state.day);
    const w = Math.max(r[1], 300);
    const b = bar(x, levelY(r[5]), w, levelY(r[3]) - levelY(r[5]), 'band');
    const t = document.createElementNS(SVG, 'title');
    t.textContent = clock(r[0]) + ' ' + r[4].toFixed(1) + ' dBFS (' + r[3] + ' to ' + r[5] + ')';
    b.append(t);
    s.append(b, bar(x, levelY(r[4]) - 0.4, w, 0.8, 'mean'));
    if (r[13]) s.append(bar(x, 0, w, 3, '', color(r[12] || 'other')));
  }
  s.dataset.rows = res.rows.length;
  s.removeAttribute('hidden');   // an <svg> has no .hidden property
}
async function loadLevels() {
  const q = new URLSearchParams({ start: secs(state.day), end: secs(dayEnd(state.day)), points: 1440 });
  const res = await getJSON('/api/levels?' + q);
  if (res.history) drawLevels(res);
  else $('levels').setAttribute('hidden', '');   // this appliance keeps no level history
}
async function loadStats() {
  const q = new URLSearchParams({ bucket: 'hour', start: secs(state.day), end: secs(dayEnd(state.day)) });
  drawHist(await getJSON('/api/stats?' + q));
}

// --- filters and the event list ---------------------------------------------------------------

function drawChips() {
  const c = $('chips');
  c.replaceChildren();
  for (const label of [''].concat(state.labels)) {
    const b = el('button', { type: 'button', textContent: label ? pretty(label) : 'all' });
    if (label) b.prepend(swatch(label));
    b.dataset.label = label;
    b.setAttribute('aria-pressed', String(label === state.label));
    b.addEventListener('click', () => { state.label = label; drawChips(); loadEvents(); });
    c.append(b);
  }
  chipCue();
}
// A fade and an arrow at the right edge while more chips lie beyond it.
function chipCue() {
  const c = $('chips');
  c.parentNode.classList.toggle('more', c.scrollLeft + c.clientWidth < c.scrollWidth - 2);
}
$('chips').addEventListener('scroll', chipCue, { passive: true });
window.addEventListener('resize', chipCue);

function row(ev, small) {
  const open = el('button', { type: 'button', className: 'open' },
    swatch(ev.label),
    el('span', { className: 'lbl', textContent: pretty(ev.label) }, heardAs(ev), ev.locked ? kept() : ''),
    el('time', { textContent: clock(ev.start) }),
    el('span', { className: 'conf', textContent: small ? alike(ev.similarity) : pct(ev.confidence) }));
  open.addEventListener('click', () => openEvent(ev.id));
  const li = el('li', {}, open);
  li.dataset.id = ev.id;
  li.dataset.label = ev.label;
  return li;
}

function query(extra) {
  const q = new URLSearchParams({ start: secs(state.day), end: secs(dayEnd(state.day)), limit: PAGE });
  if (state.label) q.set('label', state.label);
  for (const k in extra) q.set(k, extra[k]);
  return '/api/events?' + q;
}
// Each new list (a day, a label) counts here: the answer to an older one, still on its way
// when the day changed, is for another list and must not be added to this one.
let lists = 0;
async function loadEvents(more) {
  const list = $('list');
  const mine = more ? lists : ++lists;
  if (!more) { list.replaceChildren(); state.events.clear(); }
  const page = await getJSON(query(more ? { before: state.next } : {}));
  if (mine !== lists) return;
  for (const ev of page.events) {
    state.events.set(ev.id, ev);
    list.append(row(ev));
  }
  state.next = page.next;
  $('more').hidden = page.next === null;
  $('empty').hidden = state.events.size > 0;
  drawStrip();
}
$('more').addEventListener('click', () => loadEvents(true).catch(report));

function setDay(d) {
  state.day = midnight(d);
  $('day').value = isoDay(state.day);
  refresh();
}
$('day').addEventListener('change', () => {
  const [y, m, d] = $('day').value.split('-').map(Number);
  if (y) setDay(new Date(y, m - 1, d));
});
$('prev').addEventListener('click', () => setDay(new Date(state.day.getTime() - 12 * 3600e3)));
$('next').addEventListener('click', () => setDay(new Date(dayEnd(state.day).getTime() + 12 * 3600e3)));

function refresh(again = true) {
  // the levels after the rest: one request fewer at once for the device's heap
  return Promise.all([loadEvents(), loadStats()]).then(loadLevels).catch((e) => {
    if (!again || e instanceof Unauthorized) { report(e); return; }
    // A busy device may drop a request (a board has little heap): once more, a moment later.
    toast('The device did not answer in full; trying again');
    setTimeout(() => refresh(false), 3000);
  });
}

// --- event detail -----------------------------------------------------------------------------

function replaceUrl(key, url) {
  if (state[key]) URL.revokeObjectURL(state[key]);
  state[key] = url;
}
async function openEvent(id) {
  if (state.gone && state.gone.id !== id) deleteNow(state.gone);
  let ev;
  try { ev = await getJSON('/api/events/' + id); } catch (e) { report(e); return; }
  state.open = ev;
  showDetail(ev);
  const d = $('detail');
  if (!d.open) d.showModal();
  const audio = $('daudio');
  audio.hidden = !ev.has_clip;
  $('dclip').hidden = ev.has_clip;
  audio.removeAttribute('src');
  $('dspec').hidden = true;
  if (ev.has_clip) {
    clipUrl(id).then((url) => {
      if (state.open && state.open.id === id) { replaceUrl('clipUrl', url); audio.src = url; }
      else URL.revokeObjectURL(url);
      return clipBlob(id).then(decode);
    }).then((samples) => {
      if (state.open && state.open.id === id) { drawSpec($('dspec'), samples); $('dspec').hidden = false; }
    }).catch(report);
  }
  loadSimilar(id);
}
function showDetail(ev) {
  $('dlabel').replaceChildren(swatch(ev.label), ' ' + pretty(ev.label), heardAs(ev), ev.locked ? kept() : '');
  const when = new Date(ev.start * 1000).toLocaleString();
  $('dmeta').textContent = when + ' · ' + (ev.end - ev.start).toFixed(1) + ' s · ' + pct(ev.confidence);
  const runs = $('druns');
  runs.replaceChildren();
  for (const r of [{ label: ev.label, confidence: ev.confidence }].concat(ev.runners_up)) {
    const fill = el('i');
    fill.style.width = pct(r.confidence);
    fill.style.background = color(r.label);
    runs.append(el('span', { textContent: pretty(r.label) }), el('div', { className: 'bar' }, fill),
      el('span', { textContent: pct(r.confidence) }));
  }
  const sel = $('dsel');
  sel.replaceChildren(...state.labels.map((l) => el('option', { value: l, textContent: pretty(l) })));
  sel.value = ev.label;
  $('dlock').checked = ev.locked;
  $('ddel').disabled = ev.locked;
  $('ddel').title = ev.locked ? 'Untick Keep to delete it' : '';
  // A personal sound labelled it (its model label kept beside it): the household may say no.
  $('dnot').hidden = !ev.generic;
  $('dnot').textContent = 'Not ' + pretty(ev.label);
  showGone(state.gone && state.gone.id === ev.id);
}
async function loadSimilar(id) {
  const ul = $('dsim');
  ul.replaceChildren(el('li', { className: 'note', textContent: 'Looking…' }));
  let res;
  try { res = await getJSON('/api/events/' + id + '/similar?k=5'); } catch (e) { ul.replaceChildren(); report(e); return; }
  if (!state.open || state.open.id !== id) return;
  ul.replaceChildren();
  const close = res.events.filter((ev) => ev.similarity >= SIMILAR_MIN);
  for (const ev of close) {
    const li = row(ev, true);
    if (ev.has_clip) {
      const play = el('button', { type: 'button', className: 'play', textContent: '▶' });
      play.setAttribute('aria-label', 'play ' + pretty(ev.label) + ' at ' + clock(ev.start));
      play.addEventListener('click', () => playSimilar(ev.id).catch(report));
      li.append(play);
    }
    ul.append(li);
  }
  if (!close.length) ul.append(el('li', { className: 'note', textContent: 'Nothing close enough stored yet.' }));
  // A small spectrogram per similar sound, one clip at a time (the device serves few at once).
  for (const ev of close) {
    if (!ev.has_clip || !state.open || state.open.id !== id) continue;
    try {
      const samples = await decode(await clipBlob(ev.id));
      const li = ul.querySelector('li[data-id="' + ev.id + '"]');
      const c = el('canvas', { className: 'spec mini', width: 96, height: 32 });
      drawSpec(c, samples);
      if (li && state.open && state.open.id === id) li.querySelector('.lbl').before(c);
    } catch (e) { report(e); return; }
  }
}
async function playSimilar(id) {
  const url = await clipUrl(id);
  replaceUrl('simUrl', url);
  const a = $('simaudio');
  a.src = url;
  await a.play();
}
function closeDetail() {
  $('daudio').pause();
  $('simaudio').pause();
  $('detail').close();
}
$('dclose').addEventListener('click', closeDetail);
$('detail').addEventListener('close', () => {
  if (state.gone) deleteNow(state.gone);
  state.open = null;
  state.clips.clear();
  $('dsim').replaceChildren();   // the next event's sheet must not show these meanwhile
  replaceUrl('clipUrl', null);
  replaceUrl('simUrl', null);
});

function updated(ev) {
  state.open = ev;
  showDetail(ev);
  if (state.events.has(ev.id)) {
    state.events.set(ev.id, ev);
    const old = $('list').querySelector('li[data-id="' + ev.id + '"]');
    if (old) old.replaceWith(row(ev));
    drawStrip();
  }
}
$('dform').addEventListener('submit', (e) => {
  e.preventDefault();
  const ev = state.open;
  const label = $('dsel').value;
  if (!ev || label === ev.label) return;
  patch(ev.id, { label }).then((ev2) => { updated(ev2); loadStats().catch(report); toast('Relabelled as ' + pretty(label)); })
    .catch(report);
});
// The device raises the thresholds the sound reached here and gives the event its model label
// back: the sheet shows the event as the device has it now (the answer's template numbers would
// mean nothing to the household).
$('dnot').addEventListener('click', () => {
  const ev = state.open;
  $('dnot').disabled = true;   // a second click would only be refused: it is corrected once
  api('/api/personal/not', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ids: [ev.id] }) })
    .then(() => getJSON('/api/events/' + ev.id))
    .then((ev2) => { updated(ev2); toast(pretty(ev.label) + ' will not match a sound like this again'); })
    .catch(report).finally(() => { $('dnot').disabled = false; });
});
$('dlock').addEventListener('change', () => {
  const ev = state.open;
  if (!ev) return;
  const locked = $('dlock').checked;
  patch(ev.id, { locked }).then((ev2) => {
    // A label picked but not yet saved with Relabel survives the redraw: Relabel still saves it.
    const picked = $('dsel').value;
    updated(ev2);
    $('dsel').value = picked;
    toast(locked ? 'Kept: never evicted' : 'Unlocked');
  }).catch((e) => { $('dlock').checked = !locked; report(e); });
});

// --- delete, with undo while the sheet is open -----------------------------------------------
// The device is told only when the sheet closes (or the page goes away): until then Undo just
// brings the event back, and nothing was lost.

function showGone(on) {
  $('dgone').hidden = !on;
  $('dform').hidden = on;
  const ev = state.open;
  const li = ev && $('list').querySelector('li[data-id="' + ev.id + '"]');
  if (li) li.hidden = on;
  drawStrip();
}
$('ddel').addEventListener('click', () => {
  if (!state.open || state.open.locked) return;
  state.gone = state.open;
  showGone(true);
});
$('dundo').addEventListener('click', () => { state.gone = null; showGone(false); });
async function deleteNow(ev) {
  state.gone = null;
  const li = $('list').querySelector('li[data-id="' + ev.id + '"]');
  try {
    await api('/api/events/' + ev.id, { method: 'DELETE' });
    state.events.delete(ev.id);
    if (li) li.remove();
    $('empty').hidden = state.events.size > 0;
    toast('Deleted ' + pretty(ev.label) + ' at ' + clock(ev.start));
    loadStats().catch(report);
  } catch (e) { if (li) li.hidden = false; report(e); }
  drawStrip();
}
window.addEventListener('pagehide', () => {
  if (state.gone && state.token) {
    fetch('/api/events/' + state.gone.id, { method: 'DELETE', keepalive: true,
      headers: { Authorization: 'Bearer ' + state.token } });
  }
});

// --- spectrograms, drawn here from the clips: the device spends nothing on them ---------------

const FFT = 256;
const HANN = Float32Array.from({ length: FFT }, (_, i) => 0.5 - 0.5 * Math.cos(2 * Math.PI * i / FFT));
// The browser's decoder reads any format it knows and resamples to `rate`; channels are averaged.
async function decode(blob, rate) {
  const ctx = new OfflineAudioContext(1, 1, rate || 8000);
  const buf = await ctx.decodeAudioData(await blob.arrayBuffer());
  const out = new Float32Array(buf.length);
  for (let c = 0; c < buf.numberOfChannels; c++) {
    buf.getChannelData(c).forEach((x, i) => { out[i] += x / buf.numberOfChannels; });
  }
  return out;
}
function fft(re, im) {   // in place, radix 2
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) { [re[i], re[j]] = [re[j], re[i]]; [im[i], im[j]] = [im[j], im[i]]; }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const a = -2 * Math.PI / len;
    for (let i = 0; i < n; i += len) {
      for (let k = 0; k < len / 2; k++) {
        const c = Math.cos(a * k), s = Math.sin(a * k);
        const p = i + k, q = p + len / 2;
        const xr = re[q] * c - im[q] * s, xi = re[q] * s + im[q] * c;
        re[q] = re[p] - xr; im[q] = im[p] - xi; re[p] += xr; im[p] += xi;
      }
    }
  }
}
// Time across, frequency up (to half the decode rate), 70 dB of range below the loudest cell.
function drawSpec(canvas, samples) {
  const w = canvas.width, h = canvas.height, bins = FFT / 2;
  const hop = Math.max(1, (samples.length - FFT) / w);
  const db = new Float32Array(w * bins);
  const re = new Float32Array(FFT), im = new Float32Array(FFT);
  let top = -200;
  for (let x = 0; x < w; x++) {
    const at = Math.floor(x * hop);
    for (let i = 0; i < FFT; i++) { re[i] = (samples[at + i] || 0) * HANN[i]; im[i] = 0; }
    fft(re, im);
    for (let k = 0; k < bins; k++) {
      const v = 10 * Math.log10(re[k] * re[k] + im[k] * im[k] + 1e-12);
      db[x * bins + k] = v;
      if (v > top) top = v;
    }
  }
  const g = canvas.getContext('2d');
  const img = g.createImageData(w, h);
  for (let y = 0; y < h; y++) {
    const k = Math.floor((h - 1 - y) / h * bins);
    for (let x = 0; x < w; x++) {
      const v = Math.max(0, Math.min(1, (db[x * bins + k] - top + 70) / 70));
      const o = (y * w + x) * 4;
      img.data[o] = 255 * Math.sqrt(v); img.data[o + 1] = 255 * v * v;
      img.data[o + 2] = 255 * (0.35 + 0.65 * v) * (1 - v * v); img.data[o + 3] = 255;
    }
  }
  g.putImageData(img, 0, 0);
  canvas.dataset.drawn = w;
}

// --- find sounds like a recording -------------------------------------------------------------

const SEARCH_RATE = 16000, SEARCH_S = 10;   // what POST /api/search takes
function wav16(samples, rate) {
  const n = samples.length, v = new DataView(new ArrayBuffer(44 + 2 * n));
  const text = (at, t) => { for (let i = 0; i < t.length; i++) v.setUint8(at + i, t.charCodeAt(i)); };
  text(0, 'RIFF'); v.setUint32(4, 36 + 2 * n, true); text(8, 'WAVEfmt ');
  v.setUint32(16, 16, true); v.setUint16(20, 1, true); v.setUint16(22, 1, true);
  v.setUint32(24, rate, true); v.setUint32(28, rate * 2, true); v.setUint16(32, 2, true);
  v.setUint16(34, 16, true); text(36, 'data'); v.setUint32(40, 2 * n, true);
  samples.forEach((x, i) => v.setInt16(44 + 2 * i, Math.max(-32768, Math.min(32767, Math.round(x * 32767))), true));
  return new Blob([v.buffer], { type: 'audio/wav' });
}
async function findLike(file) {
  let samples;
  try { samples = await decode(file, SEARCH_RATE); } catch (e) { toast(file.name + ': not a sound file this browser can read'); return; }
  const cut = samples.length > SEARCH_RATE * SEARCH_S;
  samples = samples.subarray(0, SEARCH_RATE * SEARCH_S);
  const res = await (await api('/api/search?k=10', { method: 'POST', headers: { 'Content-Type': 'audio/wav' },
    body: wav16(samples, SEARCH_RATE) })).json();
  $('fmeta').textContent = file.name + (cut ? ' (its first 10 s)' : '') + ' · it sounds most like ' +
    pretty(res.query.label) + ' (' + pct(res.query.confidence) + ')';
  const c = $('fspec');
  drawSpec(c, samples);
  c.hidden = false;
  const close = res.events.filter((ev) => ev.similarity >= SIMILAR_MIN);
  $('flist').replaceChildren(...close.map((ev) => row(ev, true)));
  if (!close.length) $('flist').append(el('li', { className: 'note', textContent: 'Nothing close enough stored yet.' }));
  if (!$('found').open) $('found').showModal();
}
$('findbtn').addEventListener('click', () => $('findfile').click());
$('findfile').addEventListener('change', () => {
  const f = $('findfile').files[0];
  $('findfile').value = '';
  if (f) findLike(f).catch(report);
});
$('fclose').addEventListener('click', () => $('found').close());

// --- notifications: this browser's, and the device's webhooks ---------------------------------

function picks(box, chosen) {
  // the model's labels, the personal sounds ("our doorbell"), whatever a saved one names besides
  const all = [...new Set(state.labels.concat(state.names, chosen))];
  box.replaceChildren(...all.map((l) => el('label', { className: 'pick' },
    el('input', { type: 'checkbox', value: l, checked: chosen.includes(l) }), pretty(l))));
}
function picked(box) { return [...box.querySelectorAll('input:checked')].map((i) => i.value); }
function noteSay(msg) { $('bnotemsg').textContent = msg; $('bnotemsg').hidden = !msg; }
function saveNote() {
  state.note = { on: $('bnote').checked, labels: picked($('blabels')) };
  localStorage.setItem(NOTE_KEY, JSON.stringify(state.note));
}
function notifyHere(ev) {
  const n = state.note;
  if (!n.on || !(n.labels.includes(ev.label) || n.labels.includes(ev.generic)) || state.noted.has(ev.id)) return;
  state.noted.add(ev.id);
  if (window.Notification && Notification.permission === 'granted') {
    new Notification('Earmark: ' + pretty(ev.label), { body: clock(ev.start), tag: 'earmark-' + ev.id });
  }
}
$('bnote').addEventListener('change', async () => {
  if ($('bnote').checked && (await Notification.requestPermission()) !== 'granted') {
    $('bnote').checked = false;
    noteSay('This browser blocks notifications from this page: allow them in its site settings.');
  }
  saveNote();
});
$('blabels').addEventListener('change', saveNote);

function hookBox(h) {
  const url = el('input', { type: 'url', className: 'url', value: h.url, placeholder: 'http://192.168.1.20:8123/api/webhook/earmark' });
  url.setAttribute('aria-label', 'webhook URL');
  const box = el('div', { className: 'picks' });
  picks(box, h.labels);
  const drop = el('button', { type: 'button', textContent: 'Remove' });
  const f = el('fieldset', { className: 'hook' }, url, box, drop);
  drop.addEventListener('click', () => f.remove());
  return f;
}
function hooksSay(s, msg) {
  $('hookmsg').textContent = (msg ? msg + ' · ' : '') + 'delivered ' + s.delivered + ', failed ' + s.failed +
    (s.dropped ? ', dropped ' + s.dropped : '') + (s.last_error ? ' · last error: ' + s.last_error : '');
}
async function showNotif() {
  const s = await getJSON('/api/webhooks');
  state.names = s.labels || [];   // none said (a device of before): the model's labels alone
  $('hooks').replaceChildren(...s.hooks.map(hookBox));
  hooksSay(s);
  $('bnote').checked = state.note.on;
  picks($('blabels'), state.note.labels);
  const can = 'Notification' in window;
  $('bnote').disabled = !can;
  noteSay(can ? '' : 'Browsers show notifications only for pages served over HTTPS or from this computer (README: HTTPS).');
  if (!$('notif').open) $('notif').showModal();
}
$('notifbtn').addEventListener('click', () => showNotif().catch(report));
$('nclose').addEventListener('click', () => $('notif').close());
$('hookadd').addEventListener('click', () => $('hooks').append(hookBox({ url: '', labels: ['doorbell'] })));
$('hooksave').addEventListener('click', async () => {
  const hooks = [...$('hooks').querySelectorAll('.hook')].map((f) => ({
    url: f.querySelector('.url').value.trim(), labels: picked(f.querySelector('.picks')) }));
  try {
    const s = await (await api('/api/webhooks', { method: 'PUT', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ hooks }) })).json();
    hooksSay(s, 'Saved');
  } catch (e) { $('hookmsg').textContent = e.message; }
});
$('hooktest').addEventListener('click', async () => {
  try {
    const r = await (await api('/api/webhooks/test', { method: 'POST' })).json();
    $('hookmsg').textContent = r.results.length ? r.results.map((x) => x.url + ': ' + (x.error || 'delivered')).join(' · ')
      : 'No webhook saved yet.';
  } catch (e) { report(e); }
});

// --- live arrival over server-sent events -----------------------------------------------------

function arrived(ev) {
  // the list's label filter is the device's: by the model's label (a personal one's generic)
  if (!inDay(ev) || (state.label && (ev.generic || ev.label) !== state.label)) return;
  const had = state.events.has(ev.id) && $('list').querySelector('li[data-id="' + ev.id + '"]');
  state.events.set(ev.id, ev);
  const li = row(ev);
  if (had) {   // told again: a personal sound named it, or it ended
    if (had.classList.contains('new')) li.classList.add('new');
    had.replaceWith(li);
    return;
  }
  li.classList.add('new');
  $('list').prepend(li);
  $('empty').hidden = true;
  stripMark(ev);
  loadStats().catch(report);
}
function showLevel(db) {
  $('level').textContent = db === null ? '– dB' : Math.round(db) + ' dB';
  $('meter').value = db === null ? -90 : db;
}
async function connectLive() {
  if (state.live) state.live.close();
  const mine = state.live = { close() {} };   // a newer call (a new token) supersedes this one
  const again = () => setTimeout(() => { if (state.live === mine && state.token) connectLive(); }, 3000);
  // EventSource cannot send an Authorization header: it opens with a single-use ticket asked
  // for with the token, so the token never goes into a URL (logs, history).
  let ticket;
  try {
    ticket = (await (await api('/api/live/ticket', { method: 'POST' })).json()).ticket;
  } catch (e) { again(); return; }   // offline: the live dot stays off; a refused token asks anew
  if (state.live !== mine) return;
  const es = new EventSource('/api/live?ticket=' + ticket);
  state.live = es;
  es.onopen = () => $('live').classList.add('on');
  es.onerror = () => {
    $('live').classList.remove('on');
    // The ticket is spent: the browser's own retry would be refused, so ask for a new one.
    es.close();
    if (state.live === es) { state.live = mine; again(); }
  };
  es.addEventListener('event', (m) => { const ev = JSON.parse(m.data); notifyHere(ev); arrived(ev); });
  es.addEventListener('level', (m) => {
    showLevel(JSON.parse(m.data).level_db);
    // Levels come every second while the device hears; when they stop (the demo's scene ended,
    // the microphone failed) the meter shows none rather than freezing on the last one.
    clearTimeout(showLevel.quiet);
    showLevel.quiet = setTimeout(() => showLevel(null), 5000);
  });
}

// --- status -----------------------------------------------------------------------------------

function kb(n) { return n === null ? '–' : (n / 1024).toFixed(1) + ' KB'; }
function usage(used, total) {
  const fill = el('i');
  fill.style.width = Math.min(100, (used / total) * 100) + '%';
  return el('div', {}, el('div', { className: 'bar' }, fill),
    el('small', { textContent: kb(used) + ' of ' + kb(total) }));
}
async function showStatus() {
  const s = await getJSON('/api/status');
  const heapTotal = s.heap_used === null ? null : s.heap_used + s.heap_free;
  const rows = [
    ['Uptime', Math.floor(s.uptime_s / 3600) + ' h ' + Math.floor((s.uptime_s % 3600) / 60) + ' min'],
    ['Storage', s.storage ? usage(s.storage.used, s.storage.total) : 'could not be opened'],
    ['Events', s.storage ? s.storage.events + ' (' + s.storage.clips + ' with clips)' : '–'],
    ['Sound level', s.level_db === null ? '–' : s.level_db.toFixed(1) + ' dBFS'],
    ['Faults', s.faults.length ? s.faults.join(', ') : 'none'],
  ];
  // What only whoever looks after the device needs: folded away under "Technical details".
  const tech = [
    ['Heap', heapTotal === null ? 'not limited (' + s.runtime + ')' : usage(s.heap_used, heapTotal)],
    ['Model', s.model.name + ' (' + s.model.labels.length + ' labels)'],
    ['Sample rate', s.sample_rate + ' Hz'],
  ];
  // What a damaged store skipped or mended: the events it still holds are all served meanwhile.
  if (s.storage && s.storage.problems.length) {
    rows.push(['Store damage', el('ul', {}, ...s.storage.problems.map((p) => el('li', { textContent: p })))]);
  }
  // Compare with the certificate the browser shows: a self-signed one has nothing else to vouch.
  if (s.tls_sha256) rows.push(['HTTPS SHA-256', el('code', { textContent: s.tls_sha256 })]);
  // Needed when the board cannot join the home WiFi and opens its own network to be set up.
  if (s.setup_wifi) rows.push(['Setup WiFi', s.setup_wifi.ssid + ', password ' + s.setup_wifi.password]);
  const dl = (pairs) => pairs.flatMap(([k, v]) => [el('dt', { textContent: k }), el('dd', {}, v)]);
  $('sbody').replaceChildren(...dl(rows));
  $('stech').replaceChildren(...dl(tech));
  return s;
}
$('statusbtn').addEventListener('click', () => {
  showStatus().then(() => { if (!$('status').open) $('status').showModal(); }).catch(report);
  // The lab is in the image only where npm's MicroPython port was at hand when it was built:
  // its link shows where it is served, never as a dead end.
  fetch('lab/index.html', { method: 'HEAD' }).then((r) => { $('labline').hidden = !r.ok; }, () => {});
});
$('sclose').addEventListener('click', () => $('status').close());

// --- start ------------------------------------------------------------------------------------

async function start() {
  if (!state.token) { askToken(); return; }
  try {
    const s = await getJSON('/api/status');
    if (s.model.labels && s.model.labels.length) state.labels = s.model.labels;
    showLevel(s.level_db);
  } catch (e) { report(e); return; }
  drawChips();
  $('day').value = isoDay(state.day);
  await refresh();
  connectLive();
}
start();
