import type { BrowserContext } from "@playwright/test";

/**
 * Collects the Content-Security-Policy violations of every page and popup of a browser
 * context: the `securitypolicyviolation` events of each document (an init script reports
 * them), and the browser's console messages about a CSP, which also come from workers.
 */
const reportBinding = "__bwsReportCspViolation";

export async function watchCspViolations(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await context.exposeBinding(reportBinding, ({ page }, report: string) => {
    violations.push(`${page.url()}: ${report}`);
  });
  await context.addInitScript((binding: string) => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as Record<string, (text: string) => void>)[binding];
      report?.(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`);
    });
  }, reportBinding);
  context.on("console", (message) => {
    if (/Content.Security.Policy/i.test(message.text())) violations.push(`${message.page()?.url() ?? "worker"}: ${message.text()}`);
  });
  return violations;
}
