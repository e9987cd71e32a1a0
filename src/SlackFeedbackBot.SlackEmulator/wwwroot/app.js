// The emulator's web page: a minimal Slack client over /ui/api. Plain JavaScript, no build step, no network beyond this host.
'use strict';

const EMOJI = {
  bulb: '💡', '+1': '👍', thumbsup: '👍', '-1': '👎', eyes: '👀', white_check_mark: '✅', heavy_check_mark: '✔️',
  heart: '❤️', tada: '🎉', rocket: '🚀', warning: '⚠️', x: '❌', memo: '📝', smile: '😄', slightly_smiling_face: '🙂',
  wave: '👋', fire: '🔥', star: '⭐', calendar: '📅', bar_chart: '📊', chart_with_upwards_trend: '📈',
  speech_balloon: '💬', inbox_tray: '📥', point_right: '👉', raised_hands: '🙌', pray: '🙏', sparkles: '✨',
  hourglass: '⌛', hourglass_flowing_sand: '⏳', mag: '🔍', bell: '🔔', sos: '🆘', rotating_light: '🚨',
  busts_in_silhouette: '👥', bust_in_silhouette: '👤', clipboard: '📋', pushpin: '📌', link: '🔗', lock: '🔒',
  thinking_face: '🤔', ok_hand: '👌', clap: '👏', construction: '🚧', bug: '🐛', zap: '⚡', trophy: '🏆',
  robot_face: '🤖', label: '🏷️', new: '🆕', arrow_right: '➡️', large_green_circle: '🟢', red_circle: '🔴', large_blue_circle: '🔵',
};
const QUICK_REACTIONS = ['bulb', '+1', 'eyes', 'white_check_mark'];
const STORAGE_USER = 'emulator.actingUser';
const STORAGE_CONVERSATION = 'emulator.conversation';
const STORAGE_WELCOMED = 'emulator.welcomed';

const ui = {
  data: null,
  me: localStorage.getItem(STORAGE_USER),
  selected: localStorage.getItem(STORAGE_CONVERSATION),
  threadTs: null,
  collapsedThreads: new Set(),
  modalKey: null,
  homeOpenedFor: null,
  editingTs: null,
  welcomed: localStorage.getItem(STORAGE_WELCOMED) === 'yes',
};

const $ = id => document.getElementById(id);

// ---------- tiny DOM helper ----------

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'html') el.innerHTML = value;
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

// ---------- server calls ----------

async function post(path, body) {
  const response = await fetch('/ui/api/' + path, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(json.error || `${response.status} ${response.statusText}`);
  return json;
}

/** Runs a user action and says so when it failed or the app did not acknowledge it. */
async function act(path, body, what) {
  try {
    const result = await post(path, body);
    const delivery = result && 'acked' in result ? result : result && result.delivery;
    if (delivery && delivery.acked === false) toast(`The app did not acknowledge ${what}${delivery.error ? ': ' + delivery.error : ''}.`);
    return result;
  } catch (error) {
    toast(`${what}: ${error.message}`);
    return null;
  }
}

async function loadState() {
  const response = await fetch('/ui/api/state');
  ui.data = await response.json();
  render();
}

let refreshTimer = null;
function scheduleRefresh() {
  if (refreshTimer) return;
  refreshTimer = setTimeout(() => { refreshTimer = null; loadState().catch(() => {}); }, 40);
}

function listen() {
  const events = new EventSource('/ui/api/events');
  events.addEventListener('hello', () => { setConnection(true); scheduleRefresh(); });
  for (const kind of ['message', 'message_changed', 'message_deleted', 'reaction', 'view', 'view_closed', 'channel', 'user', 'usergroup']) {
    events.addEventListener(kind, scheduleRefresh);
  }
  events.onerror = () => setConnection(false);
}

function setConnection(open) {
  const el = $('connection');
  el.textContent = open ? '● live' : '○ reconnecting…';
  el.classList.toggle('offline', !open);
}

function toast(text) {
  const el = h('div', { class: 'toast', role: 'alert' }, text);
  $('toasts').append(el);
  setTimeout(() => el.remove(), 8000);
}

// ---------- lookups ----------

const users = () => ui.data.users;
const user = id => users().find(u => u.id === id);
const humans = () => users().filter(u => !u.is_bot);
const channel = id => ui.data.channels.find(c => c.id === id);
const botDm = () => ui.data.channels.find(c => c.is_im && c.user === ui.me);
const displayName = u => (u && (u.real_name || u.name)) || 'someone';

function canSee(c) {
  if (c.is_im) return c.user === ui.me;
  return !c.is_private || (c.members || []).includes(ui.me);
}

// ---------- mrkdwn ----------

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, ch => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[ch]));
}

