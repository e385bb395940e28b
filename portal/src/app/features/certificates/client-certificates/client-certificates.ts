import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  ViewContainerRef,
  computed,
  effect,
  inject,
  input,
  output,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import { confirmAction } from '../../../shared/ui/confirm-dialog/confirm-dialog';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { TypedCellDef } from '../../../shared/ui/typed-cell-def';
import {
  AttachCertificateDialog,
  AttachCertificateDialogData,
} from '../attach-certificate-dialog/attach-certificate-dialog';
import { Certificate, groupThumbprint } from '../certificate';
import { ClientCertificatesStore } from '../client-certificates-store';
import { Pkcs12DownloadDialog, Pkcs12DownloadDialogData } from '../pkcs12-download-dialog/pkcs12-download-dialog';

/** The certificates attached to a client: attach from its installation's, detach, download. */
@Component({
  selector: 'app-client-certificates',
  imports: [
    DatePipe,
    EmptyState,
    ErrorState,
    MatButtonModule,
    MatChipsModule,
    MatIconModule,
    MatProgressBarModule,
    MatTableModule,
    RouterLink,
    TypedCellDef,
  ],
  providers: [ClientCertificatesStore],
  templateUrl: './client-certificates.html',
  styleUrl: './client-certificates.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ClientCertificates {
  private readonly store = inject(ClientCertificatesStore);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly viewContainerRef = inject(ViewContainerRef);

  readonly clientName = input.required<string>();
  /** The client's installation, where certificates are uploaded before a client can use one. */
  readonly installation = input.required<{ readonly id: string; readonly name: string }>();
  /** Whether the user may open the installation's page (and upload there, see canUpload). */
  readonly canOpenInstallation = input(false);
  /** manageCertificates on the installation. */
  readonly canUpload = input(false);
  /** manageClientCertificates on the client: attach, detach and download. */
  readonly canManage = input(false);
  /** A certificate was attached or detached: the client has a change to push. */
  readonly changed = output<void>();

  protected readonly columns = computed(() =>
    this.canManage() ? ['name', 'validity', 'thumbprint', 'actions'] : ['name', 'validity', 'thumbprint'],
  );
  protected readonly data = this.store.data;
  protected readonly loading = this.store.loading;
  protected readonly error = this.store.error;
  protected readonly attachable = this.store.attachable;
  protected readonly groupThumbprint = groupThumbprint;
  /**
   * Why Attach is disabled, in words shown beside the button; empty when it is not. Certificates
   * are uploaded on the installation first, so the reason says whether it has none or all of
   * them are attached, and `nextStep` links there when the user may upload.
   */
  protected readonly attachBlocked = computed(() => {
    const attachable = this.attachable();
    const installation = this.installation().name;
    if (attachable === null) return `The certificates of installation ${installation} could not be loaded.`;
    if (attachable.length > 0) return '';
    return this.store.installationCertificateCount() === 0
      ? `Installation ${installation} has no certificates yet: a certificate is uploaded on the installation first, then attached here.`
      : `Every certificate of installation ${installation} is attached to this client already.`;
  });
  protected readonly nextStep = computed(() => {
    if (this.attachable()?.length !== 0) return null;
    const uploadable = this.canUpload() && this.canOpenInstallation();
    return {
      link: uploadable ? ['/installations', this.installation().id] : null,
      text: uploadable
        ? `Upload a certificate on ${this.installation().name}’s Certificates tab`
        : `Ask an Owner or Editor of installation ${this.installation().name} to upload one`,
    };
  });

  constructor() {
    effect(() => {
      const source = { clientName: this.clientName(), canAttach: this.canManage() };
      untracked(() => this.store.load(source));
    });
  }

  protected retry(): void {
    this.store.load();
  }

  protected async attach(): Promise<void> {
    const certificates = this.attachable();
    if (this.attachBlocked() || !certificates?.length) return;
    const ref = this.dialog.open<AttachCertificateDialog, AttachCertificateDialogData, Certificate>(AttachCertificateDialog, {
      data: { certificates },
      viewContainerRef: this.viewContainerRef,
      width: '32rem',
    });
    const attached = await firstValueFrom(ref.afterClosed());
    if (!attached) return;
    this.snackBar.open(`Certificate “${attached.name}” attached`, 'Dismiss', { duration: 5000 });
    this.changed.emit();
  }

  protected async detach(certificate: Certificate): Promise<void> {
    const detached = await confirmAction(this.dialog, {
      title: 'Detach certificate?',
      message: `The client stops accepting “${certificate.name}”. The certificate stays on the installation.`,
      confirmLabel: 'Detach',
      action: () => this.store.detach(certificate.id),
    });
    if (!detached) return;
    this.snackBar.open('Certificate detached', 'Dismiss', { duration: 5000 });
    this.changed.emit();
  }

  protected async download(certificate: Certificate): Promise<void> {
    const ref = this.dialog.open<Pkcs12DownloadDialog, Pkcs12DownloadDialogData, string>(Pkcs12DownloadDialog, {
      data: { certificate },
      viewContainerRef: this.viewContainerRef,
      width: '30rem',
    });
    const fileName = await firstValueFrom(ref.afterClosed());
    if (fileName) this.snackBar.open(`Saved ${fileName}`, 'Dismiss', { duration: 5000 });
  }
}
