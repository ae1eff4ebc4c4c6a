import {test} from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import Stripe from 'stripe';
import {stripe} from './client.js';

const client = stripe();

test('refunds through both paths', async () => {
  const c = await client.charges.create({amount: 3000, currency: 'usd', source: 'tok_visa'});
  const r1 = await client.refunds.create({charge: c.id, amount: 1000});
  assert.equal(r1.status, 'succeeded');
  const r2 = await client.rawRequest('POST', `/v1/charges/${c.id}/refunds`, {amount: 500});
  assert.equal(r2.amount, 500);
  const listed = await client.refunds.list({charge: c.id});
  assert.deepEqual(listed.data.map((r) => r.amount), [500, 1000]);
  await assert.rejects(client.refunds.create({charge: c.id, amount: 5000}), (err) => {
    assert.ok(err instanceof Stripe.errors.StripeInvalidRequestError);
    assert.equal(err.param, 'amount');
    return true;
  });
});

test('a dispute with submitted evidence is decided by the clock-driven worker', async () => {
  const c = await client.charges.create({amount: 2000, currency: 'usd', source: 'tok_createDispute'});
  const disputes = await client.disputes.list({charge: c.id});
  assert.equal(disputes.data.length, 1);
  const d = disputes.data[0];
  assert.equal(d.status, 'needs_response');
  const updated = await client.disputes.update(d.id, {evidence: {uncategorized_text: 'winning_evidence'}});
  assert.equal(updated.status, 'under_review');
  assert.equal(updated.evidence_details.submission_count, 1);
  // ./tally serve runs its worker every second and decides evidence about five seconds after it
  // was submitted; nothing here but the wall clock moves it.
  let decided = updated;
  const deadline = Date.now() + 20_000;
  while (decided.status === 'under_review' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    decided = await client.disputes.retrieve(d.id);
  }
  assert.equal(decided.status, 'won');
  const charge = await client.charges.retrieve(c.id);
  assert.equal(charge.disputed, true);
});

test('search pages through results with autoPagingEach', async () => {
  const tag = `node-${Date.now()}`;
  for (let i = 0; i < 3; i++) {
    await client.charges.create({amount: 1000 + i, currency: 'usd', source: 'tok_visa', metadata: {tag}});
  }
  const seen = [];
  await client.charges.search({query: `metadata["tag"]:"${tag}"`, limit: 2})
    .autoPagingEach((ch) => { seen.push(ch.id); });
  assert.equal(seen.length, 3);
});

test('a delivered webhook verifies with stripe.webhooks.constructEvent', async () => {
  const deliveries = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      deliveries.push({body, signature: req.headers['stripe-signature']});
      res.writeHead(200);
      res.end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const endpoint = await client.webhookEndpoints.create({
      url: `http://127.0.0.1:${server.address().port}/hook`, enabled_events: ['charge.succeeded'],
    });
    await client.charges.create({amount: 1234, currency: 'usd', source: 'tok_visa'});
    for (let i = 0; i < 50 && deliveries.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(deliveries.length >= 1, 'the server delivered the event');
    const event = client.webhooks.constructEvent(deliveries[0].body, deliveries[0].signature, endpoint.secret);
    assert.equal(event.type, 'charge.succeeded');
    assert.equal(event.data.object.amount, 1234);
    await client.webhookEndpoints.del(endpoint.id);
  } finally {
    server.close();
  }
});

test('meters, meter events and summaries', async () => {
  const name = `node_calls_${Date.now()}`;
  const meter = await client.billing.meters.create({
    display_name: 'calls', event_name: name, default_aggregation: {formula: 'sum'},
  });
  const customer = await client.customers.create({email: 'node-meter@example.com'});
  const now = Math.floor(Date.now() / 1000);
  await client.billing.meterEvents.create({event_name: name, payload: {stripe_customer_id: customer.id, value: '7'}});
  await client.billing.meterEvents.create({event_name: name, payload: {stripe_customer_id: customer.id, value: '5'}});
  const start = Math.floor(now / 60) * 60 - 3600;
  const summaries = await client.billing.meters.listEventSummaries(meter.id, {
    customer: customer.id, start_time: start, end_time: start + 7200,
  });
  assert.equal(summaries.data[0].aggregated_value, 12);
});

test('credit grants and the credit balance summary', async () => {
  const customer = await client.customers.create({email: 'credits@example.com'});
  const grant = await client.billing.creditGrants.create({
    customer: customer.id, category: 'promotional',
    amount: {type: 'monetary', monetary: {currency: 'usd', value: 2500}},
    applicability_config: {scope: {price_type: 'metered'}},
  });
  assert.match(grant.id, /^credgr_test_/);
  const summary = await client.billing.creditBalanceSummaries.retrieve({
    customer: customer.id, filter: {type: 'credit_grant', credit_grant: grant.id},
  });
  assert.equal(summary.balances[0].available_balance.monetary.value, 2500);
});

test('a checkout session is created, listed with its line items and expired', async () => {
  const session = await client.checkout.sessions.create({
    mode: 'payment',
    success_url: 'https://example.com/ok?session={CHECKOUT_SESSION_ID}',
    line_items: [{quantity: 2, price_data: {currency: 'usd', unit_amount: 700, product_data: {name: 'Socks'}}}],
  });
  assert.match(session.id, /^cs_test_/);
  assert.equal(session.amount_total, 1400);
  assert.match(session.url, /\/c\/pay\/cs_test_/);
  const items = await client.checkout.sessions.listLineItems(session.id);
  assert.equal(items.data[0].quantity, 2);
  const expired = await client.checkout.sessions.expire(session.id);
  assert.equal(expired.status, 'expired');
  assert.equal(expired.url, null);
});