const decodeSlack = text => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

const EMOJI_CODE = /:([a-z0-9_+\-']+):/g;

// Names have a letter (so times such as 09:00-17:00 stay text), apart from the few known ones such as :+1:.
const isEmojiName = name => name in EMOJI || /[a-z]/.test(name);

function emojiHtml(name) {
  return EMOJI[name] ? `<span class="emoji" title=":${escapeHtml(name)}:">${EMOJI[name]}</span>` : `<span class="emoji-name">:${escapeHtml(name)}:</span>`;
}

function tokenHtml(inner) {
  const [target, label] = splitOnce(inner, '|');
  if (target.startsWith('@')) {
    const u = user(target.slice(1));
    return `<span class="mention">@${escapeHtml(label || (u ? displayName(u) : target.slice(1)))}</span>`;
  }
  if (target.startsWith('#')) {
    const c = channel(target.slice(1));
    return `<a href="#" class="mention channel-link" data-channel="${escapeHtml(target.slice(1))}">#${escapeHtml(label || (c ? c.name : target.slice(1)))}</a>`;
  }
  if (target.startsWith('!subteam^')) return `<span class="mention">${escapeHtml(label || '@group')}</span>`;
  if (target.startsWith('!date^')) return escapeHtml(label || '');
  if (target.startsWith('!')) return `<span class="mention">@${escapeHtml(target.slice(1))}</span>`;
  const href = decodeSlack(target);
  if (!/^(https?:|mailto:)/i.test(href)) return escapeHtml(`<${inner}>`);
  return `<a href="${escapeHtml(href)}" target="_blank" rel="noopener">${escapeHtml(label ? decodeSlack(label) : href)}</a>`;
}

function splitOnce(text, separator) {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}

/** Slack's mrkdwn: *bold*, _italic_, ~strike~, `code`, ```blocks```, > quotes, <links|and> <@mentions>, :emoji:. */
function mrkdwn(text) {
  const kept = [];
  const keep = html => `\u0000${kept.push(html) - 1}\u0000`;
  let s = String(text || '')
    .replace(/```([\s\S]*?)```/g, (_, code) => keep(`<pre>${escapeHtml(decodeSlack(code.replace(/^\n/, '')))}</pre>`))
    .replace(/`([^`\n]+)`/g, (_, code) => keep(`<code>${escapeHtml(decodeSlack(code))}</code>`))
    .replace(/<([^<>\n]+)>/g, (_, inner) => keep(tokenHtml(inner)));
  s = escapeHtml(decodeSlack(s));
  const edge = '(^|[\\s(\\u0000>;])';
  const end = '(?=$|[\\s).,!?:;\\u0000<])';
  s = s
    .replace(new RegExp(edge + '\\*([^*\\n]+?)\\*' + end, 'g'), '$1<strong>$2</strong>')
    .replace(new RegExp(edge + '_([^_\\n]+?)_' + end, 'g'), '$1<em>$2</em>')
    .replace(new RegExp(edge + '~([^~\\n]+?)~' + end, 'g'), '$1<del>$2</del>')
    .replace(EMOJI_CODE, (whole, name) => isEmojiName(name) ? emojiHtml(name) : whole);
  // Slack quotes a line that starts with ">", with or without a space after it.
  s = s.split('\n').map(line => line.startsWith('&gt;')
    ? `<blockquote>${line.replace(/^&gt; ?/, '')}</blockquote>` : line).join('\n')
    .replace(/<\/blockquote>\n<blockquote>/g, '<br>')
    .replace(/\n/g, '<br>');
  return s.replace(/\u0000(\d+)\u0000/g, (_, i) => kept[Number(i)]);
}

function textObject(t) {
  if (!t) return '';
  if (typeof t === 'string') return mrkdwn(t);
  if (t.type === 'plain_text') {
    const escaped = escapeHtml(t.text || '').replace(/\n/g, '<br>');
    return t.emoji === false ? escaped : escaped.replace(EMOJI_CODE, (whole, name) => isEmojiName(name) ? emojiHtml(name) : whole);
  }
  return mrkdwn(t.text);
}

const plain = t => (t && (typeof t === 'string' ? t : t.text)) || '';

// ---------- Block Kit ----------

/** Where an interactive element lives: a message (channel + ts) or a view (modal or Home tab). */
function renderBlocks(blocks, where) {
  return h('div', { class: 'blocks' }, (blocks || []).map((block, index) => renderBlock(block, index, where)));
}

function renderBlock(block, index, where) {
  switch (block.type) {
    case 'header':
      return h('div', { class: 'b-header', html: textObject(block.text) });
    case 'section': {
      const main = h('div', { class: 'b-section-main' },
        block.text ? h('div', { class: 'b-text', html: textObject(block.text) }) : null,
        block.fields ? h('div', { class: 'b-fields' }, block.fields.map(f => h('div', { class: 'b-field', html: textObject(f) }))) : null);
      return h('div', { class: 'b-section' }, main,
        block.accessory ? h('div', { class: 'b-accessory' }, renderElement(block.accessory, block, where)) : null);
    }
    case 'context':
      return h('div', { class: 'b-context' }, (block.elements || []).map(e => e.type === 'image'
        ? h('img', { src: imageUrl(e), alt: e.alt_text || '', class: 'b-context-image' })
        : h('span', { html: textObject(e) })));
    case 'divider':
      return h('hr', { class: 'b-divider' });
    case 'actions':
      return h('div', { class: 'b-actions' }, (block.elements || []).map(e => renderElement(e, block, where)));
    case 'image':
      return h('figure', { class: 'b-image' },
        block.title ? h('figcaption', { html: textObject(block.title) }) : null,
        h('img', { src: imageUrl(block), alt: block.alt_text || '' }));
    case 'input':
      return renderInput(block, index, where);
    case 'rich_text':
      return h('div', { class: 'b-text', html: mrkdwn(richText(block.elements)) });
    default:
      return h('div', { class: 'b-unknown' }, `[${block.type} block]`);
  }
}

function richText(elements) {
  return (elements || []).map(e => {
    if (e.elements) return richText(e.elements) + (e.type === 'rich_text_section' ? '' : '\n');
    if (e.type === 'text') return e.text;
    if (e.type === 'user') return `<@${e.user_id}>`;
    if (e.type === 'channel') return `<#${e.channel_id}>`;
    if (e.type === 'emoji') return `:${e.name}:`;
    if (e.type === 'link') return `<${e.url}|${e.text || e.url}>`;
    return '';
  }).join('');
}

