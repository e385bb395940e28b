import { ConfigError, parseConfig } from "./config.ts";
import { readScriptsSecret } from "./idp/scripts-secret.ts";

/** `npm run scripts-secret`: prints the generated bws-scripts secret again (idp/scripts-secret.ts). */
try {
  const result = await readScriptsSecret(parseConfig());
  (result.exitCode === 0 ? console.log : console.error)(result.text);
  process.exit(result.exitCode);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
