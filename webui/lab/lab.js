// The lab: MicroPython's WebAssembly port runs the appliance's own modules (py/, as plain
// bytecode) on a recording, then teaches and sends a personal head. Loaded only when the lab is
// opened; the timeline page never loads any of it.
const $ = (id) => document.getElementById(id);
const TOKEN_KEY = 'earmark.token';   // the timeline page's (same origin on a device)
const state = { events: [], examples: {}, picked: {}, recording: null, head: null };
let mp = null;

function say(text) { $('status').textContent = text; }

// A Python error as one line: its traceback's last, without the exception's name.
function oneLine(e) {
  const lines = String(e.message || e).trim().split('\n');
  return lines[lines.length - 1].replace(/^\w*(Error|Exception): /, '');
}

// The appliance's API beside the lab (on a device, or `earmark lab --serve --device URL`).
async function ask(path, opts = {}) {
  const token = localStorage.getItem(TOKEN_KEY);
  const headers = Object.assign({ 'Content-Type': 'application/json' }, opts.headers,
    token ? { Authorization: 'Bearer ' + token } : {});
  const r = await fetch('../api/' + path, Object.assign({}, opts, { headers }));
  if (r.status === 401) { $('tokenrow').hidden = false; throw new Error('the appliance wants its token'); }
  return r;
}

async function api(path, opts = {}) {
  const r = await ask(path, opts);
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(body.error || String(r.status));
  return body;
}

async function loadDevice() {
  try {
    const got = await api('events?limit=50');
    state.device = true;
    state.events = got.events.map((ev) => Object.assign(ev, { from: 'device' })).concat(
      state.events.filter((ev) => ev.from !== 'device'));
    $('heard').textContent = '';
    drawEvents();
  } catch (e) {
    state.device = false;   // no appliance here: recordings only, and a head to download
  }
}

async function boot() {
  const { loadMicroPython } = await import('./micropython.mjs');
  const files = await (await fetch('files.json')).json();
  const bodies = await Promise.all(files.map((f) => fetch(f).then((r) => {
    if (!r.ok) throw new Error(f + ': ' + r.status);
    return r.arrayBuffer();
  })));
  mp = await loadMicroPython({ heapsize: 24 * 1024 * 1024,
    stdout: (line) => console.log(line), stderr: (line) => console.error(line) });
  for (const dir of ['/lab', '/lab/py', '/lab/model']) mp.FS.mkdir(dir);
  files.forEach((f, i) => mp.FS.writeFile('/lab/' + f, new Uint8Array(bodies[i])));
  mp.runPython('import sys\nsys.path[:0] = ["/lab/py"]\nimport json, labcore, teach, personal\n' +
    'lab = labcore.Lab("/lab/model")\n' +
    'MODEL = personal.model_id(open("/lab/model/model.json", "rb").read())');
}

// Python in, JSON out: every call goes through the port's file system and one global.
function run(code) {
  mp.runPython('_out = json.dumps(' + code + ')');
  return JSON.parse(mp.globals.get('_out'));
}

function analyse(pcm, windows) {
  mp.FS.writeFile('/in.pcm', pcm);
  return run('lab.analyse(open("/in.pcm", "rb").read(), ' + (windows ? 'True' : 'False') + ')');
}

function setHead(head) {
  mp.globals.set('_head', head ? JSON.stringify(head) : '');
  mp.runPython('lab.head = personal.load(_head, MODEL, lab.c.dim, lab.c.labels) if _head else None');
}

function teachHead(examples, negatives) {
  mp.globals.set('_arg', JSON.stringify([examples, negatives]));
  return run('teach.session(*json.loads(_arg), MODEL, lab.c.dim)');
}

// The bank of other sounds a pattern head's templates are guarded against (pattern_bank.gz,
// 1.8 MB): fetched when first taught by its sound, into the port's file system. False where this
// lab has none (a device's flash holds no room for it): the head is then guarded by its
// examples' beds alone, a fallback the page names.
let bank;
async function loadBank() {
  if (bank === undefined) {
    try {
      const r = await fetch('pattern_bank.gz');
      bank = r.ok;
      if (bank) mp.FS.writeFile('/pattern_bank.gz', new Uint8Array(await r.arrayBuffer()));
    } catch (e) {
      bank = false;
    }
  }
  return bank;
}

