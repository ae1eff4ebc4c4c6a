package tally.accounts;

import tally.api.Errors;
import tally.feature.Feature;
import tally.feature.Installer;
import tally.http.Decoder;

/** {@code GET /v1/account}: the account the request's key opens. */
public final class AccountsFeature implements Feature {
  @Override
  public void install(Installer in) {
    in.routes()
        .get(
            "/v1/account",
            Decoder.none(),
            (ctx, p) ->
                ctx.db()
                    .createQuery("SELECT id, created FROM accounts WHERE id = ?")
                    .bind(0, ctx.accountId())
                    .map((rs, c) -> new AccountObject(rs.getString(1), rs.getLong(2)))
                    .findOne()
                    .orElseThrow(() -> Errors.noSuch("account", ctx.accountId(), null)));
  }
}
