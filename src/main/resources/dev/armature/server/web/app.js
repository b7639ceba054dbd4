// The Armature page: talk to a rule set through the native API and show each turn's trace.
// Every piece of text goes into the page with textContent, never as HTML.
'use strict';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function randomId() {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  return 'web-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function status(text, isError) {
  $('status').textContent = text;
  $('status').className = isError ? 'error' : 'muted';
}

async function api(path, body) {
  const headers = { 'Accept': 'application/json' };
  const token = sessionStorage.getItem('armature-token');
  if (token) headers['Authorization'] = 'Bearer ' + token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({ error: { message: 'HTTP ' + response.status } }));
  if (response.status === 401) $('auth').hidden = false;
  if (!response.ok) throw new Error((json.error && json.error.message) || 'HTTP ' + response.status);
  return json;
}

let ruleSets = [];

async function loadRuleSets() {
  const list = await api('/v1/rulesets');
  ruleSets = list.data;
  const select = $('ruleset');
  select.replaceChildren(...ruleSets.map((r) => el('option', null, r.name)));
  if (params.get('ruleset')) select.value = params.get('ruleset');
  showVersion();
  status(ruleSets.length + ' rule set(s) served.', false);
}

function showVersion() {
  const r = ruleSets.find((x) => x.name === $('ruleset').value);
  if (!r) return;
  let text = 'version ' + r.version + ' · loaded ' + r.loadedAt + ' · reloads ' + r.reloads;
  if (r.lastError.length) text += ' · last rejected edit: ' + r.lastError.map((p) => p.location).join('; ');
  $('version').textContent = text;
}

function section(parent, title, items, render, empty) {
  parent.append(el('h3', null, title));
  if (!items || items.length === 0) {
    parent.append(el('div', 'muted', empty));
    return;
  }
  const list = el(title === 'Rules fired' ? 'ol' : 'ul');
  items.forEach((item) => list.append(render(item)));
  parent.append(list);
}

function traceView(trace) {
  const view = el('div', 'trace');
  view.dataset.turn = trace.turn;
  section(view, 'Signals', trace.signals, (s) => el('li', 'signal', s.name + ' ' + s.score
      + (s.evidence && s.evidence.length ? ' [' + s.evidence.join(', ') + ']' : '')), 'none detected');
  section(view, 'Rules fired', trace.rules, (r) => el('li', 'rule', r.rule + (r.phase === 'decide' ? '' : ' (' + r.phase + ')')),
      'none fired');
  section(view, 'Directives', trace.directives, (d) => el('li', d.kept ? 'directive kept' : 'directive dropped',
      d.construct + ' — by "' + d.rule + '"' + (d.kept ? '' : ' — dropped: ' + d.reason)), 'none applied');
  section(view, 'Variables changed', trace.variables, (v) => el('li', 'variable', v.name + ': '
      + (v.before === null ? '–' : v.before) + ' → ' + (v.after === null ? '(cleared)' : v.after) + ' by ' + v.by), 'none');
  if (trace.attempts && trace.attempts.some((a) => a.review !== 'accepted')) {
    section(view, 'Review', trace.attempts, (a) => el('li', 'attempt', 'attempt ' + a.attempt + ': ' + a.review
        + (a.reason ? ' — ' + a.reason : '') + (a.addedConstruct ? ' — retried with ' + a.addedConstruct : '')), '');
  }
  view.append(el('h3', null, 'Outcome'));
  view.append(el('div', 'outcome', trace.outcome + ' · rule set ' + trace.ruleSet + ' ' + trace.ruleSetVersion
      + ' · ' + (trace.timings.total / 1e6).toFixed(1) + ' ms'));
  (trace.warnings || []).forEach((w) => view.append(el('div', 'warning', '⚠ ' + w)));
  view.append(el('h3', null, 'Request sent'));
  if (!trace.request) {
    view.append(el('div', 'muted', 'no model call: a rule answered'));
  } else {
    const details = el('details', 'request');
    const parameters = Object.entries(trace.request.parameters).filter(([, v]) => v !== null)
        .map(([k, v]) => k + ' ' + JSON.stringify(v)).join(', ');
    details.append(el('summary', null, trace.request.messages.length + ' messages'
        + (parameters ? ' · ' + parameters : '') + (trace.request.route ? ' · route ' + trace.request.route : '')));
    trace.request.messages.forEach((m) => {
      const pre = el('pre');
      pre.append(el('span', 'role', m.role.toLowerCase() + ': '), document.createTextNode(m.text));
      details.append(pre);
    });
    view.append(details);
  }
  return view;
}

async function send(event) {
  event.preventDefault();
  const text = $('text').value;
  if (!text.trim()) return;
  const conversation = $('conversation').value.trim();
  const turn = el('section', 'turn');
  const left = el('div');
  left.append(el('p', 'user', text));
  const reply = el('p', 'reply muted', '…');
  left.append(reply);
  turn.append(left);
  $('turns').append(turn);
  $('text').value = '';
  $('send').disabled = true;
  try {
    const result = await api('/v1/conversations/' + encodeURIComponent(conversation) + '/turns',
        { text, ruleset: $('ruleset').value });
    reply.textContent = result.reply;
    reply.className = 'reply';
    turn.append(traceView(result.trace));
    turn.dataset.turn = result.trace.turn;
  } catch (e) {
    reply.textContent = e.message;
    reply.className = 'reply error';
  } finally {
    $('send').disabled = false;
    turn.scrollIntoView({ block: 'end' });
  }
}

function init() {
  $('conversation').value = params.get('conversation') || randomId();
  $('new').addEventListener('click', () => { $('conversation').value = randomId(); $('turns').replaceChildren(); });
  $('ruleset').addEventListener('change', showVersion);
  $('say').addEventListener('submit', send);
  $('auth').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem('armature-token', $('token').value);
    $('auth').hidden = true;
    load();
  });
  load();
}

async function load() {
  try {
    await loadRuleSets();
  } catch (e) {
    status('Cannot list rule sets: ' + e.message, true);
    return;
  }
  if (params.get('say')) {
    $('text').value = params.get('say');
    $('say').requestSubmit();
  }
}

init();
