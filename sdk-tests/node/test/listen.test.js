// `tally listen` forwards events to a local URL; stripe-node's constructEvent must accept them.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import {spawn} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import path from 'node:path';
import {stripe, tokens} from './client.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const client = stripe();

function receiver() {
  const deliveries = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      deliveries.push({body: Buffer.concat(chunks).toString('utf8'), signature: req.headers['stripe-signature']});
      res.writeHead(200).end();
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({server, deliveries})));
}

/** Starts `tally listen`; resolves with the process and the secret it prints. */
function listen(forwardTo, events) {
  const child = spawn(path.join(root, 'tally'), [
    'listen', '--forward-to', forwardTo, '--events', events,
    '--api-base', `http://127.0.0.1:${process.env.TALLY_PORT}`, '--api-key', process.env.TALLY_KEY,
  ], {stdio: ['ignore', 'pipe', 'pipe']});
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no secret printed: ${out}`)), 120000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/webhook signing secret is (whsec_\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve({child, secret: m[1]});
      }
    });
    child.on('exit', (code) => reject(new Error(`tally listen exited with ${code}: ${out}`)));
  });
}

async function until(check, ms = 20000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail('timed out');
}

test('stripe.webhooks.constructEvent accepts what tally listen forwards', {timeout: 180000}, async () => {
  const {server, deliveries} = await receiver();
  const {child, secret} = await listen(`http://127.0.0.1:${server.address().port}/hook`, 'charge.succeeded');
  try {
    assert.match(secret, /^whsec_/);
    await client.customers.create({email: 'not-forwarded@example.com'});
    const charge = await client.charges.create({amount: 1234, currency: 'usd', source: tokens.visa});
    await until(() => deliveries.length >= 1);
    const event = client.webhooks.constructEvent(deliveries[0].body, deliveries[0].signature, secret);
    assert.equal(event.type, 'charge.succeeded');
    assert.equal(event.data.object.id, charge.id);
    assert.throws(() => client.webhooks.constructEvent(deliveries[0].body, deliveries[0].signature, 'whsec_wrong'));
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(deliveries.length, 1, 'customer.created was filtered out');
  } finally {
    child.kill('SIGTERM');
    server.close();
  }
});