function imageUrl(element) {
  if (element.image_url) return element.image_url;
  const file = element.slack_file || {};
  return file.url || (file.id ? `/files/${encodeURIComponent(file.id)}` : '');
}

function renderElement(element, block, where) {
  switch (element.type) {
    case 'button':
      return h('button', {
        type: 'button',
        class: 'b-button' + (element.style ? ' ' + element.style : ''),
        dataset: { actionId: element.action_id || '' },
        onclick: event => clickButton(event.currentTarget, element, where),
      }, h('span', { html: textObject(element.text) }));
    case 'image':
      return h('img', { class: 'b-accessory-image', src: imageUrl(element), alt: element.alt_text || '' });
    case 'static_select':
    case 'multi_static_select':
    case 'users_select':
    case 'multi_users_select':
    case 'datepicker':
    case 'plain_text_input': {
      const control = inputControl(element);
      if (where.kind === 'message' && element.type === 'static_select') {
        control.addEventListener('change', () => chooseOption(control, element, where));
      } else if (where.kind === 'message' || block.type === 'actions') {
        control.addEventListener('change', () => toast(`The emulator sends only buttons and static selects from messages; ${element.type} is shown, not sent.`));
      }
      return control;
    }
    case 'overflow':
      return h('span', { class: 'b-unknown' }, '⋯');
    default:
      return h('span', { class: 'b-unknown' }, `[${element.type}]`);
  }
}

async function clickButton(button, element, where) {
  if (element.url) window.open(element.url, '_blank', 'noopener');
  button.disabled = true;
  try {
    const body = where.kind === 'message'
      ? { userId: ui.me, channelId: where.channel, messageTs: where.ts, actionId: element.action_id }
      : { userId: ui.me, viewId: where.viewId, actionId: element.action_id };
    await act('action', body, `the button "${plain(element.text)}"`);
  } finally {
    button.disabled = false;
  }
}

async function chooseOption(control, element, where) {
  if (!control.value) return;
  control.disabled = true;
  try {
    await act('action', { userId: ui.me, channelId: where.channel, messageTs: where.ts, actionId: element.action_id, selectedValue: control.value },
      `choosing "${control.selectedOptions[0].textContent}"`);
  } finally {
    control.disabled = false;
  }
}

function optionsOf(element) {
  const groups = element.option_groups
    ? element.option_groups.map(g => h('optgroup', { label: plain(g.label) }, g.options.map(optionElement)))
    : (element.options || []).map(optionElement);
  return groups;
}

