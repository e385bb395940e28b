import { expect, test } from "./fixtures.ts";

test.describe("delivery of the portal", () => {
  test("the browser receives the main bundle as the brotli copy the build wrote", async ({ page }) => {
    const mainBundle = page.waitForResponse((response) => /\/main-[A-Z0-9]+\.js$/.test(new URL(response.url()).pathname));
    await page.goto("/");
    const response = await mainBundle;
    expect(response.status()).toBe(200);
    const headers = await response.allHeaders();
    expect(headers["content-encoding"]).toBe("br");
    expect(headers["vary"]).toMatch(/accept-encoding/i);
    expect(headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    // The body decodes to JavaScript, not brotli bytes. The portal goes on to the sign-in page
    // at once, which drops the browser's copy of the body, so the bundle is fetched again.
    const again = await page.request.get(response.url(), { headers: { "accept-encoding": "br" } });
    expect(again.headers()["content-encoding"]).toBe("br");
    expect(await again.text()).toMatch(/^(import|var|const|let|function|\(|"use strict"|\/\*)/);
  });
});
