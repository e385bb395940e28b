import { Injectable, computed, inject, signal } from '@angular/core';
import { Observable, firstValueFrom, tap } from 'rxjs';

import { ApiError, toApiError } from '../../core/http/api-error';
import { Loadable } from '../../shared/data/loadable';
import { Certificate } from '../certificates/certificate';
import { CertificatesApi } from '../certificates/certificates-api';
import { BiometricClass } from './biometric-class';
import { ClassesApi, MAX_LISTED_CLASSES } from './classes-api';

export interface ClassesSource {
  readonly clientName: string;
  /** readClientUsage: only then is the Face class count asked for. */
  readonly canCount: boolean;
  /** deleteClasses: only then are the attached certificates asked for. */
  readonly canDelete: boolean;
}

const FACE = 'Face';

/**
 * A client's enrolled classes, its Face class count and whether a certificate is attached.
 * - Deletes update the list in place (and the Face count), so the other classes stay put.
 * - Removing the last trait's templates deletes the class, as the BFF does.
 * - A 409 from a delete means the certificate went away: the certificates are asked for again.
 */
@Injectable()
export class ClassesStore {
  private readonly api = inject(ClassesApi);
  private readonly certificatesApi = inject(CertificatesApi);

  private readonly classes = new Loadable<readonly BiometricClass[]>();
  private readonly faceCount = new Loadable<number>();
  private readonly certificates = new Loadable<readonly Certificate[]>();
  private readonly truncatedState = signal(false);
  private source: ClassesSource | null = null;

  readonly data = this.classes.data;
  readonly loading = this.classes.loading;
  readonly error = this.classes.error;
  /** The list stopped at MAX_LISTED_CLASSES: the client may have more. Deletes do not change it. */
  readonly truncated = this.truncatedState.asReadonly();
  readonly faceClassCount = this.faceCount.data;
  readonly faceClassCountError = this.faceCount.error;
  /** Null while unknown (not asked, loading or failed); deleting then is left to the BFF to refuse. */
  readonly certificateAttached = computed(() => {
    const attached = this.certificates.data();
    return attached === null ? null : attached.length > 0;
  });

  load(source: ClassesSource | null = this.source): void {
    if (!source) return;
    if (source.clientName !== this.source?.clientName) {
      this.classes.set(null);
      this.faceCount.set(null);
      this.certificates.set(null);
      this.truncatedState.set(false);
    }
    this.source = source;
    this.classes.load(
      this.api
        .list(source.clientName)
        .pipe(tap((classes) => this.truncatedState.set(classes.length === MAX_LISTED_CLASSES))),
    );
    if (source.canCount) this.faceCount.load(this.api.faceClassCount(source.clientName));
    if (source.canDelete) this.loadCertificates(source.clientName);
  }

  /** Resolves with the BFF's Message. */
  deleteClass(classId: number): Promise<string> {
    return this.change(
      (clientName) => this.api.deleteClass(clientName, classId),
      (row) => (row.classId === classId ? null : row),
    );
  }

  /** Resolves with the BFF's Message. */
  deleteTemplates(classId: number, trait: string): Promise<string> {
    return this.change(
      (clientName) => this.api.deleteTemplates(clientName, classId, trait),
      (row) => {
        if (row.classId !== classId) return row;
        const traits = row.traits.filter((templates) => templates.trait !== trait);
        return traits.length === 0 ? null : { ...row, traits };
      },
    );
  }

  private async change(
    request: (clientName: string) => Observable<string>,
    update: (row: BiometricClass) => BiometricClass | null,
  ): Promise<string> {
    const source = this.source;
    if (!source) throw new ApiError(0, 'The classes have not been loaded yet.');
    let message: string;
    try {
      message = await firstValueFrom(request(source.clientName));
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.status === 409 && source.canDelete) this.loadCertificates(source.clientName);
      throw apiError;
    }
    this.applyLocally(update);
    return message;
  }

  private applyLocally(update: (row: BiometricClass) => BiometricClass | null): void {
    const rows = this.classes.data();
    if (!rows) return;
    let faceClassesRemoved = 0;
    const kept: BiometricClass[] = [];
    for (const row of rows) {
      const next = update(row);
      if (hasFace(row) && (next === null || !hasFace(next))) faceClassesRemoved++;
      if (next) kept.push(next);
    }
    this.classes.set(kept);
    const count = this.faceCount.data();
    if (count !== null) this.faceCount.set(Math.max(0, count - faceClassesRemoved));
  }

  private loadCertificates(clientName: string): void {
    this.certificates.load(this.certificatesApi.listForClient(clientName));
  }
}

function hasFace(row: BiometricClass): boolean {
  return row.traits.some((templates) => templates.trait === FACE);
}
