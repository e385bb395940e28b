import { judgeLivenessAttempt as judge, type LivenessAttempt } from "../playground/judge-liveness-attempt.ts";
import { parseCertificateUpload as parseUpload, toPkcs12, type CertificateUpload, type Pkcs12Request } from "../certificates/certificate-parser.ts";
import { outcomeOf } from "./task-outcome.ts";

/**
 * The tasks worker threads run (see worker-pool.ts); each export is one task, named by the
 * pool's `run(name, input)`. Only this module and what it imports load in a worker.
 */
export const judgeLivenessAttempt = (attempt: LivenessAttempt) => outcomeOf(() => judge(attempt));

export const parseCertificateUpload = (upload: CertificateUpload) => outcomeOf(() => parseUpload(upload));

export const buildPkcs12 = (request: Pkcs12Request) => outcomeOf(() => toPkcs12(request));