// A pattern head (device/pattern.py) of `name` from its examples' PCM, as `earmark personal
// teach --pattern` makes it (with the bank when `guarded`); `heard`: each example's model
// label (the head carries the one they share: labcore.generic_of). The label is checked first,
// before seconds of work.
function teachPattern(name, sounds, guarded, heard = []) {
  mp.globals.set('_name', name);
  mp.globals.set('_count', sounds.length);
  mp.globals.set('_heard', JSON.stringify(heard));
  sounds.forEach((pcm, i) => mp.FS.writeFile('/example' + i + '.pcm', pcm));
  mp.runPython('personal.check_label(_name, lab.c.labels)');
  return run('labcore.pattern_head(_name, MODEL, [open("/example%d.pcm" % i, "rb").read() ' +
    'for i in range(_count)], ' + (guarded ? '"/pattern_bank.gz"' : 'None') +
    ', labcore.generic_of(json.loads(_heard), lab.c.labels))');
}

// A WAV (its bytes) as 16 kHz mono int16 PCM: read as is when it already is, else decoded and
// resampled by the browser (a 44.1 kHz file, an appliance's 8 kHz clip).
async function pcmOf(buf) {
  const v = new DataView(buf);
  if (buf.byteLength > 44 && v.getUint32(0) === 0x52494646 && v.getUint32(8) === 0x57415645) {
    let at = 12, fmt = null;
    while (at + 8 <= buf.byteLength) {
      const id = v.getUint32(at), size = v.getUint32(at + 4, true);
      if (id === 0x666d7420) fmt = [v.getUint16(at + 8, true), v.getUint16(at + 10, true),
        v.getUint32(at + 12, true), v.getUint16(at + 22, true)];
      if (id === 0x64617461 && fmt && fmt[0] === 1 && fmt[1] === 1 && fmt[2] === 16000 &&
          fmt[3] === 16) return new Uint8Array(buf, at + 8, Math.min(size, buf.byteLength - at - 8));
      at += 8 + size + (size & 1);
    }
  }
  const ctx = new OfflineAudioContext(1, 16000, 16000);
  const decoded = await ctx.decodeAudioData(buf);
  const off = new OfflineAudioContext(1, Math.ceil(decoded.duration * 16000), 16000);
  const src = off.createBufferSource();
  src.buffer = decoded; src.connect(off.destination); src.start();
  const f = (await off.startRendering()).getChannelData(0);
  const out = new Int16Array(f.length);
  for (let i = 0; i < f.length; i++) out[i] = Math.max(-32768, Math.min(32767, Math.round(f[i] * 32767)));
  return new Uint8Array(out.buffer);
}

function drawEvents() {
  const ul = $('events');
  ul.replaceChildren();
  state.events.forEach((ev, i) => {
    const li = document.createElement('li');
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox'; box.dataset.index = i;
    const name = document.createElement('span');
    name.textContent = ev.label;
    if (ev.generic) name.className = 'personal';
    const tag = document.createElement('span');
    tag.className = 'tag';
    const when = ev.from === 'device' ? new Date(ev.start * 1000).toLocaleTimeString() :
      ev.start.toFixed(1) + '–' + ev.end.toFixed(1) + ' s';
    tag.textContent = when + (ev.whole ? ' · one example, to teach by its sound' :
      ev.generic ? ' · heard as ' + ev.generic : ' · ' + Math.round(ev.confidence * 100) + '%');
    label.append(box, name, tag);
    li.append(label);
    ul.append(li);
  });
  const n = state.events.filter((ev) => !ev.whole).length;
  $('heard').textContent = n + ' event' + (n === 1 ? '' : 's') + ' found.';
  $('apply').disabled = !state.events.length;
}

function drawExamples() {
  const ul = $('examples');
  ul.replaceChildren();
  for (const [name, list] of Object.entries(state.picked)) {
    const li = document.createElement('li');
    li.textContent = name + ': ' + list.length + ' example' + (list.length === 1 ? '' : 's');
    ul.append(li);
  }
  $('teach').disabled = $('teachsound').disabled = !Object.keys(state.picked).length;
}

async function onFile() {
  const file = $('file').files[0];
  if (!file) return;
  $('file').value = '';   // the same file picked again is heard again
  say('Listening to ' + file.name + '…');
  await new Promise((r) => setTimeout(r, 0));   // let the status show before the work
  try {
    const t = performance.now();
    state.recording = { name: file.name, pcm: await pcmOf(await file.arrayBuffer()) };
    showRecording();
    say('Ready. ' + file.name + ' took ' + Math.round(performance.now() - t) + ' ms.');
  } catch (e) {
    say('Could not read ' + file.name + ': ' + oneLine(e));
    state.recording = null;
    state.events = state.events.filter((ev) => ev.from === 'device');
  }
  drawEvents();
}

