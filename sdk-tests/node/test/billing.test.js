import {test} from 'node:test';
import assert from 'node:assert/strict';
import {stripe} from './client.js';

const client = stripe();
const DAY = 86400;
const START = 1767225600; // 2026-01-01T00:00:00Z

/** Advances the clock and waits until the server's clock-driven worker has made it ready. */
async function advance(clock, to) {
  const advancing = await client.testHelpers.testClocks.advance(clock, {frozen_time: to});
  assert.equal(advancing.status, 'advancing');
  for (let i = 0; i < 200; i++) {
    const now = await client.testHelpers.testClocks.retrieve(clock);
    if (now.status === 'ready') {
      assert.equal(now.frozen_time, to);
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail('the test clock never became ready');
}

test('a trial on a test clock turns into a paid monthly subscription', async () => {
  const clock = await client.testHelpers.testClocks.create({frozen_time: START});
  const customer = await client.customers.create({email: 'node-sub@example.com', test_clock: clock.id});
  assert.equal(customer.created, START);
  const pm = await client.paymentMethods.attach('pm_card_visa', {customer: customer.id});
  await client.customers.update(customer.id, {invoice_settings: {default_payment_method: pm.id}});
  const price = await client.prices.create({
    currency: 'usd', unit_amount: 900, recurring: {interval: 'month'},
    product_data: {name: 'Node plan'},
  });
  const sub = await client.subscriptions.create({
    customer: customer.id, items: [{price: price.id}], trial_period_days: 7,
  });
  assert.equal(sub.status, 'trialing');
  assert.equal(sub.items.data[0].current_period_end, START + 7 * DAY);

  await advance(clock.id, START + 8 * DAY);
  const active = await client.subscriptions.retrieve(sub.id);
  assert.equal(active.status, 'active');
  const invoice = await client.invoices.retrieve(active.latest_invoice);
  assert.equal(invoice.status, 'paid');
  assert.equal(invoice.amount_paid, 900);
  assert.equal(invoice.parent.subscription_details.subscription, sub.id);
  const payments = await client.invoicePayments.list({invoice: invoice.id});
  assert.equal(payments.data.length, 1);
  const intent = await client.paymentIntents.retrieve(payments.data[0].payment.payment_intent);
  assert.equal(intent.status, 'succeeded');
  assert.equal(intent.customer, customer.id);

  const canceled = await client.subscriptions.cancel(sub.id);
  assert.equal(canceled.status, 'canceled');
  assert.equal(canceled.ended_at, START + 8 * DAY);
});

test('a subscription-mode checkout session starts a subscription when the hosted page is paid', async () => {
  const price = await client.prices.create({
    currency: 'usd', unit_amount: 1500, recurring: {interval: 'month'},
    product_data: {name: 'Node checkout plan'},
  });
  const session = await client.checkout.sessions.create({
    mode: 'subscription',
    success_url: 'https://example.com/ok?session={CHECKOUT_SESSION_ID}',
    line_items: [{price: price.id, quantity: 2}],
    subscription_data: {metadata: {source: 'node'}},
  });
  assert.equal(session.mode, 'subscription');
  assert.equal(session.amount_total, 3000);
  assert.equal(session.subscription, null);
  assert.equal(session.customer_creation, null);
  // The payer's form, posted to the hosted page as a browser would.
  const page = session.url.split('#')[0];
  const paid = await fetch(page, {
    method: 'POST',
    redirect: 'manual',
    headers: {'Content-Type': 'application/x-www-form-urlencoded'},
    body: new URLSearchParams({
      email: 'node-checkout@example.com', cardNumber: '4242 4242 4242 4242', cardExpiry: '12 / 34',
      cardCvc: '123', billingName: 'Node Payer', billingCountry: 'US', billingPostalCode: '94107',
    }),
  });
  assert.equal(paid.status, 303);
  assert.equal(paid.headers.get('location'), `https://example.com/ok?session=${session.id}`);
  const done = await client.checkout.sessions.retrieve(session.id, {expand: ['subscription']});
  assert.equal(done.status, 'complete');
  assert.equal(done.payment_status, 'paid');
  assert.equal(done.subscription.status, 'active');
  assert.equal(done.subscription.metadata.source, 'node');
  assert.equal(done.subscription.customer, done.customer);
  const invoice = await client.invoices.retrieve(done.invoice);
  assert.equal(invoice.status, 'paid');
  assert.equal(invoice.amount_paid, 3000);
});
