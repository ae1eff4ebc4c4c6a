import {test} from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import {requests, stripe} from './client.js';

const client = stripe();

test('a charge is created, retrieved, updated and listed with auto-pagination', async () => {
  const created = [];
  for (let i = 0; i < 5; i++) {
    created.push(await client.charges.create({amount: 1000 + i, currency: 'usd', source: 'tok_visa',
      metadata: {n: String(i)}}));
  }
  const c = created[0];
  assert.match(c.id, /^ch_/);
  assert.equal(c.status, 'succeeded');
  assert.equal(c.lastResponse.requestId.startsWith('req_'), true);
  const again = await client.charges.retrieve(c.id);
  assert.equal(again.amount, 1000);
  const updated = await client.charges.update(c.id, {description: 'from node', metadata: {n: null, extra: 'x'}});
  assert.equal(updated.description, 'from node');
  assert.deepEqual(updated.metadata, {extra: 'x'});
  const seen = [];
  for await (const ch of client.charges.list({limit: 2})) {
    seen.push(ch.id);
  }
  for (const ch of created) {
    assert.ok(seen.includes(ch.id));
  }
  assert.deepEqual(seen.slice(0, 5), created.map((x) => x.id).reverse());
});

test('a decline is a StripeCardError with code, decline_code and the charge', async () => {
  await assert.rejects(
    client.charges.create({amount: 2000, currency: 'usd', source: 'tok_chargeDeclinedInsufficientFunds'}),
    (err) => {
      assert.ok(err instanceof Stripe.errors.StripeCardError);
      assert.equal(err.statusCode, 402);
      assert.equal(err.code, 'card_declined');
      assert.equal(err.decline_code, 'insufficient_funds');
      assert.match(err.raw.charge, /^ch_/);
      return true;
    });
});

test('since 2025-03-31.basil a partial capture releases the rest without a refund', async () => {
  const c = await client.charges.create({amount: 5000, currency: 'usd', source: 'tok_visa', capture: false});
  assert.equal(c.captured, false);
  const captured = await client.charges.capture(c.id, {amount: 3000});
  assert.equal(captured.amount_captured, 3000);
  assert.equal(captured.amount_refunded, 0);
  assert.equal(captured.refunded, false);
  assert.equal((await client.refunds.list({charge: c.id})).data.length, 0);
  const txns = (await client.balanceTransactions.list({source: c.id})).data;
  assert.deepEqual(txns.map((t) => [t.id, t.amount]), [[captured.balance_transaction, 3000]]);
});

test('an invalid parameter is a StripeInvalidRequestError naming the param', async () => {
  await assert.rejects(
    client.charges.create({amount: 2000, currency: 'usd', source: 'tok_visa', colour: 'blue'}),
    (err) => {
      assert.ok(err instanceof Stripe.errors.StripeInvalidRequestError);
      assert.equal(err.param, 'colour');
      assert.equal(err.code, 'parameter_unknown');
      return true;
    });
});

test('an idempotent retry replays the first response', async () => {
  const key = `node-${Date.now()}-${Math.random()}`;
  const first = await client.charges.create({amount: 1500, currency: 'usd', source: 'tok_visa'}, {idempotencyKey: key});
  const again = await client.charges.create({amount: 1500, currency: 'usd', source: 'tok_visa'}, {idempotencyKey: key});
  assert.equal(again.id, first.id);
  assert.equal(again.lastResponse.headers['idempotent-replayed'], 'true');
  assert.equal(again.lastResponse.headers['original-request'], first.lastResponse.requestId);
});

test('every SDK POST carries a stripe-node retry key, so resending it never double charges', async () => {
  const from = requests.length;
  const params = {amount: 1700, currency: 'usd', source: 'tok_visa'};
  const c = await client.charges.create(params);
  const sent = requests.slice(from).filter((r) => r.method === 'POST');
  assert.equal(sent.length, 1);
  const key = sent[0].idempotency_key;
  assert.match(key, /^stripe-node-retry-/);
  // What the SDK does when a response is lost: the same request with the same key.
  const resent = await client.charges.create(params, {idempotencyKey: key});
  assert.equal(resent.id, c.id);
  assert.equal(resent.lastResponse.headers['idempotent-replayed'], 'true');
  assert.equal(resent.lastResponse.headers['original-request'], c.lastResponse.requestId);
  const mine = (await client.charges.list({limit: 100})).data.filter((x) => x.id === c.id);
  assert.equal(mine.length, 1);
});

test('balance transactions expand their source', async () => {
  const c = await client.charges.create({amount: 2500, currency: 'usd', source: 'tok_visa'});
  const txns = await client.balanceTransactions.list({limit: 3, expand: ['data.source']});
  const mine = txns.data.find((t) => t.source && t.source.id === c.id);
  assert.ok(mine, 'the charge balance transaction is listed with its source expanded');
  assert.equal(mine.source.object, 'charge');
  assert.equal(mine.fee, 103);
});

test('one key never sees another account\'s charges', async () => {
  const c = await client.charges.create({amount: 1000, currency: 'usd', source: 'tok_visa'});
  await assert.rejects(stripe(process.env.TALLY_OTHER_KEY).charges.retrieve(c.id),
    (err) => err instanceof Stripe.errors.StripeInvalidRequestError && err.statusCode === 404);
});