// The dropped recording's events as the appliance would find them (with the head in use), and
// the whole recording as one example (the model may open no event on a household's doorbell):
// each keeps the recording, so that it can be taught by its sound.
function showRecording() {
  const pcm = state.recording.pcm;
  const found = analyse(pcm, false).events;
  found.forEach((ev) => Object.assign(ev, { pcm, alone: found.length === 1 }));
  const whole = { whole: true, pcm, label: 'The whole recording', start: 0,
    end: pcm.length / 32000 };
  state.events = state.events.filter((ev) => ev.from === 'device').concat([whole], found);
}

// An example's audio for a pattern head: a recording of one event whole (its room is the bed
// the pattern is measured over), else the event's stretch with MARGIN seconds of room around
// it; an appliance's event, its stored clip.
const MARGIN = 1.5;
async function soundOf(ev) {
  if (ev.from === 'device') {
    const r = await ask('events/' + ev.id + '/clip.wav');
    if (!r.ok) throw new Error('event ' + ev.id + ' has no clip to teach by its sound');
    return pcmOf(await r.arrayBuffer());
  }
  if (ev.whole || ev.alone) return ev.pcm;
  const at = (s) => 2 * Math.max(0, Math.min(ev.pcm.length >> 1, Math.round(s * 16000)));
  return ev.pcm.subarray(at(ev.start - MARGIN), at(ev.end + MARGIN));
}

async function onApply() {
  const name = $('name').value.trim();
  const picked = [...document.querySelectorAll('#events input:checked')].map((b) => state.events[+b.dataset.index]);
  if (!name || !picked.length) { say('Tick events and give the sound a name.'); return; }
  const stored = picked.filter((ev) => ev.from === 'device');
  try {
    if (stored.length) {   // the label is kept on the appliance; its embeddings are taught on
      const ids = stored.map((ev) => ev.id);
      await api('personal/label', { method: 'POST', body: JSON.stringify({ ids, label: name }) });
      const got = (await api('personal/embeddings?ids=' + ids.join(','))).embeddings;
      stored.forEach((ev) => { ev.embedding = got[ev.id]; ev.generic = ev.generic || ev.label; ev.label = name; });
    }
  } catch (e) { say('The appliance refused the label: ' + e.message); return; }
  const embedded = picked.filter((ev) => ev.embedding);   // a whole recording has none
  if (embedded.length) {
    (state.examples[name] = state.examples[name] || []).push(...embedded.map((ev) => [ev.embedding]));
  }
  (state.picked[name] = state.picked[name] || []).push(...picked);
  picked.forEach((ev) => { ev.taught = name; });
  drawExamples();
  drawEvents();
}

function onTeach() {
  // Events of the recordings that were not labelled are what a head must not match.
  const negatives = state.events.filter((ev) => !ev.taught && ev.embedding).map((ev) => ev.embedding);
  if (!Object.keys(state.examples).length) {
    $('taught').textContent = 'Teach learns from events: tick some, or teach a whole recording by its sound.';
    return;
  }
  let out;
  try { out = teachHead(state.examples, negatives); } catch (e) { $('taught').textContent = oneLine(e); return; }
  state.head = out.head;
  const cv = out.cv;
  $('taught').replaceChildren();
  const p = document.createElement('span');
  p.textContent = 'Taught. Leave-one-out accuracy: ' +
    (cv.accuracy === null ? 'not enough examples' : Math.round(cv.accuracy * 100) + '%') + '. ';
  $('taught').append(p);
  for (const w of out.warnings) {
    const s = document.createElement('span'); s.className = 'warn'; s.textContent = w + '. ';
    $('taught').append(s);
  }
  const answers = [...new Set(Object.values(cv.confusion).flatMap((r) => Object.keys(r)))].sort();
  const table = $('confusion');
  table.replaceChildren();
  const head = table.insertRow();
  for (const h of ['heard ↓ / taken for →', ...answers]) { const th = document.createElement('th'); th.textContent = h; head.append(th); }
  for (const [truth, row] of Object.entries(cv.confusion)) {
    const tr = table.insertRow();
    tr.insertCell().textContent = truth;
    for (const a of answers) tr.insertCell().textContent = row[a] || 0;
  }
  table.hidden = false;
  setHead(state.head);
  for (const ev of state.events) {   // the recording again, as the appliance would now see it
    if (ev.from === 'device' || !ev.embedding) continue;
    const seen = run('lab.head.describe(' + JSON.stringify(ev.embedding) + ', ' + JSON.stringify(ev.label) + ')');
    if (seen.label) Object.assign(ev, seen);
  }
  drawEvents();
  offer();
}

