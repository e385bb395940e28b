import { expect, type APIResponse, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { LoginPage } from "./login-page.ts";

/**
 * The Management API as a signed-in portal user, for setting up and cleaning up test data.
 * It signs in through the IdP page in its own browser context and borrows the portal's
 * access token, so it sees exactly what that user may do.
 */
export class ManagementApi {
  private constructor(
    private readonly context: BrowserContext,
    private readonly page: Page,
    private readonly token: string,
  ) {}

  static async signIn(browser: Browser, baseURL: string, username: string): Promise<ManagementApi> {
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    await page.goto("/");
    await new LoginPage(page).signIn(username);
    await expect(page.getByRole("button", { name: "Account menu" })).toBeVisible();
    const token = await page.evaluate(() => sessionStorage.getItem("access_token"));
    if (!token) throw new Error(`no access token after signing in as ${username}`);
    return new ManagementApi(context, page, token);
  }

  get(path: string): Promise<APIResponse> {
    return this.page.request.get(`/api${path}`, { headers: this.headers() });
  }

  post(path: string, data: unknown): Promise<APIResponse> {
    return this.page.request.post(`/api${path}`, { headers: this.headers(), data });
  }

  put(path: string): Promise<APIResponse> {
    return this.page.request.put(`/api${path}`, { headers: this.headers() });
  }

  delete(path: string): Promise<APIResponse> {
    return this.page.request.delete(`/api${path}`, { headers: this.headers() });
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  private headers(): Record<string, string> {
    return { Authorization: `Bearer ${this.token}` };
  }
}
