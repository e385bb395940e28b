import {
  ChangeDetectionStrategy,
  Component,
  ViewContainerRef,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { firstValueFrom } from 'rxjs';

import { toApiError } from '../../../core/http/api-error';
import { confirmAction } from '../../../shared/ui/confirm-dialog/confirm-dialog';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { showSecretOnce } from '../../../shared/ui/secret-once-dialog/secret-once-dialog';
import { TypedCellDef } from '../../../shared/ui/typed-cell-def';
import { KeysStore } from '../keys-store';
import { RotateKeyDialog, RotateKeyDialogData } from '../rotate-key-dialog/rotate-key-dialog';
import { IssuedKey, KeyStatus, WebApiKey } from '../web-api-key';
import { DateTime } from '../../../shared/time/date-time';

const STATUS_LABELS: Readonly<Record<KeyStatus, string>> = {
  active: 'Active',
  expiring: 'Ends soon',
  expired: 'Expired',
  revoked: 'Revoked',
};

/** A client's Web API keys: create, rotate and revoke; a new secret is shown once. */
@Component({
  selector: 'app-client-keys',
  imports: [ DateTime,
    EmptyState,
    ErrorState,
    MatButtonModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatTableModule,
    ReactiveFormsModule,
    TypedCellDef,
  ],
  providers: [KeysStore],
  templateUrl: './client-keys.html',
  styleUrl: './client-keys.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ClientKeys {
  private readonly store = inject(KeysStore);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly viewContainerRef = inject(ViewContainerRef);

  readonly clientName = input.required<string>();
  /** A key was created, rotated or revoked: the client has a change to push. */
  readonly changed = output<void>();

  protected readonly columns = ['appId', 'label', 'status', 'createdAt', 'expiresAt', 'lastUsedAt', 'actions'];
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly data = this.store.data;
  protected readonly loading = this.store.loading;
  protected readonly error = this.store.error;
  protected readonly creating = signal(false);
  protected readonly createError = signal<string | null>(null);
  protected readonly createForm = new FormGroup({
    label: new FormControl('', { nonNullable: true, validators: Validators.maxLength(100) }),
  });

  constructor() {
    effect(() => {
      const clientName = this.clientName();
      untracked(() => this.store.load(clientName));
    });
  }

  protected retry(): void {
    this.store.load();
  }

  protected async create(): Promise<void> {
    if (this.createForm.invalid || this.creating()) return;
    this.creating.set(true);
    this.createError.set(null);
    try {
      const issued = await this.store.create(this.createForm.controls.label.value.trim());
      this.createForm.reset();
      this.changed.emit();
      await this.reveal(issued);
      this.snackBar.open('Key created', 'Dismiss', { duration: 5000 });
    } catch (error) {
      this.createError.set(toApiError(error).message);
    } finally {
      this.creating.set(false);
    }
  }

  protected async rotate(key: WebApiKey): Promise<void> {
    const ref = this.dialog.open<RotateKeyDialog, RotateKeyDialogData, IssuedKey>(RotateKeyDialog, {
      data: { key },
      viewContainerRef: this.viewContainerRef,
      width: '32rem',
    });
    const issued = await firstValueFrom(ref.afterClosed());
    if (!issued) return;
    this.changed.emit();
    await this.reveal(issued);
    this.snackBar.open('Key rotated', 'Dismiss', { duration: 5000 });
  }

  protected async revoke(key: WebApiKey): Promise<void> {
    const revoked = await confirmAction(this.dialog, {
      title: 'Revoke key?',
      message: `Applications using ${key.appId}${key.label ? ` (${key.label})` : ''} stop getting tokens immediately. This cannot be undone.`,
      confirmLabel: 'Revoke key',
      action: () => this.store.revoke(key.appId),
    });
    if (!revoked) return;
    this.snackBar.open('Key revoked', 'Dismiss', { duration: 5000 });
    this.changed.emit();
  }

  protected isUsable(key: WebApiKey): boolean {
    return key.status === 'active' || key.status === 'expiring';
  }

  private reveal(issued: IssuedKey): Promise<void> {
    return showSecretOnce(this.dialog, { appId: issued.key.appId, appSecret: issued.appSecret });
  }
}
