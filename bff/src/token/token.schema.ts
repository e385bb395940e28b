import { z } from "zod";
import { traitFlags, type TaskName } from "./token-claims.ts";

/**
 * Query parameters of GET /extension/token (seed 001): names, defaults and ranges.
 * Booleans and task and trait names are case-insensitive. Every violation is a 400.
 */
const bool = (name: string, fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === "") return fallback;
      const lower = value.toLowerCase();
      if (lower === "true" || lower === "false") return lower === "true";
      ctx.addIssue({ code: "custom", message: `${name} must be true or false` });
      return z.NEVER;
    });

const int = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === "") return fallback;
      const number = /^\d{1,3}$/.test(value.trim()) ? Number(value) : NaN;
      if (Number.isInteger(number) && number >= min && number <= max) return number;
      ctx.addIssue({ code: "custom", message: `${name} must be a whole number from ${min} to ${max}` });
      return z.NEVER;
    });

const tasks: TaskName[] = ["verify", "identify", "enroll", "livenessdetection"];

export const tokenQuery = z.object({
  id: z.string({ error: "id (the App-ID) is required" }).min(1, "id (the App-ID) is required").max(200),
  bcid: z.string().max(300).optional(),
  task: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const lower = (value || "verify").toLowerCase();
      if ((tasks as string[]).includes(lower)) return lower as TaskName;
      ctx.addIssue({ code: "custom", message: `task must be one of ${tasks.join(", ")}` });
      return z.NEVER;
    }),
  maxtries: int("maxtries", 1, 15, 3),
  livedetection: bool("livedetection", true),
  challenge: bool("challenge", false),
  challenges: int("challenges", 2, 7, 3),
  autoenroll: bool("autoenroll", false),
  traits: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const names = (value || "Face,Periocular").split(",").map((t) => t.trim().toLowerCase()).filter(Boolean);
      let flags = 0;
      for (const name of names) {
        const flag = traitFlags[name as keyof typeof traitFlags];
        if (!flag) {
          ctx.addIssue({ code: "custom", message: `traits may contain Face and Periocular, not '${name}'` });
          return z.NEVER;
        }
        flags |= flag;
      }
      if (!flags) {
        ctx.addIssue({ code: "custom", message: "traits must name at least one trait" });
        return z.NEVER;
      }
      return flags;
    }),
});
export type TokenQuery = z.infer<typeof tokenQuery>;

/** `storage.partition.classId` as in requests; class ids are positive integers. */
export function parseBcid(value: string): { storage: string; partition: number; classId: string } | undefined {
  const match = /^([A-Za-z0-9_-]{1,50})\.(\d{1,10})\.(\d{1,19})$/.exec(value.trim());
  if (!match) return undefined;
  return { storage: match[1]!, partition: Number(match[2]), classId: match[3]! };
}
