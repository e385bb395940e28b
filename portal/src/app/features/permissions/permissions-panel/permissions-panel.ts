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
import { firstValueFrom } from 'rxjs';

import { ROLES } from '../../../core/auth/role';
import { confirmAction } from '../../../shared/ui/confirm-dialog/confirm-dialog';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { TypedCellDef } from '../../../shared/ui/typed-cell-def';
import { describeUser } from '../../users/user';
import {
  GrantOutcome,
  GrantPermissionDialog,
  GrantPermissionDialogData,
} from '../grant-permission-dialog/grant-permission-dialog';
import { Permission, PermissionTarget } from '../permission';
import { PermissionsStore } from '../permissions-store';

/**
 * Who holds which role on an installation or a client: grant, change and revoke.
 * Shown only to those allowed to manage the object's permissions (Owners, administrators).
 */
@Component({
  selector: 'app-permissions-panel',
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
    TypedCellDef,
  ],
  providers: [PermissionsStore],
  templateUrl: './permissions-panel.html',
  styleUrl: './permissions-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PermissionsPanel {
  private readonly store = inject(PermissionsStore);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly viewContainerRef = inject(ViewContainerRef);

  readonly target = input.required<PermissionTarget>();
  /** "installation" or "client". */
  readonly objectKind = input.required<string>();
  /**
   * Whether the user may grant, change and revoke the Owner role here. A client's Owner role is
   * client ownership (installation Owners only): client Owners manage the other roles.
   */
  readonly canManageOwners = input(true);

  protected readonly columns = ['user', 'role', 'expiresAt', 'grantedBy', 'actions'];
  protected readonly data = this.store.data;
  protected readonly loading = this.store.loading;
  protected readonly error = this.store.error;
  protected readonly table = new MatTableDataSource<Permission>([]);
  protected readonly describeUser = describeUser;

  private readonly sort = viewChild(MatSort);

  constructor() {
    this.table.sortingDataAccessor = (permission, column) => {
      switch (column) {
        case 'user':
          return permission.user.displayName.toLowerCase();
        case 'role':
          return ROLES.indexOf(permission.role);
        case 'expiresAt':
          return permission.expiresAt ?? '9999';
        default:
          return permission.grantedBy ?? '';
      }
    };
    this.table.filterPredicate = (permission, filter) =>
      [permission.user.displayName, permission.user.username, permission.user.email ?? '', permission.role]
        .join(' ')
        .toLowerCase()
        .includes(filter);
    effect(() => {
      const target = this.target();
      untracked(() => this.store.load(target));
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

  protected grant(): void {
    void this.openGrantDialog(null);
  }

  protected changeRole(permission: Permission): void {
    void this.openGrantDialog(permission);
  }

  protected async revoke(permission: Permission): Promise<void> {
    const revoked = await confirmAction(this.dialog, {
      title: 'Revoke access?',
      message: `${describeUser(permission.user)} loses the ${permission.role} role on this ${this.objectKind()}.`,
      confirmLabel: 'Revoke access',
      action: () => this.store.revoke(permission.user.id),
    });
    if (revoked) this.snackBar.open('Access revoked', 'Dismiss', { duration: 5000 });
  }

  private async openGrantDialog(existing: Permission | null): Promise<void> {
    const ref = this.dialog.open<GrantPermissionDialog, GrantPermissionDialogData, GrantOutcome>(GrantPermissionDialog, {
      data: { existing, objectKind: this.objectKind(), canGrantOwner: this.canManageOwners() },
      viewContainerRef: this.viewContainerRef,
      width: '32rem',
    });
    const outcome = await firstValueFrom(ref.afterClosed());
    if (outcome === 'granted') this.snackBar.open('Permission granted', 'Dismiss', { duration: 5000 });
    if (outcome === 'changed') this.snackBar.open('Role changed', 'Dismiss', { duration: 5000 });
  }
}
