import { ChangeDetectionStrategy, Component, computed, effect, inject, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Title } from '@angular/platform-browser';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { map } from 'rxjs';

import { AuthStore } from '../../../core/auth/auth-store';
import { confirmAction } from '../../../shared/ui/confirm-dialog/confirm-dialog';
import { ErrorState } from '../../../shared/ui/error-state';
import { AuditFilter } from '../../audit/audit-api';
import { AuditTrail } from '../../audit/audit-trail/audit-trail';
import { InstallationCertificates } from '../../certificates/installation-certificates/installation-certificates';
import { PermissionTarget } from '../../permissions/permission';
import { PermissionsPanel } from '../../permissions/permissions-panel/permissions-panel';
import { BwsLogViewer } from '../../usage/bws-log-viewer/bws-log-viewer';
import { InstallationDiagnostics } from '../../usage/installation-diagnostics/installation-diagnostics';
import { UsageTab } from '../../usage/usage-tab/usage-tab';
import { UsageTarget, sameTarget } from '../../usage/usage-target';
import { InstallationClients } from '../installation-clients/installation-clients';
import { InstallationOverview } from '../installation-overview/installation-overview';
import { InstallationStore } from '../installation-store';

/**
 * One installation: overview, usage, clients, certificates, log, diagnostics, permissions
 * and audit, as the user may see them.
 */
@Component({
  selector: 'app-installation-detail',
  imports: [
    AuditTrail,
    BwsLogViewer,
    ErrorState,
    InstallationCertificates,
    InstallationClients,
    InstallationDiagnostics,
    InstallationOverview,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatTabsModule,
    MatTooltipModule,
    PermissionsPanel,
    RouterLink,
    UsageTab,
  ],
  providers: [InstallationStore],
  templateUrl: './installation-detail.html',
  styleUrl: './installation-detail.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InstallationDetail {
  private readonly store = inject(InstallationStore);
  private readonly auth = inject(AuthStore);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  private readonly title = inject(Title);

  private readonly id = toSignal(inject(ActivatedRoute).paramMap.pipe(map((params) => params.get('id') ?? '')), {
    initialValue: '',
  });

  protected readonly installation = this.store.data;
  protected readonly loading = this.store.loading;
  protected readonly error = this.store.error;
  protected readonly isAdmin = computed(() => this.auth.me()?.isPlatformAdmin === true);
  protected readonly canReadAudit = computed(() => this.isAdmin() || this.installation()?.role === 'Owner');
  protected readonly permissionTarget = computed<PermissionTarget | null>(() => {
    const installation = this.installation();
    return installation ? { kind: 'installation', id: installation.id } : null;
  });
  /** Kept while the id stays, so saving a change does not reload the usage or the log. */
  protected readonly usageTarget = computed<UsageTarget | null>(
    () => {
      const id = this.installation()?.id;
      return id ? { kind: 'installation', id } : null;
    },
    { equal: sameTarget },
  );
  protected readonly auditFilter = computed<AuditFilter>(() => ({ installationId: this.id() }));

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.store.load(id));
    });
    effect(() => {
      const name = this.installation()?.name;
      if (name) this.title.setTitle(`${name} | Installations | BWS Portal`);
    });
  }

  protected retry(): void {
    this.store.load();
  }

  /** New clients change the counts in the header and the storages' client numbers. */
  protected refresh(): void {
    this.store.load();
  }

  protected async deleteInstallation(): Promise<void> {
    const installation = this.installation();
    if (!installation || installation.clientCount > 0) return;
    const deleted = await confirmAction(this.dialog, {
      title: 'Delete installation?',
      message: `“${installation.name}”, its certificates and permissions are deleted. This cannot be undone.`,
      confirmLabel: 'Delete installation',
      typeToConfirm: installation.name,
      action: () => this.store.remove(),
    });
    if (!deleted) return;
    this.snackBar.open(`Installation “${installation.name}” deleted`, 'Dismiss', { duration: 5000 });
    await this.router.navigate(['/installations']);
  }
}
