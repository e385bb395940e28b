import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';

import { BwsLogPage, BwsLogResult, parseBwsLogPage } from './bws-log-entry';
import { DiagnosticEntry, parseDiagnostics } from './diagnostic-entry';
import { SamplePage, parseSamplePage } from './logged-sample';
import { UsageTarget, targetPath } from './usage-target';

/** Which log entries to show; empty fields do not filter. `client` filters installation logs only. */
export interface BwsLogFilter {
  readonly operation: string;
  readonly result: BwsLogResult | '';
  readonly errorCode: string;
  readonly instance: string;
  readonly client: string;
}

export interface PageQuery {
  /** ISO date-time, inclusive. */
  readonly from: string;
  /** ISO date-time, exclusive. */
  readonly to: string;
  readonly skip: number;
  readonly take: number;
}

export type BwsLogQuery = PageQuery & BwsLogFilter;

const CLIENT_FILTERS: readonly (keyof BwsLogFilter)[] = ['operation', 'result', 'errorCode', 'instance'];
const INSTALLATION_FILTERS: readonly (keyof BwsLogFilter)[] = [...CLIENT_FILTERS, 'client'];

export const NO_BWS_LOG_FILTER: BwsLogFilter = { operation: '', result: '', errorCode: '', instance: '', client: '' };

/** What BWS and the BFF logged: calls (bwslog), images (samples) and an installation's sync problems. */
@Injectable({ providedIn: 'root' })
export class LogApi {
  private readonly http = inject(HttpClient);

  /** Needs readClientLog for a client, readInstallationLog for an installation. */
  bwsLog(target: UsageTarget, query: BwsLogQuery): Observable<BwsLogPage> {
    let params = pageParams(query);
    const filters = target.kind === 'installation' ? INSTALLATION_FILTERS : CLIENT_FILTERS;
    for (const key of filters) {
      const value = query[key].trim();
      if (value) params = params.set(key, value);
    }
    return this.http.get<unknown>(`${targetPath(target)}/bwslog`, { params }).pipe(map(parseBwsLogPage));
  }

  samples(clientName: string, query: PageQuery): Observable<SamplePage> {
    return this.http
      .get<unknown>(samplesPath(clientName), { params: pageParams(query) })
      .pipe(map(parseSamplePage));
  }

  /** The image bytes; fetched with the bearer token, which an `<img src>` could not send. */
  sampleImage(clientName: string, sampleId: string): Observable<Blob> {
    return this.http.get(`${samplesPath(clientName)}/${encodeURIComponent(sampleId)}/image`, { responseType: 'blob' });
  }

  diagnostics(installationId: string): Observable<readonly DiagnosticEntry[]> {
    return this.http
      .get<unknown>(`${targetPath({ kind: 'installation', id: installationId })}/diagnostics`)
      .pipe(map(parseDiagnostics));
  }
}

function samplesPath(clientName: string): string {
  return `${targetPath({ kind: 'client', name: clientName })}/samples`;
}

function pageParams(query: PageQuery): HttpParams {
  return new HttpParams().set('from', query.from).set('to', query.to).set('skip', query.skip).set('take', query.take);
}
