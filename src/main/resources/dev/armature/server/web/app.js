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
  section(view, 'Caller attributes', Object.entries((trace.input && trace.input.attributes) || {}),
      ([k, v]) => el('li', 'attribute', k + ': ' + v), 'none');
  section(view, 'Model calls', trace.calls, (c) => el('li', 'call', 'attempt ' + c.attempt + ', try ' + c.tryNumber
      + ': ' + c.outcome + (c.route ? ' (route ' + c.route + ')' : '') + (c.waitedMillis ? ' after waiting '
      + c.waitedMillis + ' ms' : '') + (c.message ? ' — ' + c.message : '')), 'no model call');
  if (trace.tools && trace.tools.length) {
    section(view, 'Tool calls', trace.tools, (t) => el('li', 'tool', 'round ' + t.round + ': ' + t.tool + ' '
        + t.arguments + ' → ' + t.outcome + (t.rule ? ' by "' + t.rule + '"' : '')
        + (t.detail ? ' — ' + t.detail : '')), '');
  }
  if (trace.attempts && trace.attempts.some((a) => a.review !== 'accepted')) {
    section(view, 'Review', trace.attempts, (a) => {
      const item = el('li', 'attempt', 'attempt ' + a.attempt + ': ' + a.review
          + (a.reason ? ' — ' + a.reason : '') + (a.addedConstruct ? ' — retried with ' + a.addedConstruct : ''));
      if (a.review !== 'accepted') item.append(el('pre', 'attempt-reply', a.reply));
      return item;
    }, '');
  }
  view.append(el('h3', null, 'Outcome'));
  view.append(el('div', 'outcome', trace.outcome + ' · rule set ' + trace.ruleSet + ' ' + trace.ruleSetVersion
      + ' · ' + (trace.timings.total / 1e6).toFixed(1) + ' ms'
      + (trace.timings.tools ? ' (tools ' + (trace.timings.tools / 1e6).toFixed(1) + ' ms)' : '')));
  (trace.warnings || []).forEach((w) => view.append(el('div', 'warning', '⚠ ' + w)));
  // A conversation read back carries every attempt's request ('sent'); a fresh turn, the first.
  const sent = trace.sent && trace.sent.length ? trace.sent
      : trace.request ? [{ attempt: 1, request: trace.request }] : [];
  view.append(el('h3', null, sent.length > 1 ? 'Requests sent' : 'Request sent'));
  if (!sent.length) view.append(el('div', 'muted', 'no model call: a rule answered'));
  sent.forEach((s) => view.append(requestView(s.request, sent.length > 1 ? 'attempt ' + s.attempt + ': ' : '')));
  return view;
}

function requestView(request, label) {
  const details = el('details', 'request');
  const parameters = Object.entries(request.parameters).filter(([, v]) => v !== null)
      .map(([k, v]) => k + ' ' + JSON.stringify(v)).join(', ');
  details.append(el('summary', null, label + request.messages.length + ' messages'
      + (parameters ? ' · ' + parameters : '') + (request.route ? ' · route ' + request.route : '')));
  request.messages.forEach((m) => {
    const pre = el('pre');
    pre.append(el('span', 'role', m.role.toLowerCase() + ': '), document.createTextNode(m.text));
    details.append(pre);
  });
  return details;
}

function turnView(text, replyText, trace) {
  const turn = el('section', 'turn');
  const left = el('div');
  left.append(el('p', 'user', text));
  left.append(el('p', 'reply', replyText));
  turn.append(left);
  if (trace) {
    turn.append(traceView(trace));
  } else {
    turn.append(el('div', 'trace muted', 'the trace of this turn is no longer kept'));
  }
  return turn;
}

// Shows a conversation the server holds: its stored exchanges, each with its trace when kept.
async function showConversation() {
  const id = $('conversation').value.trim();
  if (!id) return;
  let conversation;
  try {
    conversation = await api('/v1/conversations/' + encodeURIComponent(id));
  } catch (e) {
    status('Conversation ' + id + ': ' + e.message, false);
    return;
  }
  const traces = new Map(conversation.traces.map((t) => [t.turn, t]));
  const turns = conversation.recent.map((x) => x.turn).concat(conversation.traces.map((t) => t.turn));
  const views = [...new Set(turns)].sort((a, b) => a - b).map((n) => {
    const trace = traces.get(n);
    const exchange = conversation.recent.find((x) => x.turn === n);
    const view = trace ? turnView(trace.input.text, trace.reply, trace) : turnView(exchange.user, exchange.reply, null);
    view.dataset.turn = n;
    return view;
  });
  $('turns').replaceChildren(...views);
  const vars = Object.entries(conversation.vars).map(([k, v]) => k + '=' + v).join(', ');
  status('Conversation ' + id + ': ' + conversation.turns + ' turn(s)' + (vars ? ' · variables ' + vars : ''), false);
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
  $('show').addEventListener('click', showConversation);
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
  if (params.get('conversation')) await showConversation();
  if (params.get('say')) {
    $('text').value = params.get('say');
    $('say').requestSubmit();
  }
}

init();
