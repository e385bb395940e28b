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
    // The body the browser decoded is JavaScript, not brotli bytes.
    expect(await response.text()).toMatch(/^(import|var|const|let|function|\(|"use strict"|\/\*)/);
  });
});