function optionElement(option) {
  return h('option', { value: option.value }, plain(option.text));
}

/** A form control for an input element, showing its initial value. */
function inputControl(element) {
  const id = element.action_id || '';
  switch (element.type) {
    case 'plain_text_input': {
      const attrs = { class: 'input', dataset: { actionId: id }, placeholder: plain(element.placeholder) || null,
        maxlength: element.max_length || null, minlength: element.min_length || null };
      const control = element.multiline ? h('textarea', { ...attrs, rows: 4 }) : h('input', { ...attrs, type: 'text' });
      control.value = element.initial_value || '';
      return control;
    }
    case 'static_select':
    case 'multi_static_select': {
      const multiple = element.type === 'multi_static_select';
      const control = h('select', { class: 'input', dataset: { actionId: id }, multiple },
        multiple ? null : h('option', { value: '' }, plain(element.placeholder) || 'Select an option'), optionsOf(element));
      const initial = multiple ? (element.initial_options || []).map(o => o.value) : [element.initial_option && element.initial_option.value];
      for (const option of control.options) option.selected = initial.includes(option.value);
      return control;
    }
    case 'users_select':
    case 'multi_users_select': {
      const multiple = element.type === 'multi_users_select';
      const control = h('select', { class: 'input', dataset: { actionId: id }, multiple },
        multiple ? null : h('option', { value: '' }, plain(element.placeholder) || 'Select a person'),
        humans().map(u => h('option', { value: u.id }, `${displayName(u)} (@${u.name})`)));
      const initial = multiple ? element.initial_users || [] : [element.initial_user];
      for (const option of control.options) option.selected = initial.includes(option.value);
      return control;
    }
    case 'datepicker': {
      const control = h('input', { class: 'input', type: 'date', dataset: { actionId: id } });
      control.value = element.initial_date || '';
      return control;
    }
    default:
      return h('span', { class: 'b-unknown' }, `[${element.type} input]`);
  }
}

function blockIdOf(block, index) {
  return block.block_id || `block-${index}`;
}

function renderInput(block, index, where) {
  const blockId = blockIdOf(block, index);
  const control = inputControl(block.element || {});
  control.id = `input-${blockId}`;
  return h('div', { class: 'b-input', dataset: { blockId, optional: block.optional ? 'true' : 'false' } },
    h('label', { class: 'b-input-label', for: control.id }, plain(block.label),
      block.optional ? h('span', { class: 'optional' }, ' (optional)') : null),
    control,
    block.hint ? h('div', { class: 'hint', html: textObject(block.hint) }) : null,
    h('div', { class: 'field-error', role: 'alert', dataset: { errorFor: blockId } }));
}

/** block_id -> action_id -> value, as the emulator's view-submit expects (option value, user id, yyyy-mm-dd). */
function readInputs(container) {
  const values = {};
  for (const wrapper of container.querySelectorAll('.b-input')) {
    const control = wrapper.querySelector('[data-action-id]');
    if (!control) continue;
    const value = control.multiple
      ? [...control.selectedOptions].map(o => o.value).join(',')
      : control.value;
    values[wrapper.dataset.blockId] = { [control.dataset.actionId]: value };
  }
  return values;
}

function showErrors(container, errors) {
  for (const slot of container.querySelectorAll('.field-error')) {
    const message = errors[slot.dataset.errorFor] || '';
    slot.textContent = message;
    slot.closest('.b-input').classList.toggle('has-error', message !== '');
  }
}

// ---------- sidebar ----------

function renderSidebar() {
  $('team-name').textContent = ui.data.team.domain;
  const picker = $('acting-user');
  const people = humans();
  if (picker.options.length !== people.length) {
    picker.replaceChildren(...people.map(u => h('option', { value: u.id }, `${displayName(u)} (@${u.name})`)));
  }
  picker.value = ui.me;

  const channels = ui.data.channels.filter(c => !c.is_im && canSee(c)).sort((a, b) => a.name.localeCompare(b.name));
  $('channel-list').replaceChildren(...channels.map(c => navItem(c.id, (c.is_private ? '🔒 ' : '# ') + c.name)));

  const bot = user(ui.data.bot.userId);
  const dm = botDm();
  $('dm-list').replaceChildren(navItem(dm ? dm.id : 'dm:bot', `● ${bot ? bot.name : 'bot'}`, true));
  $('app-list').replaceChildren(navItem('home', `⌂ ${bot ? bot.name : 'bot'} · Home`));
}

