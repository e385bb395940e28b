import { HttpClient } from '@angular/common/http';
import { Observable, map } from 'rxjs';

import { asObject, readString } from '../http/json-parse';

/**
 * Settings the portal needs before it can sign anyone in. The BFF serves them publicly at
 * `/portal-config.json`, so one build runs against the embedded IdP or any external issuer.
 */
export interface PortalConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly scope: string;
}

export const PORTAL_CONFIG_URL = '/portal-config.json';

export function parsePortalConfig(body: unknown): PortalConfig {
  const what = 'portal-config.json';
  const config = asObject(body, what);
  return {
    issuer: readString(config, 'issuer', what),
    clientId: readString(config, 'clientId', what),
    scope: readString(config, 'scope', what),
  };
}

export function fetchPortalConfig(http: HttpClient): Observable<PortalConfig> {
  return http.get<unknown>(PORTAL_CONFIG_URL).pipe(map(parsePortalConfig));
}
