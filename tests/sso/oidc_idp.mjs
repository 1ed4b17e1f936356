// A real OpenID Connect identity provider for the SSO tests (npm package oidc-provider).
//
//   PORT=8123 CLIENT_ID=kulturplan CLIENT_SECRET=... REDIRECT_URI=http://.../konto/oidc/callback/ \
//   ACCOUNTS='{"anna": {"email": "anna@flen.se", "preferred_username": "anna"}}' node oidc_idp.mjs
//
// Listens on 127.0.0.1 only, prints "ready <issuer>" when it accepts connections. Its sign-in
// page is oidc-provider's development interaction (type an account id from ACCOUNTS; the
// password is not checked), then its consent page; the tests submit both forms over HTTP.
import { Provider } from 'oidc-provider';

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const accounts = JSON.parse(process.env.ACCOUNTS || '{}');

const configuration = {
  clients: [
    {
      client_id: process.env.CLIENT_ID,
      client_secret: process.env.CLIENT_SECRET,
      redirect_uris: [process.env.REDIRECT_URI],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_post',
    },
  ],
  async findAccount(ctx, sub) {
    if (!Object.hasOwn(accounts, sub)) return undefined;
    return {
      accountId: sub,
      async claims() {
        return { sub, email_verified: true, ...accounts[sub] };
      },
    };
  },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['preferred_username', 'name'],
  },
  cookies: { keys: ['kulturplan-test-only-cookie-key'] },
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => true },
};

const provider = new Provider(issuer, configuration);
provider.on('server_error', (ctx, error) => console.error('server_error', error));
const server = provider.listen(port, '127.0.0.1', () => {
  console.log(`ready ${issuer}`);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
