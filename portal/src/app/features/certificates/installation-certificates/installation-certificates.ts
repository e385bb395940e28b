import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, ViewContainerRef, effect, inject, input, untracked, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatSort, MatSortModule } from '@angular/material/sort';
import { MatTableDataSource, MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import { confirmAction } from '../../../shared/ui/confirm-dialog/confirm-dialog';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { TypedCellDef } from '../../../shared/ui/typed-cell-def';
import { Certificate, groupThumbprint } from '../certificate';
import { CertificateUploadDialog } from '../certificate-upload-dialog/certificate-upload-dialog';
import { InstallationCertificatesStore } from '../installation-certificates-store';

/** An installation's certificates: who they name, how long they are valid, which clients use them. */
@Component({
  selector: 'app-installation-certificates',
  imports: [
    DatePipe,
    EmptyState,
    ErrorState,
    MatButtonModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSortModule,
    MatTableModule,
    MatTooltipModule,
    RouterLink,
    TypedCellDef,
  ],
  providers: [InstallationCertificatesStore],
  templateUrl: './installation-certificates.html',
  styleUrl: './installation-certificates.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InstallationCertificates {
  private readonly store = inject(InstallationCertificatesStore);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly viewContainerRef = inject(ViewContainerRef);

  readonly installationId = input.required<string>();
  /** manageCertificates on the installation: upload and delete. */
  readonly canManage = input(false);

  protected readonly columns = ['name', 'issuer', 'validity', 'thumbprint', 'clients', 'actions'];
  protected readonly data = this.store.data;
  protected readonly loading = this.store.loading;
  protected readonly error = this.store.error;
  protected readonly table = new MatTableDataSource<Certificate>([]);
  protected readonly groupThumbprint = groupThumbprint;

  private readonly sort = viewChild(MatSort);

  constructor() {
    this.table.sortingDataAccessor = (certificate, column) => {
      switch (column) {
        case 'validity':
          return certificate.notAfter;
        case 'issuer':
          return certificate.issuer.toLowerCase();
        default:
          return certificate.name.toLowerCase();
      }
    };
    this.table.filterPredicate = (certificate, filter) =>
      [certificate.name, certificate.subject, certificate.issuer, certificate.thumbprint, ...certificate.clients]
        .join(' ')
        .toLowerCase()
        .includes(filter);
    effect(() => {
      const installationId = this.installationId();
      untracked(() => this.store.load(installationId));
    });
    effect(() => {
      this.table.data = [...(this.data() ?? [])];
    });
    effect(() => {
      this.table.sort = this.sort() ?? null;
    });
  }

  protected filter(text: string): void {
    this.table.filter = text.trim().toLowerCase();
  }

  protected retry(): void {
    this.store.load();
  }

  protected async upload(): Promise<void> {
    const ref = this.dialog.open<CertificateUploadDialog, void, Certificate>(CertificateUploadDialog, {
      viewContainerRef: this.viewContainerRef,
      width: '40rem',
    });
    const uploaded = await firstValueFrom(ref.afterClosed());
    if (uploaded) this.snackBar.open(`Certificate “${uploaded.name}” uploaded`, 'Dismiss', { duration: 5000 });
  }

  protected async remove(certificate: Certificate): Promise<void> {
    if (certificate.clients.length > 0) return;
    const removed = await confirmAction(this.dialog, {
      title: 'Delete certificate?',
      message: `“${certificate.name}” and its private key are deleted from this installation. This cannot be undone.`,
      confirmLabel: 'Delete certificate',
      action: () => this.store.remove(certificate.id),
    });
    if (removed) this.snackBar.open('Certificate deleted', 'Dismiss', { duration: 5000 });
  }
}
