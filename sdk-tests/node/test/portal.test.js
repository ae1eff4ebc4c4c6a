import {test} from 'node:test';
import assert from 'node:assert/strict';
import {stripe} from './client.js';

const client = stripe();

/** A customer paying a monthly plan by card, and a portal configuration that cancels it. */
async function subscribed() {
  const product = await client.products.create({name: 'Node portal plan'});
  const price = await client.prices.create({
    currency: 'usd', unit_amount: 1500, product: product.id, recurring: {interval: 'month'},
  });
  const customer = await client.customers.create({email: 'portal-node@example.com'});
  await client.paymentMethods.attach('pm_card_visa', {customer: customer.id}).then((pm) =>
    client.customers.update(customer.id, {invoice_settings: {default_payment_method: pm.id}}));
  const sub = await client.subscriptions.create({customer: customer.id, items: [{price: price.id}]});
  const configuration = await client.billingPortal.configurations.create({
    features: {
      subscription_cancel: {enabled: true, mode: 'at_period_end'},
      invoice_history: {enabled: true},
    },
  });
  return {customer, sub, configuration};
}

test('a portal session deep-links into canceling a subscription', async () => {
  const {customer, sub, configuration} = await subscribed();
  const session = await client.billingPortal.sessions.create({
    customer: customer.id,
    configuration: configuration.id,
    flow_data: {
      type: 'subscription_cancel',
      subscription_cancel: {subscription: sub.id},
      after_completion: {type: 'redirect', redirect: {return_url: 'https://example.com/bye'}},
    },
  });
  assert.match(session.id, /^bps_/);
  assert.equal(session.flow.type, 'subscription_cancel');
  assert.equal(session.flow.subscription_cancel.subscription, sub.id);
  assert.equal(session.flow.subscription_cancel.retention, null);
  assert.equal(session.flow.after_completion.redirect.return_url, 'https://example.com/bye');
  const page = await fetch(session.url);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /Cancel subscription/);

  // Another customer's session cannot name this subscription.
  const stranger = await client.customers.create({email: 'stranger-node@example.com'});
  await assert.rejects(
    client.billingPortal.sessions.create({
      customer: stranger.id,
      configuration: configuration.id,
      flow_data: {type: 'subscription_cancel', subscription_cancel: {subscription: sub.id}},
    }),
    (err) => err.type === 'StripeInvalidRequestError' &&
      err.param === 'flow_data[subscription_cancel][subscription]');
});