function navItem(id, label, isApp) {
  const selected = ui.selected === id || (id === 'dm:bot' && ui.selected === (botDm() || {}).id);
  return h('li', {},
    h('a', { href: '#', class: 'nav-item' + (selected ? ' selected' : ''), dataset: { conversation: id },
      onclick: event => { event.preventDefault(); select(id); } },
      h('span', {}, label), isApp ? h('span', { class: 'app-badge' }, 'APP') : null));
}

async function select(id) {
  if (id === 'dm:bot') {
    const result = await act('dm', { userId: ui.me }, 'opening the direct message');
    if (!result) return;
    await loadState();
    id = result.channelId;
  }
  ui.selected = id;
  ui.threadTs = null;
  localStorage.setItem(STORAGE_CONVERSATION, id);
  render(true);
  $('message-box').focus();
}

// ---------- conversation ----------

function formatTime(ts) {
  const date = new Date(parseFloat(ts) * 1000);
  return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function renderConversation(scrollToEnd) {
  const list = $('messages');
  const atEnd = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  if (ui.selected === 'home') {
    renderHome(list);
    return;
  }
  const c = channel(ui.selected);
  $('conversation-title').textContent = c ? (c.is_im ? `${user(ui.data.bot.userId)?.name || 'bot'}` : (c.is_private ? '🔒 ' : '#') + c.name) : '';
  $('conversation-topic').textContent = c && c.topic && c.topic.value ? c.topic.value : '';
  $('composer').hidden = !c;
  $('message-box').placeholder = c ? `Message ${c.is_im ? user(ui.data.bot.userId)?.name : '#' + c.name}` : '';
  $('thread-note').hidden = !ui.threadTs;

  const visible = ui.data.messages.filter(m => m.channel === ui.selected && (!m.ephemeral_for || m.ephemeral_for === ui.me));
  const replies = new Map();
  for (const m of visible) {
    if (m.thread_ts && m.thread_ts !== m.ts) {
      if (!replies.has(m.thread_ts)) replies.set(m.thread_ts, []);
      replies.get(m.thread_ts).push(m);
    }
  }
  const top = visible.filter(m => !m.thread_ts || m.thread_ts === m.ts || !visible.some(p => p.ts === m.thread_ts));
  const nodes = top.map(m => renderMessage(m, replies.get(m.ts) || []));
  const welcome = renderWelcome();
  if (welcome) nodes.unshift(welcome);
  if (nodes.length === 0) nodes.push(h('div', { class: 'empty' }, 'No messages yet. Say something, or try a slash command.'));
  list.replaceChildren(...nodes);
  if (scrollToEnd || atEnd) list.scrollTop = list.scrollHeight;
}

function renderMessage(m, threadReplies, isReply) {
  const author = m.user ? user(m.user) : null;
  const isBot = !!m.bot_id || (author && author.is_bot);
  const name = isBot ? (author ? author.name : 'app') : displayName(author);
  const where = { kind: 'message', channel: m.channel, ts: m.ts };
  const body = h('div', { class: 'msg-body' },
    h('div', { class: 'msg-meta' },
      h('span', { class: 'msg-author' }, name),
      isBot ? h('span', { class: 'app-badge' }, 'APP') : null,
      h('span', { class: 'msg-time', title: m.ts }, formatTime(m.ts)),
      m.edited ? h('span', { class: 'msg-edited' }, '(edited)') : null),
    ui.editingTs === m.ts && isMine(m) ? editBox(m)
      : m.blocks && m.blocks.length ? renderBlocks(m.blocks, where) : h('div', { class: 'msg-text', html: mrkdwn(m.text) }),
    renderFiles(m.files),
    m.ephemeral_for ? h('div', { class: 'ephemeral-note' }, '👁 Only visible to you') : null,
    renderReactions(m),
    threadReplies.length ? renderThread(m, threadReplies) : null);
  const initials = name.replace(/[^A-Za-z]/g, '').slice(0, 1).toUpperCase() || '?';
  return h('div', {
    class: 'msg' + (m.ephemeral_for ? ' ephemeral' : '') + (isReply ? ' reply' : ''),
    dataset: { ts: m.ts, author: name },
  },
    h('div', { class: 'avatar' + (isBot ? ' bot' : ''), 'aria-hidden': 'true' }, isBot ? '🤖' : initials),
    body,
    m.ephemeral_for ? null : messageActions(m, isReply));
}

/** The note whoever started the emulator left for a first visit (the bot's local mode: who is who, what to try). */
function renderWelcome() {
  if (ui.welcomed || !ui.data.welcome) return null;
  return h('section', { class: 'welcome', id: 'welcome', 'aria-label': 'Welcome' },
    h('div', { class: 'msg-text', html: mrkdwn(ui.data.welcome) }),
    h('button', { type: 'button', class: 'b-button primary', id: 'welcome-dismiss', onclick: () => {
      ui.welcomed = true;
      localStorage.setItem(STORAGE_WELCOMED, 'yes');
      renderConversation(false);
    } }, 'Got it'));
}

function renderThread(parent, threadReplies) {
  const collapsed = ui.collapsedThreads.has(parent.ts);
  const count = threadReplies.length;
  return h('div', { class: 'thread' },
    h('button', { type: 'button', class: 'link-button thread-toggle', onclick: () => {
      if (collapsed) ui.collapsedThreads.delete(parent.ts); else ui.collapsedThreads.add(parent.ts);
      renderConversation(false);
    } }, `${count} ${count === 1 ? 'reply' : 'replies'}${collapsed ? '' : ' · hide'}`),
    collapsed ? null : h('div', { class: 'thread-replies' }, threadReplies.map(r => renderMessage(r, [], true))));
}

function renderFiles(files) {
  if (!files || !files.length) return null;
  return h('div', { class: 'files' }, files.map(f => {
    const url = f.url_private || `/files/${encodeURIComponent(f.id)}`;
    const isImage = /\.(png|jpe?g|gif|svg|webp)$/i.test(f.name || f.title || '') || /^image\//.test(f.mimetype || '');
    return isImage
      ? h('figure', { class: 'b-image' }, h('figcaption', {}, f.title || f.name), h('img', { src: url, alt: f.title || f.name || 'file' }))
      : h('a', { class: 'file', href: url, target: '_blank', rel: 'noopener' }, '📄 ', f.title || f.name || f.id);
  }));
}

function renderReactions(m) {
  if (!m.reactions || !m.reactions.length) return null;
  return h('div', { class: 'reactions' }, m.reactions.map(r => h('button', {
    type: 'button',
    class: 'reaction' + (r.users.includes(ui.me) ? ' mine' : ''),
    title: `:${r.name}: by ${r.users.map(id => displayName(user(id))).join(', ')}`,
    'aria-pressed': r.users.includes(ui.me) ? 'true' : 'false',
    // Clicking your own reaction takes it away, as in Slack; anyone else's adds yours.
    onclick: () => (r.users.includes(ui.me) ? unreact(m, r.name) : react(m, r.name)),
  }, h('span', { html: emojiHtml(r.name) }), ` ${r.count}`)));
}

/** A person's own message (not the app's, not an ephemeral reply): the one they may edit or delete. */
const isMine = m => m.user === ui.me && !m.bot_id && !m.ephemeral_for && !m.subtype;

function editBox(m) {
  const box = h('textarea', { class: 'input edit-box', rows: 2, 'aria-label': 'Edit message' }, m.text);
  const save = async () => {
    const text = box.value.trim();
    if (!text) { toast('A message can\'t be empty: delete it instead.'); return; }
    ui.editingTs = null;
    if (text !== m.text) await act('message-edit', { userId: ui.me, channelId: m.channel, ts: m.ts, text }, 'editing your message');
    renderConversation(false);
  };
  const cancel = () => { ui.editingTs = null; renderConversation(false); };
  box.addEventListener('keydown', event => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) { event.preventDefault(); save(); }
    if (event.key === 'Escape') { event.preventDefault(); cancel(); }
  });
  setTimeout(() => box.focus(), 0);
  return h('div', { class: 'edit' }, box,
    h('div', { class: 'edit-buttons' },
      h('button', { type: 'button', class: 'b-button', onclick: cancel }, 'Cancel'),
      h('button', { type: 'button', class: 'b-button primary', onclick: save }, 'Save')));
}

