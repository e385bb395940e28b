import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatMenuModule } from '@angular/material/menu';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';

import { confirmAction } from '../../../shared/ui/confirm-dialog/confirm-dialog';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { TypedCellDef } from '../../../shared/ui/typed-cell-def';
import { formatCount } from '../../usage/usage-format';
import { BiometricClass, TraitTemplates, describeTraits } from '../biometric-class';
import { MAX_LISTED_CLASSES } from '../classes-api';
import { ClassesStore } from '../classes-store';
import { DateTime } from '../../../shared/time/date-time';

export const CLASSES_PAGE_SIZE = 50;
export const NO_CERTIFICATE_REASON = 'Deleting needs a certificate attached to this client';

/**
 * A client's enrolled classes, filtered by class ID and paged in the browser. Users with
 * deleteClasses delete a class or one trait's templates; both go to the installation, and
 * both need a certificate attached to the client.
 */
@Component({
  selector: 'app-client-classes',
  imports: [ DateTime,
    EmptyState,
    ErrorState,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatMenuModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatTableModule,
    MatTooltipModule,
    RouterLink,
    TypedCellDef,
  ],
  providers: [ClassesStore],
  templateUrl: './client-classes.html',
  styleUrl: './client-classes.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ClientClasses {
  private readonly store = inject(ClassesStore);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  readonly clientName = input.required<string>();
  /** readClientUsage: shows the Face class count. */
  readonly canCount = input.required<boolean>();
  /** deleteClasses: offers the row actions. */
  readonly canDelete = input.required<boolean>();
  /** A delete was queued for the installation. */
  readonly changed = output<void>();

  protected readonly pageSize = CLASSES_PAGE_SIZE;
  protected readonly truncatedNote =
    `Showing the first ${formatCount(MAX_LISTED_CLASSES)} classes, by class ID. The filter searches only these.`;
  protected readonly noCertificateReason = NO_CERTIFICATE_REASON;
  protected readonly describeTraits = describeTraits;
  protected readonly data = this.store.data;
  protected readonly loading = this.store.loading;
  protected readonly error = this.store.error;
  protected readonly truncated = this.store.truncated;
  protected readonly faceClassCount = computed(() => {
    const count = this.store.faceClassCount();
    if (count === null) return null;
    return `${formatCount(count)} ${count === 1 ? 'class' : 'classes'} with Face templates`;
  });
  protected readonly faceClassCountError = this.store.faceClassCountError;
  /** Known to be missing; while unknown the BFF decides and its refusal is shown. */
  protected readonly deleteBlocked = computed(() => this.canDelete() && this.store.certificateAttached() === false);
  protected readonly columns = computed(() => {
    const columns = ['bcid', 'traits', 'enrolledAt', 'updatedAt'];
    return this.canDelete() ? [...columns, 'actions'] : columns;
  });

  protected readonly filter = signal('');
  private readonly requestedPage = signal(0);
  protected readonly filtered = computed(() => {
    const classes = this.data() ?? [];
    const text = this.filter().trim();
    return text ? classes.filter((row) => String(row.classId).includes(text)) : classes;
  });
  /** The requested page, or the last one when deletes or the filter left fewer. */
  protected readonly pageIndex = computed(() => {
    const lastPage = Math.max(0, Math.ceil(this.filtered().length / this.pageSize) - 1);
    return Math.min(this.requestedPage(), lastPage);
  });
  protected readonly pageRows = computed(() => {
    const start = this.pageIndex() * this.pageSize;
    return this.filtered().slice(start, start + this.pageSize);
  });

  constructor() {
    effect(() => {
      const source = { clientName: this.clientName(), canCount: this.canCount(), canDelete: this.canDelete() };
      untracked(() => {
        this.requestedPage.set(0);
        this.store.load(source);
      });
    });
  }

  protected retry(): void {
    this.store.load();
  }

  protected changeFilter(event: Event): void {
    this.filter.set((event.target as HTMLInputElement).value);
    this.requestedPage.set(0);
  }

  protected changePage(page: PageEvent): void {
    this.requestedPage.set(page.pageIndex);
  }

  protected async deleteClass(row: BiometricClass): Promise<void> {
    if (this.deleteBlocked()) return;
    let message = '';
    const deleted = await confirmAction(this.dialog, {
      title: `Delete class ${row.bcid}?`,
      message:
        `Class ${row.bcid} and all its templates (${describeTraits(row.traits)}) leave this list now and are ` +
        'queued for deletion on the installation, which deletes them in BWS. This cannot be undone.',
      confirmLabel: 'Delete class',
      action: async () => {
        message = await this.store.deleteClass(row.classId);
      },
    });
    if (deleted) this.done(message);
  }

  protected async deleteTemplates(row: BiometricClass, templates: TraitTemplates): Promise<void> {
    if (this.deleteBlocked()) return;
    const { trait } = templates;
    const lastTrait = row.traits.length === 1 ? ' The class has no other templates, so it is deleted too.' : '';
    let message = '';
    const deleted = await confirmAction(this.dialog, {
      title: `Delete ${trait} templates?`,
      message:
        `The ${templates.templates} ${trait} templates of class ${row.bcid} leave this list now and are queued ` +
        `for deletion on the installation, which deletes them in BWS.${lastTrait} This cannot be undone.`,
      confirmLabel: `Delete ${trait} templates`,
      action: async () => {
        message = await this.store.deleteTemplates(row.classId, trait);
      },
    });
    if (deleted) this.done(message);
  }

  private done(message: string): void {
    this.snackBar.open(message, 'Dismiss', { duration: 5000 });
    this.changed.emit();
  }
}
