import {test} from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import {stripe} from './client.js';

const client = stripe();

test('a card token becomes a PaymentMethod that attaches to a customer', async () => {
  const pm = await client.paymentMethods.create({type: 'card', card: {token: 'tok_visa'}});
  assert.match(pm.id, /^pm_/);
  assert.equal(pm.card.last4, '4242');
  assert.equal(pm.customer, null);
  const customer = await client.customers.create({email: 'node-pm@example.com'});
  const attached = await client.paymentMethods.attach(pm.id, {customer: customer.id});
  assert.equal(attached.customer, customer.id);
  const listed = await client.customers.listPaymentMethods(customer.id, {type: 'card'});
  assert.deepEqual(listed.data.map((m) => m.id), [pm.id]);
  const detached = await client.paymentMethods.detach(pm.id);
  assert.equal(detached.customer, null);
});

test('an intent is created, then confirmed to succeeded through one charge', async () => {
  const pi = await client.paymentIntents.create({amount: 2000, currency: 'usd'});
  assert.equal(pi.status, 'requires_payment_method');
  assert.match(pi.client_secret, new RegExp(`^${pi.id}_secret_`));
  const paid = await client.paymentIntents.confirm(pi.id, {payment_method: 'pm_card_visa'});
  assert.equal(paid.status, 'succeeded');
  assert.equal(paid.amount_received, 2000);
  const charges = await client.charges.list({payment_intent: pi.id});
  assert.deepEqual(charges.data.map((c) => c.id), [paid.latest_charge]);
  assert.equal(charges.data[0].payment_intent, pi.id);
  await assert.rejects(client.paymentIntents.confirm(pi.id), (err) => {
    assert.ok(err instanceof Stripe.errors.StripeInvalidRequestError);
    assert.equal(err.code, 'payment_intent_unexpected_state');
    return true;
  });
});

test('a decline is a card error carrying the intent, back in requires_payment_method', async () => {
  const pi = await client.paymentIntents.create({amount: 2000, currency: 'usd'});
  await assert.rejects(
    client.paymentIntents.confirm(pi.id, {payment_method: 'pm_card_chargeDeclined'}),
    (err) => {
      assert.ok(err instanceof Stripe.errors.StripeCardError);
      assert.equal(err.statusCode, 402);
      assert.equal(err.code, 'card_declined');
      assert.equal(err.decline_code, 'generic_decline');
      assert.equal(err.raw.payment_intent.id, pi.id);
      assert.equal(err.raw.payment_intent.status, 'requires_payment_method');
      assert.equal(err.raw.payment_intent.last_payment_error.code, 'card_declined');
      return true;
    });
  const after = await client.paymentIntents.retrieve(pi.id);
  assert.equal(after.status, 'requires_payment_method');
  assert.equal((await client.charges.retrieve(after.latest_charge)).status, 'failed');
});

test('a manual-capture intent is authorized, then captured in part', async () => {
  const pi = await client.paymentIntents.create({
    amount: 5000, currency: 'usd', payment_method: 'pm_card_visa', capture_method: 'manual', confirm: true,
  });
  assert.equal(pi.status, 'requires_capture');
  assert.equal(pi.amount_capturable, 5000);
  await assert.rejects(client.paymentIntents.capture(pi.id, {amount_to_capture: 6000}),
    (err) => err instanceof Stripe.errors.StripeInvalidRequestError && err.param === 'amount_to_capture');
  const captured = await client.paymentIntents.capture(pi.id, {amount_to_capture: 3000});
  assert.equal(captured.status, 'succeeded');
  assert.equal(captured.amount_received, 3000);
  assert.equal(captured.amount_capturable, 0);
  assert.equal((await client.charges.retrieve(captured.latest_charge)).amount_captured, 3000);
});

test('a 3-D Secure card asks for a redirect; completing it pays the intent', async () => {
  const returnUrl = 'https://shop.example/return';
  const pi = await client.paymentIntents.create({
    amount: 2600, currency: 'usd', payment_method: 'pm_card_threeDSecure2Required', confirm: true,
    return_url: returnUrl,
  });
  assert.equal(pi.status, 'requires_action');
  assert.equal(pi.next_action.type, 'redirect_to_url');
  assert.equal(pi.next_action.redirect_to_url.return_url, returnUrl);
  const url = pi.next_action.redirect_to_url.url;
  assert.match(url, /^https?:\/\//);
  const page = await fetch(url);
  assert.equal(page.status, 200);
  const answer = await fetch(url, {
    method: 'POST', redirect: 'manual', body: new URLSearchParams({outcome: 'complete'}),
  });
  assert.equal(answer.status, 303);
  const back = new URL(answer.headers.get('location'));
  assert.equal(back.origin + back.pathname, returnUrl);
  assert.equal(back.searchParams.get('payment_intent'), pi.id);
  assert.equal(back.searchParams.get('payment_intent_client_secret'), pi.client_secret);
  assert.equal(back.searchParams.get('redirect_status'), 'succeeded');
  assert.equal((await client.paymentIntents.retrieve(pi.id)).status, 'succeeded');
});

test('a refund by payment_intent refunds its charge', async () => {
  const pi = await client.paymentIntents.create({
    amount: 2500, currency: 'usd', payment_method: 'pm_card_visa', confirm: true,
  });
  const refund = await client.refunds.create({payment_intent: pi.id, amount: 1000});
  assert.equal(refund.payment_intent, pi.id);
  assert.equal(refund.charge, pi.latest_charge);
  assert.equal(refund.amount, 1000);
  const listed = await client.refunds.list({payment_intent: pi.id});
  assert.deepEqual(listed.data.map((r) => r.id), [refund.id]);
  assert.equal((await client.charges.retrieve(pi.latest_charge)).amount_refunded, 1000);
});