async function deleteMessage(m) {
  if (!confirm('Delete this message? This can\'t be undone.')) return;
  await act('message-delete', { userId: ui.me, channelId: m.channel, ts: m.ts }, 'deleting your message');
}

function messageActions(m, isReply) {
  return h('div', { class: 'msg-actions' },
    h('button', { type: 'button', class: 'icon-button', title: 'Add reaction', 'aria-label': 'Add reaction',
      onclick: event => openReactionPicker(event.currentTarget, m) }, '☺+'),
    isReply ? null : h('button', { type: 'button', class: 'icon-button', title: 'Reply in thread', 'aria-label': 'Reply in thread',
      onclick: () => { ui.threadTs = m.ts; renderConversation(false); $('message-box').focus(); } }, '💬'),
    h('button', { type: 'button', class: 'icon-button shortcut', title: 'Message shortcut capture_feedback',
      onclick: () => act('shortcut', { userId: ui.me, channelId: m.channel, messageTs: m.ts, callbackId: 'capture_feedback' }, 'Capture as feedback') },
    '⚡ Capture as feedback'),
    isMine(m) && ui.editingTs !== m.ts ? h('button', { type: 'button', class: 'icon-button', title: 'Edit message', 'aria-label': 'Edit message',
      onclick: () => { ui.editingTs = m.ts; renderConversation(false); } }, '✏️') : null,
    isMine(m) ? h('button', { type: 'button', class: 'icon-button', title: 'Delete message', 'aria-label': 'Delete message',
      onclick: () => deleteMessage(m) }, '🗑') : null);
}

