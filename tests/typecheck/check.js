#!/usr/bin/env node
// Type-checks what the bot sent to Slack, as the emulator recorded it (JSONL, see docs/testing.md), against Slack's own
// TypeScript types: it writes every recorded payload into a generated .ts file as a typed constant and runs
// `tsc --strict --noEmit` on it.
//
//   node check.js [--keep] RECORDING.jsonl [MORE.jsonl...]
//
// Exit 0: all types hold. 1: type errors (printed, each with the recording line it came from). 2: bad input, or a Web
// API method with no argument type in METHOD_TYPES below (add it there).
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

// Web API method -> its argument type in @slack/web-api. A method not listed fails the check so that it gets added.
const METHOD_TYPES = {
  'apps.connections.open': 'AppsConnectionsOpenArguments',
  'auth.test': 'AuthTestArguments',
  'bots.info': 'BotsInfoArguments',
  'chat.delete': 'ChatDeleteArguments',
  'chat.getPermalink': 'ChatGetPermalinkArguments',
  'chat.postEphemeral': 'ChatPostEphemeralArguments',
  'chat.postMessage': 'ChatPostMessageArguments',
  'chat.update': 'ChatUpdateArguments',
  'conversations.history': 'ConversationsHistoryArguments',
  'conversations.info': 'ConversationsInfoArguments',
  'conversations.join': 'ConversationsJoinArguments',
  'conversations.list': 'ConversationsListArguments',
  'conversations.members': 'ConversationsMembersArguments',
  'conversations.open': 'ConversationsOpenArguments',
  'conversations.replies': 'ConversationsRepliesArguments',
  'conversations.setTopic': 'ConversationsSetTopicArguments',
  'files.completeUploadExternal': 'FilesCompleteUploadExternalArguments',
  'files.getUploadURLExternal': 'FilesGetUploadURLExternalArguments',
  'files.info': 'FilesInfoArguments',
  'reactions.add': 'ReactionsAddArguments',
  'reactions.get': 'ReactionsGetArguments',
  'reactions.list': 'ReactionsListArguments',
  'team.info': 'TeamInfoArguments',
  'usergroups.list': 'UsergroupsListArguments',
  'usergroups.users.list': 'UsergroupsUsersListArguments',
  'usergroups.users.update': 'UsergroupsUsersUpdateArguments',
  'users.getPresence': 'UsersGetPresenceArguments',
  'users.info': 'UsersInfoArguments',
  'users.list': 'UsersListArguments',
  'users.lookupByEmail': 'UsersLookupByEmailArguments',
  'users.profile.get': 'UsersProfileGetArguments',
  'views.open': 'ViewsOpenArguments',
  'views.publish': 'ViewsPublishArguments',
  'views.push': 'ViewsPushArguments',
  'views.update': 'ViewsUpdateArguments',
};

// Where Slack's method reference and @slack/web-api's argument type disagree, Slack's reference wins; each extra is
// added to the method's type, narrowly, with where Slack documents it.
const DOCUMENTED_EXTRAS = {
  // docs.slack.dev/reference/methods/files.getUploadURLExternal names it alt_txt (error alt_txt_too_large);
  // @slack/web-api 8.2.0 types it as alt_text, which Slack does not document for this method.
  'files.getUploadURLExternal': '{ alt_txt?: string }',
};

// Arguments Slack takes as JSON text when the call is form-encoded (or a query string).
const JSON_TEXT_FIELDS = new Set(['blocks', 'attachments', 'view', 'metadata', 'unfurls', 'files']);

// Form semantics: every value is text. Slack reads "true"/"false"/"1"/"0" as booleans and digit strings as numbers, so
// a form call's argument type allows those spellings where Slack's type wants a boolean or a number. Structured fields
// are parsed from their JSON text first, so they are checked as what they are.
const PRELUDE = `import type { Block, KnownBlock, View } from '@slack/types';
import type { RespondArguments, ViewResponseAction } from '@slack/bolt';
import type * as W from '@slack/web-api';

type FormValue<V> = [V] extends [boolean] ? V | 'true' | 'false' | '1' | '0'
  : [V] extends [number] ? V | \`\${number}\`
  : [V] extends [boolean | undefined] ? V | 'true' | 'false' | '1' | '0'
  : [V] extends [number | undefined] ? V | \`\${number}\`
  : V;
/** A method's arguments as a form-encoded call carries them (see FormValue). */
type Form<T> = T extends unknown ? { [K in keyof T]: FormValue<T[K]> } : never;
/** What Slack expects back for events, block actions and shortcuts: an empty ack. */
type EmptyAck = Record<string, never>;
// Each Block Kit array is checked against the known blocks: Slack's argument types also accept the catch-all Block.
type Blocks = KnownBlock[];
export type { Block };
`;

function usage(message) {
  if (message) console.error(message);
  console.error('Usage: node check.js [--keep] RECORDING.jsonl [MORE.jsonl...]');
  process.exit(2);
}

function fail(message) {
  console.error(message);
  process.exit(2);
}

class Generator {
  constructor() {
    this.lines = PRELUDE.split('\n');
    this.sources = []; // { from, to, where }
    this.count = 0;
    this.counts = { api: 0, ack: 0, response_url: 0, delivery: 0, blocks: 0, views: 0 };
  }

  constant(type, value, where) {
    const name = `c${++this.count}`;
    const text = JSON.stringify(value, null, 2).split('\n');
    const from = this.lines.length + 1;
    this.lines.push(`// ${where}`);
    text[0] = `export const ${name}: ${type} = ${text[0]}`;
    text[text.length - 1] += ';';
    this.lines.push(...text);
    this.sources.push({ from, to: this.lines.length, where });
  }

