import {test} from 'node:test';
import assert from 'node:assert/strict';
import {randomUUID} from 'node:crypto';
import {stripe} from './client.js';

const client = stripe();
const DAY = 86400;
const START = 1767225600; // 2026-01-01T00:00:00Z
const PERIOD_END = START + 31 * DAY;

async function advance(clock, to) {
  await client.testHelpers.testClocks.advance(clock, {frozen_time: to});
  for (let i = 0; i < 200; i++) {
    if ((await client.testHelpers.testClocks.retrieve(clock)).status === 'ready') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail('the test clock never became ready');
}

test('a month of metered usage is billed in arrears, partly paid by credits, with one alert', async () => {
  const tag = randomUUID().slice(0, 8);
  const clock = await client.testHelpers.testClocks.create({frozen_time: START});
  const customer = await client.customers.create({email: 'node-usage@example.com', test_clock: clock.id});
  const pm = await client.paymentMethods.attach('pm_card_visa', {customer: customer.id});
  await client.customers.update(customer.id, {invoice_settings: {default_payment_method: pm.id}});
  const meter = await client.billing.meters.create({
    display_name: 'API calls', event_name: `api_calls_${tag}`, default_aggregation: {formula: 'sum'},
  });
  const price = await client.prices.create({
    currency: 'usd', billing_scheme: 'tiered', tiers_mode: 'graduated',
    tiers: [{up_to: 100, unit_amount: 2}, {up_to: 'inf', unit_amount: 1, flat_amount: 50}],
    recurring: {interval: 'month', usage_type: 'metered', meter: meter.id},
    product_data: {name: 'API'},
  });
  const alert = await client.billing.alerts.create({
    title: '150 calls', alert_type: 'usage_threshold',
    usage_threshold: {
      gte: 150, meter: meter.id, recurrence: 'one_time',
      filters: [{type: 'customer', customer: customer.id}],
    },
  });
  const grant = await client.billing.creditGrants.create({
    customer: customer.id, category: 'promotional', name: 'Welcome credits',
    amount: {type: 'monetary', monetary: {currency: 'usd', value: 100}},
    applicability_config: {scope: {price_type: 'metered'}},
  });
  assert.equal(grant.test_clock, clock.id);
  const sub = await client.subscriptions.create({customer: customer.id, items: [{price: price.id}]});
  assert.equal((await client.invoices.retrieve(sub.latest_invoice)).total, 0);

  await advance(clock.id, START + 20 * DAY);
  for (const [value, day] of [[80, 3], [90, 10], [30, 19]]) {
    await client.billing.meterEvents.create({
      event_name: meter.event_name, timestamp: START + day * DAY,
      payload: {stripe_customer_id: customer.id, value: String(value)},
    });
  }
  const preview = await client.invoices.createPreview({customer: customer.id});
  // 200 calls: 100 × 2¢, then 100 × 1¢ + 50¢ flat.
  assert.equal(preview.lines.data.find((l) => l.pricing.price_details.price === price.id).amount, 350);

  await advance(clock.id, PERIOD_END + 2 * 3600);
  const renewal = await client.invoices.retrieve((await client.subscriptions.retrieve(sub.id)).latest_invoice);
  assert.equal(renewal.status, 'paid');
  const line = renewal.lines.data.find((l) => l.pricing.price_details.price === price.id);
  assert.equal(line.quantity, 200);
  assert.equal(line.amount, 350);
  assert.deepEqual(line.period, {end: PERIOD_END, start: START});
  assert.equal(line.pretax_credit_amounts.length, 1);
  assert.equal(line.pretax_credit_amounts[0].amount, 100);
  assert.equal(line.pretax_credit_amounts[0].type, 'credit_balance_transaction');
  assert.equal(renewal.total_pretax_credit_amounts[0].amount, 100);
  assert.equal(renewal.total, 250);
  assert.equal(renewal.amount_paid, 250);

  const txns = await client.billing.creditBalanceTransactions.list({customer: customer.id});
  const debit = txns.data.find((t) => t.type === 'debit');
  assert.equal(debit.debit.type, 'credits_applied');
  assert.deepEqual(debit.debit.credits_applied, {invoice: renewal.id, invoice_line_item: line.id});
  assert.equal(line.pretax_credit_amounts[0].credit_balance_transaction, debit.id);
  const summary = await client.billing.creditBalanceSummaries.retrieve({
    customer: customer.id, filter: {type: 'credit_grant', credit_grant: grant.id},
  });
  assert.equal(summary.balances[0].available_balance.monetary.value, 0);

  const fired = (await client.events.list({type: 'billing.alert.triggered', limit: 100})).data
    .filter((e) => e.data.object.alert.id === alert.id);
  assert.equal(fired.length, 1);
  assert.equal(fired[0].data.object.value, 170);
  assert.equal(fired[0].data.object.customer, customer.id);
});

test('the v2 meter event stream: a session token, a batch of events, duplicates stored once', async () => {
  const tag = randomUUID().slice(0, 8);
  const customer = await client.customers.create({email: 'node-stream@example.com'});
  const meter = await client.billing.meters.create({
    display_name: 'Streamed calls', event_name: `streamed_${tag}`, default_aggregation: {formula: 'sum'},
  });
  const session = await client.v2.billing.meterEventSession.create();
  assert.equal(session.object, 'v2.billing.meter_event_session');
  assert.ok(session.expires_at > new Date().toISOString(), 'the token is valid for a while');
  // The stream is authenticated by the session's token, not by the secret key.
  const streamer = stripe(session.authentication_token);
  const now = Math.floor(Date.now() / 1000);
  const minute = now - (now % 60); // summaries are asked for on minute boundaries
  const events = [5, 7, 11].map((value, i) => ({
    event_name: meter.event_name, identifier: `${tag}-${i}`, timestamp: new Date((now - 60) * 1000).toISOString(),
    payload: {stripe_customer_id: customer.id, value: String(value)},
  }));
  await streamer.v2.billing.meterEventStream.create({events});
  // The same identifiers again: Stripe keeps an identifier once per 24 hours.
  await streamer.v2.billing.meterEventStream.create({events: events.slice(0, 2)});
  const summaries = await client.billing.meters.listEventSummaries(meter.id, {
    customer: customer.id, start_time: minute - 3600, end_time: minute + 3600,
  });
  assert.equal(summaries.data.reduce((sum, s) => sum + s.aggregated_value, 0), 23);
  // The secret key is not a stream token.
  await assert.rejects(client.v2.billing.meterEventStream.create({events}), (e) => e.statusCode === 401);
});