function openReactionPicker(anchor, m) {
  closeReactionPicker();
  const nameBox = h('input', { type: 'text', class: 'input small', placeholder: 'or type a name', 'aria-label': 'Reaction name' });
  const picker = h('div', { class: 'reaction-picker', id: 'reaction-picker', role: 'dialog' },
    QUICK_REACTIONS.map(name => h('button', { type: 'button', class: 'icon-button', title: `:${name}:`, dataset: { reaction: name },
      onclick: () => { closeReactionPicker(); react(m, name); } }, h('span', { html: emojiHtml(name) }))),
    h('form', { onsubmit: event => {
      event.preventDefault();
      const name = nameBox.value.trim().replace(/^:|:$/g, '');
      if (name) { closeReactionPicker(); react(m, name); }
    } }, nameBox));
  const box = anchor.getBoundingClientRect();
  picker.style.top = `${Math.max(8, box.top - 52)}px`;
  picker.style.left = `${Math.max(8, box.right - 260)}px`;
  document.body.append(picker);
  nameBox.focus();
}

function closeReactionPicker() {
  const existing = $('reaction-picker');
  if (existing) existing.remove();
}

function react(m, name) {
  const mine = (m.reactions || []).some(r => r.name === name && r.users.includes(ui.me));
  if (mine) return unreact(m, name);
  return act('reaction', { userId: ui.me, channelId: m.channel, ts: m.ts, reaction: name }, `the :${name}: reaction`);
}

function unreact(m, name) {
  return act('reaction-remove', { userId: ui.me, channelId: m.channel, ts: m.ts, reaction: name }, `removing the :${name}: reaction`);
}

async function send() {
  const box = $('message-box');
  const text = box.value.trim();
  if (!text || !channel(ui.selected)) return;
  box.value = '';
  autosize();
  const body = { userId: ui.me, channelId: ui.selected, text };
  if (ui.threadTs && !text.startsWith('/')) body.threadTs = ui.threadTs;
  await act('message', body, text.startsWith('/') ? text.split(' ')[0] : 'your message');
}

function autosize() {
  const box = $('message-box');
  box.style.height = 'auto';
  box.style.height = Math.min(box.scrollHeight, 200) + 'px';
}

// ---------- Home tab ----------

function renderHome(list) {
  const bot = user(ui.data.bot.userId);
  $('conversation-title').textContent = `${bot ? bot.name : 'bot'} · Home`;
  $('conversation-topic').textContent = '';
  $('composer').hidden = true;
  if (ui.homeOpenedFor !== ui.me) {
    ui.homeOpenedFor = ui.me;
    act('home-opened', { userId: ui.me }, 'opening the Home tab');
  }
  const home = ui.data.views.find(v => v.kind === 'home' && v.user === ui.me);
  list.replaceChildren(home
    ? h('div', { class: 'home' }, renderBlocks(home.view.blocks, { kind: 'view', viewId: home.view.id }))
    : h('div', { class: 'empty' }, 'The app has not published a Home tab for you yet.'));
}

// ---------- modals ----------