// The head taught, to download or send.
function offer() {
  const blob = new Blob([JSON.stringify(state.head)], { type: 'application/json' });
  $('download').href = URL.createObjectURL(blob);
  $('download').hidden = false;
  $('deploy').disabled = false;
}

// Teach by its sound: a pattern head of one sound (the name typed, else the only one labelled)
// from its examples' audio; the recording is heard again with it, as the appliance would.
async function onTeachSound() {
  const names = Object.keys(state.picked);
  const name = state.picked[$('name').value.trim()] ? $('name').value.trim() : names[0];
  const out = $('taught');
  if (names.length > 1 && name !== $('name').value.trim()) {
    out.textContent = 'Type which sound to teach by its sound: ' + names.join(', ') + '.';
    return;
  }
  $('teach').disabled = $('teachsound').disabled = true;
  out.textContent = 'Teaching ' + name + ' by its sound… (it is checked against other sounds and' +
    ' 57 other doorbells: up to a minute)';
  $('confusion').hidden = true;
  await new Promise((r) => setTimeout(r, 0));   // let the line show before the work
  try {
    const sounds = [];
    for (const ev of state.picked[name]) sounds.push(await soundOf(ev));
    const guarded = await loadBank();
    const head = teachPattern(name, sounds, guarded,
      state.picked[name].map((ev) => ev.generic || ev.label));
    setHead(head);   // checked as the appliance checks it
    state.head = head;
    mp.globals.set('_arg', JSON.stringify({ [name]: sounds.map(() => []) }));
    const warnings = run('teach.warnings(json.loads(_arg))');
    if (state.recording) showRecording();
    drawEvents();
    out.replaceChildren();
    const p = document.createElement('span');
    p.textContent = 'Taught ' + name + ' by its sound: ' + head.sounds[0].templates.length +
      ' template' + (head.sounds[0].templates.length === 1 ? '' : 's') + ' from ' +
      sounds.length + ' example' + (sounds.length === 1 ? '' : 's') + ' (r \u2265 ' +
      head.sounds[0].reaches.map((r) => (r / 1000).toFixed(3)).join(', ') + '). ' +
      (head.sounds[0].generic ? 'Its events count as ' + head.sounds[0].generic +
        ' too (the model heard every example as one). ' : '');
    out.append(p);
    if (!guarded) {
      const s = document.createElement('span'); s.className = 'warn';
      s.textContent = 'A fallback: not guarded against other sounds (this lab has no bank of ' +
        'them; the lab of earmark lab --serve has). ';
      out.append(s);
    }
    for (const w of warnings) {
      const s = document.createElement('span'); s.className = 'warn'; s.textContent = w + '. ';
      out.append(s);
    }
    offer();
  } catch (e) {
    out.textContent = 'Could not teach ' + name + ' by its sound: ' + oneLine(e);
  }
  drawExamples();
}

async function onDeploy() {
  try {
    const got = await api('personal', { method: 'PUT', body: JSON.stringify(state.head) });
    $('deployed').textContent = 'Sent: the appliance now knows ' + got.sounds.map((s) => s.label).join(', ') + '.';
  } catch (e) {
    $('deployed').textContent = state.device ? 'The appliance refused it: ' + e.message
      : 'No appliance here: download personal.json instead.';
  }
}

function onToken() {
  localStorage.setItem(TOKEN_KEY, $('token').value.trim());
  $('tokenrow').hidden = true;
  loadDevice();
}

window.lab = { analyse, teachHead, teachPattern, loadBank, setHead, state, loadDevice,
  ready: boot().then(() => {
    const ms = Math.round(performance.now());
    say('Ready to run Python (' + ms + ' ms).');
    $('file').disabled = false;
    loadDevice();
    return ms;
  }).catch((e) => { say('The lab could not start: ' + e.message); throw e; }) };
$('file').addEventListener('change', onFile);
$('apply').addEventListener('click', onApply);
$('teach').addEventListener('click', onTeach);
$('teachsound').addEventListener('click', onTeachSound);
$('deploy').addEventListener('click', onDeploy);
$('tokenok').addEventListener('click', onToken);
