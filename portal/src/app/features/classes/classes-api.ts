import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';

import { BiometricClass, parseClassCount, parseClassList, parseDeleteAnswer } from './biometric-class';

/** How many classes the portal lists; the BFF answers up to 100,000, a table needs far fewer. */
export const MAX_LISTED_CLASSES = 1000;

const clientPath = (clientName: string) => `/api/clients/${encodeURIComponent(clientName)}`;
const classPath = (clientName: string, classId: number) => `${clientPath(clientName)}/classes/${classId}`;

/**
 * A client's enrolled classes. Listing needs readClientLog, counting readClientUsage;
 * deleting needs deleteClasses and a certificate attached to the client (409 without one).
 */
@Injectable({ providedIn: 'root' })
export class ClassesApi {
  private readonly http = inject(HttpClient);

  list(clientName: string, maxClasses = MAX_LISTED_CLASSES): Observable<readonly BiometricClass[]> {
    const params = new HttpParams().set('maxclasses', maxClasses);
    return this.http.get<unknown>(`${clientPath(clientName)}/classes`, { params }).pipe(map(parseClassList));
  }

  /** How many classes have Face templates. */
  faceClassCount(clientName: string): Observable<number> {
    return this.http.get<unknown>(`${clientPath(clientName)}/Face/classcount`).pipe(map(parseClassCount));
  }

  /** Deletes the whole class; answers the BFF's Message. */
  deleteClass(clientName: string, classId: number): Observable<string> {
    return this.http.delete<unknown>(classPath(clientName, classId)).pipe(map(parseDeleteAnswer));
  }

  /** Deletes the templates of one trait of the class (a "pattern"); answers the BFF's Message. */
  deleteTemplates(clientName: string, classId: number, trait: string): Observable<string> {
    return this.http
      .delete<unknown>(`${classPath(clientName, classId)}/${encodeURIComponent(trait)}`)
      .pipe(map(parseDeleteAnswer));
  }
}