function renderModal() {
  const stack = ui.data.views.filter(v => v.kind === 'modal' && v.user === ui.me);
  const top = stack[stack.length - 1];
  const key = top ? `${top.view.id}:${top.view.hash}` : null;
  if (key === ui.modalKey) return;
  ui.modalKey = key;
  const root = $('modal-root');
  if (!top) {
    root.replaceChildren();
    return;
  }
  const view = top.view;
  const where = { kind: 'view', viewId: view.id };
  const form = h('form', { class: 'modal', role: 'dialog', 'aria-modal': 'true', 'aria-label': plain(view.title), novalidate: true },
    h('header', { class: 'modal-header' },
      h('h2', {}, plain(view.title)),
      h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close', onclick: () => closeModal(view) }, '✕')),
    h('div', { class: 'modal-body' }, renderBlocks(view.blocks, where)),
    h('footer', { class: 'modal-footer' },
      h('button', { type: 'button', class: 'b-button', onclick: () => closeModal(view) }, plain(view.close) || 'Cancel'),
      view.submit ? h('button', { type: 'submit', class: 'b-button primary' }, plain(view.submit)) : null));
  form.addEventListener('submit', event => { event.preventDefault(); submitModal(form, view); });
  root.replaceChildren(h('div', { class: 'overlay' }, form));
  const first = form.querySelector('.modal-body input, .modal-body textarea, .modal-body select');
  if (first) first.focus();
}

async function submitModal(form, view) {
  const values = readInputs(form);
  const missing = {};
  for (const wrapper of form.querySelectorAll('.b-input')) {
    const entry = values[wrapper.dataset.blockId];
    if (wrapper.dataset.optional !== 'true' && entry && Object.values(entry).every(v => !v)) missing[wrapper.dataset.blockId] = 'Please complete this required field.';
  }
  showErrors(form, missing);
  if (Object.keys(missing).length) return;
  const submit = form.querySelector('button[type=submit]');
  if (submit) submit.disabled = true;
  try {
    const result = await act('view-submit', { userId: ui.me, viewId: view.id, values }, `submitting "${plain(view.title)}"`);
    const ack = result && result.ackPayload;
    if (ack && ack.response_action === 'errors' && !result.ackError) showErrors(form, ack.errors || {});
    showModalError(form, result && result.ackError);
  } finally {
    if (submit) submit.disabled = false;
  }
}

// Slack's banner when it could not use the app's answer to a submission: the modal stays open as it was.
function showModalError(form, message) {
  let banner = form.querySelector('.modal-error');
  if (!message) {
    if (banner) banner.remove();
    return;
  }
  if (!banner) {
    banner = h('p', { class: 'modal-error', role: 'alert' });
    form.querySelector('.modal-body').prepend(banner);
  }
  banner.textContent = message;
}

function closeModal(view) {
  return act('view-close', { userId: ui.me, viewId: view.id }, 'closing the modal');
}

// ---------- wiring ----------

function render(scrollToEnd) {
  if (!ui.data) return;
  const people = humans();
  if (!people.some(u => u.id === ui.me)) ui.me = people.length ? people[0].id : null;
  const visible = ui.data.channels.filter(canSee);
  if (ui.selected !== 'home' && !visible.some(c => c.id === ui.selected)) {
    const general = visible.find(c => c.name === 'general') || visible[0];
    ui.selected = general ? general.id : 'home';
  }
  renderSidebar();
  renderConversation(scrollToEnd);
  renderModal();
}

function wire() {
  $('sidebar-toggle').addEventListener('click', () => document.body.classList.toggle('sidebar-open'));
  $('channel-list').addEventListener('click', () => document.body.classList.remove('sidebar-open'));
  $('dm-list').addEventListener('click', () => document.body.classList.remove('sidebar-open'));
  $('app-list').addEventListener('click', () => document.body.classList.remove('sidebar-open'));
  $('acting-user').addEventListener('change', event => {
    ui.me = event.target.value;
    localStorage.setItem(STORAGE_USER, ui.me);
    ui.modalKey = null;
    ui.homeOpenedFor = null;
    ui.threadTs = null;
    render(true);
  });
  $('new-feedback').addEventListener('click', () => act('shortcut', { userId: ui.me, callbackId: 'new_feedback' }, 'New feedback'));
  $('composer').addEventListener('submit', event => { event.preventDefault(); send(); });
  $('message-box').addEventListener('keydown', event => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  });
  $('message-box').addEventListener('input', autosize);
  $('thread-cancel').addEventListener('click', () => { ui.threadTs = null; renderConversation(false); });
  $('messages').addEventListener('click', event => {
    const link = event.target.closest('.channel-link');
    if (link) { event.preventDefault(); select(link.dataset.channel); }
  });
  document.addEventListener('keydown', event => { if (event.key === 'Escape') closeReactionPicker(); });
  document.addEventListener('click', event => {
    if (!event.target.closest('#reaction-picker') && !event.target.closest('.icon-button')) closeReactionPicker();
  });
}

/** A link such as /#customer-feedback opens that conversation. */
function selectFromAddress() {
  const wanted = decodeURIComponent(location.hash.slice(1));
  if (!wanted) return;
  if (wanted === 'home') { ui.selected = 'home'; return; }
  const found = ui.data.channels.find(c => c.id === wanted || c.name === wanted);
  if (found) ui.selected = found.id;
}

wire();
listen();
loadState().then(() => { selectFromAddress(); render(true); });
