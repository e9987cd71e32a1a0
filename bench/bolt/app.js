// A minimal Bolt for JavaScript app for the side-by-side inbound load run (bench/compare-bolt.sh):
// Bolt's HTTP receiver checks the signature, acks each event before its listener runs, and the
// listener stores the message in SQLite (WAL, synchronous=NORMAL, one transaction per message).
//   BOLT_PORT=3000 BOLT_SIGNING_SECRET=... BOLT_DB=/tmp/bolt.db node app.js
const { App, LogLevel } = require('@slack/bolt');
const Database = require('better-sqlite3');

const port = Number(process.env.BOLT_PORT || 3000);
const db = new Database(process.env.BOLT_DB || 'bolt-bench.db');
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec('CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY, channel TEXT, user TEXT, ts TEXT, text TEXT, UNIQUE (channel, ts))');
const insert = db.prepare('INSERT OR IGNORE INTO messages (channel, user, ts, text) VALUES (?, ?, ?, ?)');

const app = new App({
  signingSecret: process.env.BOLT_SIGNING_SECRET,
  // No Slack to ask: with the bot's ids given, Bolt authorizes each event without calling auth.test.
  token: 'xoxb-bench-not-a-real-token',
  botId: 'B0BENCH001',
  botUserId: 'U0BENCH001',
  tokenVerificationEnabled: false,
  logLevel: LogLevel.ERROR,
});

app.message(async ({ message }) => {
  insert.run(message.channel, message.user, message.ts, message.text);
});

(async () => {
  await app.start(port);
  console.log(`bolt listening on ${port}`);
})();
