/**
 * Swagger UI's page at /api/docs and the script that starts it. Rules:
 * - Every asset comes from this origin (the swagger-ui-dist npm package), so the page
 *   works under the BFF's COEP require-corp; no inline script, no external validator badge.
 * - Sign-in is the authorization code flow with PKCE of the public client `clientId`;
 *   the IdP redirects to swagger-ui-dist's oauth2-redirect.html, which hands the code
 *   back to this page through `window.opener`.
 * - The public client has no secret, but Swagger UI always draws a client_secret field for
 *   the authorization code flow: bws-docs.css hides that row, so nobody is asked for one.
 */
export const docsBasePath = "/api/docs";

export interface SwaggerUiConfig {
  specUrl: string;
  oauth2RedirectUrl: string;
  clientId: string;
  scopes: string;
}

export const swaggerUiPage = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>BWS Management API</title>
    <link rel="stylesheet" href="${docsBasePath}/swagger-ui.css">
    <link rel="stylesheet" href="${docsBasePath}/bws-docs.css">
    <link rel="icon" type="image/png" href="${docsBasePath}/favicon-32x32.png" sizes="32x32">
    <link rel="icon" type="image/png" href="${docsBasePath}/favicon-16x16.png" sizes="16x16">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${docsBasePath}/swagger-ui-bundle.js"></script>
    <script src="${docsBasePath}/swagger-initializer.js"></script>
  </body>
</html>
`;

/** Hides the client_secret row of the authorization code flow (the public client has none). */
export const swaggerUiStyles = `.auth-container .wrapper:has(#client_secret_authorizationCode) {
  display: none;
}
`;

export function swaggerInitializer(config: SwaggerUiConfig): string {
  return `"use strict";
window.addEventListener("load", function () {
  var config = ${JSON.stringify(config)};
  var ui = SwaggerUIBundle({
    url: config.specUrl,
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    validatorUrl: null,
    oauth2RedirectUrl: config.oauth2RedirectUrl,
  });
  ui.initOAuth({ clientId: config.clientId, usePkceWithAuthorizationCodeGrant: true, scopes: config.scopes });
  window.ui = ui;
});
`;
}
