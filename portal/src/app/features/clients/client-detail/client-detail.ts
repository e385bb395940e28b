import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  ViewContainerRef,
  computed,
  effect,
  inject,
  untracked,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { Title } from '@angular/platform-browser';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { firstValueFrom, map } from 'rxjs';

import { AuthStore } from '../../../core/auth/auth-store';
import { readsInstallation } from '../../../core/auth/me';
import { confirmAction } from '../../../shared/ui/confirm-dialog/confirm-dialog';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { AuditFilter } from '../../audit/audit-api';
import { AuditTrail } from '../../audit/audit-trail/audit-trail';
import { ClientClasses } from '../../classes/client-classes/client-classes';
import { ClientCertificates } from '../../certificates/client-certificates/client-certificates';
import { ClientKeys } from '../../keys/client-keys/client-keys';
import { PermissionTarget } from '../../permissions/permission';
import { PermissionsPanel } from '../../permissions/permissions-panel/permissions-panel';
import { SyncStatus } from '../../sync/sync-status/sync-status';
import { BwsLogViewer } from '../../usage/bws-log-viewer/bws-log-viewer';
import { SampleGallery } from '../../usage/sample-gallery/sample-gallery';
import { UsageTab } from '../../usage/usage-tab/usage-tab';
import { UsageTarget, sameTarget } from '../../usage/usage-target';
import { OwnershipMode } from '../client';
import { ClientSettings } from '../client-settings/client-settings';
import { ClientStore } from '../client-store';
import { OwnershipDialog, OwnershipDialogData } from '../ownership-dialog/ownership-dialog';

/**
 * One client: its sync status, usage, settings, Web API keys, certificates, log, logged
 * images, enrolled classes, permissions and audit, as the user may see them. Saving a
 * setting, key or certificate, or deleting a class, queues a change for the installation,
 * so the sync status is asked for again right after.
 */
@Component({
  selector: 'app-client-detail',
  imports: [
    AuditTrail,
    BwsLogViewer,
    ClientCertificates,
    ClientClasses,
    ClientKeys,
    ClientSettings,
    DatePipe,
    EmptyState,
    ErrorState,
    MatButtonModule,
    MatChipsModule,
    MatIconModule,
    MatProgressBarModule,
    MatTabsModule,
    PermissionsPanel,
    RouterLink,
    SampleGallery,
    SyncStatus,
    UsageTab,
  ],
  providers: [ClientStore],
  templateUrl: './client-detail.html',
  styleUrl: './client-detail.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ClientDetail {
  private readonly store = inject(ClientStore);
  private readonly auth = inject(AuthStore);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  private readonly title = inject(Title);
  private readonly viewContainerRef = inject(ViewContainerRef);

  private readonly syncStatus = viewChild(SyncStatus);
  private readonly name = toSignal(inject(ActivatedRoute).paramMap.pipe(map((params) => params.get('name') ?? '')), {
    initialValue: '',
  });

  protected readonly client = this.store.data;
  protected readonly loading = this.store.loading;
  protected readonly error = this.store.error;
  protected readonly isAdmin = computed(() => this.auth.me()?.isPlatformAdmin === true);
  protected readonly canReadAudit = computed(() => this.isAdmin() || this.client()?.role === 'Owner');
  /** The installation's page opens only for users who read the installation itself. */
  protected readonly linksToInstallation = computed(() => {
    const me = this.auth.me();
    const client = this.client();
    return me !== null && client !== null && readsInstallation(me, client.installation.id);
  });
  protected readonly permissionTarget = computed<PermissionTarget | null>(() => {
    const client = this.client();
    return client ? { kind: 'client', name: client.name } : null;
  });
  /** Kept while the name stays, so saving a setting does not reload the usage or the log. */
  protected readonly usageTarget = computed<UsageTarget | null>(
    () => {
      const name = this.client()?.name;
      return name ? { kind: 'client', name } : null;
    },
    { equal: sameTarget },
  );
  protected readonly auditFilter = computed<AuditFilter>(() => ({ objectType: 'client', objectId: this.client()?.id }));

  constructor() {
    effect(() => {
      const name = this.name();
      untracked(() => this.store.load(name));
    });
    effect(() => {
      const name = this.client()?.name;
      if (name) this.title.setTitle(`${name} | Clients | BWS Portal`);
    });
  }

  protected retry(): void {
    this.store.load();
  }

  /** A saved setting, key, certificate or class delete waits to be pushed: show the new backlog. */
  protected refreshSync(): void {
    this.syncStatus()?.refresh();
  }

  protected async changeOwnership(): Promise<void> {
    const client = this.client();
    if (!client?.allowed.has('manageClientOwnership')) return;
    const ref = this.dialog.open<OwnershipDialog, OwnershipDialogData, OwnershipMode>(OwnershipDialog, {
      data: { clientName: client.name },
      viewContainerRef: this.viewContainerRef,
      width: '34rem',
    });
    const mode = await firstValueFrom(ref.afterClosed());
    if (mode) this.snackBar.open(mode === 'transfer' ? 'Ownership transferred' : 'Owner added', 'Dismiss', { duration: 5000 });
  }

  protected async deleteClient(): Promise<void> {
    const client = this.client();
    if (!client) return;
    const deleted = await confirmAction(this.dialog, {
      title: 'Delete client?',
      message: `“${client.name}”, its Web API keys and permissions are deleted and it stops working in ${client.installation.name}. This cannot be undone.`,
      confirmLabel: 'Delete client',
      typeToConfirm: client.name,
      action: () => this.store.remove(),
    });
    if (!deleted) return;
    this.snackBar.open(`Client “${client.name}” deleted`, 'Dismiss', { duration: 5000 });
    await this.router.navigate(['/clients']);
  }
}
