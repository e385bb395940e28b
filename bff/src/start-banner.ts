import { demoPassword, demoUsers } from "./demo/demo-data.ts";
import { scriptsClientId } from "./idp/provider.ts";

/**
 * What `npm start` prints once it is ready: where things are, and the one-time display of
 * what a new user needs. Printed, never logged. Rules:
 * - The generated bws-scripts secret appears only on the start that generated it; later
 *   starts say how to read it again. A configured SCRIPTS_CLIENT_SECRET never appears.
 */
export interface StartFacts {
  url: string;
  databaseKind: "pglite" | "postgres";
  readySeconds: number;
  demoLogins: boolean;
  /** Absent when an external issuer replaces the embedded IdP. */
  scripts?: { origin: "configured" | "generated" | "stored"; secret: string };
}

export const scriptsSecretCommand = "npm run scripts-secret";

export function startBanner(facts: StartFacts): string {
  const lines = [
    "",
    `  BWS Portal is running at ${facts.url}/   (ready in ${facts.readySeconds.toFixed(1)} s)`,
    `  Management API ${facts.url}/api · IdP ${facts.url}/oidc · database: ${facts.databaseKind}`,
  ];
  if (facts.demoLogins) lines.push(`  Demo logins (password '${demoPassword}'): ${demoUsers.map((u) => u.username).join(", ")}`);
  const stopFirst = facts.databaseKind === "pglite" ? " while the portal is stopped (the embedded database serves one process)" : "";
  switch (facts.scripts?.origin) {
    case "generated":
      lines.push(`  Scripts client: client_id '${scriptsClientId}', client_secret '${facts.scripts.secret}'`);
      lines.push(`    (shown on this start only; '${scriptsSecretCommand}' prints it again${stopFirst})`);
      break;
    case "stored":
      lines.push(`  Scripts client: client_id '${scriptsClientId}'; its secret was shown when it was generated,`);
      lines.push(`    '${scriptsSecretCommand}' prints it again${stopFirst}`);
      break;
    case "configured":
      lines.push(`  Scripts client: client_id '${scriptsClientId}', client_secret from SCRIPTS_CLIENT_SECRET`);
      break;
  }
  return lines.join("\n") + "\n";
}
