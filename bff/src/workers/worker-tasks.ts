import { threadId } from "node:worker_threads";
import { judgeLivenessAttempt as judge, type LivenessAttempt } from "../playground/judge-liveness-attempt.ts";
import { parseCertificateUpload as parse, toPkcs12, type CertificateUpload, type Pkcs12Request } from "../certificates/certificate-parser.ts";
import { Piscina } from "piscina";
import { judgeModelsRequested, loadJudgeModels } from "../playground/face-models.ts";
import { outcomeOf } from "./task-outcome.ts";
import type { WorkerSettings } from "./worker-pool.ts";

/**
 * The tasks worker threads run (see worker-pool.ts); each export is one task, named by the
 * pool's `run(name, input)`. Imports stay static: piscina loads this module with require(),
 * and a dynamic import() here would load a second copy of errors.ts, whose AppError
 * task-outcome.ts could then not recognise.
 */
const settings = Piscina.workerData as WorkerSettings | undefined;

export const judgeLivenessAttempt = (attempt: LivenessAttempt) => outcomeOf(() => judge(attempt, { modelThreads: settings?.modelThreads }));

/** Loads this thread's face models ahead of the first attempt (the pool's preload); says whether this call loaded them. */
export const preloadFaceModels = () =>
  outcomeOf(async () => {
    const loadedNow = !judgeModelsRequested();
    await loadJudgeModels({ threads: settings?.modelThreads });
    return { threadId, loadedNow };
  });

export const parseCertificateUpload = (upload: CertificateUpload) => outcomeOf(() => parse(upload));

export const buildPkcs12 = (request: Pkcs12Request) => outcomeOf(() => toPkcs12(request));
