// The official stripe-node SDK pointed at the Tally under test.
import Stripe from 'stripe';

export function stripe(key = process.env.TALLY_KEY) {
  return new Stripe(key, {
    host: '127.0.0.1',
    port: Number(process.env.TALLY_PORT),
    protocol: 'http',
    maxNetworkRetries: 2,
  });
}

export const tokens = {visa: 'tok_visa', declined: 'tok_chargeDeclined'};
