import {test} from 'node:test';
import assert from 'node:assert/strict';
import {stripe} from './client.js';

test('accounts.retrieve() with no id returns the key\'s own account', async () => {
  const account = await stripe().accounts.retrieve();
  assert.match(account.id, /^acct_/);
  assert.equal(account.object, 'account');
  assert.equal(account.charges_enabled, true);
  assert.equal(account.default_currency, 'usd');
  const other = await stripe(process.env.TALLY_OTHER_KEY).accounts.retrieve();
  assert.notEqual(other.id, account.id);
});
