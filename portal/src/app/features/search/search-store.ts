import { Injectable, inject, signal } from '@angular/core';
import { Subscription, catchError, combineLatest, map, of } from 'rxjs';

import { ClientsApi } from '../clients/clients-api';
import { InstallationsApi } from '../installations/installations-api';

/**
 * What the toolbar's search finds for a text: clients by name (the BFF searches, as the
 * client list does) and installations by name (the user's few installations, filtered here).
 * Only the latest text's answer is kept; an installation list that cannot be read leaves
 * the clients standing.
 */
export interface SearchHit {
  readonly kind: 'client' | 'installation';
  readonly label: string;
  /** Installation of a client, for telling apart clients of the same name pattern. */
  readonly detail: string;
  readonly link: readonly string[];
}

export const MAX_HITS_PER_KIND = 6;

@Injectable()
export class SearchStore {
  private readonly clients = inject(ClientsApi);
  private readonly installations = inject(InstallationsApi);
  private pending: Subscription | undefined;

  readonly hits = signal<readonly SearchHit[]>([]);
  readonly loading = signal(false);

  search(text: string): void {
    this.pending?.unsubscribe();
    const q = text.trim();
    if (q.length === 0) {
      this.hits.set([]);
      this.loading.set(false);
      return;
    }
    this.loading.set(true);
    const lower = q.toLowerCase();
    this.pending = combineLatest([
      this.clients.list({ q, sort: 'name', dir: 'asc', offset: 0, limit: MAX_HITS_PER_KIND }).pipe(
        map((page) => page.items),
        catchError(() => of([])),
      ),
      this.installations.list().pipe(
        map((page) => page.items.filter((installation) => installation.name.toLowerCase().includes(lower))),
        catchError(() => of([])),
      ),
    ]).subscribe(([clients, installations]) => {
      this.hits.set([
        ...clients.map((client): SearchHit => ({
          kind: 'client',
          label: client.name,
          detail: `Client in ${client.installation.name}`,
          link: ['/clients', client.name],
        })),
        ...installations.slice(0, MAX_HITS_PER_KIND).map((installation): SearchHit => ({
          kind: 'installation',
          label: installation.name,
          detail: 'Installation',
          link: ['/installations', installation.id],
        })),
      ]);
      this.loading.set(false);
    });
  }
}