  // Every blocks array anywhere in a payload (messages, views, attachments) as KnownBlock[].
  blocksIn(value, where, trail = '') {
    if (Array.isArray(value)) {
      value.forEach((item, i) => this.blocksIn(item, where, `${trail}[${i}]`));
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      const at = `${trail}.${key}`;
      if (key === 'blocks' && Array.isArray(child)) {
        this.constant('Blocks', child, `${where} ${at}`);
        this.counts.blocks++;
      }
      this.blocksIn(child, where, at);
    }
  }

  view(view, where) {
    this.constant('View', view, where);
    this.counts.views++;
  }

  api(line, where) {
    const type = METHOD_TYPES[line.method];
    if (!type) {
      fail(`${where}: Web API method "${line.method}" has no argument type in METHOD_TYPES (tests/typecheck/check.js); add it.`);
    }
    const args = line.args ?? {};
    const form = Object.values(args).every((v) => typeof v === 'string');
    const parsed = {};
    for (const [key, value] of Object.entries(args)) {
      if (form && JSON_TEXT_FIELDS.has(key) && typeof value === 'string' && value.trim() !== '') {
        try {
          parsed[key] = JSON.parse(value);
        } catch (e) {
          fail(`${where}: ${line.method} argument "${key}" is not valid JSON text: ${e.message}`);
        }
      } else {
        parsed[key] = value;
      }
    }
    const label = `${where} api ${line.method}`;
    const full = DOCUMENTED_EXTRAS[line.method] ? `W.${type} & ${DOCUMENTED_EXTRAS[line.method]}` : `W.${type}`;
    this.constant(form ? `Form<${full}>` : full, parsed, `${label} args${form ? ' (form)' : ''}`);
    if (parsed.view && typeof parsed.view === 'object') this.view(parsed.view, `${label} .view`);
    this.blocksIn(parsed, label);
    this.counts.api++;
  }

  ack(line, where) {
    if (line.status !== 'acked' || line.payload === null || line.payload === undefined) return;
    const label = `${where} ack ${line.payload_type ?? line.delivery_kind}`;
    const payload = line.payload;
    if (line.payload_type === 'view_submission') {
      this.constant('ViewResponseAction', payload, label);
      if (payload && typeof payload.view === 'object') this.view(payload.view, `${label} .view`);
    } else if (line.payload_type === 'slash_command') {
      this.constant('RespondArguments', payload, label);
    } else {
      this.constant('EmptyAck', payload, label);
    }
    this.blocksIn(payload, label);
    this.counts.ack++;
  }

  responseUrl(line, where) {
    const label = `${where} response_url`;
    this.constant('RespondArguments', line.payload, label);
    this.blocksIn(line.payload, label);
    this.counts.response_url++;
  }

  source(generatedLine) {
    return this.sources.find((s) => generatedLine >= s.from && generatedLine <= s.to);
  }
}

function read(generator, file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    fail(`Cannot read ${file}: ${e.message}`);
  }
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return;
    const where = `${path.basename(file)}:${index + 1}`;
    let line;
    try {
      line = JSON.parse(raw);
    } catch (e) {
      fail(`${where}: not JSON (${e.message})`);
    }
    switch (line.kind) {
      case 'api': generator.api(line, where); break;
      case 'ack': generator.ack(line, where); break;
      case 'response_url': generator.responseUrl(line, where); break;
      case 'delivery': generator.counts.delivery++; break; // what Slack sent; not the bot's to get right
      default: fail(`${where}: unknown kind "${line.kind}"`);
    }
  });
}

function main(argv) {
  const keep = argv.includes('--keep');
  const files = argv.filter((a) => a !== '--keep');
  if (files.length === 0) usage();
  const unknownFlag = files.find((f) => f.startsWith('--'));
  if (unknownFlag) usage(`Unknown option ${unknownFlag}`);

  const here = __dirname;
  const tsc = path.join(here, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!fs.existsSync(tsc)) fail(`TypeScript is not installed; run: npm ci --prefix ${path.relative(process.cwd(), here) || '.'}`);

  const generator = new Generator();
  for (const file of files) read(generator, file);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slack-typecheck-'));
  try {
    fs.symlinkSync(path.join(here, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    const generated = path.join(dir, 'recorded.ts');
    fs.writeFileSync(generated, generator.lines.join('\n') + '\n');
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        skipLibCheck: true, // Slack's packages' own .d.ts files are not ours to check
        target: 'es2022',
        module: 'preserve',
        moduleResolution: 'bundler',
        types: [],
      },
      files: ['recorded.ts'],
    }, null, 2));

    const result = spawnSync(process.execPath, [tsc, '-p', path.join(dir, 'tsconfig.json'), '--pretty', 'false'], { encoding: 'utf8', cwd: dir });
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
    const c = generator.counts;
    const summary = `${c.api} api calls, ${c.ack} acks with payloads, ${c.response_url} response_url posts, ${c.blocks} blocks arrays, ${c.views} views`;
    if (result.status === 0) {
      console.log(`Slack types hold for ${summary}.`);
      return 0;
    }
    console.error(`Slack's types refuse something the bot sent (${summary}):`);
    for (const errorLine of output.split('\n')) {
      const match = /recorded\.ts\((\d+),(\d+)\)/.exec(errorLine);
      const source = match && generator.source(Number(match[1]));
      console.error(source ? `${source.where}: ${errorLine.replace(/^.*?recorded\.ts\(\d+,\d+\): /, '')}` : errorLine);
      if (match) console.error(`    at: ${generator.lines[Number(match[1]) - 1].trim()}`);
    }
    console.error(`Generated file: ${keep ? generated : '(rerun with --keep to keep it)'}`);
    return 1;
  } finally {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = main(process.argv.slice(2));
