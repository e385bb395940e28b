/**
 * Server-rendered pages of the embedded identity provider, styled like the portal
 * (Material 3 colours, Roboto-like system font, light and dark schemes).
 * Every interpolated value goes through `escapeHtml`.
 */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Served as a file (idp-assets.routes.ts): the IdP's CSP allows no inline style. */
export const idpStylesheetPath = "/oidc/ui/idp.css";

export const idpStyles = `
:root { color-scheme: light dark; --primary: #005cbb; --on-primary: #fff; --surface: #faf9fd; --card: #fff;
  --text: #1a1b1f; --muted: #44474e; --outline: #74777f; --error: #ba1a1a; }
@media (prefers-color-scheme: dark) { :root { --primary: #abc7ff; --on-primary: #002f65; --surface: #121316;
  --card: #1f1f23; --text: #e3e2e6; --muted: #c4c6d0; --outline: #8e9099; --error: #ffb4ab; } }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: var(--surface); color: var(--text);
  font: 16px/1.5 Roboto, "Segoe UI", system-ui, sans-serif; }
main { width: min(400px, calc(100vw - 32px)); background: var(--card); border-radius: 28px; padding: 32px;
  box-shadow: 0 1px 3px rgb(0 0 0 / 20%); }
h1 { font-size: 24px; font-weight: 400; margin: 0 0 4px; }
p.sub { color: var(--muted); margin: 0 0 24px; }
label { display: block; font-size: 14px; color: var(--muted); margin: 16px 0 4px; }
input { width: 100%; font: inherit; padding: 14px 16px; border: 1px solid var(--outline); border-radius: 4px;
  background: transparent; color: var(--text); }
input:focus { outline: 2px solid var(--primary); border-color: transparent; }
button { margin-top: 24px; width: 100%; font: 500 14px/1 inherit; letter-spacing: .1px; padding: 14px 24px; border: 0;
  border-radius: 20px; background: var(--primary); color: var(--on-primary); cursor: pointer; }
button:focus-visible { outline: 3px solid var(--text); }
.error { color: var(--error); margin: 16px 0 0; }
.hint { margin-top: 24px; font-size: 14px; color: var(--muted); }
a { color: var(--primary); }
`;

export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · BWS Portal</title><link rel="stylesheet" href="${idpStylesheetPath}"></head><body><main>${body}</main></body></html>`;
}

export interface LoginPageOptions {
  action: string;
  abortUrl: string;
  clientName: string;
  username?: string;
  error?: string;
  demoHint: boolean;
}

export function renderLoginPage(options: LoginPageOptions): string {
  const error = options.error ? `<p class="error" role="alert">${escapeHtml(options.error)}</p>` : "";
  const hint = options.demoHint
    ? `<p class="hint">Demo accounts: <b>admin</b>, <b>owner</b>, <b>editor</b>, <b>support</b>, <b>viewer</b>; password <b>demo</b>.</p>`
    : "";
  return page(
    "Sign in",
    `<h1>Sign in</h1><p class="sub">to continue to ${escapeHtml(options.clientName)}</p>
<form method="post" action="${escapeHtml(options.action)}" autocomplete="on">
<label for="username">Username</label>
<input id="username" name="username" autocomplete="username" required autofocus value="${escapeHtml(options.username ?? "")}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
${error}
<button type="submit">Sign in</button>
</form>
<p class="hint"><a href="${escapeHtml(options.abortUrl)}">Cancel</a></p>${hint}`,
  );
}

export function renderIdpErrorPage(message: string): string {
  return page(
    "Sign-in problem",
    `<h1>Sign-in problem</h1><p class="error" role="alert">${escapeHtml(message)}</p>
<p class="hint"><a href="/">Back to the portal</a> and try signing in again.</p>`,
  );
}
