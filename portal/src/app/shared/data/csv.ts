/**
 * CSV for spreadsheets, shared by every "Download CSV" in the portal:
 * - RFC 4180: CRLF line ends, fields holding a comma, quote or line break are quoted and
 *   their quotes doubled;
 * - a UTF-8 byte order mark first, so Excel reads umlauts in names correctly.
 */
const BOM = '\uFEFF';

export function toCsv(rows: readonly (readonly string[])[]): string {
  return BOM + rows.map((row) => row.map(csvField).join(',') + '\r\n').join('');
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Keeps a name usable in a file name on every file system. */
export function fileNameSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-');
}
