// The official stripe-node SDK pointed at the Tally under test.
import {after} from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';

/** Every HTTP attempt the SDK made in this file, and every response it got ('request' events). */
export const requests = [];
export const responses = [];

// No network retries: a 409, 429 or 5xx reaches the test as an error instead of being retried
// away. (stripe-node still retries a closed connection once; the check below catches that too.)
export function stripe(key = process.env.TALLY_KEY) {
  const client = new Stripe(key, {
    host: '127.0.0.1',
    port: Number(process.env.TALLY_PORT),
    protocol: 'http',
    maxNetworkRetries: 0,
  });
  client.on('request', (event) => requests.push(event));
  client.on('response', (event) => responses.push(event));
  return client;
}

// After each file: every POST carried a key, the SDK retried nothing (a retried attempt has a
// 'request' event but no 'response' event), and no response was a 5xx or a 429.
after(() => {
  const posts = requests.filter((r) => r.method === 'POST');
  assert.ok(posts.every((r) => r.idempotency_key), 'every POST carries an Idempotency-Key');
  assert.equal(responses.length, requests.length, 'one response per request: no retries');
  const bad = responses.filter((r) => r.status >= 500 || r.status === 429);
  assert.deepEqual(bad.map((r) => `${r.method} ${r.path} ${r.status}`), []);
});

export const tokens = {visa: 'tok_visa', declined: 'tok_chargeDeclined'};
