import { pino, type DestinationStream, type Logger } from "pino";

/**
 * Secrets never reach the log: these paths are censored wherever they appear, and
 * connection strings are masked by the code that handles them before logging.
 */
const redact = [
  "req.headers.authorization",
  "req.headers.cookie",
  "*.password",
  "*.client_secret",
  "*.connectionString",
  "*.appSecret",
  "*.privateKey",
  "*.token",
  "*.access_token",
  "*.refresh_token",
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, redact: { paths: redact, censor: "[redacted]" } }, destination);
}
