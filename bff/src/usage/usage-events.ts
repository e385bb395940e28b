import type { PrismaClient } from "../generated/prisma/client.ts";

/** Records what the BFF itself serves (tokens, playground attempts) as usage events. */
export interface UsageEventInput {
  clientId: string;
  installationId: string;
  operation: string;
  result: "success" | "failure" | "error";
  errorCode?: string;
  durationMs?: number;
}

export class UsageRecorder {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly instance: string,
  ) {}

  async record(event: UsageEventInput): Promise<void> {
    await this.prisma.usageEvent.create({ data: { ...event, instance: this.instance, source: "bff" } });
  }
}
