// Runs the one exported bench function of a bench file and prints its figures.
import { pathToFileURL } from "node:url";

const file = process.argv[2]!;
const module = (await import(pathToFileURL(file).href)) as Record<string, () => Promise<Record<string, string>>>;
const bench = Object.values(module).find((value) => typeof value === "function");
if (!bench) throw new Error(`${file} exports no bench function`);
if (!process.env["TEST_DATABASE"]) process.env["TEST_DATABASE"] = "pglite";
const { default: setup } = await import("../bff/src/testing/global-setup.ts");
await setup();
console.table(await bench());
process.exit(0);
